"""Vigil: stalking and harassment case recognition, risk assessment and management."""

__version__ = "0.1.0"
