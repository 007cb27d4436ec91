"""Import then export gives back exactly the case that went in: all examples, and edge cases."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy.orm import Session
from vigil_dbtest import example_paths

from vigil.cases.records import case_to_doc
from vigil.cases.service import create_case, load_full
from vigil.users.context import Actor

EXAMPLES = example_paths()


def _round_trip(sessions, doc: dict[str, Any]) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    with sessions() as s:
        create_case(s, Actor(None, "test"), json.loads(json.dumps(doc)))
        s.commit()
    with sessions() as s:  # a fresh session: nothing cached, everything read back from the database
        case = load_full(s, doc["case_id"])
        assert case is not None
        return case_to_doc(case)


@pytest.mark.skipif(not EXAMPLES, reason="no worked examples found at ../shared/examples")
@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_examples_round_trip_exactly(path, sessions) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(path.read_text())["case"]
    out = _round_trip(sessions, doc)
    assert out == doc
    # Key order too: the JSON text is identical.
    assert json.dumps(out, ensure_ascii=False) == json.dumps(doc, ensure_ascii=False)


def test_examples_exist() -> None:
    assert len(EXAMPLES) >= 20, "the shared worked examples are missing"


EDGE = {
    "case_id": "EDGE-1",
    "custom_top": {"nested": [1, 2.5, None]},
    "format": "vigil.case/1",
    "victim": None,
    "suspects": None,
    "third_parties": [{"id": "W1", "role": "friend", "description": "Kerry", "x-note": "extra"}],
    "incidents": [
        {
            "narrative": "no id first? no: id required",
            "id": "I1",
            "occurred_at": "2024-03-01T21:14:00+01:00",
            "suspect_id": None,
            "extra_field": True,
        },
        {"id": "I2", "occurred_at": "2024-03-02"},
    ],
    "orders": [
        {
            "id": "O1",
            "type": "other",
            "conditions": [
                {"type": "no-approach", "metres": 100},
                {"type": "no-approach", "metres": 2.5},
                {"type": "other", "text": "must not post", "place": None},
            ],
            "ends": None,
            "status_note": "x",
        }
    ],
    "handling": {"recorded_as": "harassment", "victim_updates": ["2024-03-05"], "unknown": 1},
}


def test_edge_cases_round_trip(sessions) -> None:  # type: ignore[no-untyped-def]
    out = _round_trip(sessions, EDGE)
    assert json.dumps(out) == json.dumps(EDGE)


def test_absent_optional_lists_stay_absent(sessions) -> None:  # type: ignore[no-untyped-def]
    doc = {"format": "vigil.case/1", "case_id": "MIN-1", "incidents": []}
    assert _round_trip(sessions, doc) == doc


def test_identifiers_are_normalised_in_storage(session: Session) -> None:
    create_case(
        session,
        Actor(None),
        {
            "format": "vigil.case/1",
            "case_id": "ID-1",
            "incidents": [],
            "suspects": [
                {
                    "id": "S1",
                    "identifiers": ["07700 900123", "Dan.K@Example.ORG", "@Dan_K", "Dan  King"],
                }
            ],
        },
    )
    session.flush()
    case = load_full(session, "ID-1")
    assert case is not None
    idents = [(i.kind, i.normalised, i.raw) for i in case.people[0].identifiers]
    assert idents == [
        ("phone", "+447700900123", "07700 900123"),
        ("email", "dan.k@example.org", "Dan.K@Example.ORG"),
        ("handle", "@dan_k", "@Dan_K"),
        ("name", "dan king", "Dan  King"),
    ]
