"""`vigil assess PATH... [--format json|jsonl|text]`: the contract's CLI.

Exit status: 0 all assessed, 1 some case failed validation (its error line is
printed and the rest are still assessed), 2 usage error.
"""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path

import orjson
import typer

from vigil.casefiles import read_cases
from vigil.contract import Assessment, AssessmentError
from vigil.errors import UsageError
from vigil.services.assessing import assess_document, error_for


class Format(StrEnum):
    json = "json"
    jsonl = "jsonl"
    text = "text"


def _dump(obj: Assessment | AssessmentError) -> bytes:
    return orjson.dumps(obj.model_dump(mode="json", exclude_none=False))


def assess(
    paths: list[Path] = typer.Argument(..., help="Case files (.json, .jsonl) or folders of them."),
    fmt: Format | None = typer.Option(
        None, "--format", "-f", help="json, jsonl or text (default: text on a terminal, else json)."
    ),
    as_of: str | None = typer.Option(None, "--as-of", help="Assess as on this date (YYYY-MM-DD); default today."),
) -> None:
    """Assess cases: course of conduct, classification, behaviours, risk, breaches, links, actions."""
    try:
        day = date.fromisoformat(as_of) if as_of else date.today()
    except ValueError:
        typer.echo(f"error: --as-of {as_of!r} is not a date (YYYY-MM-DD)", err=True)
        raise typer.Exit(2) from None
    chosen = fmt or (Format.text if sys.stdout.isatty() else Format.json)
    try:
        results = (
            error_for(raw.error, path=raw.where) if raw.error else assess_document(raw.data, day, raw.where)
            for raw in read_cases(paths)
        )
        failed = _emit(results, chosen)
    except UsageError as exc:
        typer.echo(f"error: {exc.message}", err=True)
        raise typer.Exit(2) from None
    raise typer.Exit(1 if failed else 0)


def _emit(results, chosen: Format) -> bool:  # type: ignore[no-untyped-def]
    out = sys.stdout.buffer
    failed = False
    if chosen is Format.jsonl:
        for r in results:
            failed |= isinstance(r, AssessmentError)
            out.write(_dump(r) + b"\n")
        out.flush()
        return failed
    if chosen is Format.json:
        items = list(results)
        failed = any(isinstance(r, AssessmentError) for r in items)
        if len(items) == 1:
            out.write(orjson.dumps(items[0].model_dump(mode="json"), option=orjson.OPT_INDENT_2))
        else:
            out.write(orjson.dumps([r.model_dump(mode="json") for r in items], option=orjson.OPT_INDENT_2))
        out.write(b"\n")
        out.flush()
        return failed
    from vigil.commands.assess_text import render_text

    return render_text(results)


def register(app: typer.Typer) -> None:
    app.command("assess")(assess)
