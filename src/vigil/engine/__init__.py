"""The decision engine: `assess(case, law, as_of) -> Assessment`.

Pure: it reads only its arguments (no database, files, clock or network), so
the same case, law and date always give the same assessment. One module per
step: text (narrative analysis), behaviours, conduct, classify, risk,
breaches, accounts, actions.
"""

from .assess import assess

__all__ = ["assess"]
