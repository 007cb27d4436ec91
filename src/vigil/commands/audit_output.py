"""Write an audit in the format asked for: Rich text, JSON, CSV, HTML or PDF.

Shared by the file and database modes so both produce the same report from
the same two things: the per-case audits (streamed, never all held) and the
summary (asked for only after the last case has gone past, so file mode can
build it on the way).
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from rich.console import Console

from vigil.errors import UsageError
from vigil.inspection.caseload import RunStats
from vigil.inspection.catalogue import Catalogue
from vigil.inspection.report_files import write_csv, write_json
from vigil.inspection.report_html import render_html
from vigil.inspection.report_pdf import html_to_pdf
from vigil.inspection.report_text import render_summary
from vigil.inspection.results import CaseAudit
from vigil.inspection.summary import Summary

HTML_CASE_ROWS = 5000
#: A PDF is for reading and filing; the full per-case list belongs in CSV.
PDF_CASE_ROWS = 500


class AuditFormat(StrEnum):
    text = "text"
    json = "json"
    csv = "csv"
    html = "html"
    pdf = "pdf"


def case_rows(fmt: AuditFormat) -> int | None:
    """How many cases the format lists: None for all, 0 for none (the text summary)."""
    return {
        AuditFormat.text: 0,
        AuditFormat.html: HTML_CASE_ROWS,
        AuditFormat.pdf: PDF_CASE_ROWS,
    }.get(fmt)


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


def _first(audits: Iterable[CaseAudit], limit: int) -> list[CaseAudit]:
    """The first `limit` audits, consuming the rest (file mode builds its summary from them)."""
    shown: list[CaseAudit] = []
    for audit in audits:
        if len(shown) < limit:
            shown.append(audit)
    return shown


def _write_pdf(html: str, out: Path | None) -> None:
    if out is None:
        raise UsageError("--format pdf needs --out FILE", hint="e.g. --format pdf --out audit.pdf")
    pdf = html_to_pdf(html)
    try:
        out.write_bytes(pdf)
    except OSError as exc:
        raise UsageError(f"--out {out}: cannot write ({exc.strerror})", path=str(out)) from None


def emit(
    fmt: AuditFormat,
    audits: Iterable[CaseAudit],
    summary: Callable[[], Summary],
    catalogue: Catalogue,
    stats: RunStats,
    meta: dict[str, Any],
    out: Path | None,
    case_link: str | None,
) -> None:
    """Write the report; `summary` is called once `audits` has been consumed."""
    if fmt is AuditFormat.pdf:
        shown = _first(audits, PDF_CASE_ROWS)
        _write_pdf(render_html(summary(), shown, stats, meta, catalogue, case_link, PDF_CASE_ROWS), out)
        return
    with _opened(out) as fh:
        if fmt is AuditFormat.csv:
            write_csv(audits, fh, catalogue)
        elif fmt is AuditFormat.json:
            write_json(
                audits,
                fh,
                head={"meta": meta},
                tail=lambda: {
                    "counts": stats.as_dict(),
                    "problems": [p.as_dict() for p in stats.problems],
                    "summary": summary().as_dict(),
                },
            )
        elif fmt is AuditFormat.html:
            shown = _first(audits, HTML_CASE_ROWS)
            fh.write(render_html(summary(), shown, stats, meta, catalogue, case_link, HTML_CASE_ROWS))
        else:
            for _ in audits:
                pass
            console = Console(file=fh, width=120) if out else Console()
            if not console.is_terminal:
                console = Console(file=fh, width=120, no_color=True)
            render_summary(console, summary(), stats, meta)
