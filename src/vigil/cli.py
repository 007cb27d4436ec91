"""The `vigil` command line: a thin Typer layer over services.

Each command group lives in its own module and is registered here, so this
file only wires them together.
"""

from __future__ import annotations

import typer

from vigil.commands import assess as assess_cmd
from vigil.commands import audit as audit_cmd
from vigil.commands import audit_log as audit_log_cmd
from vigil.commands import case as case_cmd
from vigil.commands import db as db_cmd
from vigil.commands import demo_cases as demo_cases_cmd
from vigil.commands import evidence as evidence_cmd
from vigil.commands import schema as schema_cmd
from vigil.commands import serve as serve_cmd
from vigil.commands import users as users_cmd

app = typer.Typer(
    name="vigil",
    help="Vigil: recognise, risk-assess and manage stalking and harassment cases.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

assess_cmd.register(app)
schema_cmd.register(app)
case_cmd.register(app)
users_cmd.register(app)
serve_cmd.register(app)
db_cmd.register(app)
audit_log_cmd.register(app)
audit_cmd.register(app)
demo_cases_cmd.register(app)
evidence_cmd.register(app)


def main() -> None:
    app()
