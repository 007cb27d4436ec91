"""`vigil case import FILE...`, `vigil case export CASE_ID`, `vigil case show CASE_ID`.

Local commands run as the system (no user): they are for the person who runs
the server and owns its database, and each use is written to the audit log.
"""

from __future__ import annotations

from pathlib import Path

import orjson
import typer
from rich.console import Console

from vigil.audit.service import record
from vigil.casefiles import read_cases
from vigil.cases.reassess import latest_assessment
from vigil.cases.records import case_to_doc
from vigil.cases.service import create_case, load_full
from vigil.commands._runtime import database, fail
from vigil.errors import NotFoundError, VigilError
from vigil.users.context import Actor

case_app = typer.Typer(help="Store, export and show case records.", no_args_is_help=True)


@case_app.command("import")
def import_cases(
    paths: list[Path] = typer.Argument(..., help="vigil.case/1 files (.json, .jsonl) or folders."),
    team: str | None = typer.Option(None, help="Team that owns the imported cases."),
) -> None:
    """Store each case (and assess it); print the id of each case created."""
    failed = 0
    try:
        with database() as session:
            team_id = None
            if team:
                from vigil.users.service import team_by_name

                team_id = team_by_name(session, team).id
            actor = Actor(None, "cli")
            for raw in read_cases(paths):
                if raw.error:
                    typer.echo(f"error: {raw.error}", err=True)
                    failed += 1
                    continue
                try:
                    with session.begin_nested():
                        case = create_case(session, actor, raw.data, team_id=team_id)
                except VigilError as exc:
                    where = f" at {exc.path}" if exc.path else ""
                    typer.echo(f"error: {raw.where}: {exc.message}{where}", err=True)
                    failed += 1
                    continue
                typer.echo(case.reference)
    except VigilError as exc:
        raise fail(exc, 2) from None
    raise typer.Exit(1 if failed else 0)


def _load(session, case_id: str):  # type: ignore[no-untyped-def]
    case = load_full(session, case_id)
    if case is None:
        raise NotFoundError(f"no case {case_id!r}", hint="list imported ids with `vigil case import`")
    return case


@case_app.command("export")
def export_case(
    case_id: str = typer.Argument(..., help="The case id (case_id in the document)."),
) -> None:
    """Print the case as vigil.case/1, exactly as it was stored."""
    try:
        with database() as session:
            case = _load(session, case_id)
            doc = case_to_doc(case)
            record(session, Actor(None, "cli"), "export", "case", case_id, case_id)
    except VigilError as exc:
        raise fail(exc) from None
    typer.echo(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())


@case_app.command("show")
def show_case(
    case_id: str = typer.Argument(...),
    json_out: bool = typer.Option(False, "--json", help="Print the stored vigil.assessment/1 document."),
) -> None:
    """Print the case's current assessment."""
    try:
        with database() as session:
            case = _load(session, case_id)
            latest = latest_assessment(session, case)
            record(session, Actor(None, "cli"), "read", "assessment", case_id, case_id)
            level, override = case.risk_level, case.risk_override_level
    except VigilError as exc:
        raise fail(exc) from None
    if latest is None:
        typer.echo(f"case {case_id} has not been assessed")
        raise typer.Exit(1)
    doc = latest.document
    if json_out:
        typer.echo(orjson.dumps(doc, option=orjson.OPT_INDENT_2).decode())
        return
    console = Console()
    console.print(
        f"[bold]Case {case_id}[/]  assessed {latest.created_at:%Y-%m-%d %H:%M} "
        f"(as of {latest.as_of}, law {latest.law_version})"
    )
    console.print(f"Category: {doc['classification']['category']}")
    note = f" (override; Vigil said {doc['risk']['level']})" if override else ""
    console.print(f"Risk: [bold]{level}[/]{note}")
    for f in doc["risk"].get("factors", []):
        console.print(f"  - {f['code']}: {f['detail']}")
    for b in doc.get("breaches", []):
        console.print(f"Breach: order {b['order_id']}, incident {b['incident_id']}: {b['detail']}")
    for a in doc.get("actions", []):
        console.print(f"Action: {a['code']}: {a['reason']}")


def register(app: typer.Typer) -> None:
    app.add_typer(case_app, name="case")
