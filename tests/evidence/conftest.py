import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "db"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from vigil_dbtest import (  # noqa: F401
    SECRET,
    app,
    client,
    connection,
    engine,
    make_user,
    session,
    sessions,
)

from vigil.config import Settings


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "evidence-store"


@pytest.fixture
def settings(store_dir: Path) -> Settings:
    """The shared test settings, plus a private evidence store and a small upload limit."""
    return Settings(
        database_url="sqlite://",
        secret_key=SECRET,
        auto_migrate=False,
        max_body_bytes=64_000,
        evidence_dir=store_dir,
        evidence_max_bytes=400_000,
        login_max_failures=3,
    )
