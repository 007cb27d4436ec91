"""Recording checks: pass, fail, not applicable and unknown, on hand-built cases."""

from __future__ import annotations

from datetime import date

import pytest

from vigil.inspection.registry import get_check
from vigil.inspection.results import Outcome

from .builders import make_assessment, make_case

AS_OF = date(2024, 6, 1)


def run(code: str, case, assessment):  # type: ignore[no-untyped-def]
    return get_check(code)(case, assessment, AS_OF)


@pytest.mark.parametrize(
    ("category", "recorded", "outcome", "words"),
    [
        ("stalking", "stalking", Outcome.PASS, "Stalking recorded as stalking"),
        ("stalking-fear-or-distress", "stalking", Outcome.PASS, "aggravated form"),
        ("stalking", "harassment", Outcome.FAIL, "Stalking recorded as harassment"),
        (
            "stalking-fear-or-distress",
            "harassment-fear-of-violence",
            Outcome.FAIL,
            "recorded as harassment",
        ),
        ("stalking", "single-incident", Outcome.FAIL, "dealt with in isolation"),
        ("harassment", "no-offence", Outcome.FAIL, "not recorded as a crime of harassment"),
        ("stalking", "other", Outcome.FAIL, "another offence"),
        ("harassment", "harassment", Outcome.PASS, "Harassment recorded as harassment"),
        ("harassment", "stalking", Outcome.PASS, "stalking-first"),
        ("single-incident", "harassment", Outcome.NOT_APPLICABLE, "no course of conduct"),
        ("no-offence", None, Outcome.NOT_APPLICABLE, "no course of conduct"),
        ("stalking", None, Outcome.UNKNOWN, "handling.recorded_as is absent"),
    ],
)
def test_recorded_correctly(category: str, recorded: str | None, outcome: Outcome, words: str) -> None:
    handling = {"recorded_as": recorded} if recorded else {"pin_issued": False}
    r = run("recorded-correctly", make_case(handling=handling), make_assessment(category=category))
    assert r.outcome is outcome
    assert words in r.reason
    assert r.code == "recorded-correctly"


def test_recorded_correctly_evidence_names_the_course_and_the_record() -> None:
    r = run(
        "recorded-correctly",
        make_case(handling={"recorded_as": "harassment"}),
        make_assessment(category="stalking", course_ids=["I1", "I2"]),
    )
    assert r.evidence == ["I1", "I2", "handling.recorded_as: harassment"]


def test_recorded_correctly_without_any_handling_is_unknown_not_pass() -> None:
    r = run("recorded-correctly", make_case(handling=None), make_assessment(category="harassment"))
    assert r.outcome is Outcome.UNKNOWN


@pytest.mark.parametrize(
    ("relationship", "days", "category", "recorded", "outcome"),
    [
        ("ex-partner", ("2021-03-01", "2021-03-05"), "harassment", "stalking", Outcome.PASS),
        (
            "ex-partner",
            ("2021-03-01", "2021-03-05"),
            "stalking",
            "stalking-fear-or-distress",
            Outcome.PASS,
        ),
        ("ex-partner", ("2021-03-01", "2021-03-05"), "harassment", "harassment", Outcome.FAIL),
        ("ex-partner", ("2021-03-01", "2021-03-05"), "stalking", "other", Outcome.FAIL),
        (
            "acquaintance",
            ("2021-03-01", "2021-03-05"),
            "harassment",
            "harassment",
            Outcome.NOT_APPLICABLE,
        ),
        # The rule took effect on 1 April 2020: a course of conduct that ended before it is
        # outside it.
        (
            "ex-partner",
            ("2020-03-01", "2020-03-31"),
            "harassment",
            "harassment",
            Outcome.NOT_APPLICABLE,
        ),
        # ...but one that runs past that date is inside it.
        ("ex-partner", ("2020-03-01", "2020-04-01"), "harassment", "harassment", Outcome.FAIL),
        ("ex-partner", ("2021-03-01",), "single-incident", "harassment", Outcome.NOT_APPLICABLE),
        (None, ("2021-03-01", "2021-03-05"), "harassment", "harassment", Outcome.UNKNOWN),
        ("unknown", ("2021-03-01", "2021-03-05"), "harassment", "harassment", Outcome.UNKNOWN),
        ("ex-partner", ("2021-03-01", "2021-03-05"), "harassment", None, Outcome.UNKNOWN),
    ],
)
def test_former_partner_recorded_as_stalking(
    relationship: str | None,
    days: tuple[str, ...],
    category: str,
    recorded: str | None,
    outcome: Outcome,
) -> None:
    handling = {"recorded_as": recorded} if recorded else {}
    case = make_case(days=days, relationship=relationship, handling=handling)
    r = run("former-partner-recorded-as-stalking", case, make_assessment(category=category))
    assert r.outcome is outcome, r.reason


def test_former_partner_fail_explains_the_harassment_in_law_only_exception() -> None:
    case = make_case(days=("2022-01-01", "2022-01-09"), handling={"recorded_as": "harassment"})
    r = run("former-partner-recorded-as-stalking", case, make_assessment(category="harassment"))
    assert "harassment in law only" in r.reason
    assert "victim.relationship_to_suspect: ex-partner" in r.evidence


def test_former_partner_with_undated_incidents_is_unknown() -> None:
    undated = [{"id": "I1", "narrative": "a"}, {"id": "I2", "narrative": "b"}]
    case = make_case(incident_list=undated, handling={"recorded_as": "harassment"})
    r = run("former-partner-recorded-as-stalking", case, make_assessment(category="harassment"))
    assert r.outcome is Outcome.UNKNOWN
    assert "dated" in r.reason
