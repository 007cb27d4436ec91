"""Write and refresh `inspection_results`: each case's check outcomes, from its stored assessment.

Rows are written when an assessment is stored (`record_case_results`, called
by the re-assessment that stores it), so the weekly audit of a whole force
only counts. `refresh` is the safety net: before an audit it rewrites any row
that is missing or stale (the case changed without a re-assessment, the check
definitions changed, or the audit date left the row's validity window), so
the summary is always what the checks would say today.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy import delete, insert, or_, select
from sqlalchemy.orm import Session

from vigil.cases.models import Case, StoredAssessment
from vigil.contract import Assessment
from vigil.contract import Case as CaseDoc

from .catalogue import Catalogue, Group, load_catalogue
from .models import CHECK_COLUMNS, GROUP_COLUMNS, OUTCOME_CODES, RAG_CODES, CaseCheckResults
from .registry import run_checks
from .results import CaseAudit, Outcome, combine
from .stored_cases import StoredCase, UnreadableCase, load_stored
from .working_days import add_working_days

WRITE_BATCH = 500


def validity(case: CaseDoc, as_of: date, catalogue: Catalogue) -> tuple[date, date | None]:
    """[from, until) around `as_of` within which every check gives the same answer.

    Only the Victims' Code update check reads the audit date: an incident or an
    update counts once it is on or before it, and a deadline is missed the day
    after it passes. Those days are the only ones on which an answer can change,
    so they bound the window. Keep this in step with checks_victim_care.
    """
    days: set[date] = set()
    config = catalogue.victims_code
    limits = {config.update_limits.enhanced.working_days, config.update_limits.standard.working_days}
    for incident in case.incidents:
        when = incident.when
        if when is None:
            continue
        day = when.date()
        days.add(day)
        for limit in limits:
            days.add(add_working_days(day, limit, config.bank_holidays) + timedelta(days=1))
    updates = case.handling.victim_updates if case.handling else None
    for update in updates or []:
        days.add(date.fromisoformat(update[:10]))
    before = [d for d in days if d <= as_of]
    after = [d for d in days if d > as_of]
    return (max(before) if before else date.min, min(after) if after else None)


def group_outcomes(audit: CaseAudit, catalogue: Catalogue) -> dict[Group, Outcome]:
    """Each group's combined outcome for one case, as the summary reads it."""
    per_group: dict[Group, list[Outcome]] = {g: [] for g in Group}
    for r in audit.results:
        per_group[catalogue.check(r.code).group].append(r.outcome)
    return {g: combine(outcomes) for g, outcomes in per_group.items()}


def results_row(stored: StoredCase, audit: CaseAudit, as_of: date, catalogue: Catalogue) -> dict[str, Any]:
    """The `inspection_results` row for one case's audit."""
    valid_from, valid_until = validity(stored.case, as_of, catalogue)
    row: dict[str, Any] = {
        "case_id": stored.case_id,
        "assessment_id": stored.assessment_id,
        "case_version": stored.version,
        "catalogue_version": catalogue.version,
        "as_of": as_of,
        "valid_from": valid_from,
        "valid_until": valid_until,
        "period": audit.period,
        "month": audit.month,
        "team_id": stored.team_id,
        "category": audit.category,
        "risk": audit.risk,
        "rag": RAG_CODES[audit.rag],
    }
    for r in audit.results:
        row[CHECK_COLUMNS[r.code]] = OUTCOME_CODES[r.outcome]
    for group, outcome in group_outcomes(audit, catalogue).items():
        row[GROUP_COLUMNS[group]] = OUTCOME_CODES[outcome]
    return row


def audit_stored(stored: StoredCase, as_of: date, catalogue: Catalogue, team: str | None = None) -> CaseAudit:
    """Run every check on a stored case against its stored assessment (never the engine).

    In the database a case's team is the team it belongs to (`team`), not a
    field of its document, so the audit is labelled with that.
    """
    audit = run_checks(stored.case, stored.assessment, as_of, catalogue)
    return dataclasses.replace(audit, team=team)


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    session.execute(delete(CaseCheckResults).where(CaseCheckResults.case_id.in_([r["case_id"] for r in rows])))
    session.execute(insert(CaseCheckResults), rows)


def record_case_results(
    session: Session,
    case: Case,
    model: CaseDoc,
    assessment: Assessment,
    stored: StoredAssessment,
    as_of: date,
) -> None:
    """Called where an assessment is stored: write that case's row in the same transaction.

    Call it after the case row has been flushed, so its version is the one the
    row records; a later change to the case only makes the row stale (and
    `refresh` rewrites it), never wrong.
    """
    catalogue = load_catalogue()
    loaded = StoredCase(
        case_id=case.id,
        reference=case.reference,
        team_id=case.team_id,
        version=case.version,
        case=model,
        assessment=assessment,
        assessment_id=stored.id,
    )
    audit = run_checks(model, assessment, as_of, catalogue)
    _write(session, [results_row(loaded, audit, as_of, catalogue)])


@dataclass
class RefreshReport:
    """What a refresh did: rows rewritten, and cases that could not be checked."""

    refreshed: int = 0
    unreadable: list[UnreadableCase] = field(default_factory=list)


def stale_case_ids(session: Session, as_of: date, catalogue: Catalogue) -> list[int]:
    """Cases with no row, or a row that no longer holds on `as_of`."""
    r = CaseCheckResults
    query = (
        select(Case.id)
        .outerjoin(r, r.case_id == Case.id)
        .where(
            or_(
                r.case_id.is_(None),
                r.case_version != Case.version,
                r.team_id.is_distinct_from(Case.team_id),
                r.catalogue_version != catalogue.version,
                r.valid_from > as_of,
                r.valid_until <= as_of,
            )
        )
        .order_by(Case.id)
    )
    return list(session.execute(query).scalars())


def refresh(
    session: Session, as_of: date, catalogue: Catalogue | None = None, batch: int = WRITE_BATCH
) -> RefreshReport:
    """Bring every case's row up to date for an audit on `as_of`; nothing is committed."""
    catalogue = catalogue or load_catalogue()
    report = RefreshReport()
    rows: list[dict[str, Any]] = []
    for item in load_stored(session, stale_case_ids(session, as_of, catalogue), batch):
        if isinstance(item, UnreadableCase):
            report.unreadable.append(item)
            continue
        rows.append(results_row(item, run_checks(item.case, item.assessment, as_of, catalogue), as_of, catalogue))
        if len(rows) >= batch:
            _write(session, rows)
            report.refreshed += len(rows)
            rows = []
    _write(session, rows)
    report.refreshed += len(rows)
    return report
