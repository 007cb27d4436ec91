"""Small helpers for the API tests: a case to post, and a snapshot of everything stored."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from vigil.cases.models import (
    Alert,
    Case,
    Condition,
    Identifier,
    Incident,
    Order,
    Override,
    Person,
    StoredAssessment,
)
from vigil.cases.records import case_to_doc
from vigil.cases.service import load_full
from vigil.plans.models import PlanItem, RiskPlan
from vigil.victims.models import ContactPreferences, VictimContact

TABLES = [
    Case,
    Person,
    Identifier,
    Incident,
    Order,
    Condition,
    StoredAssessment,
    Alert,
    Override,
    RiskPlan,
    PlanItem,
    VictimContact,
    ContactPreferences,
]


def case_doc(ref: str = "C-1") -> dict[str, Any]:
    return {
        "format": "vigil.case/1",
        "case_id": ref,
        "jurisdiction": "england-and-wales",
        "victim": {
            "id": "V1",
            "relationship_to_suspect": "ex-partner",
            "statement": "I am frightened.",
        },
        "suspects": [{"id": "S1", "identifiers": ["07700 900123"]}],
        "incidents": [
            {
                "id": "I1",
                "occurred_at": "2024-03-01T21:14:00",
                "suspect_id": "S1",
                "channel": "text-message",
                "narrative": "He texted me again.",
            }
        ],
        "orders": [
            {
                "id": "O1",
                "type": "restraining-order",
                "against": "S1",
                "starts": "2024-02-01",
                "ends": None,
                "conditions": [{"type": "no-contact"}],
            }
        ],
    }


def snapshot(sessions: sessionmaker[Session], ref: str = "C-1") -> dict[str, Any]:
    """Row counts of every case table, plus the case document and its versions."""
    with sessions() as s:
        counts = {t.__tablename__: s.execute(select(func.count()).select_from(t)).scalar_one() for t in TABLES}
        case = load_full(s, ref)
        doc = case_to_doc(case) if case else None
        versions = (
            {
                "case": case.version,
                **{o.ref: o.version for o in case.orders},
                **{i.ref: i.version for i in case.incidents},
            }
            if case
            else None
        )
        return {
            "counts": counts,
            "doc": doc,
            "versions": versions,
            "risk": (case.risk_level, case.risk_override_level) if case else None,
        }
