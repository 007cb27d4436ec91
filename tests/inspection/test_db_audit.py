"""Database mode of `vigil audit`: the same answers as file mode, counted in SQL, on both backends.

Populations are stored in a real database (SQLite, and PostgreSQL when
reachable); the SQL summary is compared with the Python `summarise` over the
same cases, and per-case results with `run_checks` on the same case and
assessment. Nothing is mocked.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from vigil.casefiles import RawCase
from vigil.cases.models import Case as CaseRow
from vigil.cases.models import StoredAssessment
from vigil.cases.records import case_from_doc
from vigil.cases.service import create_case
from vigil.contract import Assessment, Case, Category
from vigil.inspection.caseload import AuditFilter, RunStats, audit_documents, reservoir_sample
from vigil.inspection.db_audit import audit_cases, audit_summary, draw_sample, iter_case_audits, start
from vigil.inspection.materialise import refresh
from vigil.inspection.models import CaseCheckResults
from vigil.inspection.registry import run_checks
from vigil.inspection.results import CaseAudit, Outcome, Rag
from vigil.inspection.summary import summarise
from vigil.synth import generate_cases
from vigil.users.context import Actor
from vigil.users.models import Team

from .builders import make_assessment, make_case
from .test_summary_population import AS_OF, population_pairs

SYNTH_AS_OF = date(2025, 6, 2)


def _team_id(session: Session, name: str | None) -> int | None:
    if name is None:
        return None
    found = session.execute(select(Team.id).where(Team.name == name)).scalar_one_or_none()
    if found is not None:
        return found
    team = Team(name=name)
    session.add(team)
    session.flush()
    return team.id


def store(session: Session, case: Case, assessment: Assessment, as_of: date = AS_OF) -> CaseRow:
    """Store a case and a hand-built assessment as its current one (no engine, no hook)."""
    doc = case.model_dump(mode="json", exclude_unset=True)
    row = case_from_doc(doc)
    row.team_id = _team_id(session, doc.get("team"))
    session.add(row)
    session.flush()
    session.add(
        StoredAssessment(
            case_id=row.id,
            seq=1,
            as_of=as_of.isoformat(),
            law_version=assessment.law_version,
            risk_level=assessment.risk.level.value,
            category=assessment.classification.category.value,
            escalation=assessment.risk.escalation.detected,
            trigger="test",
            document=assessment.model_dump(mode="json"),
        )
    )
    session.flush()
    return row


def comparable(audit: CaseAudit) -> dict[str, Any]:
    return {**audit.as_dict(), "where": None}


@pytest.fixture
def hand_built(session: Session) -> list[CaseAudit]:
    """The eight hand-worked cases stored; returns what file mode says about them."""
    pairs = population_pairs()
    for case, assessment in pairs:
        store(session, case, assessment)
    return [run_checks(case, assessment, AS_OF) for case, assessment in pairs]


def test_hand_built_population_gives_exactly_the_file_mode_summary(
    session: Session, hand_built: list[CaseAudit]
) -> None:
    summary = audit_summary(session, as_of=AS_OF)
    assert summary.cases == 8
    assert summary.as_dict() == summarise(hand_built).as_dict()
    # spot-check against the hand-worked table (test_summary_population.EXPECTED_COUNTS)
    counts = summary.check("victim-updates-on-time").tally.counts
    assert (counts[Outcome.PASS], counts[Outcome.FAIL], counts[Outcome.UNKNOWN]) == (3, 2, 2)


def test_per_case_results_from_the_database_equal_file_mode(session: Session, hand_built: list[CaseAudit]) -> None:
    from_db = {a.case_id: comparable(a) for a in iter_case_audits(session, as_of=AS_OF)}
    assert from_db == {a.case_id: comparable(a) for a in hand_built}
    assert list(from_db) == sorted(from_db), "listed in case-reference order"


def test_stored_rows_hold_each_outcome_as_its_code(session: Session, hand_built: list[CaseAudit]) -> None:
    refresh(session, AS_OF)
    rows = session.execute(select(CaseCheckResults, CaseRow.reference).join(CaseRow)).tuples().all()
    by_ref = {ref: row for row, ref in rows}
    b = by_ref["B"]
    assert b.rag == 3 and b.recorded_correctly == 2 and b.risk_management_plan == 3
    assert by_ref["F"].rag == 0 and by_ref["A"].rag == 1


@pytest.mark.parametrize(
    "filters",
    [
        AuditFilter(date_from=date(2023, 2, 1)),
        AuditFilter(date_to=date(2023, 1, 31)),
        AuditFilter(date_from=date(2023, 1, 15), date_to=date(2023, 3, 31)),
        AuditFilter(teams=frozenset({"North"})),
        AuditFilter(teams=frozenset({"North", "South"})),
        AuditFilter(teams=frozenset({"Nowhere"})),
        AuditFilter(classifications=frozenset({Category.STALKING})),
        AuditFilter(
            classifications=frozenset({Category.HARASSMENT, Category.NO_OFFENCE}),
            teams=frozenset({"North"}),
        ),
    ],
    ids=lambda f: str(f.as_dict()),
)
def test_filters_admit_the_same_cases_as_file_mode(session: Session, filters: AuditFilter) -> None:
    expected = []
    for case, assessment in population_pairs():
        store(session, case, assessment)
        if filters.admits_case(case) and filters.admits_category(assessment.classification.category):
            expected.append(run_checks(case, assessment, AS_OF))
    summary = audit_summary(session, filters, as_of=AS_OF)
    assert summary.as_dict() == summarise(expected).as_dict()
    listed = [a.case_id for a in iter_case_audits(session, filters, as_of=AS_OF)]
    assert listed == sorted(a.case_id for a in expected)


def test_sample_is_reproducible_and_matches_the_file_mode_draw(session: Session, hand_built: list[CaseAudit]) -> None:
    run = start(session, AS_OF)
    first = draw_sample(session, AuditFilter(), 3, seed=11)
    assert draw_sample(session, AuditFilter(), 3, seed=11) == first
    draws = {tuple(draw_sample(session, AuditFilter(), 3, seed=s)) for s in range(8)}
    assert len(draws) > 1, "different seeds draw different samples"
    in_reference_order = sorted(hand_built, key=lambda a: a.case_id)
    expected = reservoir_sample(in_reference_order, 3, 11)
    sampled = list(iter_case_audits(session, case_ids=first, run=run))
    assert [a.case_id for a in sampled] == [a.case_id for a in expected]
    summary = audit_summary(session, case_ids=first, run=run)
    assert summary.as_dict() == summarise(expected).as_dict()


def test_case_page_worst_first_with_reasons_and_drill_down(session: Session, hand_built: list[CaseAudit]) -> None:
    page = audit_cases(session, page=1, page_size=3, as_of=AS_OF)
    assert page.total == 8 and page.pages == 3
    order = [Rag.RED, Rag.AMBER, Rag.GREEN, Rag.NONE]
    all_rags = sorted((a.rag for a in hand_built), key=order.index)
    assert [a.rag for a in page.audits] == all_rags[:3]
    assert all(r.reason for a in page.audits for r in a.results)
    last = audit_cases(session, page=3, page_size=3, as_of=AS_OF, refresh_rows=False)
    assert [a.rag for a in last.audits] == all_rags[6:]

    failed = audit_cases(session, check="victim-updates-on-time", outcome=Outcome.FAIL, as_of=AS_OF)
    expected = sorted(a.case_id for a in hand_built if a.result("victim-updates-on-time").outcome is Outcome.FAIL)
    assert sorted(a.case_id for a in failed.audits) == expected and failed.total == len(expected)
    greens = audit_cases(session, rag=Rag.GREEN, as_of=AS_OF)
    assert [a.case_id for a in greens.audits] == [a.case_id for a in hand_built if a.rag is Rag.GREEN]
    assert page.as_dict()["cases"][0]["results"][0]["reason"]


def test_changed_case_is_refreshed_before_the_audit(session: Session, hand_built: list[CaseAudit]) -> None:
    refresh(session, AS_OF)
    row = session.execute(select(CaseRow).where(CaseRow.reference == "B")).scalar_one()
    handling = dict(row.handling or {})
    handling["risk_assessment_completed"] = True
    row.handling = handling
    session.flush()  # the case's version moves on; its stored row no longer holds
    summary = audit_summary(session, as_of=AS_OF)
    tally = summary.check("initial-risk-assessment").tally
    assert tally.counts[Outcome.PASS] == 6 and tally.counts[Outcome.FAIL] == 0


def test_a_passed_deadline_moves_the_row_on(session: Session) -> None:
    # One incident on Monday 3 June 2024, no update yet: enhanced rights, one working day.
    case = make_case("DUE", days=("2024-06-03",), handling={"victim_updates": []})
    assessment = make_assessment("DUE", "harassment", course_ids=[])
    store(session, case, assessment)
    before = audit_summary(session, as_of=date(2024, 6, 4)).check("victim-updates-on-time").tally
    after = audit_summary(session, as_of=date(2024, 6, 5)).check("victim-updates-on-time").tally
    assert before.counts[Outcome.NOT_APPLICABLE] == 1
    assert after.counts[Outcome.FAIL] == 1
    assert run_checks(case, assessment, date(2024, 6, 5)).result("victim-updates-on-time").outcome is Outcome.FAIL


def test_case_without_a_stored_assessment_is_reported_not_dropped(session: Session) -> None:
    session.add(case_from_doc({"format": "vigil.case/1", "case_id": "NOASSESS", "incidents": []}))
    case, assessment = population_pairs()[0]
    store(session, case, assessment)
    run = start(session, AS_OF)
    stats = run.stats(session, AuditFilter())
    assert (stats.read, stats.audited, stats.problem_count) == (2, 1, 1)
    assert stats.problems[0].case_id == "NOASSESS"
    assert "no stored assessment" in stats.problems[0].message


def _synthetic(n: int) -> list[dict[str, Any]]:
    docs = list(generate_cases(5, n, n_incidents=4, target_chars=300))
    for i, doc in enumerate(docs):
        doc["team"] = ["North", "South", "East"][i % 3]
    return docs


def test_cases_stored_through_the_service_match_a_file_audit_without_refresh(session: Session) -> None:
    """The real path: create_case assesses with the engine and writes each row as it stores."""
    docs = _synthetic(24)
    actor = Actor(None, "test", now=datetime(2025, 6, 2, 12, 0))
    for doc in docs:
        create_case(session, actor, doc, team_id=_team_id(session, doc["team"]))
    session.flush()
    stats = RunStats()
    raws = [RawCase(where=d["case_id"], data=d) for d in docs]
    from_files = list(audit_documents(raws, SYNTH_AS_OF, AuditFilter(), stats))
    assert stats.audited == 24 and not stats.problems
    summary = audit_summary(session, as_of=SYNTH_AS_OF, refresh_rows=False)
    assert summary.as_dict() == summarise(from_files).as_dict()
    # nothing was stale: every row was written when its assessment was stored
    assert refresh(session, SYNTH_AS_OF).refreshed == 0
    stored = session.execute(select(CaseCheckResults.case_version, CaseRow.version).join(CaseRow)).all()
    assert len(stored) == 24 and all(a == b for a, b in stored)


def test_an_unchanged_database_needs_no_refresh_twice(session: Session, hand_built: list[CaseAudit]) -> None:
    assert refresh(session, AS_OF).refreshed == 8
    assert refresh(session, AS_OF).refreshed == 0
    session.execute(update(CaseCheckResults).values(catalogue_version="older"))
    assert refresh(session, AS_OF).refreshed == 8, "new check definitions make every row stale"
