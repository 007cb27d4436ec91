"""`vigil audit [PATH...]`: inspect a caseload against the standards the inspectorate used.

With PATH it reads `vigil.case/1` files, folders or .jsonl as a stream,
assesses each case and runs every check; without PATH it audits the cases in
the database against their stored assessments, counting in SQL (audit_db.py).
Either way it reports a Rich summary, an HTML or PDF report, or per-case CSV or
JSON (audit_output.py). Exit status: 0 all audited, 1 some case could not be
audited (it is listed), 2 usage error.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import typer

from vigil.commands.audit_output import AuditFormat, emit
from vigil.contract import Category
from vigil.errors import UsageError, VigilError
from vigil.inspection.caseload import AuditFilter, RunStats, audit_paths, reservoir_sample
from vigil.inspection.catalogue import Catalogue, load_catalogue
from vigil.inspection.results import CaseAudit
from vigil.inspection.summary import SummaryBuilder


def _day(value: str | None, option: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"{option} {value!r} is not a date", hint="write it as YYYY-MM-DD") from None


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


def _audit_files(
    paths: list[Path],
    fmt: AuditFormat,
    filters: AuditFilter,
    day: date,
    sample: int | None,
    seed: int | None,
    meta: dict[str, Any],
    out: Path | None,
    case_link: str | None,
    catalogue: Catalogue,
) -> RunStats:
    stats = RunStats()
    audits: Iterable[CaseAudit] = audit_paths(paths, day, filters, stats, catalogue)
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
    builder = SummaryBuilder(catalogue)
    emit(fmt, _tee(audits, builder), builder.build, catalogue, stats, meta, out, case_link)
    return stats


def audit(
    paths: list[Path] = typer.Argument(
        None, help="Case files (.json, .jsonl) or folders of them. Without PATH: the database."
    ),
    fmt: AuditFormat = typer.Option(
        AuditFormat.text, "--format", "-f", help="text, json, csv, html or pdf (pdf needs --out)."
    ),
    out: Path | None = typer.Option(None, "--out", "-o", help="Write the report to this file."),
    date_from: str | None = typer.Option(
        None, "--from", help="Only cases whose first incident is on or after this date."
    ),
    date_to: str | None = typer.Option(None, "--to", help="Only cases whose first incident is on or before this date."),
    classification: list[str] = typer.Option(
        [], "--classification", help="Only cases Vigil classifies so (repeatable), e.g. stalking."
    ),
    team: list[str] = typer.Option([], "--team", help="Only cases of this team (repeatable)."),
    sample: int | None = typer.Option(None, "--sample", min=1, help="Audit a random sample of N cases."),
    seed: int | None = typer.Option(None, "--seed", help="Seed for --sample, to draw the same sample again."),
    as_of: str | None = typer.Option(None, "--as-of", help="Audit as on this date (YYYY-MM-DD); default today."),
    case_link: str | None = typer.Option(
        None,
        "--case-link",
        help="HTML and PDF: link each case, e.g. 'https://vigil.example/cases/{case_id}'.",
    ),
) -> None:
    """Audit case handling as the 2017 inspection did: recording, risk, investigation, PINs.

    Without PATH, audits the cases in the database (VIGIL_DATABASE_URL).
    """
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
        if fmt is AuditFormat.pdf and out is None:
            raise UsageError("--format pdf needs --out FILE", hint="e.g. --format pdf --out audit.pdf")
        catalogue = load_catalogue()
        meta: dict[str, Any] = {
            "as_of": day.isoformat(),
            "source": "files" if paths else "database",
            "paths": [str(p) for p in paths or []],
            "filters": filters.as_dict(),
            "checks_version": catalogue.version,
            "sample": None,
        }
        if paths:
            stats = _audit_files(paths, fmt, filters, day, sample, seed, meta, out, case_link, catalogue)
        else:
            from vigil.commands.audit_db import audit_database

            stats = audit_database(fmt, filters, day, sample, seed, meta, out, case_link, catalogue)
    except VigilError as exc:
        typer.echo(f"error: {exc.message}" + (f" ({exc.hint})" if exc.hint else ""), err=True)
        raise typer.Exit(2) from None
    if out is not None:
        typer.echo(f"Wrote {fmt.value} report to {out}", err=True)
    raise typer.Exit(1 if stats.problem_count else 0)


def register(app: typer.Typer) -> None:
    app.command("audit")(audit)
