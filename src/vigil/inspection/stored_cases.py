"""Read stored cases and their current assessment back as contract objects, a batch at a time.

The audit never re-runs the engine: a case is checked against the assessment
Vigil stored for it (its latest), exactly as a supervisor would have seen it.
Cases are loaded by a private session on the caller's connection, in batches,
and dropped after each batch, so a refresh of a whole force needs memory for
one batch only.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from pydantic import ValidationError
from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from vigil.cases.models import Case, Order, Person, StoredAssessment
from vigil.cases.records import case_to_doc
from vigil.contract import Assessment
from vigil.contract import Case as CaseDoc
from vigil.users.models import Team

BATCH = 500


@dataclass(frozen=True)
class StoredCase:
    """One case as stored, with the assessment the audit checks it against."""

    case_id: int
    reference: str
    team_id: int | None
    version: int
    case: CaseDoc
    assessment: Assessment
    assessment_id: int


@dataclass(frozen=True)
class UnreadableCase:
    """A stored case the audit cannot check, and why (never silently dropped)."""

    case_id: int
    reference: str
    message: str


def team_names(session: Session) -> dict[int, str]:
    return dict(session.execute(select(Team.id, Team.name)).tuples().all())


def _latest_assessments(session: Session, ids: Sequence[int]) -> dict[int, StoredAssessment]:
    latest = (
        select(StoredAssessment.case_id, func.max(StoredAssessment.seq).label("seq"))
        .where(StoredAssessment.case_id.in_(ids))
        .group_by(StoredAssessment.case_id)
        .subquery()
    )
    rows = session.execute(
        select(StoredAssessment).join(
            latest,
            (StoredAssessment.case_id == latest.c.case_id) & (StoredAssessment.seq == latest.c.seq),
        )
    ).scalars()
    return {row.case_id: row for row in rows}


def _one(row: Case, stored: StoredAssessment | None) -> StoredCase | UnreadableCase:
    if stored is None:
        return UnreadableCase(
            row.id,
            row.reference,
            "no stored assessment (a case is assessed when it is created or changed)",
        )
    try:
        case = CaseDoc.model_validate(case_to_doc(row))
        assessment = Assessment.model_validate(stored.document)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"]) or "$"
        return UnreadableCase(row.id, row.reference, f"stored record unreadable at {where}: {first['msg']}")
    return StoredCase(
        case_id=row.id,
        reference=row.reference,
        team_id=row.team_id,
        version=row.version,
        case=case,
        assessment=assessment,
        assessment_id=stored.id,
    )


def load_batch(session: Session, ids: Sequence[int]) -> list[StoredCase | UnreadableCase]:
    """The cases with these ids, in the order given (ids not found are left out)."""
    with Session(bind=session.connection(), autoflush=False) as reader:
        rows = reader.execute(
            select(Case)
            .where(Case.id.in_(ids))
            .options(
                selectinload(Case.people).selectinload(Person.identifiers),
                selectinload(Case.incidents),
                selectinload(Case.orders).selectinload(Order.conditions),
            )
        ).scalars()
        by_id = {row.id: row for row in rows}
        assessments = _latest_assessments(reader, list(by_id))
        return [_one(by_id[i], assessments.get(i)) for i in ids if i in by_id]


def load_stored(session: Session, ids: Iterable[int], batch: int = BATCH) -> Iterator[StoredCase | UnreadableCase]:
    """Stream the cases with these ids, `batch` at a time, in the order given."""
    chunk: list[int] = []
    for case_id in ids:
        chunk.append(case_id)
        if len(chunk) >= batch:
            yield from load_batch(session, chunk)
            chunk = []
    if chunk:
        yield from load_batch(session, chunk)
