"""`/api/cases/{id}/plan`: the risk management plan and its items."""

from __future__ import annotations

from datetime import date
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from vigil.cases.service import open_case
from vigil.plans import service
from vigil.plans.models import PlanItem, RiskPlan
from vigil.users.access import Perm
from vigil.web.deps import CurrentActor, DbSession, Version

router = APIRouter(prefix="/api/cases/{case_id}/plan", tags=["plans"])


class PlanIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    summary: str | None = Field(None, examples=["Target hardening; SPO application; weekly review"])
    review_date: date | None = Field(None, examples=["2024-04-01"])


class PlanPatch(PlanIn):
    status: str | None = Field(None, pattern="^(active|closed)$")


class ItemIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: str = Field(min_length=1, examples=["Apply for a stalking protection order"])
    action_code: str | None = Field(None, examples=["apply-stalking-protection-order"])
    owner: str | None = Field(None, description="username", examples=["alice"])
    due: date | None = None


class ItemPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")
    action: str | None = None
    owner: str | None = None
    due: date | None = None
    status: str | None = Field(None, pattern="^(open|done|cancelled)$")


def plan_out(plan: RiskPlan | None) -> dict[str, Any] | None:
    if plan is None:
        return None
    return {
        "status": plan.status,
        "summary": plan.summary,
        "review_date": plan.review_date.isoformat() if plan.review_date else None,
        "version": plan.version,
        "items": [item_out(i) for i in plan.items],
    }


def item_out(i: PlanItem) -> dict[str, Any]:
    return {
        "id": i.id,
        "action": i.action,
        "action_code": i.action_code,
        "owner_id": i.owner_id,
        "due": i.due.isoformat() if i.due else None,
        "status": i.status,
        "version": i.version,
    }


@router.get("")
def get_plan(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, what="risk-plan")
    return {"plan": plan_out(service.get_plan(session, case))}


@router.post("", status_code=201)
def create_plan(case_id: str, body: PlanIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.PLAN, audit=None)
    plan = service.create_plan(session, actor, case, body.summary, body.review_date)
    session.refresh(plan, ["items"])
    return {"plan": plan_out(plan)}


@router.patch("", summary="Change the plan (needs If-Match)")
def patch_plan(
    case_id: str,
    body: PlanPatch,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.PLAN, audit=None)
    plan = service.update_plan(session, actor, case, version, **body.model_dump(exclude_unset=True))
    response.headers["ETag"] = f'"{plan.version}"'
    return {"plan": plan_out(plan)}


@router.post("/items", status_code=201)
def add_item(case_id: str, body: ItemIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.PLAN, audit=None)
    item = service.add_item(session, actor, case, body.action, body.action_code, body.owner, body.due)
    return {"item": item_out(item)}


@router.patch("/items/{item_id}", summary="Change a plan item (needs If-Match)")
def patch_item(
    case_id: str,
    item_id: int,
    body: ItemPatch,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.PLAN, audit=None)
    item = service.update_item(session, actor, case, item_id, version, **body.model_dump(exclude_unset=True))
    response.headers["ETag"] = f'"{item.version}"'
    return {"item": item_out(item)}
