"""`/api/...` for what Vigil said and what people decided: assessments, overrides, alerts, flags."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Body, Response
from sqlalchemy import select

from vigil.audit.service import record
from vigil.cases import judgement, service
from vigil.cases.deadlines import case_flags, deadline_flags
from vigil.cases.models import StoredAssessment
from vigil.cases.reassess import latest_assessment
from vigil.cases.schemas import (
    EXAMPLE_CASE,
    AcknowledgeIn,
    OverrideIn,
    alert_out,
    assessment_out,
    case_summary,
    override_out,
)
from vigil.errors import NotFoundError
from vigil.services.assessing import assess_document
from vigil.users.access import Perm, visible_filter
from vigil.web.deps import CurrentActor, DbSession, Version

router = APIRouter(tags=["assessments"])


@router.post("/api/assess", summary="Assess a vigil.case/1 document without storing anything")
def assess_stateless(
    doc: Annotated[
        dict[str, Any],
        Body(openapi_examples={"case": {"summary": "A case", "value": EXAMPLE_CASE}}),
    ],
    actor: CurrentActor,
    as_of: date | None = None,
) -> dict[str, Any]:
    from vigil.cases.validation import InvalidInput
    from vigil.contract import AssessmentError

    result = assess_document(doc, as_of or actor.today)
    if isinstance(result, AssessmentError):
        raise InvalidInput(result.error.message, hint="see `vigil schema case`", path=result.error.path)
    return result.model_dump(mode="json")


@router.get("/api/cases/{case_id}/assessment", summary="Vigil's current assessment of the case")
def current_assessment(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="assessment")
    latest = latest_assessment(session, case)
    if latest is None:
        raise NotFoundError(f"case {case_id!r} has not been assessed yet")
    return {**assessment_out(latest), "case": case_summary(case)}


@router.get("/api/cases/{case_id}/assessments", summary="Every assessment Vigil made of the case")
def assessment_history(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="assessments")
    rows = session.execute(
        select(StoredAssessment).where(StoredAssessment.case_id == case.id).order_by(StoredAssessment.seq)
    ).scalars()
    return {
        "assessments": [
            {
                "seq": r.seq,
                "created_at": r.created_at.isoformat(),
                "as_of": r.as_of,
                "law_version": r.law_version,
                "risk_level": r.risk_level,
                "category": r.category,
                "escalation": r.escalation,
                "trigger": r.trigger,
            }
            for r in rows
        ]
    }


@router.get("/api/cases/{case_id}/assessments/{seq}", summary="One past assessment, as it was")
def one_assessment(case_id: str, seq: int, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="assessment")
    row = session.execute(
        select(StoredAssessment).where(StoredAssessment.case_id == case.id, StoredAssessment.seq == seq)
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"case {case_id!r} has no assessment number {seq}", path="seq")
    return assessment_out(row)


@router.get("/api/cases/{case_id}/overrides", tags=["overrides"])
def get_overrides(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="overrides")
    return {"overrides": [override_out(o) for o in judgement.list_overrides(session, case)]}


@router.post(
    "/api/cases/{case_id}/overrides",
    status_code=201,
    tags=["overrides"],
    summary="Record a professional judgement (risk-level changes need If-Match)",
)
def post_override(
    case_id: str,
    body: OverrideIn,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, Perm.OVERRIDE, audit=None)
    row = judgement.override(session, actor, case, body.kind, body.value, body.target, body.reason, version)
    session.flush()
    response.headers["ETag"] = f'"{case.version}"'
    return {"override": override_out(row), "case": case_summary(case)}


@router.get("/api/cases/{case_id}/alerts", tags=["alerts"])
def get_alerts(case_id: str, session: DbSession, actor: CurrentActor, open_only: bool = False) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="alerts")
    return {"alerts": [alert_out(a) for a in judgement.list_alerts(session, case, open_only)]}


@router.post("/api/cases/{case_id}/alerts/{alert_id}/acknowledge", tags=["alerts"])
def acknowledge_alert(
    case_id: str, alert_id: int, body: AcknowledgeIn, session: DbSession, actor: CurrentActor
) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, Perm.ACK_ALERT, audit=None)
    return {"alert": alert_out(judgement.acknowledge(session, actor, case, alert_id, body.note))}


@router.get("/api/cases/{case_id}/flags", tags=["deadlines"], summary="What is late or missing on the case")
def get_case_flags(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, what="flags")
    return {"flags": [f.__dict__ for f in case_flags(session, case, actor.today)]}


@router.get("/api/flags", tags=["deadlines"], summary="What is late or missing on all my cases")
def get_my_flags(session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    flags = deadline_flags(session, actor.today, visible_filter(actor.user))
    record(session, actor, "list", "flags", None, None, {"count": len(flags)})
    return {"flags": [f.__dict__ for f in flags]}
