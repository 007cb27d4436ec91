"""Migrations build a database that matches the models exactly, on every backend."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlalchemy.exc import DBAPIError
from typer.testing import CliRunner

from vigil.cli import app
from vigil.db import Base, import_all_models


def test_migrated_schema_matches_models(engine: Engine) -> None:
    # The fixture's database was built from an empty one by the migrations alone.
    import_all_models()
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == [], f"models and migrations differ: {diff}"


def test_every_model_table_exists(engine: Engine) -> None:
    import_all_models()
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_audit_log_refuses_update_and_delete(connection) -> None:  # type: ignore[no-untyped-def]
    connection.execute(
        text(
            "INSERT INTO audit_log (seq, at, action, object_type, detail, prev_hash, hash) "
            "VALUES (999999, CURRENT_TIMESTAMP, 'read', 'case', '{}', 'x', 'y')"
        )
    )
    for statement in (
        "UPDATE audit_log SET action = 'nothing' WHERE seq = 999999",
        "DELETE FROM audit_log WHERE seq = 999999",
    ):
        nested = connection.begin_nested()
        with pytest.raises(DBAPIError, match="append-only"):
            connection.execute(text(statement))
        nested.rollback()


def test_db_upgrade_command_creates_and_is_idempotent(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "sub" / "vigil.sqlite3"
    monkeypatch.setenv("VIGIL_DATABASE_URL", f"sqlite:///{db}")
    runner = CliRunner()
    for _ in range(2):
        result = runner.invoke(app, ["db", "upgrade"])
        assert result.exit_code == 0, result.output
        assert "up to date" in result.output
    assert db.exists()
