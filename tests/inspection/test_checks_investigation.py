"""Investigation and PIN checks: investigator, breaches, bail, protective orders, PINs."""

from __future__ import annotations

from datetime import date

import pytest

from vigil.inspection.registry import get_check
from vigil.inspection.results import Outcome

from .builders import make_assessment, make_case

AS_OF = date(2024, 6, 1)


@pytest.mark.parametrize(
    ("category", "risk", "investigator", "outcome"),
    [
        ("stalking", "standard", "detective", Outcome.PASS),
        ("harassment", "high", "specialist", Outcome.PASS),
        ("stalking", "medium", "uniform", Outcome.FAIL),
        ("harassment", "high", "none", Outcome.FAIL),
        ("harassment", "medium", "uniform", Outcome.NOT_APPLICABLE),
        ("stalking-fear-or-distress", "high", None, Outcome.UNKNOWN),
    ],
)
def test_specialist_investigator(category: str, risk: str, investigator: str | None, outcome: Outcome) -> None:
    handling = {"investigator": investigator} if investigator else {}
    r = get_check("specialist-investigator")(
        make_case(handling=handling), make_assessment(category=category, risk=risk), AS_OF
    )
    assert r.outcome is outcome


BREACH = [("O1", "I2")]


@pytest.mark.parametrize(
    ("breaches", "outcome_text", "outcome"),
    [
        (
            BREACH,
            "Arrested for breach of the restraining order; charged with stalking.",
            Outcome.PASS,
        ),
        (BREACH, "Breached restraining order: s.5(5) file to CPS.", Outcome.PASS),
        (BREACH, "Words of advice given. No further action.", Outcome.FAIL),
        (BREACH, None, Outcome.UNKNOWN),
        ([], "No further action.", Outcome.NOT_APPLICABLE),
    ],
)
def test_breaches_investigated(breaches: list, outcome_text: str | None, outcome: Outcome) -> None:
    handling = {"outcome": outcome_text} if outcome_text else {}
    case = make_case(handling=handling)
    r = get_check("breaches-investigated")(case, make_assessment(category="stalking", breaches=breaches), AS_OF)
    assert r.outcome is outcome
    if breaches:
        assert r.evidence[:2] == ["I2", "O1"], "the breach incident and order are the evidence"


@pytest.mark.parametrize(
    ("handling", "orders", "category", "outcome"),
    [
        ({"bail_conditions_imposed": True}, [], "stalking", Outcome.PASS),
        (
            {},
            [{"id": "O2", "type": "bail-conditions", "against": "S1"}],
            "harassment",
            Outcome.PASS,
        ),
        (
            {"bail_conditions_imposed": False, "outcome": "Released under investigation."},
            [],
            "stalking",
            Outcome.FAIL,
        ),
        (
            {"bail_conditions_imposed": False, "outcome": "Suspect bailed to return in May."},
            [],
            "harassment",
            Outcome.FAIL,
        ),
        ({"outcome": "Released under investigation (RUI)."}, [], "stalking", Outcome.UNKNOWN),
        ({"bail_conditions_imposed": False}, [], "stalking", Outcome.UNKNOWN),
        ({}, [], "stalking", Outcome.UNKNOWN),
        (
            {"bail_conditions_imposed": False, "outcome": "Charged and remanded in custody."},
            [],
            "stalking",
            Outcome.NOT_APPLICABLE,
        ),
        (
            {"bail_conditions_imposed": False, "outcome": "Released."},
            [],
            "no-offence",
            Outcome.NOT_APPLICABLE,
        ),
    ],
)
def test_bail_conditions_considered(handling: dict, orders: list, category: str, outcome: Outcome) -> None:
    case = make_case(handling=handling, orders=orders)
    r = get_check("bail-conditions-considered")(case, make_assessment(category=category), AS_OF)
    assert r.outcome is outcome, r.reason


@pytest.mark.parametrize(
    ("category", "orders", "outcome_text", "outcome"),
    [
        (
            "stalking",
            [{"id": "O3", "type": "stalking-protection-order", "against": "S1"}],
            None,
            Outcome.PASS,
        ),
        (
            "stalking-fear-or-distress",
            [{"id": "O3", "type": "restraining-order"}],
            None,
            Outcome.PASS,
        ),
        ("stalking", [], "Interim SPO applied for at magistrates' court.", Outcome.PASS),
        ("stalking", [], "Charged with stalking; CPS to seek a restraining order.", Outcome.PASS),
        ("stalking", [], "Charged with stalking. Victim given safety advice.", Outcome.FAIL),
        # A PIN is not a protective order.
        (
            "stalking",
            [{"id": "O4", "type": "police-information-notice"}],
            "PIN served.",
            Outcome.FAIL,
        ),
        ("stalking", [], None, Outcome.UNKNOWN),
        ("harassment", [], "No further action.", Outcome.NOT_APPLICABLE),
    ],
)
def test_protective_order_considered(category: str, orders: list, outcome_text: str | None, outcome: Outcome) -> None:
    handling = {"outcome": outcome_text} if outcome_text else {}
    case = make_case(handling=handling, orders=orders)
    r = get_check("protective-order-considered")(case, make_assessment(category=category), AS_OF)
    assert r.outcome is outcome, r.reason


PIN_ORDER = {
    "id": "O1",
    "type": "police-information-notice",
    "against": "S1",
    "starts": "2023-05-03",
}


@pytest.mark.parametrize(
    ("category", "handling", "orders", "outcome", "words"),
    [
        ("stalking", {"pin_issued": True}, [], Outcome.FAIL, "never appropriate in stalking cases"),
        ("stalking-fear-or-distress", {}, [PIN_ORDER], Outcome.FAIL, "stalking case"),
        ("harassment", {"pin_issued": True}, [], Outcome.FAIL, "in place of investigating"),
        (
            "harassment",
            {"pin_issued": False},
            [{**PIN_ORDER, "type": "early-harassment-notice"}],
            Outcome.FAIL,
            "in place of investigating",
        ),
        ("stalking", {"pin_issued": False}, [], Outcome.PASS, "No police information notice"),
        (
            "single-incident",
            {"pin_issued": True},
            [],
            Outcome.NOT_APPLICABLE,
            "no course of conduct",
        ),
        ("stalking", {}, [], Outcome.UNKNOWN, "does not record"),
    ],
)
def test_no_pin(category: str, handling: dict, orders: list, outcome: Outcome, words: str) -> None:
    case = make_case(days=("2023-05-01", "2023-05-08"), handling=handling, orders=orders)
    r = get_check("no-pin")(case, make_assessment(category=category), AS_OF)
    assert r.outcome is outcome
    assert words in r.reason


def test_pin_evidence_lists_the_incidents_after_it_was_served() -> None:
    case = make_case(days=("2023-05-01", "2023-05-03", "2023-05-08"), orders=[PIN_ORDER])
    r = get_check("no-pin")(case, make_assessment(category="stalking"), AS_OF)
    assert r.evidence[:3] == ["I2", "I3", "O1"]
    assert "I2, I3" in r.reason
