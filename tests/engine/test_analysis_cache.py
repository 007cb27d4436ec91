"""Reusing a case's analysed texts changes speed, never answers.

The API re-assesses a stored case after every change; the engine keeps recent analyses and reuses
those whose text and cast are unchanged. These tests compare reused and fresh assessments.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from vigil.contract import Case
from vigil.engine import assess
from vigil.engine.lexicon import compile_law
from vigil.law import load_law

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted((ROOT.parents[1] / "shared" / "examples").glob("*.json")) + sorted(
    (ROOT / "dev3" / "cases").glob("*.json")
)
AS_OF = date(2026, 1, 1)


def _cases() -> list[Case]:
    return [Case.model_validate(json.loads(p.read_text())["case"]) for p in EXAMPLES]


def test_growing_case_reassessed_with_reuse_matches_a_fresh_assessment() -> None:
    law = load_law()
    analyses = compile_law(law).analyses
    checked = 0
    for case in _cases():
        for k in range(1, len(case.incidents) + 1):
            part = case.model_copy(update={"incidents": case.incidents[:k]})
            reused = assess(part, law, AS_OF).model_dump()  # earlier prefixes are cached by now
            analyses.clear()
            fresh = assess(part, law, AS_OF).model_dump()
            assert reused == fresh, f"{case.case_id} with {k} incidents: reused analysis changed the answer"
            checked += 1
    assert checked > 50


def _two_incidents(identifier: str) -> Case:
    return Case.model_validate(
        {
            "format": "vigil.case/1",
            "case_id": "CACHE-1",
            "victim": {"id": "V1", "relationship_to_suspect": "stranger"},
            "suspects": [{"id": "S1", "identifiers": [identifier]}],
            "incidents": [
                {
                    "id": f"I{n}",
                    "when": f"2025-0{n}-03T21:00:00Z",
                    "channel": "in-person",
                    "narrative": "She followed me from the station to my front door and waited outside.",
                }
                for n in (1, 2)
            ],
        }
    )


def test_changing_the_suspect_is_not_answered_from_the_cache() -> None:
    """The same words read differently when the cast changes: 'she' is the suspect only if the suspect is a woman."""
    law = load_law()
    analyses = compile_law(law).analyses
    answers = []
    for identifier in ("Ms Dana Reeve", "Mr Dan Reeve", "Ms Dana Reeve"):
        reused = assess(_two_incidents(identifier), law, AS_OF).model_dump()
        analyses.clear()
        fresh = assess(_two_incidents(identifier), law, AS_OF).model_dump()
        assert reused == fresh, f"{identifier}: reused analysis changed the answer"
        answers.append({b["type"] for b in fresh["behaviours"]})
    assert answers[0] == answers[2]
    assert answers[0] != answers[1], "the test needs texts that read differently with a different cast"


def test_cache_is_bounded() -> None:
    analyses = compile_law(load_law()).analyses
    for case in _cases():
        assess(case, load_law(), AS_OF)
    assert 0 < len(analyses) <= analyses.size
