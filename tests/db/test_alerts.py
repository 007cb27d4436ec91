"""Alerts: raised when an assessment shows a new breach, a higher risk level, or new escalation."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.models import Alert, StoredAssessment
from vigil.cases.reassess import alerts_between
from vigil.cases.service import add_incident, create_case
from vigil.contract import Assessment
from vigil.services.assessing import assess_document
from vigil.users.context import Actor


def _assessment(level: str = "standard", breaches=(), escalation: bool = False) -> Assessment:  # type: ignore[no-untyped-def]
    return Assessment.model_validate(
        {
            "case_id": "C",
            "course_of_conduct": {"present": True, "reason": "r"},
            "classification": {
                "category": "harassment",
                "four": {"fixated": False, "obsessive": False, "unwanted": True, "repeated": True},
            },
            "risk": {
                "level": level,
                "escalation": {"detected": escalation, "detail": "worse each time"},
            },
            "breaches": [
                {"order_id": o, "incident_id": i, "condition": "no-contact", "detail": "d"} for o, i in breaches
            ],
        }
    )


def test_new_breach_raises_an_alert_and_old_ones_do_not() -> None:
    before = _assessment(breaches=[("O1", "I1")]).model_dump(mode="json")
    after = _assessment(breaches=[("O1", "I1"), ("O1", "I2")])
    kinds = alerts_between(before, after)
    assert [k for k, _ in kinds] == ["new-breach"]
    assert "I2" in kinds[0][1] and "O1" in kinds[0][1]


def test_risk_rise_raises_an_alert_but_a_fall_does_not() -> None:
    med = _assessment("medium").model_dump(mode="json")
    assert [k for k, _ in alerts_between(med, _assessment("high"))] == ["risk-rise"]
    assert alerts_between(med, _assessment("standard")) == []
    assert alerts_between(med, _assessment("medium")) == []


def test_newly_detected_escalation_raises_an_alert_once() -> None:
    quiet = _assessment().model_dump(mode="json")
    loud = _assessment(escalation=True)
    assert [k for k, _ in alerts_between(quiet, loud)] == ["escalation"]
    assert alerts_between(loud.model_dump(mode="json"), loud) == []


def test_first_assessment_compares_with_nothing_known() -> None:
    assert [k for k, _ in alerts_between(None, _assessment("high", [("O1", "I1")], True))] == [
        "new-breach",
        "risk-rise",
        "escalation",
    ]


def test_every_change_stores_a_new_assessment_with_law_version_and_as_of(session: Session) -> None:
    from vigil.users.service import create_user

    actor = Actor(create_user(session, None, "h1", "x" * 16, "investigator"))
    case = create_case(session, actor, {"format": "vigil.case/1", "case_id": "H-1", "incidents": []})
    add_incident(session, actor, "H-1", {"id": "I1", "narrative": "He followed me home."})
    rows = session.execute(select(StoredAssessment).where(StoredAssessment.case_id == case.id)).scalars().all()
    assert [r.seq for r in rows] == [1, 2]
    assert rows[1].trigger == "incident I1 added"
    assert rows[0].as_of == actor.today.isoformat() and rows[0].law_version
    assert rows[0].document["format"] == "vigil.assessment/1"


def test_stored_alerts_match_what_the_engine_says(session: Session, make_user) -> None:  # type: ignore[no-untyped-def]
    """End to end: the stored alerts are exactly alerts_between(previous, new)."""
    inv = make_user("investigator")
    from vigil.users.models import User

    user = session.get(User, inv.user.id)
    actor = Actor(user)
    doc = {
        "format": "vigil.case/1",
        "case_id": "AL-1",
        "suspects": [{"id": "S1"}],
        "incidents": [],
        "orders": [
            {
                "id": "O1",
                "type": "restraining-order",
                "against": "S1",
                "starts": "2024-01-01",
                "conditions": [{"type": "no-contact"}],
            }
        ],
    }
    case = create_case(session, actor, doc)
    incident = {
        "id": "I1",
        "occurred_at": "2024-03-01T20:00:00",
        "suspect_id": "S1",
        "channel": "text-message",
        "narrative": "He texted me: 'I will kill you if you go to the police.'",
    }
    before = assess_document({**doc, "incidents": []}, actor.today)
    after = assess_document({**doc, "incidents": [incident]}, actor.today)
    add_incident(session, actor, "AL-1", incident)
    stored = session.execute(select(Alert).where(Alert.case_id == case.id).order_by(Alert.id)).scalars().all()
    expected = alerts_between(None, before) + alerts_between(before.model_dump(mode="json"), after)
    assert [(a.kind, a.detail) for a in stored] == expected
    assert date.fromisoformat(after.as_of or actor.today.isoformat())
