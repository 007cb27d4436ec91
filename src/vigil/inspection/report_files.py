"""Per-case results as CSV and JSON, for a force's own analysts.

Both are written as the cases stream past, so the output of a large caseload
never has to sit in memory. CSV has one row per case and, per check, its
outcome, reason and evidence; JSON carries the same plus the summary.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable
from typing import IO, Any

import orjson

from .catalogue import Catalogue
from .results import CaseAudit

CASE_COLUMNS = ["case_id", "where", "period", "team", "category", "risk", "rag"]
AUDIT_FORMAT = "vigil.audit/1"


def csv_header(catalogue: Catalogue) -> list[str]:
    columns = list(CASE_COLUMNS)
    for check in catalogue.checks:
        columns += [check.code, f"{check.code}.reason", f"{check.code}.evidence"]
    return columns


def write_csv(audits: Iterable[CaseAudit], out: IO[str], catalogue: Catalogue) -> int:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(csv_header(catalogue))
    rows = 0
    for audit in audits:
        row: list[Any] = [
            audit.case_id,
            audit.where or "",
            audit.period.isoformat() if audit.period else "",
            audit.team or "",
            audit.category,
            audit.risk,
            audit.rag.value,
        ]
        for check in catalogue.checks:
            r = audit.result(check.code)
            row += [r.outcome.value, r.reason, "; ".join(r.evidence)]
        writer.writerow(row)
        rows += 1
    return rows


def _dumps(obj: Any) -> str:
    return orjson.dumps(obj).decode()


def write_json(
    audits: Iterable[CaseAudit],
    out: IO[str],
    head: dict[str, Any],
    tail: Callable[[], dict[str, Any]],
) -> int:
    """Stream `{"format", **head, "cases": [...], **tail()}`; tail is called after the last case."""
    out.write("{" + _dumps("format") + ":" + _dumps(AUDIT_FORMAT))
    for key, value in head.items():
        out.write("," + _dumps(key) + ":" + _dumps(value))
    out.write(',"cases":[')
    rows = 0
    for audit in audits:
        if rows:
            out.write(",")
        out.write("\n" + _dumps(audit.as_dict()))
        rows += 1
    out.write("\n]")
    for key, value in tail().items():
        out.write("," + _dumps(key) + ":" + _dumps(value))
    out.write("}\n")
    return rows
