"""Request and response shapes of the cases API, with the examples OpenAPI shows."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from vigil.cases.models import Alert, Case, Override, StoredAssessment

EXAMPLE_CASE: dict[str, Any] = {
    "format": "vigil.case/1",
    "case_id": "C-0001",
    "jurisdiction": "england-and-wales",
    "victim": {
        "id": "V1",
        "relationship_to_suspect": "ex-partner",
        "statement": "He keeps turning up at my work and texting me. I am scared to go out.",
    },
    "suspects": [{"id": "S1", "identifiers": ["07700 900123", "@dan_k"], "history": "None known."}],
    "incidents": [
        {
            "id": "I1",
            "occurred_at": "2024-03-01T21:14:00",
            "suspect_id": "S1",
            "channel": "text-message",
            "account": "07700 900123",
            "narrative": "Text: 'I know where you are tonight.'",
        }
    ],
    "orders": [],
}
EXAMPLE_INCIDENT: dict[str, Any] = {
    "id": "I2",
    "occurred_at": "2024-03-03T08:10:00",
    "suspect_id": "S1",
    "channel": "in-person",
    "location": "outside the victim's workplace",
    "narrative": "S1 was waiting outside her work again.",
}
EXAMPLE_ORDER: dict[str, Any] = {
    "id": "O1",
    "type": "restraining-order",
    "against": "S1",
    "starts": "2024-03-10",
    "ends": None,
    "conditions": [{"type": "no-contact"}, {"type": "exclusion-zone", "place": "Elm Street"}],
}


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CaseSettings(_Strict):
    advocate_consent: bool | None = Field(
        None, description="The victim consents to share this case with their advocate."
    )
    persistently_targeted: bool | None = Field(
        None, description="Persistently targeted victim: enhanced Victims' Code entitlements apply."
    )


class OrderStatus(_Strict):
    status: str = Field(pattern="^(active|varied|discharged|expired|breached)$", examples=["discharged"])


class OverrideIn(_Strict):
    kind: str = Field(
        description="risk-level, classification, breach-dismissed or link-rejected",
        examples=["risk-level"],
    )
    value: str | None = Field(
        None, description="New level (risk-level) or category (classification)", examples=["high"]
    )
    target: str | None = Field(None, description="ORDER_ID/INCIDENT_ID (breach) or account (link)")
    reason: str = Field(min_length=1, examples=["Victim reports he has bought a knife."])


class AcknowledgeIn(_Strict):
    note: str = Field(min_length=1, examples=["Spoke to victim; arrest planned for today."])


def case_summary(case: Case) -> dict[str, Any]:
    return {
        "case_id": case.reference,
        "version": case.version,
        "risk_level": case.risk_level,
        "vigil_risk_level": case.vigil_risk_level,
        "risk_override_level": case.risk_override_level,
        "category": case.category,
        "advocate_consent": case.advocate_consent,
        "persistently_targeted": case.persistently_targeted,
        "updated_at": case.updated_at.isoformat(),
    }


def assessment_out(row: StoredAssessment) -> dict[str, Any]:
    return {
        "seq": row.seq,
        "created_at": row.created_at.isoformat(),
        "as_of": row.as_of,
        "law_version": row.law_version,
        "trigger": row.trigger,
        "assessment": row.document,
    }


def alert_out(a: Alert) -> dict[str, Any]:
    return {
        "id": a.id,
        "kind": a.kind,
        "detail": a.detail,
        "created_at": a.created_at.isoformat(),
        "assessment_id": a.assessment_id,
        "acknowledged_at": _iso(a.acknowledged_at),
        "acknowledged_by_id": a.acknowledged_by_id,
        "note": a.note,
    }


def override_out(o: Override) -> dict[str, Any]:
    return {
        "id": o.id,
        "kind": o.kind,
        "value": o.value,
        "target": o.target,
        "reason": o.reason,
        "vigil_said": o.vigil_said,
        "user_id": o.user_id,
        "created_at": o.created_at.isoformat(),
    }


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None
