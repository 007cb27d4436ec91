"""A rationale must say what the records show, not a stock sentence that contradicts them.

"The 2 records describe one occasion" is wrong when the records describe two occasions of which one does not
count (a report that he did nothing towards her); an officer reading it would distrust the rest.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import Assessment
from vigil.services.assessing import assess_document


def _assess(incidents: list[dict[str, str]]) -> Assessment:
    case = {
        "format": "vigil.case/1",
        "case_id": "R1",
        "victim": {"id": "V1", "relationship_to_suspect": "acquaintance"},
        "suspects": [{"id": "S1", "identifiers": ["Dale Rigby"]}],
        "incidents": [
            {"id": f"I{n}", "occurred_at": f"2026-0{n}-10T10:00:00", "suspect_id": "S1", **inc}
            for n, inc in enumerate(incidents, start=1)
        ],
    }
    done = assess_document(case, as_of=date(2026, 11, 1))
    assert isinstance(done, Assessment)
    return done


def test_a_report_of_him_doing_nothing_is_named_as_why_there_is_no_course() -> None:
    done = _assess(
        [
            {"channel": "phone-call", "narrative": "S1 rang V1 and said 'I'll smash your face in.'"},
            {
                "channel": "other",
                "narrative": "PCSO note: S1 was at the garden centre at the same time as V1. He did not approach or "
                "speak to her.",
            },
        ]
    )
    reason = " ".join(done.classification.rationale)
    assert done.course_of_conduct.present is False
    assert "describe one occasion" not in reason
    assert "I2 is a record of nothing done towards the victim" in reason


def test_one_event_recorded_twice_is_still_called_one_occasion() -> None:
    done = _assess(
        [
            {"channel": "phone-call", "narrative": "S1 rang V1 and said 'I'll smash your face in.'"},
            {
                "channel": "other",
                "narrative": "Statement of V1 about the same call on 10/01: he said he would smash my face in.",
            },
        ]
    )
    reason = " ".join(done.classification.rationale)
    assert done.course_of_conduct.present is False
    assert "the 2 records describe one occasion" in reason
