"""Risk management plans: one per case, items with owners, due dates and a review date."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.cases.models import Case
from vigil.errors import ConflictError, NotFoundError
from vigil.plans.models import PlanItem, RiskPlan
from vigil.users.context import Actor
from vigil.users.models import User


def get_plan(session: Session, case: Case) -> RiskPlan | None:
    return session.execute(select(RiskPlan).where(RiskPlan.case_id == case.id)).scalar_one_or_none()


def create_plan(session: Session, actor: Actor, case: Case, summary: str | None, review_date: date | None) -> RiskPlan:
    if get_plan(session, case) is not None:
        raise ConflictError(
            f"case {case.reference!r} already has a risk management plan",
            hint="change the existing plan instead",
        )
    plan = RiskPlan(
        case_id=case.id,
        summary=summary,
        review_date=review_date,
        created_by_id=actor.user.id if actor.user else None,
        created_at=actor.now,
    )
    session.add(plan)
    session.flush()
    record(session, actor, "create", "risk-plan", str(plan.id), case.reference)
    return plan


def _need_plan(session: Session, case: Case) -> RiskPlan:
    plan = get_plan(session, case)
    if plan is None:
        raise NotFoundError(
            f"case {case.reference!r} has no risk management plan yet",
            hint="create one first: POST /api/cases/{id}/plan",
        )
    return plan


def _check_version(row: RiskPlan | PlanItem, version: int | None, what: str) -> None:
    if version is None or version != row.version:
        raise ConflictError(
            f"{what} was changed by someone else (now version {row.version}, you sent {version})",
            hint="reload it, check what changed, and apply your change again",
            path="If-Match",
        )


def update_plan(session: Session, actor: Actor, case: Case, version: int | None, **values: object) -> RiskPlan:
    plan = _need_plan(session, case)
    _check_version(plan, version, "the risk management plan")
    for key, value in values.items():
        setattr(plan, key, value)
    session.flush()
    record(
        session,
        actor,
        "update",
        "risk-plan",
        str(plan.id),
        case.reference,
        {"fields": sorted(values)},
    )
    return plan


def _owner(session: Session, username: str | None) -> int | None:
    if username is None:
        return None
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user {username!r}", path="owner")
    return user.id


def add_item(
    session: Session,
    actor: Actor,
    case: Case,
    action: str,
    action_code: str | None,
    owner: str | None,
    due: date | None,
) -> PlanItem:
    plan = _need_plan(session, case)
    item = PlanItem(
        plan_id=plan.id,
        action=action,
        action_code=action_code,
        owner_id=_owner(session, owner),
        due=due,
    )
    session.add(item)
    session.flush()
    record(session, actor, "create", "plan-item", str(item.id), case.reference)
    return item


def update_item(
    session: Session, actor: Actor, case: Case, item_id: int, version: int | None, **values: object
) -> PlanItem:
    plan = _need_plan(session, case)
    item = session.get(PlanItem, item_id)
    if item is None or item.plan_id != plan.id:
        raise NotFoundError(f"the plan has no item {item_id}", path="item_id")
    _check_version(item, version, f"plan item {item_id}")
    if "owner" in values:
        item.owner_id = _owner(session, values.pop("owner"))  # type: ignore[arg-type]
    for key, value in values.items():
        setattr(item, key, value)
    session.flush()
    record(
        session,
        actor,
        "update",
        "plan-item",
        str(item_id),
        case.reference,
        {"fields": sorted(values)},
    )
    return item
