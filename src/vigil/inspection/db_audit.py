"""Audit the cases stored in the database: the service behind `vigil audit` and the web page.

Three calls cover both edges:

- `audit_summary(session, filters)`: the whole-caseload summary (rates per
  check, groups, trend by month, by team, the 2017 side-by-side), counted in
  SQL over the materialised check results;
- `audit_cases(session, filters, page)`: one page of cases, worst first, with
  every check's outcome, reason and evidence, for drill-down;
- `iter_case_audits(session, filters)`: every admitted case, for CSV and JSON.

Each first refreshes stale result rows (`refresh=True`), so what they report
is what the checks say on `as_of` against each case's stored assessment. None
of them checks who is asking: the caller (web route, CLI) decides which
filters a user may see, e.g. a supervisor's own team.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, and_, func, select, true
from sqlalchemy.orm import Session

from vigil.cases.models import Case

from .caseload import AuditFilter, CaseProblem, RunStats, reservoir_sample
from .catalogue import Catalogue, load_catalogue
from .db_summary import count_cells, filter_clauses, summary_from_cells
from .materialise import RefreshReport, audit_stored, refresh
from .models import CHECK_COLUMNS, OUTCOME_CODES, RAG_CODES, CaseCheckResults
from .results import CaseAudit, Outcome, Rag
from .stored_cases import StoredCase, load_stored, team_names
from .summary import Summary

R = CaseCheckResults
PAGE_SIZE = 50


@dataclass
class DbAuditRun:
    """One audit of the database: the date, what refresh found, and the population."""

    as_of: date
    catalogue: Catalogue
    refreshed: RefreshReport = field(default_factory=RefreshReport)

    def stats(self, session: Session, filters: AuditFilter) -> RunStats:
        """Every stored case accounted for: audited, outside the filters, or not checkable."""
        stats = RunStats()
        stats.read = session.execute(select(func.count()).select_from(Case)).scalar_one()
        stats.audited = session.execute(
            select(func.count()).select_from(R).where(and_(true(), *filter_clauses(filters)))
        ).scalar_one()
        for item in self.refreshed.unreadable:
            stats.problem(CaseProblem(where=f"case {item.reference}", case_id=item.reference, message=item.message))
        stats.excluded = max(0, stats.read - stats.audited - stats.problem_count)
        return stats


def start(
    session: Session,
    as_of: date | None = None,
    catalogue: Catalogue | None = None,
    refresh_rows: bool = True,
) -> DbAuditRun:
    """Fix the audit date and bring the stored results up to date for it (not committed)."""
    run = DbAuditRun(as_of=as_of or date.today(), catalogue=catalogue or load_catalogue())
    if refresh_rows:
        run.refreshed = refresh(session, run.as_of, run.catalogue)
    return run


def audit_summary(
    session: Session,
    filters: AuditFilter | None = None,
    *,
    as_of: date | None = None,
    case_ids: Sequence[int] | None = None,
    refresh_rows: bool = True,
    run: DbAuditRun | None = None,
) -> Summary:
    """The summary of the admitted cases (or of `case_ids`, a drawn sample), counted in SQL."""
    filters = filters or AuditFilter()
    run = run or start(session, as_of, refresh_rows=refresh_rows)
    cells = count_cells(session, filters, case_ids)
    return summary_from_cells(cells, team_names(session), run.catalogue)


def admitted_case_ids(session: Session, filters: AuditFilter) -> list[int]:
    """Ids of the cases the filters admit, in case-reference order (stable across backends)."""
    query = (
        select(R.case_id)
        .join(Case, Case.id == R.case_id)
        .where(and_(true(), *filter_clauses(filters)))
        .order_by(Case.reference)
    )
    return list(session.execute(query).scalars())


def draw_sample(session: Session, filters: AuditFilter, size: int, seed: int) -> list[int]:
    """A uniform random sample of admitted cases: the same seed over the same data draws the same.

    The population is taken in case-reference order and drawn with the file
    mode's reservoir sampler, so a database and an export of it sorted by
    reference give an audit panel the same cases.
    """
    return reservoir_sample(admitted_case_ids(session, filters), size, seed)


def _audits(session: Session, ids: Sequence[int], run: DbAuditRun, teams: dict[int, str]) -> Iterator[CaseAudit]:
    for item in load_stored(session, ids):
        if isinstance(item, StoredCase):
            team = teams.get(item.team_id) if item.team_id is not None else None
            audit = audit_stored(item, run.as_of, run.catalogue, team)
            yield audit


def iter_case_audits(
    session: Session,
    filters: AuditFilter | None = None,
    *,
    as_of: date | None = None,
    case_ids: Sequence[int] | None = None,
    run: DbAuditRun | None = None,
) -> Iterator[CaseAudit]:
    """Every admitted case (or `case_ids`), with reasons and evidence, in case-reference order."""
    filters = filters or AuditFilter()
    run = run or start(session, as_of)
    ids = list(case_ids) if case_ids is not None else admitted_case_ids(session, filters)
    return _audits(session, ids, run, team_names(session))


@dataclass(frozen=True)
class CasePage:
    """One page of audited cases for the supervisors' page; `total` counts every match."""

    total: int
    page: int
    page_size: int
    audits: list[CaseAudit]

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    def as_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "page": self.page,
            "page_size": self.page_size,
            "pages": self.pages,
            "cases": [a.as_dict() for a in self.audits],
        }


def audit_cases(
    session: Session,
    filters: AuditFilter | None = None,
    page: int = 1,
    *,
    page_size: int = PAGE_SIZE,
    as_of: date | None = None,
    rag: Rag | None = None,
    check: str | None = None,
    outcome: Outcome | None = None,
    refresh_rows: bool = True,
    run: DbAuditRun | None = None,
) -> CasePage:
    """Page `page` (from 1) of the admitted cases, worst rating first, then by reference.

    `rag`, or `check` with `outcome`, narrow it for drill-down from the summary
    (e.g. every case that failed `risk-management-plan`). An unknown check code
    raises KeyError; the caller validates user input first.
    """
    filters = filters or AuditFilter()
    run = run or start(session, as_of, refresh_rows=refresh_rows)
    clauses: list[ColumnElement[bool]] = filter_clauses(filters)
    if rag is not None:
        clauses.append(R.rag == RAG_CODES[rag])
    if check is not None:
        column = getattr(R, CHECK_COLUMNS[check])
        if outcome is not None:
            clauses.append(column == OUTCOME_CODES[outcome])
    where = and_(true(), *clauses)
    total = session.execute(select(func.count()).select_from(R).where(where)).scalar_one()
    page = max(1, page)
    ids = list(
        session.execute(
            select(R.case_id)
            .join(Case, Case.id == R.case_id)
            .where(where)
            .order_by(R.rag.desc(), Case.reference)
            .limit(page_size)
            .offset((page - 1) * page_size)
        ).scalars()
    )
    audits = list(_audits(session, ids, run, team_names(session)))
    return CasePage(total=total, page=page, page_size=page_size, audits=audits)
