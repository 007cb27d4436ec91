"""Bad requests get the one error shape and change nothing that is stored."""

from __future__ import annotations

import pytest
from helpers import case_doc, snapshot


def _shape(r, status: int) -> dict:  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"} and set(body["error"]) == {"message", "hint", "path"}
    assert body["error"]["message"]
    return body["error"]


@pytest.fixture
def inv(make_user, client):  # type: ignore[no-untyped-def]
    person = make_user("investigator")
    assert client.post("/api/cases", json=case_doc(), headers=person.headers).status_code == 201
    return person


def test_malformed_json(inv, client, sessions) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sessions)
    r = client.post(
        "/api/cases/C-1/incidents",
        content=b'{"id": "I2", "narrative": ',
        headers={**inv.headers, "Content-Type": "application/json"},
    )
    err = _shape(r, 400)
    assert "not valid JSON" in err["message"]
    assert snapshot(sessions) == before


def test_wrong_types_name_the_field(inv, client, sessions) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sessions)
    r = client.post(
        "/api/cases/C-1/incidents",
        json={"id": "I2", "channel": "carrier-pigeon"},
        headers=inv.headers,
    )
    err = _shape(r, 422)
    assert err["path"] == "channel" and "carrier-pigeon" in err["message"]
    r = client.post(
        "/api/cases/C-1/incidents",
        json={"id": "I2", "occurred_at": "last Tuesday"},
        headers=inv.headers,
    )
    assert _shape(r, 422)["path"] == "occurred_at"
    r = client.post("/api/cases/C-1/incidents", json=["not", "an", "object"], headers=inv.headers)
    _shape(r, 422)
    r = client.post("/api/cases", json={**case_doc("C-2"), "incidents": [{"id": 5}]}, headers=inv.headers)
    assert _shape(r, 422)["path"] == "incidents[0].id"
    r = client.patch(
        "/api/cases/C-1",
        json={"advocate_consent": "perhaps"},
        headers={**inv.headers, "If-Match": "1"},
    )
    assert _shape(r, 422)["path"] == "advocate_consent"
    assert snapshot(sessions) == before
    assert snapshot(sessions, "C-2")["doc"] is None


def test_unknown_ids(inv, client, sessions) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sessions)
    assert "no case" in _shape(client.get("/api/cases/NOPE", headers=inv.headers), 404)["message"]
    _shape(client.get("/api/cases/C-1/incidents/I99", headers=inv.headers), 404)
    _shape(client.put("/api/cases/C-1/incidents/I99", json={"id": "I99"}, headers=inv.headers), 404)
    _shape(client.delete("/api/cases/C-1/people/S99", headers=inv.headers), 404)
    _shape(
        client.post("/api/cases/C-1/alerts/999999/acknowledge", json={"note": "x"}, headers=inv.headers),
        404,
    )
    _shape(client.get("/api/cases/C-1/assessments/99", headers=inv.headers), 404)
    _shape(client.get("/api/no-such-endpoint", headers=inv.headers), 404)
    assert snapshot(sessions) == before


def test_duplicate_ids_conflict(inv, client, sessions) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sessions)
    _shape(client.post("/api/cases", json=case_doc(), headers=inv.headers), 409)
    _shape(client.post("/api/cases/C-1/incidents", json={"id": "I1"}, headers=inv.headers), 409)
    assert snapshot(sessions) == before


def test_oversize_body(inv, client, sessions, settings) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(sessions)
    big = {"id": "I2", "narrative": "x" * (settings.max_body_bytes + 10)}
    r = client.post("/api/cases/C-1/incidents", json=big, headers=inv.headers)
    assert "larger than" in _shape(r, 413)["message"]

    def chunks():  # no Content-Length: the limit still holds while streaming
        yield b'{"id": "I3", "narrative": "'
        for _ in range(settings.max_body_bytes // 1000 + 2):
            yield b"y" * 1000
        yield b'"}'

    r = client.post(
        "/api/cases/C-1/incidents",
        content=chunks(),
        headers={**inv.headers, "Content-Type": "application/json"},
    )
    _shape(r, 413)
    assert snapshot(sessions) == before


def test_conflicting_updates_lose_cleanly(inv, client, sessions) -> None:  # type: ignore[no-untyped-def]
    order = case_doc()["orders"][0]
    v = snapshot(sessions)["versions"]["O1"]
    first = client.put(
        "/api/cases/C-1/orders/O1",
        json={**order, "ends": "2025-02-01"},
        headers={**inv.headers, "If-Match": str(v)},
    )
    assert first.status_code == 200, first.text
    before = snapshot(sessions)
    late = client.put(
        "/api/cases/C-1/orders/O1",
        json={**order, "ends": "2030-01-01"},
        headers={**inv.headers, "If-Match": str(v)},
    )
    err = _shape(late, 409)
    assert "changed by someone else" in err["message"] and err["hint"]
    missing = client.put("/api/cases/C-1/orders/O1", json=order, headers=inv.headers)
    assert _shape(missing, 409)["path"] == "If-Match"
    assert snapshot(sessions) == before
    assert before["doc"]["orders"][0]["ends"] == "2025-02-01"


def test_concurrent_flush_loses_not_silently(inv, sessions, connection) -> None:  # type: ignore[no-untyped-def]
    """Another writer bumps the order between our read and write: the database catches it."""
    from sqlalchemy import select, text
    from sqlalchemy.orm.exc import StaleDataError

    from vigil.cases.models import Order

    with sessions() as s:
        order = s.execute(select(Order).where(Order.ref == "O1")).scalar_one()
        connection.execute(text("UPDATE orders SET version = version + 1, status = 'discharged' WHERE ref = 'O1'"))
        order.status = "breached"
        with pytest.raises(StaleDataError):
            s.flush()
