"""`vigil import` (a message export into a case), `vigil evidence verify` and `vigil evidence bundle`.

Local commands act as the system, like `vigil case import`: the person running
them owns the database and the evidence store, and every use is written to the
audit log (custody events included).
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, DownloadColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from vigil.audit.service import record
from vigil.commands._runtime import database, fail, load_settings
from vigil.errors import NotFoundError, VigilError
from vigil.evidence.importing import ImportOptions, Preview, commit, preview
from vigil.evidence.store import store_for
from vigil.users.context import Actor

evidence_app = typer.Typer(help="Digital evidence: verify the stored originals, make a prosecutor's bundle.")
err = Console(stderr=True)
out = Console()


def import_export(
    file: Path = typer.Argument(..., help="The export: WhatsApp .txt/.zip, SMS backup XML, .eml/.mbox, JSON, CSV."),
    case: str = typer.Option(..., "--case", help="The case id to import into."),
    fmt: str = typer.Option(
        "auto", "--format", help="whatsapp, sms-backup, email, telegram, facebook, x-archive, csv, auto."
    ),
    tz: str = typer.Option("Europe/London", "--tz", help="The zone the phone or computer's clock was set to."),
    received_from: str | None = typer.Option(None, "--received-from", help="Who handed the file over."),
    suspect: list[str] = typer.Option([], "--suspect", help="Another suspect account, e.g. Dan or S1=Dan."),
    victim: list[str] = typer.Option([], "--victim", help="An account of the victim's, e.g. Sue."),
    gap: float | None = typer.Option(None, "--gap", help="Minutes of silence that end a burst (default 30)."),
    preview_only: bool = typer.Option(False, "--preview", help="Show what would be created; store nothing."),
) -> None:
    """Import a message export into a case: its original stored by SHA-256, incidents created, case re-assessed."""
    settings = load_settings()
    options = ImportOptions(
        filename=file.name,
        tz=tz,
        fmt=fmt,
        received_from=received_from,
        gap_minutes=gap if gap is not None else settings.evidence_gap_minutes,
        suspect=suspect,
        victim=victim,
    )
    actor = Actor(None, "cli")
    try:
        if not file.is_file():
            raise NotFoundError(f"no such file: {file}", hint="check the path", path=str(file))
        with database(settings) as session:
            if preview_only:
                shown = preview(session, actor, case, file, options)
                _print_preview(shown)
                return
            store = store_for(settings)
            with _progress() as bar:
                task = bar.add_task("storing the original", total=file.stat().st_size)
                staged = store.stage_file(file, lambda n: bar.advance(task, n))
                try:

                    def step(stage: str, done: int, total: int | None) -> None:
                        bar.update(task, description=stage, completed=done, total=total)

                    result = commit(session, actor, case, staged, store, options, step)
                except BaseException:
                    store.discard(staged)
                    raise
    except VigilError as exc:
        raise fail(exc, 1) from None
    item = result.item
    out.print(f"[bold]{item.ref}[/] of case {escape(case)}: {escape(item.original_filename)}, {item.size:,} bytes")
    out.print(f"  SHA-256 {item.sha256}")
    out.print(
        f"  {item.message_count:,} messages read as {item.format} in {item.time_zone}; {_report_line(item.report)}"
    )
    out.print(f"  {len(result.incidents)} incident(s) created; case re-assessed (assessment {result.assessment.seq})")
    for alert in result.alerts:
        out.print(f"  [bold red]alert[/] {alert.kind}: {escape(alert.detail)}")


def _report_line(report: dict) -> str:  # type: ignore[type-arg]
    skipped = report.get("skipped_total", 0)
    conflicts = sum(c["count"] for c in report.get("zone_conflicts", []))
    parts = [f"{skipped} line(s) could not be read" if skipped else "every line read"]
    if conflicts:
        parts.append(f"{conflicts} time(s) stated in another zone")
    return ", ".join(parts)


def _progress() -> Progress:
    return Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        DownloadColumn(),
        TimeElapsedColumn(),
        console=err,
        transient=True,
    )


def _print_preview(shown: Preview) -> None:
    data = shown.as_dict(limit=50)
    out.print(f"[bold]Preview[/] (nothing stored): {escape(shown.filename)} as {shown.format} in {shown.time_zone}")
    roles = data["messages"]
    out.print(
        "  messages: "
        + ", ".join(f"{roles.get(k, 0)} {k}" for k in ("suspect", "victim", "other", "system"))
        + f"; {_report_line(data['report'])}"
    )
    out.print(escape(f"  suspect accounts: {data['identifiers']['suspects']}; victim: {data['identifiers']['victim']}"))
    for sender in data["unnamed_senders"]:
        out.print(
            f"  [yellow]not attributed[/]: {escape(sender['sender'])} ({sender['messages']} messages): "
            "name it with --suspect or --victim"
        )
    for line in data["report"]["skipped"][:20]:
        out.print(f"  skipped {escape(line['ref'])}: {escape(line['reason'])}")
    for conflict in data["report"]["zone_conflicts"]:
        out.print(
            f"  [yellow]zone conflict[/]: {conflict['count']} time(s) stated as {conflict['stated_offset']}, "
            f"the zone gives {conflict['zone_offset']} (first at {conflict['first_ref']})"
        )
    out.print(f"  would create {data['incidents_total']} incident(s):")
    for incident in data["incidents"]:
        first = incident["narrative"].splitlines()[0]
        out.print(
            f"    {incident['id']}  {incident['occurred_at']}  {len(incident['evidence'])} msg  {escape(first[:90])}"
        )
    if data["clashes"]:
        out.print(f"  [red]already in the case[/]: {', '.join(data['clashes'])}")


@evidence_app.command("verify")
def verify_cmd(
    skip_messages: bool = typer.Option(False, "--originals-only", help="Re-hash originals only, not message rows."),
) -> None:
    """Re-hash every stored original and message, check custody and the audit chain; exit 1 on any problem."""
    from vigil.evidence.verify import verify_evidence

    settings = load_settings()
    with database(settings) as session:
        result = verify_evidence(session, store_for(settings), messages=not skip_messages)
        record(
            session,
            Actor(None, "cli"),
            "verify",
            "evidence-store",
            None,
            None,
            {"originals": result.originals, "messages": result.messages, "problems": len(result.problems)},
        )
    if result.problems:
        for problem in result.problems:
            typer.echo(problem.message, err=True)
        typer.echo(f"evidence NOT intact: {len(result.problems)} problem(s)", err=True)
        raise typer.Exit(1)
    typer.echo(
        f"evidence intact: {result.originals} original(s), {result.bytes_hashed:,} bytes re-hashed, "
        f"{result.messages:,} message(s) re-hashed, chain of custody verified"
    )


@evidence_app.command("bundle")
def bundle_cmd(
    case: str = typer.Option(..., "--case", help="The case id."),
    out_dir: Path = typer.Option(Path("."), "--out", help="Folder to write the bundle (folder and .zip) into."),
) -> None:
    """Write a prosecutor's bundle: exhibit list, messages in context, custody, manifest of hashes, PDF summary."""
    from vigil.evidence.bundle import write_bundle
    from vigil.evidence.custody import open_case_as
    from vigil.users.access import Perm

    settings = load_settings()
    try:
        with database(settings) as session:
            actor = Actor(None, "cli")
            found = open_case_as(session, actor, case, Perm.READ)
            bundle = write_bundle(session, actor, found, store_for(settings), out_dir)
    except VigilError as exc:
        raise fail(exc) from None
    typer.echo(f"bundle folder: {bundle.folder} ({bundle.files} files)")
    typer.echo(f"bundle zip:    {bundle.zip_path}")
    typer.echo(f"manifest:      {bundle.folder / 'MANIFEST.sha256'} (SHA-256 {bundle.manifest_sha256})")
    typer.echo(f"summary:       {bundle.pdf_path or bundle.html_path}")
    if bundle.pdf_note:
        typer.echo(bundle.pdf_note, err=True)


def register(app: typer.Typer) -> None:
    app.command("import")(import_export)
    app.add_typer(evidence_app, name="evidence")
