"""`vigil db upgrade`: create or migrate the configured database to the latest schema."""

from __future__ import annotations

import typer

from vigil.commands._runtime import load_settings
from vigil.db import make_engine
from vigil.migrations import upgrade

db_app = typer.Typer(help="Database maintenance.", no_args_is_help=True)


@db_app.command("upgrade")
def upgrade_cmd() -> None:
    """Apply every migration not yet applied (safe to run any time)."""
    settings = load_settings()
    engine = make_engine(settings.database_url)
    try:
        upgrade(engine)
    finally:
        engine.dispose()
    typer.echo(f"database is up to date: {engine.url.render_as_string(hide_password=True)}")


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")
