"""The one place that reads the clock, so everything else can take `now` as an argument."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """Naive UTC: stored the same way on SQLite (no zones) and PostgreSQL."""
    return datetime.now(UTC).replace(tzinfo=None)
