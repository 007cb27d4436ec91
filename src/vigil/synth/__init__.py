"""Synthetic `vigil.case/1` cases that read like real police records, for demos and benchmarks.

Seeded and reproducible: pass a `random.Random` (or a seed to
`generate_cases`) and the same cases come back on every machine. The people,
numbers (Ofcom drama range) and addresses (example.* domains) are fictional.
Phrase banks: vocab.py, quotes.py and the archetypes_*.py modules.
"""

from .generator import archetype_keys, generate_case, generate_cases

__all__ = ["archetype_keys", "generate_case", "generate_cases"]
