import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "db"))

from vigil_dbtest import (  # noqa: F401
    app,
    client,
    connection,
    engine,
    make_user,
    session,
    sessions,
    settings,
)
