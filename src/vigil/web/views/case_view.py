"""Everything the case page (and the prosecutor's PDF) shows about one case, gathered once.

Reads records and the stored assessment; the legal findings come verbatim from
the engine's `vigil.assessment/1` document.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from markupsafe import Markup
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases import judgement
from vigil.cases.deadlines import Flag, case_flags
from vigil.cases.models import Alert, Case, Incident, Override, StoredAssessment
from vigil.cases.reassess import latest_assessment
from vigil.cases.records import person_to_doc
from vigil.law import load_law
from vigil.plans.models import RiskPlan
from vigil.plans.service import get_plan
from vigil.users.access import ROLE_PERMS, Perm
from vigil.users.models import User
from vigil.victims import service as victims
from vigil.victims.duties import victims_code
from vigil.victims.models import ContactPreferences, VictimContact, VictimsCodeDuty
from vigil.web.views.changes import changes
from vigil.web.views.chart import Chart, build, severities
from vigil.web.views.highlight import highlight

HISTORY_SHOWN = 8


@dataclass
class TimelineEntry:
    incident: Incident
    html: Markup
    behaviours: list[str]
    unplaced: list[dict[str, Any]]
    severity: int


@dataclass
class HistoryEntry:
    seq: int
    created_at: datetime
    trigger: str
    category: str
    risk_level: str
    changes: list[str]


@dataclass
class CaseView:
    case: Case
    assessment: dict[str, Any]
    seq: int
    timeline: list[TimelineEntry]
    chart: Chart
    alerts: list[Alert]
    overrides: list[Override]
    plan: RiskPlan | None
    contacts: list[VictimContact]
    duties: list[VictimsCodeDuty]
    preferences: ContactPreferences | None
    flags: list[Flag]
    history: list[HistoryEntry]
    history_total: int
    victim: dict[str, Any] | None
    suspects: list[dict[str, Any]]
    team_users: list[User]
    users_by_id: dict[int, User]
    perms: frozenset[Perm]
    today: date
    duty_titles: dict[str, str] = field(default_factory=dict)
    factor_titles: dict[str, str] = field(default_factory=dict)
    order_types: dict[str, str] = field(default_factory=dict)

    @property
    def alerts_ordered(self) -> list[Alert]:
        """Open alerts first, newest first within each group."""
        return sorted(self.alerts, key=lambda a: (a.acknowledged_at is not None, -a.id))

    @property
    def open_alerts(self) -> list[Alert]:
        return [a for a in self.alerts if a.acknowledged_at is None]

    def can(self, perm: str) -> bool:
        return Perm(perm) in self.perms


def chronological(incidents: list[Incident]) -> list[Incident]:
    """Dated incidents in time order, then undated ones in the order they were recorded."""
    return sorted(incidents, key=lambda x: (x.occurred_at is None, x.occurred_at or datetime.min, x.position))


def _timeline(case: Case, findings: list[dict[str, Any]], sev: dict[str, int]) -> list[TimelineEntry]:
    by_incident: dict[str, list[dict[str, Any]]] = {}
    for f in findings:
        if f.get("incident_id"):
            by_incident.setdefault(f["incident_id"], []).append(f)
    out = []
    for inc in chronological(case.incidents):
        mine = by_incident.get(inc.ref, [])
        html = highlight(inc.narrative, mine)
        kinds = sorted({f["type"] for f in mine})
        unplaced = [f for f in mine if f.get("source") not in ("narrative", "channel")]
        out.append(TimelineEntry(inc, html, kinds, unplaced, sev.get(inc.ref, 0)))
    return out


def _history(session: Session, case: Case, order_types: dict[str, str]) -> tuple[list[HistoryEntry], int]:
    rows = list(
        session.execute(
            select(StoredAssessment)
            .where(StoredAssessment.case_id == case.id)
            .order_by(StoredAssessment.seq.desc())
            .limit(HISTORY_SHOWN + 1)
        ).scalars()
    )
    total = rows[0].seq if rows else 0
    out = []
    for i, row in enumerate(rows[:HISTORY_SHOWN]):
        before = rows[i + 1].document if i + 1 < len(rows) else None
        out.append(
            HistoryEntry(
                row.seq,
                row.created_at,
                row.trigger,
                row.category,
                row.risk_level,
                changes(before, row.document, order_types),
            )
        )
    return out, total


def build_view(session: Session, case: Case, user: User, today: date) -> CaseView:
    latest = latest_assessment(session, case)
    assessment = latest.document if latest else {}
    law = load_law(case.jurisdiction or "england-and-wales")
    findings = assessment.get("behaviours", [])
    sev = severities(findings, law)
    order_types = {o.ref: o.type for o in case.orders}
    history, total = _history(session, case, order_types)
    people = sorted(case.people, key=lambda p: (p.kind != "victim", p.position))
    victim = next((person_to_doc(p) for p in people if p.kind == "victim"), None)
    team_users: list[User] = []
    if case.team_id is not None:
        team_users = list(
            session.execute(
                select(User).where(User.team_id == case.team_id, User.active.is_(True)).order_by(User.username)
            ).scalars()
        )
    users = {u.id: u for u in team_users}
    overrides = judgement.list_overrides(session, case)
    alerts = judgement.list_alerts(session, case)
    for uid in {o.user_id for o in overrides} | {a.acknowledged_by_id for a in alerts if a.acknowledged_by_id}:
        if uid not in users and (u := session.get(User, uid)) is not None:
            users[uid] = u
    return CaseView(
        case=case,
        assessment=assessment,
        seq=latest.seq if latest else 0,
        timeline=_timeline(case, findings, sev),
        chart=build(((i.ref, i.occurred_at) for i in case.incidents), sev),
        alerts=alerts,
        overrides=overrides,
        plan=get_plan(session, case),
        contacts=victims.list_contacts(session, case),
        duties=victims.list_duties(session, case),
        preferences=victims.get_preferences(session, case),
        flags=case_flags(session, case, today),
        history=history,
        history_total=total,
        victim=victim,
        suspects=[person_to_doc(p) for p in people if p.kind == "suspect"],
        team_users=team_users,
        users_by_id=users,
        perms=ROLE_PERMS.get(user.role, frozenset()),
        today=today,
        duty_titles={d.code: d.title for d in victims_code().duties},
        factor_titles={k: v.title for k, v in law.risk_items.items()},
        order_types=order_types,
    )
