"""checks.yaml: every standard has a source, reasoning behind it, and bad data is caught."""

from __future__ import annotations

import copy
from datetime import date

import pytest
import yaml

from vigil.inspection.catalogue import Group, InspectionDataError, load_catalogue, parse_catalogue
from vigil.inspection.registry import registered
from vigil.inspection.working_days import add_working_days, is_working_day


def raw_yaml() -> dict:
    from importlib import resources

    return yaml.safe_load((resources.files("vigil.inspection") / "checks.yaml").read_text(encoding="utf-8"))


def test_every_defined_check_has_a_function_and_every_function_a_definition() -> None:
    defined = {c.code for c in load_catalogue().checks}
    assert defined == set(registered())


def test_every_group_of_the_issue_is_covered() -> None:
    assert {c.group for c in load_catalogue().checks} == set(Group)


def test_every_check_cites_a_source_with_a_url() -> None:
    catalogue = load_catalogue()
    for check in catalogue.checks:
        assert check.sources, check.code
        for key in check.sources:
            assert catalogue.sources[key].url.startswith("https://"), key


def test_the_2017_figures_are_the_published_ones() -> None:
    figures = {f.code: f.rate for f in load_catalogue().inspection_2017}
    assert figures == {
        "no-risk-management-plan": 0.61,
        "no-initial-risk-assessment": 0.46,
        "victim-care-inadequate": 0.95,
        "not-handled-by-detective": 0.75,
    }


def test_victims_code_limits_are_data() -> None:
    limits = load_catalogue().victims_code.update_limits
    assert (limits.enhanced.working_days, limits.standard.working_days) == (1, 5)


@pytest.mark.parametrize(
    ("mutate", "words"),
    [
        (lambda d: d["checks"][0]["sources"].append("no-such-source"), "no-such-source"),
        (lambda d: d["checks"].append(copy.deepcopy(d["checks"][0])), "duplicate check codes"),
        (lambda d: d["checks"][0].update(group="paperwork"), "checks.0.group"),
        (lambda d: d["inspection_2017"][0].update(check="no-such-check"), "unknown check"),
        (lambda d: d["inspection_2017"][0].update(group="risk"), "exactly one of"),
        (lambda d: d["sources"]["s-dash-2009"].update(url="docest.com"), "sources.s-dash-2009.url"),
    ],
)
def test_malformed_definitions_are_a_clear_error(mutate, words: str) -> None:  # type: ignore[no-untyped-def]
    data = raw_yaml()
    mutate(data)
    with pytest.raises(InspectionDataError) as caught:
        parse_catalogue(data)
    assert words in caught.value.message
    assert "checks.yaml" in caught.value.message


def test_outcome_terms_match_whole_words_only() -> None:
    catalogue = load_catalogue()
    assert catalogue.mentions("Breached the order twice", "breach") == ["breach*"]
    assert catalogue.mentions("Suspect bailed to return", "release") == ["bail*"]  # stem: any ending
    assert catalogue.mentions("RUIN", "release") == []
    assert catalogue.mentions("Interim SPO granted", "protective_order") == ["SPO"]
    assert catalogue.mentions("SPOKEN to suspect", "protective_order") == []
    assert catalogue.mentions(None, "breach") == []


@pytest.mark.parametrize(
    ("start", "count", "end"),
    [
        (date(2023, 5, 5), 1, date(2023, 5, 9)),  # Friday; Monday 8 May 2023 was a bank holiday
        (date(2023, 5, 6), 1, date(2023, 5, 9)),  # Saturday
        (date(2023, 3, 6), 5, date(2023, 3, 13)),  # Monday + 5 = next Monday
        (date(2023, 12, 22), 1, date(2023, 12, 27)),  # Christmas and Boxing Day
        (date(2023, 3, 6), 0, date(2023, 3, 6)),
    ],
)
def test_add_working_days(start: date, count: int, end: date) -> None:
    assert add_working_days(start, count) == end


def test_working_days() -> None:
    assert is_working_day(date(2024, 3, 28))
    assert not is_working_day(date(2024, 3, 29))  # Good Friday
    assert not is_working_day(date(2024, 3, 30))  # Saturday
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1)
    with pytest.raises(InspectionDataError):
        is_working_day(date(2024, 1, 2), "narnia")
