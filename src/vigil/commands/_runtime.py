"""What database commands share: settings, a migrated database, one transaction, clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import typer
from pydantic import ValidationError
from sqlalchemy.orm import Session

from vigil.config import Settings
from vigil.db import open_database, session_factory, unit_of_work
from vigil.errors import VigilError


def load_settings() -> Settings:
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        typer.echo(f"error: configuration: {first['msg']}", err=True)
        raise typer.Exit(2) from None


@contextmanager
def database(settings: Settings | None = None) -> Iterator[Session]:
    """A session on the configured database (migrated on first use), committed on success."""
    settings = settings or load_settings()
    engine = open_database(settings)
    try:
        with unit_of_work(session_factory(engine)) as session:
            yield session
    finally:
        engine.dispose()


def fail(exc: VigilError, status: int = 1) -> typer.Exit:
    """Print a VigilError as one clear line (plus its hint) and return the Exit to raise."""
    where = f" ({exc.path})" if exc.path else ""
    typer.echo(f"error: {exc.message}{where}", err=True)
    if exc.hint:
        typer.echo(f"hint: {exc.hint}", err=True)
    return typer.Exit(status)
