"""`/api/cases/...`: case records, incidents, orders, people (thin: the services do the work)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response

from vigil.cases import service
from vigil.cases.reassess import latest_assessment
from vigil.cases.records import incident_to_doc, order_to_doc, person_to_doc
from vigil.cases.schemas import (
    EXAMPLE_CASE,
    EXAMPLE_INCIDENT,
    EXAMPLE_ORDER,
    CaseSettings,
    OrderStatus,
    alert_out,
    case_summary,
)
from vigil.web.deps import CurrentActor, DbSession, Version

router = APIRouter(prefix="/api/cases", tags=["cases"])

CaseBody = Annotated[dict[str, Any], Body(openapi_examples={"case": {"summary": "A case", "value": EXAMPLE_CASE}})]
IncidentBody = Annotated[
    dict[str, Any],
    Body(openapi_examples={"incident": {"summary": "An incident", "value": EXAMPLE_INCIDENT}}),
]
OrderBody = Annotated[
    dict[str, Any],
    Body(openapi_examples={"order": {"summary": "An order", "value": EXAMPLE_ORDER}}),
]
PersonBody = Annotated[
    dict[str, Any],
    Body(
        openapi_examples={
            "suspect": {
                "summary": "A suspect",
                "value": {"id": "S2", "identifiers": ["@anon_acc"], "history": "Unknown."},
            }
        }
    ),
]


def _changed(session: DbSession, case: Any, response: Response, extra: dict[str, Any]) -> dict[str, Any]:
    """What every write returns: the record, the case's new assessment and the alerts it raised."""
    latest = latest_assessment(session, case)
    response.headers["ETag"] = f'"{extra.get("version", case.version)}"'
    return {
        **extra,
        "case": case_summary(case),
        "assessment": latest.document if latest else None,
        "alerts": [alert_out(a) for a in case_alerts_since(session, case, latest)],
    }


def case_alerts_since(session: DbSession, case: Any, latest: Any) -> list[Any]:
    from vigil.cases.models import Alert

    if latest is None:
        return []
    return [a for a in session.query(Alert).filter(Alert.assessment_id == latest.id)]


@router.post("", status_code=201, summary="Create a case from a vigil.case/1 document")
def create_case(doc: CaseBody, session: DbSession, actor: CurrentActor, response: Response) -> dict[str, Any]:
    case = service.create_case(session, actor, doc)
    return _changed(session, case, response, {"case_id": case.reference})


@router.get("", summary="My cases, highest risk first")
def list_cases(
    session: DbSession,
    actor: CurrentActor,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    return {"cases": [case_summary(c) for c in service.list_cases(session, actor, limit, offset)]}


@router.get("/{case_id}", summary="A case: its summary and the vigil.case/1 document")
def get_case(case_id: str, session: DbSession, actor: CurrentActor, response: Response) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id)
    response.headers["ETag"] = f'"{case.version}"'
    return {**case_summary(case), "document": service.export_case(session, case)}


@router.get("/{case_id}/export", summary="The case exactly as vigil.case/1")
def export_case(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, audit="export")
    return service.export_case(session, case)


@router.patch("/{case_id}", summary="Change consent or enhanced-entitlement flags (needs If-Match)")
def patch_case(
    case_id: str,
    body: CaseSettings,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    case = service.change_case_settings(session, actor, case_id, body.model_dump(exclude_none=True), version)
    response.headers["ETag"] = f'"{case.version}"'
    return case_summary(case)


# --- incidents -------------------------------------------------------------------------------


@router.get("/{case_id}/incidents", tags=["incidents"])
def list_incidents(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="incidents")
    return {"incidents": [{"version": x.version, "incident": incident_to_doc(x)} for x in case.incidents]}


@router.post(
    "/{case_id}/incidents",
    status_code=201,
    tags=["incidents"],
    summary="Add an incident; the case is re-assessed",
)
def add_incident(
    case_id: str, doc: IncidentBody, session: DbSession, actor: CurrentActor, response: Response
) -> dict[str, Any]:
    incident = service.add_incident(session, actor, case_id, doc)
    return _changed(
        session,
        incident.case,
        response,
        {"incident": incident_to_doc(incident), "version": incident.version},
    )


@router.get("/{case_id}/incidents/{incident_id}", tags=["incidents"])
def get_incident(
    case_id: str, incident_id: str, session: DbSession, actor: CurrentActor, response: Response
) -> dict[str, Any]:
    doc, version = service.get_incident_doc(session, actor, case_id, incident_id)
    response.headers["ETag"] = f'"{version}"'
    return {"incident": doc, "version": version}


@router.put("/{case_id}/incidents/{incident_id}", tags=["incidents"])
def put_incident(
    case_id: str,
    incident_id: str,
    doc: IncidentBody,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    incident = service.replace_incident(session, actor, case_id, incident_id, doc, version)
    session.flush()
    return _changed(
        session,
        incident.case,
        response,
        {"incident": incident_to_doc(incident), "version": incident.version},
    )


@router.delete("/{case_id}/incidents/{incident_id}", tags=["incidents"])
def delete_incident(
    case_id: str,
    incident_id: str,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    service.delete_incident(session, actor, case_id, incident_id, version)
    case = service.open_case(session, actor, case_id, audit=None)
    return _changed(session, case, response, {"deleted": incident_id})


# --- orders ----------------------------------------------------------------------------------


@router.get("/{case_id}/orders", tags=["orders"])
def list_orders(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="orders")
    return {"orders": service.order_docs(case)}


@router.post("/{case_id}/orders", status_code=201, tags=["orders"])
def add_order(
    case_id: str, doc: OrderBody, session: DbSession, actor: CurrentActor, response: Response
) -> dict[str, Any]:
    order = service.add_order(session, actor, case_id, doc)
    return _changed(
        session,
        order.case,
        response,
        {"order": order_to_doc(order), "status": order.status, "version": order.version},
    )


@router.put(
    "/{case_id}/orders/{order_id}",
    tags=["orders"],
    summary="Replace an order (risk-critical: needs If-Match)",
)
def put_order(
    case_id: str,
    order_id: str,
    doc: OrderBody,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    order = service.replace_order(session, actor, case_id, order_id, doc, version)
    session.flush()
    return _changed(
        session,
        order.case,
        response,
        {"order": order_to_doc(order), "status": order.status, "version": order.version},
    )


@router.patch(
    "/{case_id}/orders/{order_id}",
    tags=["orders"],
    summary="Change an order's status (risk-critical: needs If-Match)",
)
def patch_order(
    case_id: str,
    order_id: str,
    body: OrderStatus,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    order = service.set_order_status(session, actor, case_id, order_id, body.status, version)
    response.headers["ETag"] = f'"{order.version}"'
    return {"order": order_to_doc(order), "status": order.status, "version": order.version}


@router.delete("/{case_id}/orders/{order_id}", tags=["orders"])
def delete_order(
    case_id: str,
    order_id: str,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    service.delete_order(session, actor, case_id, order_id, version)
    case = service.open_case(session, actor, case_id, audit=None)
    return _changed(session, case, response, {"deleted": order_id})


# --- people ----------------------------------------------------------------------------------


@router.get("/{case_id}/people", tags=["people"])
def list_people(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="people")
    return {"people": service.people_docs(case)}


@router.post("/{case_id}/suspects", status_code=201, tags=["people"])
def add_suspect(
    case_id: str, doc: PersonBody, session: DbSession, actor: CurrentActor, response: Response
) -> dict[str, Any]:
    person = service.add_person(session, actor, case_id, "suspect", doc)
    return _changed(session, person.case, response, {"person": person_to_doc(person), "version": person.version})


@router.post("/{case_id}/third-parties", status_code=201, tags=["people"])
def add_third_party(
    case_id: str,
    doc: Annotated[dict[str, Any], Body()],
    session: DbSession,
    actor: CurrentActor,
    response: Response,
) -> dict[str, Any]:
    person = service.add_person(session, actor, case_id, "third-party", doc)
    return _changed(session, person.case, response, {"person": person_to_doc(person), "version": person.version})


@router.put("/{case_id}/people/{person_id}", tags=["people"])
def put_person(
    case_id: str,
    person_id: str,
    doc: PersonBody,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    person = service.replace_person(session, actor, case_id, person_id, doc, version)
    session.flush()
    return _changed(session, person.case, response, {"person": person_to_doc(person), "version": person.version})


@router.delete("/{case_id}/people/{person_id}", tags=["people"])
def delete_person(
    case_id: str,
    person_id: str,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    service.delete_person(session, actor, case_id, person_id, version)
    case = service.open_case(session, actor, case_id, audit=None)
    return _changed(session, case, response, {"deleted": person_id})


@router.put("/{case_id}/victim", tags=["people"])
def put_victim(
    case_id: str,
    doc: Annotated[dict[str, Any], Body()],
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    person = service.set_victim(session, actor, case_id, doc, version)
    return _changed(session, person.case, response, {"person": person_to_doc(person), "version": person.version})
