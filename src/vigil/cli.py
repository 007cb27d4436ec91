"""The `vigil` command line: a thin Typer layer over services.

Each command group lives in its own module and is registered here, so this
file only wires them together. The modules are imported by name, and a
command that needs no database or web stack (`vigil assess`, `vigil schema`)
loads only its own module: an officer's one-case assessment starts in a
fraction of a second instead of waiting for SQLAlchemy, Alembic and FastAPI.
"""

from __future__ import annotations

import importlib
import sys

import typer

# Registration order is the order `vigil --help` lists them in.
COMMAND_MODULES = (
    "assess",
    "schema",
    "case",
    "users",
    "serve",
    "db",
    "audit_log",
    "audit",
    "demo_cases",
    "evidence",
)
# Commands whose module is light enough to load alone (first CLI word -> module).
LIGHT = {"assess": "assess", "schema": "schema", "demo-cases": "demo_cases"}


def build_app(modules: tuple[str, ...] = COMMAND_MODULES) -> typer.Typer:
    app = typer.Typer(
        name="vigil",
        help="Vigil: recognise, risk-assess and manage stalking and harassment cases.",
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
    )

    @app.callback()
    def _root() -> None:
        """Vigil: recognise, risk-assess and manage stalking and harassment cases."""

    for name in modules:
        importlib.import_module(f"vigil.commands.{name}").register(app)
    return app


def __getattr__(name: str) -> typer.Typer:
    # `vigil.cli.app` (tests, tools) is the full application, built on first use.
    if name == "app":
        app = build_app()
        globals()["app"] = app
        return app
    raise AttributeError(name)


def main() -> None:
    first = sys.argv[1] if len(sys.argv) > 1 else ""
    modules = (LIGHT[first],) if first in LIGHT else COMMAND_MODULES
    build_app(modules)()
