"""`vigil audit PATH...`: inspect a caseload against the standards the inspectorate used.

Reads `vigil.case/1` files, folders or .jsonl as a stream, assesses each case,
runs every check and reports: a Rich summary, an HTML report, or per-case CSV
or JSON. Exit status: 0 all audited, 1 some case could not be audited (it is
listed), 2 usage error. Database mode (no PATH) arrives with the database layer.
"""

from __future__ import annotations

import contextlib
import secrets
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import typer
from rich.console import Console

from vigil.contract import Category
from vigil.errors import UsageError, VigilError
from vigil.inspection.caseload import AuditFilter, RunStats, audit_paths, reservoir_sample
from vigil.inspection.catalogue import Catalogue, load_catalogue
from vigil.inspection.report_files import write_csv, write_json
from vigil.inspection.report_html import render_html
from vigil.inspection.report_text import render_summary
from vigil.inspection.results import CaseAudit
from vigil.inspection.summary import SummaryBuilder

HTML_CASE_ROWS = 5000
NO_DATABASE_YET = (
    "vigil audit without PATH audits the cases stored in the database, and Vigil's database "
    "layer is not built yet."
)
FILES_INSTEAD = "Give case files instead, e.g. vigil audit cases/ --format html --out audit.html"


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(
            f"{option} {value!r} is not a date", hint="write it as YYYY-MM-DD"
        ) from None


def _categories(values: list[str]) -> frozenset[Category]:
    chosen = set()
    for value in values:
        try:
            chosen.add(Category(value))
        except ValueError:
            known = ", ".join(c.value for c in Category)
            raise UsageError(
                f"--classification {value!r} is not a classification", hint=f"use one of: {known}"
            ) from None
    return frozenset(chosen)


def _tee(audits: Iterable[CaseAudit], builder: SummaryBuilder) -> Iterator[CaseAudit]:
    for audit in audits:
        builder.add(audit)
        yield audit


@contextlib.contextmanager
def _opened(out: Path | None) -> Iterator[IO[str]]:
    if out is None:
        yield sys.stdout
        return
    try:
        fh = out.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write ({exc.strerror})", path=str(out)) from None
    with fh:
        yield fh


def _emit(
    fmt: AuditFormat,
    audits: Iterable[CaseAudit],
    builder: SummaryBuilder,
    stats: RunStats,
    meta: dict[str, Any],
    out: Path | None,
    case_link: str | None,
) -> None:
    catalogue: Catalogue = builder.catalogue
    stream = _tee(audits, builder)
    with _opened(out) as fh:
        if fmt is AuditFormat.csv:
            write_csv(stream, fh, catalogue)
        elif fmt is AuditFormat.json:
            write_json(
                stream,
                fh,
                head={"meta": meta},
                tail=lambda: {
                    "counts": stats.as_dict(),
                    "problems": [p.as_dict() for p in stats.problems],
                    "summary": builder.build().as_dict(),
                },
            )
        elif fmt is AuditFormat.html:
            shown: list[CaseAudit] = []
            for audit in stream:
                if len(shown) < HTML_CASE_ROWS:
                    shown.append(audit)
            fh.write(
                render_html(
                    builder.build(), shown, stats, meta, catalogue, case_link, HTML_CASE_ROWS
                )
            )
        else:
            for _ in stream:
                pass
            console = Console(file=fh, width=120) if out else Console()
            if not console.is_terminal:
                console = Console(file=fh, width=120, no_color=True)
            render_summary(console, builder.build(), stats, meta)


def audit(
    paths: list[Path] = typer.Argument(
        None, help="Case files (.json, .jsonl) or folders of them. Without PATH: the database."
    ),
    fmt: AuditFormat = typer.Option(
        AuditFormat.text, "--format", "-f", help="text, json, csv or html."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file."),
    date_from: str | None = typer.Option(
        None, "--from", help="Only cases whose first incident is on or after this date."
    ),
    date_to: str | None = typer.Option(
        None, "--to", help="Only cases whose first incident is on or before this date."
    ),
    classification: list[str] = typer.Option(
        [], "--classification", help="Only cases Vigil classifies so (repeatable), e.g. stalking."
    ),
    team: list[str] = typer.Option([], "--team", help="Only cases of this team (repeatable)."),
    sample: int | None = typer.Option(
        None, "--sample", min=1, help="Audit a random sample of N cases."
    ),
    seed: int | None = typer.Option(
        None, "--seed", help="Seed for --sample, to draw the same sample again."
    ),
    as_of: str | None = typer.Option(
        None, "--as-of", help="Audit as on this date (YYYY-MM-DD); default today."
    ),
    case_link: str | None = typer.Option(
        None,
        "--case-link",
        help="HTML only: link each case, e.g. 'https://vigil.example/cases/{case_id}'.",
    ),
) -> None:
    """Audit case handling as the 2017 inspection did: recording, risk, investigation, PINs."""
    if not paths:
        typer.echo(NO_DATABASE_YET, err=True)
        typer.echo(FILES_INSTEAD, err=True)
        raise typer.Exit(2)
    try:
        day = _day(as_of, "--as-of") or date.today()
        filters = AuditFilter(
            date_from=_day(date_from, "--from"),
            date_to=_day(date_to, "--to"),
            classifications=_categories(classification),
            teams=frozenset(team),
        )
        if filters.date_from and filters.date_to and filters.date_from > filters.date_to:
            raise UsageError("--from is after --to", hint="swap the dates")
        if seed is not None and sample is None:
            raise UsageError("--seed needs --sample N", hint="e.g. --sample 50 --seed 7")
        catalogue = load_catalogue()
        stats = RunStats()
        audits: Iterable[CaseAudit] = audit_paths(paths, day, filters, stats, catalogue)
        meta: dict[str, Any] = {
            "as_of": day.isoformat(),
            "paths": [str(p) for p in paths],
            "filters": filters.as_dict(),
            "checks_version": catalogue.version,
            "sample": None,
        }
        if sample is not None:
            used_seed = seed if seed is not None else secrets.randbelow(10**9)
            drawn = reservoir_sample(audits, sample, used_seed)
            meta["sample"] = {
                "size": len(drawn),
                "requested": sample,
                "seed": used_seed,
                "population": stats.audited,
            }
            audits = drawn
        _emit(fmt, audits, SummaryBuilder(catalogue), stats, meta, out, case_link)
    except VigilError as exc:
        typer.echo(f"error: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        raise typer.Exit(2) from None
    if out is not None:
        typer.echo(f"Wrote {fmt.value} report to {out}", err=True)
    raise typer.Exit(1 if stats.problem_count else 0)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
