"""Looking after the victim from the case page: the risk management plan and victim contacts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from vigil.cases import service
from vigil.plans import service as plans
from vigil.users.access import Perm
from vigil.victims import service as victims
from vigil.web.deps import DbSession
from vigil.web.forms import FieldErrors, Form, PageActor, attempt, optional, text
from vigil.web.pages.edits import _case_page_with_errors

router = APIRouter()
CONTACT_CHANNELS = ("phone", "in-person", "email", "text", "letter", "video", "other")
CONTACT_PURPOSES = ("update", "needs-assessment", "safety-planning", "other")


def _date(value: str, name: str, errors: FieldErrors, label: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.add(name, f"{label} must be a date like 2024-03-14 (got {value!r})")
        return None


def _version(form: Any) -> int | None:
    v = text(form, "version")
    return int(v) if v.isdigit() else None


def _done(case_id: str, message: str, anchor: str) -> Response:
    return RedirectResponse(f"/cases/{case_id}?saved={message.replace(' ', '+')}#{anchor}", status_code=303)


@router.post("/cases/{case_id}/plan")
def save_plan(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    """Create the plan, or change its summary and review date (with the version you read)."""
    case = service.open_case(session, actor, case_id, Perm.PLAN, audit=None)
    errors = FieldErrors()
    review = _date(text(form, "review_date"), "review_date", errors, "The review date")
    summary = optional(form, "summary")
    if not errors:
        if plans.get_plan(session, case) is None:
            attempt(
                session,
                errors,
                {"review_date": "review_date", "summary": "summary"},
                plans.create_plan,
                session,
                actor,
                case,
                summary,
                review,
            )
        else:
            attempt(
                session,
                errors,
                {"If-Match": "plan_general"},
                lambda: plans.update_plan(session, actor, case, _version(form), summary=summary, review_date=review),
            )
    if errors:
        return _case_page_with_errors(
            request, session, actor, case, "plan_errors", errors, {k: text(form, k) for k in form}
        )
    return _done(case_id, "Risk management plan saved", "plan")


@router.post("/cases/{case_id}/plan/items")
def add_item(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    case = service.open_case(session, actor, case_id, Perm.PLAN, audit=None)
    errors = FieldErrors()
    action = text(form, "action")
    if not action:
        errors.add("action", "Say what needs doing")
    due = _date(text(form, "due"), "due", errors, "The due date")
    if not errors:
        attempt(
            session,
            errors,
            {"owner": "owner", "action": "action"},
            plans.add_item,
            session,
            actor,
            case,
            action,
            optional(form, "action_code"),
            optional(form, "owner"),
            due,
        )
    if errors:
        return _case_page_with_errors(
            request, session, actor, case, "item_errors", errors, {k: text(form, k) for k in form}
        )
    return _done(case_id, "Plan item added", "plan")


@router.post("/cases/{case_id}/plan/items/{item_id}")
def change_item(
    request: Request, case_id: str, item_id: int, session: DbSession, actor: PageActor, form: Form
) -> Response:
    """Complete, reopen or reassign one item."""
    case = service.open_case(session, actor, case_id, Perm.PLAN, audit=None)
    errors = FieldErrors()
    values: dict[str, Any] = {}
    status = text(form, "status")
    if status:
        if status not in ("open", "done", "cancelled"):
            errors.add("general", f"Unknown status {status!r}")
        values["status"] = status
    if "owner" in form:
        values["owner"] = optional(form, "owner")
    if not errors:
        attempt(
            session,
            errors,
            {"owner": "owner", "If-Match": "general"},
            lambda: plans.update_item(session, actor, case, item_id, _version(form), **values),
        )
    if errors:
        return _case_page_with_errors(
            request, session, actor, case, "item_change_errors", {item_id: "; ".join(errors.values())}, {}
        )
    return _done(case_id, "Plan item updated", "plan")


@router.post("/cases/{case_id}/contacts")
def add_contact(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    case = service.open_case(session, actor, case_id, Perm.CONTACT, audit=None)
    errors = FieldErrors()
    raw_at = text(form, "at")
    at: datetime | None = None
    try:
        at = datetime.fromisoformat(raw_at) if raw_at else actor.now.replace(second=0, microsecond=0)
    except ValueError:
        errors.add("at", f"When must be a date and time like 2024-03-14T10:30 (got {raw_at!r})")
    channel, purpose = text(form, "channel"), text(form, "purpose")
    if channel not in CONTACT_CHANNELS:
        errors.add("channel", "Choose how the victim was contacted")
    if purpose not in CONTACT_PURPOSES:
        errors.add("purpose", "Choose what the contact was for")
    if not errors and at is not None:
        attempt(
            session,
            errors,
            set(),
            victims.record_contact,
            session,
            actor,
            case,
            at.replace(tzinfo=None),
            channel,
            purpose,
            optional(form, "outcome"),
        )
    if errors:
        return _case_page_with_errors(
            request, session, actor, case, "contact_errors", errors, {k: text(form, k) for k in form}
        )
    return _done(case_id, "Contact recorded", "victim")
