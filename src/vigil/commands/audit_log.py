"""`vigil audit-log verify`: check that no audit entry was edited, deleted or reordered."""

from __future__ import annotations

import typer

from vigil.audit.service import verify
from vigil.commands._runtime import database

audit_log_app = typer.Typer(help="The audit log of reads and writes of case data.", no_args_is_help=True)


@audit_log_app.command("verify")
def verify_cmd() -> None:
    """Walk the hash chain; exit 1 and list every break if the log was tampered with."""
    with database() as session:
        problems = list(verify(session))
        from vigil.audit.models import AuditHead

        head = session.get(AuditHead, 1)
        count = head.seq if head else 0
    if problems:
        for p in problems:
            typer.echo(f"TAMPERED: {p.message}", err=True)
        raise typer.Exit(1)
    typer.echo(f"audit log intact: {count} entries, hash chain verified")


def register(app: typer.Typer) -> None:
    app.add_typer(audit_log_app, name="audit-log")
