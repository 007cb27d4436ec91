"""My cases: the user's visible cases, most urgent first, with search and filters.

Urgency is the case's effective risk level, then how many things need someone
now: open alerts (a new breach, escalation, risk raised, a lapsed override)
and deadline flags (no risk management plan, an overdue Victims' Code update,
an overdue plan review). Searching and filtering happen in SQL; the
visibility rule is the same `visible_filter` the API uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import String, cast, exists, func, or_, select
from sqlalchemy.orm import Session

from vigil.cases.deadlines import Flag, deadline_flags
from vigil.cases.identifiers import normalise
from vigil.cases.models import Alert, Case, Identifier, Person, StoredAssessment
from vigil.users.access import visible_filter
from vigil.users.models import User
from vigil.web.words import CATEGORY_LABELS

LIMIT = 500


@dataclass
class Filters:
    q: str = ""
    risk: str = ""
    classification: str = ""
    attention: bool = False

    @property
    def active(self) -> bool:
        return bool(self.q or self.risk or self.classification or self.attention)


@dataclass
class Row:
    case: Case
    open_alerts: list[str] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    secondary: list[str] = field(default_factory=list)

    @property
    def alert_counts(self) -> list[tuple[str, int]]:
        """Each kind of open alert once, with how many there are (in the order first raised)."""
        counts: dict[str, int] = {}
        for kind in self.open_alerts:
            counts[kind] = counts.get(kind, 0) + 1
        return list(counts.items())

    @property
    def attention(self) -> int:
        return len(self.open_alerts) + len(self.flags)


def _latest_doc() -> Any:
    return (
        select(cast(StoredAssessment.document, String))
        .where(StoredAssessment.case_id == Case.id)
        .order_by(StoredAssessment.seq.desc())
        .limit(1)
        .correlate(Case)
        .scalar_subquery()
    )


def _search(text: str) -> Any:
    like = f"%{text.lower()}%"
    ident_match = [func.lower(Identifier.raw).like(like)]
    try:
        norm = normalise(text).value
    except Exception:  # a query that is no identifier at all: plain text match only
        norm = ""
    if norm:
        ident_match.append(Identifier.normalised == norm)
    idents = exists(
        select(Identifier.id)
        .join(Person, Person.id == Identifier.person_id)
        .where(Person.case_id == Case.id, or_(*ident_match))
    )
    return or_(
        func.lower(Case.reference).like(like),
        func.lower(cast(Case.extra, String)).like(like),
        idents,
    )


def my_cases(session: Session, user: User, today: date, filters: Filters) -> list[Row]:
    query = select(Case).where(visible_filter(user))
    if filters.q.strip():
        query = query.where(_search(filters.q.strip()))
    if filters.risk in ("standard", "medium", "high"):
        query = query.where(Case.risk_level == filters.risk)
    code = filters.classification
    if code in CATEGORY_LABELS:
        query = query.where(Case.category == code)
    elif code:
        query = query.where(_latest_doc().like(f'%"{code}"%'))
    cases = list(session.execute(query.order_by(Case.updated_at.desc()).limit(LIMIT)).scalars())
    rows = {c.id: Row(c) for c in cases}
    if not rows:
        return []
    for case_id, kind in session.execute(
        select(Alert.case_id, Alert.kind)
        .where(Alert.case_id.in_(rows), Alert.acknowledged_at.is_(None))
        .order_by(Alert.id)
    ):
        rows[case_id].open_alerts.append(kind)
    by_ref = {r.case.reference: r for r in rows.values()}
    for flag in deadline_flags(session, today, Case.id.in_(rows)):
        by_ref[flag.case_id].flags.append(flag)
    out = list(rows.values())
    if filters.attention:
        out = [r for r in out if r.attention]
    out.sort(key=lambda r: (-r.case.risk_rank, -r.attention, -r.case.updated_at.timestamp()))
    return out


def secondary_offences(session: Session, rows: list[Row]) -> None:
    """Fill each row's offence titles other than the main one (from the latest assessment)."""
    ids = [r.case.id for r in rows]
    if not ids:
        return
    latest = (
        select(StoredAssessment.case_id, func.max(StoredAssessment.seq).label("seq"))
        .where(StoredAssessment.case_id.in_(ids))
        .group_by(StoredAssessment.case_id)
        .subquery()
    )
    docs: dict[int, Any] = defaultdict(dict)
    for case_id, doc in session.execute(
        select(StoredAssessment.case_id, StoredAssessment.document).join(
            latest,
            (latest.c.case_id == StoredAssessment.case_id) & (latest.c.seq == StoredAssessment.seq),
        )
    ):
        docs[case_id] = doc
    for r in rows:
        offences = docs[r.case.id].get("classification", {}).get("offences", [])
        r.secondary = [o["title"] for o in offences[1:]]
