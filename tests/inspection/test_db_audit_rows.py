"""The materialised rows are trustworthy: one column per check, and a validity window that holds.

A stored row is reused for any audit date inside its window, so the window
must never cover a date on which a check would answer differently. The
property test tries arbitrary audit dates against cases with incidents and
updates around weekends and bank holidays.
"""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from vigil.inspection.catalogue import Group, load_catalogue
from vigil.inspection.materialise import validity
from vigil.inspection.models import CHECK_COLUMNS, GROUP_COLUMNS, CaseCheckResults
from vigil.inspection.registry import run_checks

from .builders import make_assessment, make_case
from .test_summary_population import population_pairs

CATALOGUE = load_catalogue()
DAYS = st.dates(min_value=date(2022, 12, 1), max_value=date(2024, 12, 31))


def test_every_check_and_group_has_its_column() -> None:
    assert list(CHECK_COLUMNS) == [c.code for c in CATALOGUE.checks]
    assert set(GROUP_COLUMNS) == set(Group)
    columns = set(CaseCheckResults.__table__.columns.keys())
    assert set(CHECK_COLUMNS.values()) | set(GROUP_COLUMNS.values()) <= columns


def outcomes(case, assessment, day: date) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.outcome.value for r in run_checks(case, assessment, day, CATALOGUE).results]


@settings(max_examples=150, deadline=None)
@given(
    case_index=st.integers(min_value=0, max_value=7),
    as_of=DAYS,
    offset=st.integers(min_value=-400, max_value=400),
)
def test_answers_do_not_change_inside_the_validity_window(case_index: int, as_of: date, offset: int) -> None:
    case, assessment = population_pairs()[case_index]
    start, until = validity(case, as_of, CATALOGUE)
    assert start <= as_of and (until is None or as_of < until)
    other = as_of + timedelta(days=offset)
    if start <= other and (until is None or other < until):
        assert outcomes(case, assessment, other) == outcomes(case, assessment, as_of)


@settings(max_examples=100, deadline=None)
@given(
    incident=st.dates(min_value=date(2023, 12, 15), max_value=date(2024, 1, 5)),
    update_gap=st.one_of(st.none(), st.integers(min_value=0, max_value=10)),
    as_of=st.dates(min_value=date(2023, 12, 10), max_value=date(2024, 1, 31)),
    probe=st.dates(min_value=date(2023, 12, 10), max_value=date(2024, 1, 31)),
    category=st.sampled_from(["harassment", "single-incident"]),
)
def test_window_holds_across_christmas_for_either_entitlement(
    incident: date, update_gap: int | None, as_of: date, probe: date, category: str
) -> None:
    updates = [] if update_gap is None else [(incident + timedelta(days=update_gap)).isoformat()]
    case = make_case("W", days=(incident.isoformat(),), relationship="neighbour", handling={"victim_updates": updates})
    assessment = make_assessment("W", category, course_ids=[])
    start, until = validity(case, as_of, CATALOGUE)
    if start <= probe and (until is None or probe < until):
        assert outcomes(case, assessment, probe) == outcomes(case, assessment, as_of)


def test_window_closes_on_the_day_a_deadline_is_missed() -> None:
    # Friday 22 December 2023; enhanced rights (domestic): one working day is Wednesday 27th.
    case = make_case("X", days=("2023-12-22",), handling={"victim_updates": []})
    assessment = make_assessment("X", "harassment", course_ids=[])
    start, until = validity(case, date(2023, 12, 24), CATALOGUE)
    assert start == date(2023, 12, 22)
    assert until == date(2023, 12, 28)
    code = "victim-updates-on-time"
    assert run_checks(case, assessment, date(2023, 12, 27)).result(code).outcome.value == "not-applicable"
    assert run_checks(case, assessment, date(2023, 12, 28)).result(code).outcome.value == "fail"
