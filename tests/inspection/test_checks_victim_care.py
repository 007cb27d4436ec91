"""Victim-care checks: needs assessment, Victims' Code update limits, specialist advocacy."""

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
        ("stalking", {"victim_needs_assessment": True}, Outcome.PASS),
        ("single-incident", {"victim_needs_assessment": False}, Outcome.FAIL),
        ("no-offence", {"victim_needs_assessment": False}, Outcome.NOT_APPLICABLE),
        ("harassment", {"recorded_as": "harassment"}, Outcome.UNKNOWN),
    ],
)
def test_victim_needs_assessment(category: str, handling: dict, outcome: Outcome) -> None:
    r = get_check("victim-needs-assessment")(make_case(handling=handling), make_assessment(category=category), AS_OF)
    assert r.outcome is outcome


def updates_check(days, updates, *, category="stalking", relationship="ex-partner", as_of=AS_OF):  # type: ignore[no-untyped-def]
    handling = {"victim_updates": updates} if updates is not None else {}
    case = make_case(days=days, relationship=relationship, handling=handling)
    return get_check("victim-updates-on-time")(case, make_assessment(category=category), as_of)


def test_enhanced_victim_updated_next_working_day_passes() -> None:
    # Friday 5 May 2023 incident; Monday 8 May 2023 was the coronation bank holiday, so
    # one working day runs to Tuesday 9 May.
    r = updates_check(("2023-05-01", "2023-05-05T22:00:00"), ["2023-05-02", "2023-05-09"])
    assert r.outcome is Outcome.PASS
    assert "1 working day" in r.reason
    assert "persistently targeted" in r.reason


def test_enhanced_victim_updated_two_working_days_late_fails() -> None:
    r = updates_check(("2023-05-01", "2023-05-05"), ["2023-05-02", "2023-05-10"])
    assert r.outcome is Outcome.FAIL
    assert r.evidence == ["I2"]
    assert "due by 2023-05-09" in r.reason


def test_every_incident_after_the_first_update_needs_its_own_update() -> None:
    # I2 (3 May) came after the first update (2 May) and had no update until 9 May: late,
    # even though the latest incident (I3) was answered in time.
    r = updates_check(("2023-05-01", "2023-05-03", "2023-05-15"), ["2023-05-02", "2023-05-09", "2023-05-16"])
    assert r.outcome is Outcome.FAIL
    assert r.evidence == ["I2"]


def test_standard_victim_gets_five_working_days() -> None:
    # A single incident by a stranger, no fear finding: standard rights, 5 working days.
    # Monday 6 March 2023 + 5 working days = Monday 13 March.
    r = updates_check(("2023-03-06",), ["2023-03-13"], category="single-incident", relationship="stranger")
    assert r.outcome is Outcome.PASS
    assert "standard rights" in r.reason
    r = updates_check(("2023-03-06",), ["2023-03-14"], category="single-incident", relationship="stranger")
    assert r.outcome is Outcome.FAIL


def test_domestic_relationship_alone_gives_enhanced_rights() -> None:
    r = updates_check(("2023-03-06",), ["2023-03-09"], category="single-incident", relationship="current-partner")
    assert r.outcome is Outcome.FAIL
    assert "domestic abuse" in r.reason


def test_no_updates_at_all_after_the_limit_fails() -> None:
    r = updates_check(("2023-05-01", "2023-05-03"), [])
    assert r.outcome is Outcome.FAIL


def test_not_yet_due_is_not_applicable() -> None:
    r = updates_check(("2024-05-30", "2024-05-31"), [], as_of=date(2024, 6, 1))
    assert r.outcome is Outcome.NOT_APPLICABLE
    assert "none is overdue yet" in r.reason


def test_updates_not_recorded_is_unknown() -> None:
    assert updates_check(("2023-05-01", "2023-05-03"), None).outcome is Outcome.UNKNOWN


def test_no_offence_is_not_applicable() -> None:
    assert updates_check(("2023-05-01",), [], category="no-offence").outcome is Outcome.NOT_APPLICABLE


def test_updates_after_the_audit_date_do_not_count() -> None:
    r = updates_check(("2023-05-01", "2023-05-03"), ["2023-05-04"], as_of=date(2023, 5, 20))
    assert r.outcome is Outcome.PASS
    r = updates_check(("2023-05-01", "2023-05-03"), ["2023-05-04", "2023-05-02"], as_of=date(2023, 5, 3))
    assert r.outcome is Outcome.NOT_APPLICABLE, "the 4 May update had not happened on 3 May"


@pytest.mark.parametrize(
    ("actions", "handling", "outcome"),
    [
        (
            ["refer-specialist-advocacy"],
            {"outcome": "Referred to an independent stalking advocate (ISAC)."},
            Outcome.PASS,
        ),
        (["refer-specialist-advocacy"], {"specialist_advocacy_referral": True}, Outcome.PASS),
        (["refer-specialist-advocacy"], {"specialist_advocacy_referral": False}, Outcome.FAIL),
        (["refer-specialist-advocacy"], {"outcome": "Charged."}, Outcome.UNKNOWN),
        (["refer-specialist-advocacy"], None, Outcome.UNKNOWN),
        (["risk-management-plan"], {"specialist_advocacy_referral": False}, Outcome.NOT_APPLICABLE),
    ],
)
def test_specialist_advocacy_referral(actions: list[str], handling: dict | None, outcome: Outcome) -> None:
    assessment = make_assessment(category="stalking", actions=actions)
    r = get_check("specialist-advocacy-referral")(make_case(handling=handling), assessment, AS_OF)
    assert r.outcome is outcome
