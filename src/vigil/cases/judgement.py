"""Professional judgement: overrides of what Vigil said, and acknowledging its alerts.

Vigil's risk level is a floor, never a ceiling: anyone allowed to override may
raise it; lowering it needs a supervisor. Every override keeps who, when, why
and what Vigil had said, so a later review can see both.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.cases.models import Alert, Case, Override
from vigil.cases.reassess import RANK, latest_assessment
from vigil.cases.validation import InvalidInput
from vigil.errors import ConflictError, ForbiddenError, NotFoundError
from vigil.users.access import ROLE_PERMS, Perm
from vigil.users.context import Actor

OVERRIDE_KINDS = ("risk-level", "classification", "breach-dismissed", "link-rejected")


def _vigil_said(session: Session, case: Case, kind: str, target: str | None) -> tuple[dict[str, Any], int | None]:
    latest = latest_assessment(session, case)
    doc = latest.document if latest else {}
    said: dict[str, Any] = {"risk_level": case.vigil_risk_level}
    if kind == "classification":
        said["category"] = doc.get("classification", {}).get("category")
    elif kind == "breach-dismissed":
        said["breach"] = next(
            (b for b in doc.get("breaches", []) if f"{b['order_id']}/{b['incident_id']}" == target),
            None,
        )
        if said["breach"] is None:
            raise InvalidInput(
                f"Vigil reports no breach {target!r} on this case",
                hint="target is ORDER_ID/INCIDENT_ID, e.g. O1/I4",
                path="target",
            )
    elif kind == "link-rejected":
        said["link"] = next((a for a in doc.get("linked_accounts", []) if a["account"] == target), None)
        if said["link"] is None:
            raise InvalidInput(f"Vigil reports no linked account {target!r}", path="target")
    return said, latest.id if latest else None


def override(
    session: Session,
    actor: Actor,
    case: Case,
    kind: str,
    value: str | None,
    target: str | None,
    reason: str,
    version: int | None,
) -> Override:
    """Record a judgement; a risk-level override also changes the case's effective level."""
    assert actor.user is not None
    if kind not in OVERRIDE_KINDS:
        raise InvalidInput(
            f"unknown override kind {kind!r}",
            hint=f"one of {', '.join(OVERRIDE_KINDS)}",
            path="kind",
        )
    if not reason.strip():
        raise InvalidInput("an override needs a reason", path="reason")
    said, assessment_id = _vigil_said(session, case, kind, target)
    if kind == "risk-level":
        if value not in RANK:
            raise InvalidInput(f"risk level must be standard, medium or high (got {value!r})", path="value")
        if version is None or version != case.version:
            raise ConflictError(
                f"case {case.reference!r} changed since you read it (now version {case.version}, you sent {version})",
                hint="reload the case, check its current risk, and decide again",
                path="If-Match",
            )
        if RANK[value] < RANK[case.vigil_risk_level] and Perm.LOWER_RISK not in ROLE_PERMS[actor.user.role]:
            raise ForbiddenError(
                f"lowering the risk below Vigil's level ({case.vigil_risk_level}) needs a supervisor",
                hint="ask a supervisor to review and record the decision",
            )
        case.risk_override_level = value
        case.risk_level = value
        case.risk_rank = RANK[value]
        case.updated_at = actor.now
    row = Override(
        case_id=case.id,
        kind=kind,
        target=target,
        value=value,
        reason=reason,
        vigil_said=said,
        assessment_id=assessment_id,
        user_id=actor.user.id,
        created_at=actor.now,
    )
    session.add(row)
    session.flush()
    record(
        session,
        actor,
        "override",
        kind,
        str(row.id),
        case.reference,
        {"value": value, "target": target, "vigil_said": said},
    )
    return row


def list_overrides(session: Session, case: Case) -> list[Override]:
    return list(session.execute(select(Override).where(Override.case_id == case.id).order_by(Override.id)).scalars())


def list_alerts(session: Session, case: Case, open_only: bool = False) -> list[Alert]:
    query = select(Alert).where(Alert.case_id == case.id)
    if open_only:
        query = query.where(Alert.acknowledged_at.is_(None))
    return list(session.execute(query.order_by(Alert.id)).scalars())


def acknowledge(session: Session, actor: Actor, case: Case, alert_id: int, note: str) -> Alert:
    assert actor.user is not None
    alert = session.get(Alert, alert_id)
    if alert is None or alert.case_id != case.id:
        raise NotFoundError(f"case {case.reference!r} has no alert {alert_id}", path="alert_id")
    if alert.acknowledged_at is not None:
        raise ConflictError(f"alert {alert_id} was already acknowledged", path="alert_id")
    if not note.strip():
        raise InvalidInput("acknowledging an alert needs a note saying what was done", path="note")
    alert.acknowledged_by_id = actor.user.id
    alert.acknowledged_at = actor.now
    alert.note = note
    session.flush()
    record(session, actor, "acknowledge", "alert", str(alert_id), case.reference, {"kind": alert.kind})
    return alert
