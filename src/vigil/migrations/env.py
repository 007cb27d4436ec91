"""Alembic environment: uses the connection handed over by `vigil.migrations.upgrade`."""

from __future__ import annotations

from alembic import context

from vigil.db import Base, import_all_models

import_all_models()
target_metadata = Base.metadata
config = context.config


def run() -> None:
    connection = config.attributes.get("connection")
    if connection is None:
        engine = config.attributes.get("engine")
        if engine is None:
            from vigil.config import Settings
            from vigil.db import make_engine

            engine = make_engine(Settings().database_url)
        with engine.begin() as conn:
            _migrate(conn)
    else:
        _migrate(connection)


def _migrate(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("offline migrations are not supported; run `vigil db upgrade`")
run()
