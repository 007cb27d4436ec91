"""Database fixtures for the inspection tests: the DB helper's backends (SQLite and PostgreSQL).

The same `engine` fixture as tests/db (PostgreSQL skipped, with the reason, when
it is unreachable), so database-mode audits are tested on both backends.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "db"))

from vigil_dbtest import connection, engine, session, sessions  # noqa: F401
