"""Re-run the engine after every change, store what it said, and raise alerts on what got worse.

The stored document is the engine's `vigil.assessment/1` output verbatim, with
its `as_of` and law version, so "what did Vigil say on 3 March and why" is a
lookup, not a re-computation under today's law.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.cases.models import Alert, Case, Override, StoredAssessment
from vigil.cases.records import case_to_doc
from vigil.contract import Assessment, RiskLevel
from vigil.contract import Case as CaseDoc
from vigil.engine import assess
from vigil.inspection.materialise import record_case_results
from vigil.law import load_law
from vigil.services.prefilter_cache import use_prefilter_cache
from vigil.users.context import Actor

RANK = {"standard": 0, "medium": 1, "high": 2}


def latest_assessment(session: Session, case: Case) -> StoredAssessment | None:
    return session.execute(
        select(StoredAssessment)
        .where(StoredAssessment.case_id == case.id)
        .order_by(StoredAssessment.seq.desc())
        .limit(1)
    ).scalar_one_or_none()


def alerts_between(previous: dict[str, Any] | None, new: Assessment) -> list[tuple[str, str]]:
    """(kind, detail) for each way `new` is worse than `previous` (None: nothing known before)."""
    out: list[tuple[str, str]] = []
    before_breaches = {(b["order_id"], b["incident_id"]) for b in (previous or {}).get("breaches", [])}
    for b in new.breaches:
        if (b.order_id, b.incident_id) not in before_breaches:
            out.append(
                (
                    "new-breach",
                    f"incident {b.incident_id} breaches order {b.order_id} ({b.condition.value}): {b.detail}",
                )
            )
    before_level = (previous or {}).get("risk", {}).get("level", "standard")
    if RANK[new.risk.level.value] > RANK[before_level]:
        out.append(("risk-rise", f"Vigil's risk level rose from {before_level} to {new.risk.level.value}"))
    before_esc = bool((previous or {}).get("risk", {}).get("escalation", {}).get("detected"))
    if new.risk.escalation.detected and not before_esc:
        out.append(("escalation", f"escalation detected: {new.risk.escalation.detail}"))
    return out


def _last_risk_override(session: Session, case: Case) -> Override | None:
    return session.execute(
        select(Override)
        .where(Override.case_id == case.id, Override.kind == "risk-level")
        .order_by(Override.id.desc())
        .limit(1)
    ).scalar_one_or_none()


def apply_risk(session: Session, case: Case, vigil_level: str) -> str | None:
    """Set the case's effective level; a human override lapses when Vigil's level rises past
    what it was when the override was made (new information). Returns a note if it lapsed."""
    note = None
    if case.risk_override_level is not None:
        last = _last_risk_override(session, case)
        said = (last.vigil_said or {}).get("risk_level", "standard") if last else "standard"
        if RANK[vigil_level] > RANK[said]:
            note = (
                f"the {case.risk_override_level} override lapsed: Vigil's level rose from "
                f"{said} to {vigil_level} since it was made"
            )
            case.risk_override_level = None
    case.vigil_risk_level = vigil_level
    case.risk_level = case.risk_override_level or vigil_level
    case.risk_rank = RANK[case.risk_level]
    return note


def reassess(session: Session, actor: Actor, case: Case, trigger: str) -> tuple[StoredAssessment, list[Alert]]:
    """Assess the case as it now stands, store the result and any alerts; nothing is committed."""
    session.flush()
    doc = case_to_doc(case)
    model = CaseDoc.model_validate(doc)
    law = load_law(model.jurisdiction.value)
    use_prefilter_cache(law)  # the compiled prefilter kept from an earlier process, not seconds inside a request
    result = assess(model, law, actor.today)
    previous = latest_assessment(session, case)
    seq = (
        session.execute(select(func.max(StoredAssessment.seq)).where(StoredAssessment.case_id == case.id)).scalar_one()
        or 0
    ) + 1
    document = result.model_dump(mode="json")
    stored = StoredAssessment(
        case_id=case.id,
        seq=seq,
        created_at=actor.now,
        as_of=actor.today.isoformat(),
        law_version=result.law_version,
        risk_level=result.risk.level.value,
        category=result.classification.category.value,
        escalation=result.risk.escalation.detected,
        trigger=trigger[:200],
        created_by_id=actor.user.id if actor.user else None,
        document=document,
    )
    session.add(stored)
    session.flush()
    raised = alerts_between(previous.document if previous else None, result)
    lapsed = apply_risk(session, case, result.risk.level.value)
    if lapsed:
        raised.append(("override-lapsed", lapsed))
    case.category = result.classification.category.value
    case.updated_at = actor.now
    alerts = [
        Alert(case_id=case.id, assessment_id=stored.id, kind=kind, detail=detail, created_at=actor.now)
        for kind, detail in raised
    ]
    session.add_all(alerts)
    session.flush()
    record_case_results(session, case, model, result, stored, actor.today)
    return stored, alerts


def effective_level(case: Case) -> RiskLevel:
    return RiskLevel(case.risk_level)
