"""Hand-built cases and assessments for the inspection tests.

Assessments are constructed directly, not produced by the engine, so these
tests pin down the checks' reasoning whatever the engine's legal answers are.
"""

from __future__ import annotations

from typing import Any

from vigil.contract import (
    Action,
    Assessment,
    Breach,
    Case,
    Category,
    Classification,
    CourseOfConduct,
    Escalation,
    Four,
    Risk,
    RiskFactor,
)

COURSE = {
    Category.STALKING,
    Category.STALKING_FEAR_OR_DISTRESS,
    Category.HARASSMENT,
    Category.HARASSMENT_FEAR_OF_VIOLENCE,
}


def incidents(*days: str) -> list[dict[str, Any]]:
    """Incidents I1, I2, ... on the given dates (or date-times)."""
    return [
        {"id": f"I{n}", "occurred_at": day, "suspect_id": "S1", "narrative": f"incident {n}"}
        for n, day in enumerate(days, start=1)
    ]


def make_case(
    case_id: str = "C1",
    *,
    days: tuple[str, ...] = ("2023-05-01", "2023-05-08"),
    relationship: str | None = "ex-partner",
    handling: dict[str, Any] | None = None,
    orders: list[dict[str, Any]] | None = None,
    team: str | None = None,
    incident_list: list[dict[str, Any]] | None = None,
) -> Case:
    doc: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": case_id,
        "suspects": [{"id": "S1"}],
        "incidents": incident_list if incident_list is not None else incidents(*days),
        "orders": orders or [],
    }
    if relationship is not None:
        doc["victim"] = {"id": "V1", "relationship_to_suspect": relationship}
    if handling is not None:
        doc["handling"] = handling
    if team is not None:
        doc["team"] = team
    return Case.model_validate(doc)


def make_assessment(
    case_id: str = "C1",
    category: Category | str = Category.STALKING,
    *,
    risk: str = "standard",
    course_ids: list[str] | None = None,
    breaches: list[tuple[str, str]] | None = None,
    actions: list[str] | None = None,
    factor_ids: list[str] | None = None,
) -> Assessment:
    category = Category(category)
    present = category in COURSE
    ids = course_ids if course_ids is not None else (["I1", "I2"] if present else [])
    factors = [RiskFactor(code="hand-built", incident_ids=factor_ids, detail="test")] if factor_ids else []
    return Assessment(
        case_id=case_id,
        course_of_conduct=CourseOfConduct(present=present, incident_ids=ids, reason="hand-built"),
        classification=Classification(
            category=category,
            four=Four(fixated=present, obsessive=present, unwanted=True, repeated=present),
        ),
        risk=Risk(level=risk, factors=factors, escalation=Escalation(detected=False, detail="")),
        breaches=[
            Breach(order_id=o, incident_id=i, condition="no-contact", detail="hand-built") for o, i in breaches or []
        ],
        actions=[Action(code=code, reason="hand-built") for code in actions or []],
    )
