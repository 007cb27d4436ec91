"""Deadline flags: what is late or missing on a case, worked out in SQL for any number of cases.

- a medium- or high-risk case with no active risk management plan;
- a plan whose review date has passed, or an open plan item past its due date;
- a Victims' Code duty past its due date and not yet met.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from vigil.cases.models import Case
from vigil.plans.models import PlanItem, RiskPlan
from vigil.victims.models import VictimsCodeDuty


@dataclass(frozen=True)
class Flag:
    case_id: str
    code: str
    detail: str
    due: date | None = None


def deadline_flags(session: Session, today: date, where: ColumnElement[bool]) -> list[Flag]:
    """Flags for every case matching `where` (a visibility filter or one case's id)."""
    flags: list[Flag] = []
    no_plan = session.execute(
        select(Case.reference, Case.risk_level)
        .outerjoin(RiskPlan, and_(RiskPlan.case_id == Case.id, RiskPlan.status == "active"))
        .where(where, Case.risk_rank >= 1, RiskPlan.id.is_(None))
    )
    for ref, level in no_plan:
        flags.append(Flag(ref, "no-risk-plan", f"risk is {level} but there is no active risk management plan"))
    reviews = session.execute(
        select(Case.reference, RiskPlan.review_date)
        .join(RiskPlan, RiskPlan.case_id == Case.id)
        .where(where, RiskPlan.status == "active", RiskPlan.review_date < today)
    )
    for ref, due in reviews:
        flags.append(
            Flag(
                ref,
                "plan-review-overdue",
                f"the risk management plan was due for review on {due}",
                due,
            )
        )
    items = session.execute(
        select(Case.reference, PlanItem.id, PlanItem.action, PlanItem.due)
        .join(RiskPlan, RiskPlan.case_id == Case.id)
        .join(PlanItem, PlanItem.plan_id == RiskPlan.id)
        .where(where, PlanItem.status == "open", PlanItem.due < today)
    )
    for ref, item_id, action, due in items:
        flags.append(Flag(ref, "plan-item-overdue", f"plan item {item_id} ({action}) was due on {due}", due))
    duties = session.execute(
        select(Case.reference, VictimsCodeDuty.duty, VictimsCodeDuty.due)
        .join(VictimsCodeDuty, VictimsCodeDuty.case_id == Case.id)
        .where(where, VictimsCodeDuty.met_at.is_(None), VictimsCodeDuty.due < today)
    )
    for ref, duty, due in duties:
        flags.append(Flag(ref, "victims-code-overdue", f"Victims' Code duty {duty} was due on {due}", due))
    return sorted(flags, key=lambda f: (f.case_id, f.code, f.due or date.min))


def case_flags(session: Session, case: Case, today: date) -> list[Flag]:
    return deadline_flags(session, today, Case.id == case.id)
