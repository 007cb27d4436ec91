"""`vigil serve [--demo]`: run the web app with uvicorn, on 127.0.0.1 unless told otherwise."""

from __future__ import annotations

import typer

from vigil.commands._runtime import fail, load_settings
from vigil.errors import VigilError


def seed_demo(session, n_cases: int = 40):  # type: ignore[no-untyped-def]
    """Demo data for `vigil serve --demo`: a demo team, user and synthetic cases (vigil.web.demo)."""
    from vigil.web.demo import seed_demo as seed

    return seed(session, n_cases=n_cases)


def serve(
    host: str | None = typer.Option(None, help="Address to listen on (default 127.0.0.1)."),
    port: int | None = typer.Option(None, help="Port (default 8000)."),
    demo: bool = typer.Option(False, "--demo", help="Demo mode: a throwaway secret, demo data."),
    demo_cases: int = typer.Option(40, min=0, max=2000, help="How many synthetic cases --demo creates."),
) -> None:
    """Serve the web pages and the API. --demo uses its own database of synthetic cases."""
    import uvicorn

    from vigil.db import open_database, session_factory, unit_of_work
    from vigil.web import create_app

    settings = load_settings()
    if demo:
        from vigil.web.demo import demo_database_url

        settings.demo = True
        settings.database_url = demo_database_url()
    try:
        settings.require_server_secret()
    except VigilError as exc:
        raise fail(exc, 2) from None
    engine = open_database(settings)
    where_host, where_port = host or settings.host, port or settings.port
    if settings.demo:
        typer.echo(f"Vigil demo: preparing synthetic cases in {settings.database_url} ...")
        with unit_of_work(session_factory(engine)) as session:
            login = seed_demo(session, demo_cases)
        shown = "127.0.0.1" if where_host == "0.0.0.0" else where_host
        typer.echo(
            f"\n  Vigil demo is starting at http://{shown}:{where_port}/\n"
            f"  Sign in as: {login.username}   password: {login.password}\n"
            "  (demo mode only: synthetic cases, a separate database, a new password each start)\n"
        )
    app = create_app(settings, engine=engine)
    uvicorn.run(app, host=where_host, port=where_port, log_level="info")


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
