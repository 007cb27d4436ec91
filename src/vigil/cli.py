"""The `vigil` command line: a thin Typer layer over services.

Each command group lives in its own module and is registered here, so this
file only wires them together.
"""

from __future__ import annotations

import typer

from vigil.commands import assess as assess_cmd
from vigil.commands import schema as schema_cmd

app = typer.Typer(
    name="vigil",
    help="Vigil: recognise, risk-assess and manage stalking and harassment cases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

assess_cmd.register(app)
schema_cmd.register(app)


def main() -> None:
    app()
