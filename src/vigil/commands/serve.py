"""`vigil serve [--demo]`: run the web app with uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import typer

from vigil.commands._runtime import fail, load_settings
from vigil.errors import VigilError


def seed_demo(session) -> None:  # type: ignore[no-untyped-def]
    """Demo data for `vigil serve --demo`. TODO(web UI issue): create demo users and cases here.

    Deliberately creates nothing yet: demo content arrives with the web UI.
    """
    return None


def serve(
    host: str | None = typer.Option(None, help="Address to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
    demo: bool = typer.Option(False, "--demo", help="Demo mode: a throwaway secret, demo data."),
) -> None:
    """Serve the API (and, later, the web pages)."""
    import uvicorn

    from vigil.db import open_database, session_factory, unit_of_work
    from vigil.web import create_app

    settings = load_settings()
    if demo:
        settings.demo = True
    try:
        settings.require_server_secret()
    except VigilError as exc:
        raise fail(exc, 2) from None
    engine = open_database(settings)
    if settings.demo:
        with unit_of_work(session_factory(engine)) as session:
            seed_demo(session)
    app = create_app(settings, engine=engine)
    uvicorn.run(app, host=host or settings.host, port=port or settings.port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
