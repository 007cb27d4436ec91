"""Changes to a case from its page: add an incident or an order (then show what changed in
Vigil's assessment), record a professional judgement, acknowledge an alert."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import FormData

from vigil.cases import judgement, service
from vigil.cases.models import Case
from vigil.cases.reassess import latest_assessment
from vigil.contract import Channel, ConditionType, OrderType
from vigil.users.access import Perm
from vigil.web.deps import DbSession
from vigil.web.forms import FieldErrors, Form, PageActor, attempt, optional, text
from vigil.web.render import page
from vigil.web.views.case_view import build_view

router = APIRouter()

INCIDENT_FIELDS = {
    "id": "id",
    "occurred_at": "occurred_on",
    "suspect_id": "suspect_id",
    "channel": "channel",
    "account": "account",
    "location": "location",
    "narrative": "narrative",
}
ORDER_FIELDS = {
    "id": "id",
    "type": "type",
    "against": "against",
    "starts": "starts",
    "ends": "ends",
    "conditions": "conditions",
    "place": "place",
    "metres": "metres",
    "text": "text",
}
_NUM = re.compile(r"(\d+)$")


def next_id(prefix: str, existing: list[str]) -> str:
    numbers = [int(m.group(1)) for x in existing if (m := _NUM.search(x))]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _seq(session: Any, case: Case) -> int:
    latest = latest_assessment(session, case)
    return latest.seq if latest else 0


def _day(form: FormData, name: str, errors: FieldErrors, label: str) -> str | None:
    value = text(form, name)
    if not value:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        errors.add(name, f"{label} must be a date like 2024-03-14 (got {value!r})")
        return None


# --- incidents -------------------------------------------------------------------------------


def incident_from_form(form: FormData, errors: FieldErrors) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": text(form, "id")}
    if not doc["id"]:
        errors.add("id", "Give the incident a reference, e.g. I4")
    day = _day(form, "occurred_on", errors, "The date")
    clock = text(form, "occurred_time")
    if clock and day:
        try:
            doc["occurred_at"] = f"{day}T{time.fromisoformat(clock):%H:%M}:00"
        except ValueError:
            errors.add("occurred_time", f"The time must be like 21:14 (got {clock!r})")
    elif clock:
        errors.add("occurred_on", "Give the date as well as the time")
    elif day:
        doc["occurred_at"] = day
    for key in ("suspect_id", "channel", "account", "location"):
        if value := optional(form, key):
            doc[key] = value
    doc["narrative"] = text(form, "narrative")
    if not doc["narrative"]:
        errors.add("narrative", "Describe what happened, in the victim's or witness's words where possible")
    return doc


def _incident_page(
    request: Request, case: Case, values: dict[str, str], errors: FieldErrors, status: int = 200
) -> Response:
    return page(
        request,
        "incident_form.html",
        {
            "case": case,
            "values": values,
            "errors": errors,
            "channels": [c.value for c in Channel],
            "suspects": _suspect_refs(case),
        },
        status_code=status,
    )


def _suspect_refs(case: Any) -> list[str]:
    """The case's suspects, for the forms' "by" and "against" choices."""
    return [p.ref for p in case.people if p.kind == "suspect"]


@router.get("/cases/{case_id}/incidents/new")
def new_incident(request: Request, case_id: str, session: DbSession, actor: PageActor) -> Response:
    case = service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    suspects = _suspect_refs(case)
    values = {
        "id": next_id("I", [x.ref for x in case.incidents]),
        "occurred_on": actor.today.isoformat(),
        "suspect_id": suspects[0] if len(suspects) == 1 else "",
    }
    return _incident_page(request, case, values, FieldErrors())


@router.post("/cases/{case_id}/incidents")
def add_incident(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    case = service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    errors = FieldErrors()
    doc = incident_from_form(form, errors)
    before = _seq(session, case)
    if not errors:
        attempt(session, errors, INCIDENT_FIELDS, service.add_incident, session, actor, case_id, doc)
    if errors:
        values = {k: text(form, k) for k in form}
        return _incident_page(request, case, values, errors, 422)
    return RedirectResponse(
        f"/cases/{case_id}?since={before}&saved=Incident+{doc['id']}+saved#changes", status_code=303
    )


# --- orders ----------------------------------------------------------------------------------


def order_from_form(form: FormData, errors: FieldErrors) -> dict[str, Any]:
    doc: dict[str, Any] = {"id": text(form, "id"), "type": text(form, "type")}
    if not doc["id"]:
        errors.add("id", "Give the order a reference, e.g. O1")
    if doc["type"] not in {t.value for t in OrderType}:
        errors.add("type", "Choose what kind of order or notice this is")
    if against := optional(form, "against"):
        doc["against"] = against
    doc["starts"] = _day(form, "starts", errors, "The start date")
    doc["ends"] = _day(form, "ends", errors, "The end date")
    if doc["starts"] and doc["ends"] and doc["ends"] < doc["starts"]:
        errors.add("ends", "The order cannot end before it starts")
    conditions: list[dict[str, Any]] = []
    for kind in form.getlist("conditions"):
        if kind not in {c.value for c in ConditionType}:
            errors.add("conditions", f"Unknown condition {kind!r}")
            continue
        cond: dict[str, Any] = {"type": kind}
        if kind == "exclusion-zone":
            cond["place"] = text(form, "place")
            if not cond["place"]:
                errors.add("place", "Name the place the suspect must keep away from")
            if metres := text(form, "metres"):
                try:
                    cond["metres"] = float(metres)
                except ValueError:
                    errors.add("metres", f"Distance must be a number of metres (got {metres!r})")
        if kind == "other":
            cond["text"] = text(form, "text")
        conditions.append(cond)
    if not conditions:
        errors.add("conditions", "Tick at least one condition the order imposes")
    doc["conditions"] = conditions
    return doc


def _order_page(
    request: Request, case: Case, values: dict[str, Any], errors: FieldErrors, status: int = 200
) -> Response:
    return page(
        request,
        "order_form.html",
        {
            "case": case,
            "values": values,
            "errors": errors,
            "order_types": [t.value for t in OrderType],
            "condition_types": [c.value for c in ConditionType],
            "suspects": _suspect_refs(case),
        },
        status_code=status,
    )


@router.get("/cases/{case_id}/orders/new")
def new_order(request: Request, case_id: str, session: DbSession, actor: PageActor) -> Response:
    case = service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    suspects = _suspect_refs(case)
    values = {
        "id": next_id("O", [o.ref for o in case.orders]),
        "starts": actor.today.isoformat(),
        "against": suspects[0] if suspects else "",
        "conditions": [],
    }
    return _order_page(request, case, values, FieldErrors())


@router.post("/cases/{case_id}/orders")
def add_order(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    case = service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    errors = FieldErrors()
    doc = order_from_form(form, errors)
    before = _seq(session, case)
    if not errors:
        attempt(session, errors, ORDER_FIELDS, service.add_order, session, actor, case_id, doc)
    if errors:
        values: dict[str, Any] = {k: text(form, k) for k in form}
        values["conditions"] = form.getlist("conditions")
        return _order_page(request, case, values, errors, 422)
    return RedirectResponse(f"/cases/{case_id}?since={before}&saved=Order+{doc['id']}+saved#changes", status_code=303)


# --- judgement -------------------------------------------------------------------------------


def _case_page_with_errors(
    request: Request, session: Any, actor: Any, case: Case, key: str, errors: dict[Any, Any], values: dict[str, str]
) -> Response:
    view = build_view(session, case, actor.user, actor.today)
    return page(request, "case.html", {"v": view, key: errors, f"{key}_values": values}, status_code=422)


@router.post("/cases/{case_id}/overrides")
def add_override(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    case = service.open_case(session, actor, case_id, Perm.OVERRIDE, audit=None)
    errors = FieldErrors()
    kind = text(form, "kind")
    value = {"risk-level": optional(form, "risk_value"), "classification": optional(form, "category_value")}.get(kind)
    target = optional(form, "target") if kind in ("breach-dismissed", "link-rejected") else None
    reason = text(form, "reason")
    if not reason:
        errors.add("reason", "Say why: an override is only recorded with its reason")
    version_text = text(form, "version")
    version = int(version_text) if version_text.isdigit() else None
    if not errors:
        attempt(
            session,
            errors,
            {"reason": "reason", "value": "value", "target": "target", "kind": "kind", "If-Match": "general"},
            judgement.override,
            session,
            actor,
            case,
            kind,
            value,
            target,
            reason,
            version,
        )
    if errors:
        return _case_page_with_errors(
            request, session, actor, case, "override_errors", errors, {k: text(form, k) for k in form}
        )
    return RedirectResponse(f"/cases/{case_id}?saved=Judgement+recorded#judgements", status_code=303)


@router.post("/cases/{case_id}/alerts/{alert_id}/acknowledge")
def acknowledge(
    request: Request, case_id: str, alert_id: int, session: DbSession, actor: PageActor, form: Form
) -> Response:
    case = service.open_case(session, actor, case_id, Perm.ACK_ALERT, audit=None)
    errors = FieldErrors()
    note = text(form, "note")
    if not note:
        errors.add("note", "Say what was done about it")
    alert = None
    if not errors:
        alert = attempt(
            session,
            errors,
            {"note": "note", "alert_id": "general"},
            judgement.acknowledge,
            session,
            actor,
            case,
            alert_id,
            note,
        )
    inline = request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"
    message = errors.get("note") or errors.get("general")
    if inline:
        from vigil.cases.models import Alert

        row = alert or session.get(Alert, alert_id)
        return page(
            request,
            "_alert.html",
            {
                "a": row,
                "case": case,
                "can_ack": True,
                "ack_error": message,
                "who": actor.user if row is not None and row.acknowledged_by_id == actor.user.id else None,
            },
            status_code=422 if errors else 200,
        )
    if errors:
        return _case_page_with_errors(request, session, actor, case, "ack_errors", {alert_id: message}, {})
    return RedirectResponse(f"/cases/{case_id}?saved=Alert+acknowledged#alerts", status_code=303)
