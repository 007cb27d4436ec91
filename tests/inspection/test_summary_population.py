"""The audit of a hand-built population of eight cases is exactly right.

Each case's expected outcomes were worked out by hand from the standards in
checks.yaml (see the comments), then summed into the table below; the test
runs the real checks and the real aggregation and compares every count.
"""

from __future__ import annotations

from datetime import date

import orjson
import pytest

from vigil.contract import Assessment, Case
from vigil.inspection.catalogue import Group
from vigil.inspection.registry import run_checks
from vigil.inspection.results import CaseAudit, Outcome, Rag
from vigil.inspection.summary import NO_TEAM, UNDATED, overall, summarise

from .builders import make_assessment, make_case

AS_OF = date(2024, 6, 1)
ADVOCACY = ["refer-specialist-advocacy"]


def population_pairs() -> list[tuple[Case, Assessment]]:
    """The eight hand-built cases with their hand-built assessments (also stored by the DB tests)."""
    return [
        # A: stalking handled well throughout. Green.
        (
            make_case(
                "A",
                days=("2023-01-10", "2023-01-17"),
                team="North",
                handling={
                    "recorded_as": "stalking",
                    "risk_assessment_completed": True,
                    "risk_management_plan": True,
                    "investigator": "detective",
                    "pin_issued": False,
                    "bail_conditions_imposed": True,
                    "victim_needs_assessment": True,
                    "victim_updates": ["2023-01-18"],
                    "outcome": "Charged with stalking; restraining order sought; referred to ISAC.",
                },
            ),
            make_assessment("A", "stalking", risk="high", actions=ADVOCACY),
        ),
        # B: the 2017 pattern: stalking recorded as harassment, a PIN, no risk assessment. Red.
        (
            make_case(
                "B",
                days=("2023-01-20", "2023-01-25"),
                team="North",
                orders=[
                    {
                        "id": "O1",
                        "type": "police-information-notice",
                        "against": "S1",
                        "starts": "2023-01-22",
                    }
                ],
                handling={
                    "recorded_as": "harassment",
                    "risk_assessment_completed": False,
                    "investigator": "uniform",
                    "pin_issued": True,
                    "victim_needs_assessment": False,
                    "victim_updates": [],
                    "outcome": "Words of advice. PIN served.",
                },
            ),
            make_assessment("B", "stalking-fear-or-distress", risk="high", actions=ADVOCACY),
        ),
        # C: harassment by an acquaintance, breach not dealt with, released without conditions. Red.
        (
            make_case(
                "C",
                days=("2023-02-01", "2023-02-03", "2023-02-07"),
                relationship="acquaintance",
                team="South",
                orders=[
                    {
                        "id": "O9",
                        "type": "restraining-order",
                        "against": "S1",
                        "starts": "2022-06-01",
                    }
                ],
                handling={
                    "recorded_as": "harassment",
                    "risk_assessment_completed": True,
                    "risk_management_plan": False,
                    "investigator": "uniform",
                    "pin_issued": False,
                    "bail_conditions_imposed": False,
                    "victim_needs_assessment": True,
                    "victim_updates": ["2023-02-02", "2023-02-06", "2023-02-08"],
                    "outcome": "Suspect released under investigation.",
                },
            ),
            make_assessment(
                "C",
                "harassment",
                risk="medium",
                course_ids=["I1", "I2", "I3"],
                breaches=[("O9", "I3")],
            ),
        ),
        # D: a single incident by a stranger: most standards do not apply. Green.
        (
            make_case(
                "D",
                days=("2023-02-14",),
                relationship="stranger",
                handling={
                    "recorded_as": "other",
                    "risk_assessment_completed": True,
                    "victim_needs_assessment": True,
                    "victim_updates": ["2023-02-21"],
                    "pin_issued": True,
                    "outcome": "Malicious communications; no further action.",
                },
            ),
            make_assessment("D", "single-incident"),
        ),
        # E: a former partner's harassment with no handling recorded at all. Amber.
        (
            make_case("E", days=("2023-03-01", "2023-03-09"), team="South"),
            make_assessment("E", "harassment"),
        ),
        # F: no offence: nothing applies.
        (
            make_case(
                "F",
                days=("2023-03-15",),
                relationship="neighbour",
                team="North",
                handling={"recorded_as": "no-offence", "risk_assessment_completed": False},
            ),
            make_assessment("F", "no-offence"),
        ),
        # G: stalking by a colleague, well handled but no screening and a late update. Red.
        (
            make_case(
                "G",
                days=("2023-04-03", "2023-04-04"),
                relationship="colleague",
                team="South",
                orders=[
                    {
                        "id": "O5",
                        "type": "stalking-protection-order",
                        "against": "S1",
                        "starts": "2023-04-20",
                    }
                ],
                handling={
                    "recorded_as": "stalking",
                    "risk_assessment_completed": True,
                    "stalking_screening_completed": False,
                    "risk_management_plan": True,
                    "investigator": "specialist",
                    "pin_issued": False,
                    "bail_conditions_imposed": True,
                    "victim_needs_assessment": True,
                    "victim_updates": ["2023-04-03"],
                },
            ),
            make_assessment("G", "stalking", risk="medium"),
        ),
        # H: undated incidents, relationship not given, breach investigated, no advocacy
        # referral. Red.
        (
            make_case(
                "H",
                relationship=None,
                team="North",
                incident_list=[{"id": "I1", "narrative": "a"}, {"id": "I2", "narrative": "b"}],
                orders=[{"id": "O7", "type": "non-molestation-order", "against": "S1"}],
                handling={
                    "recorded_as": "harassment-fear-of-violence",
                    "risk_assessment_completed": True,
                    "investigator": "detective",
                    "pin_issued": False,
                    "victim_needs_assessment": True,
                    "victim_updates": ["2023-05-01"],
                    "specialist_advocacy_referral": False,
                    "outcome": "Arrested for breach; bailed with conditions.",
                },
            ),
            make_assessment(
                "H",
                "harassment-fear-of-violence",
                risk="high",
                breaches=[("O7", "I2")],
                actions=ADVOCACY,
            ),
        ),
    ]


def population() -> list[CaseAudit]:
    return [run_checks(case, assessment, AS_OF) for case, assessment in population_pairs()]


P, F, U, N = Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN, Outcome.NOT_APPLICABLE

# Per case, in catalogue order, worked out by hand.
EXPECTED_BY_CASE = {
    # recorded, former partner, initial RA, screening, RMP, investigator, breaches, bail,
    # protective order, PIN, needs, updates, advocacy
    "A": [P, P, P, P, P, P, N, P, P, P, P, P, P],
    "B": [F, F, F, F, U, F, N, N, F, F, F, F, U],
    "C": [P, N, P, P, F, N, F, F, N, P, P, P, N],
    "D": [N, N, P, N, N, N, N, N, N, N, P, P, N],
    "E": [U, U, U, U, N, N, N, U, N, U, U, U, N],
    "F": [N, N, N, N, N, N, N, N, N, N, N, N, N],
    "G": [P, N, P, F, P, P, N, P, P, P, P, F, N],
    "H": [P, U, P, P, U, P, P, U, N, P, P, U, F],
}

# (pass, fail, unknown, not-applicable) per check over the eight cases.
EXPECTED_COUNTS = {
    "recorded-correctly": (4, 1, 1, 2),
    "former-partner-recorded-as-stalking": (1, 1, 2, 4),
    "initial-risk-assessment": (5, 1, 1, 1),
    "stalking-screening": (3, 2, 1, 2),
    "risk-management-plan": (2, 1, 2, 3),
    "specialist-investigator": (3, 1, 0, 4),
    "breaches-investigated": (1, 1, 0, 6),
    "bail-conditions-considered": (2, 1, 2, 3),
    "protective-order-considered": (2, 1, 0, 5),
    "no-pin": (4, 1, 1, 2),
    "victim-needs-assessment": (5, 1, 1, 1),
    "victim-updates-on-time": (3, 2, 2, 1),
    "specialist-advocacy-referral": (1, 1, 1, 5),
}


@pytest.fixture(scope="module")
def audits() -> list[CaseAudit]:
    return population()


def test_each_case_has_the_hand_worked_outcomes(audits: list[CaseAudit]) -> None:
    for audit in audits:
        got = [r.outcome for r in audit.results]
        assert got == EXPECTED_BY_CASE[audit.case_id], (
            audit.case_id,
            [
                (r.code, r.outcome.value, r.reason)
                for r, want in zip(audit.results, EXPECTED_BY_CASE[audit.case_id], strict=True)
                if r.outcome != want
            ],
        )


def test_counts_and_rates_per_check_are_exact(audits: list[CaseAudit]) -> None:
    summary = summarise(audits)
    assert summary.cases == 8
    assert [c.definition.code for c in summary.checks] == list(EXPECTED_COUNTS)
    for check in summary.checks:
        p, f, u, n = EXPECTED_COUNTS[check.definition.code]
        t = check.tally
        assert (t.counts[P], t.counts[F], t.counts[U], t.counts[N]) == (p, f, u, n), check.definition.code
        assert t.total == 8
        assert t.applicable == p + f + u
        assert t.rate(P) == p / 8
        assert t.rate(N) == n / 8
        assert t.of_applicable(P) == p / (p + f + u)
        assert t.of_applicable(F) == f / (p + f + u)
        assert t.not_met == (f + u) / (p + f + u)


def test_rag_counts(audits: list[CaseAudit]) -> None:
    summary = summarise(audits)
    assert summary.rag == {Rag.RED: 4, Rag.AMBER: 1, Rag.GREEN: 2, Rag.NONE: 1}
    assert {a.case_id: a.rag for a in audits}["E"] is Rag.AMBER


def test_victim_care_group_fails_a_case_when_any_part_fails(audits: list[CaseAudit]) -> None:
    group = summarise(audits).groups[Group.VICTIM_CARE]
    # A P, B F, C P, D P, E U, F N/A, G F, H F
    assert (group.counts[P], group.counts[F], group.counts[U], group.counts[N]) == (3, 3, 1, 1)


def test_side_by_side_with_2017(audits: list[CaseAudit]) -> None:
    comparison = {c.figure.code: c for c in summarise(audits).comparison}
    assert comparison["no-risk-management-plan"].figure.rate == 0.61
    assert comparison["no-risk-management-plan"].vigil_rate == 3 / 5
    assert comparison["no-risk-management-plan"].vigil_fail_rate == 1 / 5
    assert comparison["no-initial-risk-assessment"].figure.rate == 0.46
    assert comparison["no-initial-risk-assessment"].vigil_rate == 2 / 7
    assert comparison["victim-care-inadequate"].figure.rate == 0.95
    assert comparison["victim-care-inadequate"].vigil_rate == 4 / 7
    assert comparison["not-handled-by-detective"].figure.rate == 0.75
    assert comparison["not-handled-by-detective"].vigil_rate == 1 / 4
    assert comparison["not-handled-by-detective"].tally.applicable == 4


def test_by_month(audits: list[CaseAudit]) -> None:
    by_month = summarise(audits).by_month
    assert list(by_month) == ["2023-01", "2023-02", "2023-03", "2023-04", UNDATED]
    january = by_month["2023-01"]
    assert january["recorded-correctly"].counts[P] == 1
    assert january["recorded-correctly"].counts[F] == 1
    pooled = overall(january)
    # A: 12 pass, 1 n/a; B: 9 fail, 2 unknown, 2 n/a.
    assert (pooled.counts[P], pooled.counts[F], pooled.counts[U], pooled.counts[N]) == (12, 9, 2, 3)
    assert pooled.of_applicable(P) == 12 / 23
    assert by_month[UNDATED]["breaches-investigated"].counts[P] == 1


def test_by_team(audits: list[CaseAudit]) -> None:
    by_team = summarise(audits).by_team
    assert list(by_team) == [NO_TEAM, "North", "South"]
    north = overall(by_team["North"])  # A, B, F, H
    assert (north.counts[P], north.counts[F], north.counts[U], north.counts[N]) == (19, 10, 6, 17)
    assert by_team[NO_TEAM]["victim-updates-on-time"].counts[P] == 1  # D
    assert by_team["South"]["victim-updates-on-time"].counts[F] == 1  # G


def test_no_team_table_when_no_case_has_a_team() -> None:
    case = make_case("X", days=("2023-01-01",))
    summary = summarise([run_checks(case, make_assessment("X", "single-incident"), AS_OF)])
    assert summary.by_team == {}


def test_summary_serialises_to_json(audits: list[CaseAudit]) -> None:
    data = orjson.loads(orjson.dumps(summarise(audits).as_dict()))
    assert data["cases"] == 8
    first = data["checks"][0]
    assert first["code"] == "recorded-correctly"
    assert first["counts"] == {"pass": 4, "fail": 1, "not-applicable": 2, "unknown": 1}
    assert data["inspection_2017"][0]["inspection_2017"] == 0.61


def test_summary_of_nothing_has_no_rates() -> None:
    summary = summarise([])
    assert summary.cases == 0
    assert all(c.tally.not_met is None for c in summary.checks)
    assert all(c.vigil_rate is None for c in summary.comparison)
