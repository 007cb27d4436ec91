"""The audit summary counted in the database: one GROUP BY over `inspection_results`.

One scan gives, for every (month, team) cell, the number of cases with each
outcome of each check and group, and each overall rating. Python then only
adds up those cells (a few thousand at most: months times teams) into the
same `Summary` the file mode builds case by case, so both modes print, chart
and export identically. The query is plain SQLAlchemy Core and runs unchanged
on SQLite, PostgreSQL and a distributed PostgreSQL (see docs/audit.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import ColumnElement, and_, case, func, select, true
from sqlalchemy.orm import Session

from vigil.users.models import Team

from .caseload import AuditFilter
from .catalogue import Catalogue, Group, load_catalogue
from .models import CHECK_COLUMNS, GROUP_COLUMNS, OUTCOME_CODES, RAG_CODES, CaseCheckResults
from .results import Outcome, Rag
from .summary import NO_TEAM, UNDATED, CheckSummary, Comparison, Summary, Tally

R = CaseCheckResults
#: Counted explicitly; not-applicable is the cell's cases less these (one sum fewer per column).
COUNTED = (Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN)
RAG_COUNTED = (Rag.GREEN, Rag.AMBER, Rag.RED)
IN_CHUNK = 5000


def filter_clauses(filters: AuditFilter) -> list[ColumnElement[bool]]:
    """The filters as WHERE clauses on inspection_results (same meaning as file mode)."""
    clauses: list[ColumnElement[bool]] = []
    if filters.date_from is not None:
        clauses.append(R.period >= filters.date_from)
    if filters.date_to is not None:
        clauses.append(R.period <= filters.date_to)
    if filters.classifications:
        clauses.append(R.category.in_(sorted(c.value for c in filters.classifications)))
    if filters.teams:
        team_ids = select(Team.id).where(Team.name.in_(sorted(filters.teams)))
        clauses.append(R.team_id.in_(team_ids))
    return clauses


def _count(column: Any, code: int) -> Any:
    return func.sum(case((column == code, 1), else_=0))


def _cell_query(where: ColumnElement[bool]) -> Any:
    columns: list[Any] = [R.month, R.team_id, func.count().label("n")]
    for name in [*CHECK_COLUMNS.values(), *GROUP_COLUMNS.values()]:
        col = getattr(R, name)
        columns += [_count(col, OUTCOME_CODES[o]).label(f"{name}__{o.value}") for o in COUNTED]
    columns += [_count(R.rag, RAG_CODES[r]).label(f"rag__{r.value}") for r in RAG_COUNTED]
    return select(*columns).where(where).group_by(R.month, R.team_id)


def count_cells(session: Session, filters: AuditFilter, case_ids: Sequence[int] | None = None) -> list[dict[str, Any]]:
    """Per (month, team_id) cell, every count; `case_ids` restricts to a sample."""
    base = and_(true(), *filter_clauses(filters))
    if case_ids is None:
        return [dict(row._mapping) for row in session.execute(_cell_query(base))]
    cells: list[dict[str, Any]] = []
    for start in range(0, len(case_ids), IN_CHUNK):
        chunk = case_ids[start : start + IN_CHUNK]
        where = and_(base, R.case_id.in_(chunk))
        cells += [dict(row._mapping) for row in session.execute(_cell_query(where))]
    return cells


def _tally(cell: dict[str, Any], name: str) -> Tally:
    tally = Tally()
    counted = 0
    for outcome in COUNTED:
        n = int(cell[f"{name}__{outcome.value}"] or 0)
        tally.counts[outcome] = n
        counted += n
    tally.counts[Outcome.NOT_APPLICABLE] = int(cell["n"]) - counted
    return tally


def _add(into: Tally, tally: Tally) -> None:
    for outcome, n in tally.counts.items():
        into.counts[outcome] += n


def _slot(table: dict[str, dict[str, Tally]], key: str, codes: Iterable[str]) -> dict[str, Tally]:
    if key not in table:
        table[key] = {code: Tally() for code in codes}
    return table[key]


def summary_from_cells(
    cells: list[dict[str, Any]], teams: dict[int, str], catalogue: Catalogue | None = None
) -> Summary:
    """Fold the cells into a Summary equal to what `summarise` gives over the same cases."""
    catalogue = catalogue or load_catalogue()
    codes = [c.code for c in catalogue.checks]
    checks = {code: Tally() for code in codes}
    groups = {g: Tally() for g in Group}
    rag = dict.fromkeys(Rag, 0)
    by_month: dict[str, dict[str, Tally]] = {}
    by_team: dict[str, dict[str, Tally]] = {}
    cases = 0
    any_team = False
    for cell in cells:
        n = int(cell["n"])
        cases += n
        counted = 0
        for r in RAG_COUNTED:
            k = int(cell[f"rag__{r.value}"] or 0)
            rag[r] += k
            counted += k
        rag[Rag.NONE] += n - counted
        month = _slot(by_month, cell["month"] or UNDATED, codes)
        team_id = cell["team_id"]
        any_team |= team_id is not None
        team = _slot(by_team, teams.get(team_id, NO_TEAM) if team_id is not None else NO_TEAM, codes)
        for code in codes:
            tally = _tally(cell, CHECK_COLUMNS[code])
            for into in (checks[code], month[code], team[code]):
                _add(into, tally)
        for group in Group:
            _add(groups[group], _tally(cell, GROUP_COLUMNS[group]))
    comparison = [
        Comparison(f, checks[f.check] if f.check else groups[f.group])  # type: ignore[index]
        for f in catalogue.inspection_2017
    ]
    return Summary(
        cases=cases,
        checks=[CheckSummary(d, checks[d.code]) for d in catalogue.checks],
        groups=groups,
        rag=rag,
        by_month=dict(sorted(by_month.items())),
        by_team=dict(sorted(by_team.items())) if any_team else {},
        comparison=comparison,
        catalogue_version=catalogue.version,
    )
