"""Risk checks: initial risk assessment, stalking screening, risk management plan."""

from __future__ import annotations

from datetime import date

import pytest

from vigil.inspection.registry import get_check
from vigil.inspection.results import Outcome

from .builders import make_assessment, make_case

AS_OF = date(2024, 6, 1)


@pytest.mark.parametrize(
    ("category", "handling", "outcome"),
    [
        ("harassment", {"risk_assessment_completed": True}, Outcome.PASS),
        ("single-incident", {"risk_assessment_completed": False}, Outcome.FAIL),
        ("stalking", {"risk_assessment_completed": False}, Outcome.FAIL),
        ("no-offence", {"risk_assessment_completed": False}, Outcome.NOT_APPLICABLE),
        ("stalking", {}, Outcome.UNKNOWN),
        ("stalking", None, Outcome.UNKNOWN),
    ],
)
def test_initial_risk_assessment(category: str, handling: dict | None, outcome: Outcome) -> None:
    r = get_check("initial-risk-assessment")(make_case(handling=handling), make_assessment(category=category), AS_OF)
    assert r.outcome is outcome


@pytest.mark.parametrize(
    ("days", "category", "handling", "outcome", "words"),
    [
        # Two or more incidents: screening indicated; with no screening field, the risk
        # assessment stands in.
        (
            ("2023-01-01", "2023-01-02"),
            "harassment",
            {"risk_assessment_completed": True},
            Outcome.PASS,
            "no field",
        ),
        (
            ("2023-01-01", "2023-01-02"),
            "harassment",
            {"risk_assessment_completed": False},
            Outcome.FAIL,
            "no field",
        ),
        (("2023-01-01", "2023-01-02"), "harassment", {}, Outcome.UNKNOWN, "not recorded"),
        # One incident, but fear of violence: the victim is read as very frightened.
        (
            ("2023-01-01",),
            "harassment-fear-of-violence",
            {"risk_assessment_completed": False},
            Outcome.FAIL,
            "very frightened",
        ),
        # One incident and no fear finding: not indicated.
        (
            ("2023-01-01",),
            "single-incident",
            {"risk_assessment_completed": False},
            Outcome.NOT_APPLICABLE,
            "Fewer than two",
        ),
        # Two incidents that are no offence are not stalking or harassment incidents.
        (
            ("2023-01-01", "2023-01-02"),
            "no-offence",
            {"risk_assessment_completed": False},
            Outcome.NOT_APPLICABLE,
            "no offence",
        ),
        # The optional screening field, where a force records it, is read in preference.
        (
            ("2023-01-01", "2023-01-02"),
            "stalking",
            {"risk_assessment_completed": True, "stalking_screening_completed": False},
            Outcome.FAIL,
            "stalking screening was not used",
        ),
        (
            ("2023-01-01", "2023-01-02"),
            "stalking",
            {"risk_assessment_completed": False, "stalking_screening_completed": True},
            Outcome.PASS,
            "stalking screening was used",
        ),
        (
            ("2023-01-01", "2023-01-02"),
            "stalking",
            {"stalking_screening_completed": "yes"},
            Outcome.UNKNOWN,
            "not true or false",
        ),
    ],
)
def test_stalking_screening(days: tuple[str, ...], category: str, handling: dict, outcome: Outcome, words: str) -> None:
    case = make_case(days=days, handling=handling)
    r = get_check("stalking-screening")(case, make_assessment(category=category), AS_OF)
    assert r.outcome is outcome
    assert words in r.reason


@pytest.mark.parametrize(
    ("risk", "handling", "outcome"),
    [
        ("medium", {"risk_management_plan": True}, Outcome.PASS),
        ("high", {"risk_management_plan": True}, Outcome.PASS),
        ("high", {"risk_management_plan": False}, Outcome.FAIL),
        ("medium", {"risk_management_plan": False}, Outcome.FAIL),
        ("standard", {"risk_management_plan": False}, Outcome.NOT_APPLICABLE),
        ("high", {"risk_assessment_completed": True}, Outcome.UNKNOWN),
    ],
)
def test_risk_management_plan(risk: str, handling: dict, outcome: Outcome) -> None:
    assessment = make_assessment(category="stalking", risk=risk, factor_ids=["I2"])
    r = get_check("risk-management-plan")(make_case(handling=handling), assessment, AS_OF)
    assert r.outcome is outcome
    if outcome is not Outcome.NOT_APPLICABLE:
        assert r.evidence[0] == "I2", "the risk factors' incidents are the evidence"


def test_risk_evidence_follows_the_case_order_of_incidents() -> None:
    case = make_case(days=("2023-01-01", "2023-01-02", "2023-01-03"), handling={"risk_management_plan": False})
    assessment = make_assessment(category="stalking", risk="high", factor_ids=["I3", "I1"])
    r = get_check("risk-management-plan")(case, assessment, AS_OF)
    assert r.evidence == ["I1", "I3", "handling.risk_management_plan: false"]
