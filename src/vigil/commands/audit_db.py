"""`vigil audit` without PATH: audit the cases stored in the database.

Each case is checked against its stored assessment (the engine is not run
again) and the summary is counted in SQL over the materialised results, so a
force's whole caseload is summarised in seconds; only the cases a format
lists (HTML, PDF, CSV, JSON) are loaded, to give their reasons and evidence.
The refreshed result rows are committed, and the audit is logged.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from typing import Any

import typer

from vigil.audit.service import record
from vigil.commands._runtime import database
from vigil.commands.audit_output import AuditFormat, case_rows, emit
from vigil.inspection.caseload import AuditFilter, RunStats
from vigil.inspection.catalogue import Catalogue
from vigil.inspection.db_audit import (
    admitted_case_ids,
    audit_summary,
    draw_sample,
    iter_case_audits,
    start,
)
from vigil.inspection.results import CaseAudit
from vigil.users.context import Actor


def audit_database(
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
    with database() as session:
        bind = session.get_bind()
        meta["database"] = bind.url.render_as_string(hide_password=True)
        run = start(session, day, catalogue)
        stats = run.stats(session, filters)
        if stats.read == 0:
            typer.echo(
                "The database holds no cases: store some with `vigil case import FILE...`, "
                "or audit files with `vigil audit PATH`.",
                err=True,
            )
        ids: list[int] | None = None
        if sample is not None:
            used_seed = seed if seed is not None else secrets.randbelow(10**9)
            ids = draw_sample(session, filters, sample, used_seed)
            meta["sample"] = {
                "size": len(ids),
                "requested": sample,
                "seed": used_seed,
                "population": stats.audited,
            }
        summary = audit_summary(session, filters, case_ids=ids, run=run)
        limit = case_rows(fmt)
        audits: Iterable[CaseAudit] = []
        if limit != 0:
            listed = ids if ids is not None else admitted_case_ids(session, filters)
            audits = iter_case_audits(session, filters, case_ids=listed[:limit] if limit else listed, run=run)
        emit(fmt, audits, lambda: summary, catalogue, stats, meta, out, case_link)
        detail = {"format": fmt.value, "as_of": day.isoformat(), "filters": filters.as_dict()}
        detail["cases"] = summary.cases
        if meta.get("sample"):
            detail["sample"] = meta["sample"]
        record(session, Actor(None, "cli"), "inspect", "caseload", None, None, detail)
    return stats
