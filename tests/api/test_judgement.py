"""Overrides (who, when, why, what Vigil said; lowering needs a supervisor), plans, deadlines."""

from __future__ import annotations

from helpers import case_doc, snapshot


def _version(client, who, ref="C-1") -> str:  # type: ignore[no-untyped-def]
    return str(client.get(f"/api/cases/{ref}", headers=who.headers).json()["version"])


def test_raise_then_lower_risk(make_user, client, sessions) -> None:  # type: ignore[no-untyped-def]
    inv = make_user("investigator", username="inv")
    sup = make_user("supervisor", username="sup")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    vigil_level = client.get("/api/cases/C-1", headers=inv.headers).json()["vigil_risk_level"]
    r = client.post(
        "/api/cases/C-1/overrides",
        json={"kind": "risk-level", "value": "high", "reason": "He has bought a knife."},
        headers={**inv.headers, "If-Match": _version(client, inv)},
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["case"]["risk_level"] == "high"
    assert body["override"]["vigil_said"]["risk_level"] == vigil_level
    assert body["override"]["reason"] == "He has bought a knife."
    # Lowering below Vigil's level: refused for an investigator, allowed for a supervisor.
    if vigil_level != "standard":
        low = "standard"
        before = snapshot(sessions)
        r = client.post(
            "/api/cases/C-1/overrides",
            json={"kind": "risk-level", "value": low, "reason": "x"},
            headers={**inv.headers, "If-Match": _version(client, inv)},
        )
        assert r.status_code == 403 and "supervisor" in r.json()["error"]["message"]
        assert snapshot(sessions) == before
    client.post("/api/cases/C-1/assignments", json={"username": "sup"}, headers=sup.headers)
    r = client.post(
        "/api/cases/C-1/overrides",
        json={
            "kind": "risk-level",
            "value": "standard",
            "reason": "Reviewed with victim; suspect abroad.",
        },
        headers={**sup.headers, "If-Match": _version(client, sup)},
    )
    assert r.status_code == 201, r.text
    assert r.json()["case"]["risk_level"] == "standard"
    stale = client.post(
        "/api/cases/C-1/overrides",
        json={"kind": "risk-level", "value": "high", "reason": "y"},
        headers={**sup.headers, "If-Match": "1"},
    )
    assert stale.status_code == 409
    history = client.get("/api/cases/C-1/overrides", headers=inv.headers).json()["overrides"]
    assert [(o["value"], o["user_id"]) for o in history] == [
        ("high", inv.user.id),
        ("standard", sup.user.id),
    ]


def test_investigator_cannot_lower_below_vigil(make_user, client, sessions) -> None:  # type: ignore[no-untyped-def]
    """Force Vigil's level to medium in the database, then try to go below it."""
    from sqlalchemy import update

    from vigil.cases.models import Case

    inv = make_user("investigator", username="inv2")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    with sessions() as s:
        s.execute(update(Case).where(Case.reference == "C-1").values(vigil_risk_level="medium", risk_level="medium"))
        s.commit()
    before = snapshot(sessions)
    r = client.post(
        "/api/cases/C-1/overrides",
        json={"kind": "risk-level", "value": "standard", "reason": "x"},
        headers={**inv.headers, "If-Match": _version(client, inv)},
    )
    assert r.status_code == 403 and "supervisor" in r.json()["error"]["message"]
    assert snapshot(sessions)["risk"] == before["risk"]


def test_medium_risk_without_plan_is_flagged_until_a_plan_exists(make_user, client) -> None:  # type: ignore[no-untyped-def]
    inv = make_user("investigator", username="inv3")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    client.post(
        "/api/cases/C-1/overrides",
        json={"kind": "risk-level", "value": "medium", "reason": "concern"},
        headers={**inv.headers, "If-Match": _version(client, inv)},
    )
    codes = [f["code"] for f in client.get("/api/cases/C-1/flags", headers=inv.headers).json()["flags"]]
    assert "no-risk-plan" in codes
    r = client.post(
        "/api/cases/C-1/plan",
        json={"summary": "Target hardening", "review_date": "2000-01-01"},
        headers=inv.headers,
    )
    assert r.status_code == 201, r.text
    flags = client.get("/api/flags", headers=inv.headers).json()["flags"]
    codes = [f["code"] for f in flags]
    assert "no-risk-plan" not in codes and "plan-review-overdue" in codes
    item = client.post(
        "/api/cases/C-1/plan/items",
        json={"action": "Door alarm", "owner": "inv3", "due": "2000-01-02"},
        headers=inv.headers,
    ).json()["item"]
    assert "plan-item-overdue" in [f["code"] for f in client.get("/api/flags", headers=inv.headers).json()["flags"]]
    done = client.patch(
        f"/api/cases/C-1/plan/items/{item['id']}",
        json={"status": "done"},
        headers={**inv.headers, "If-Match": str(item["version"])},
    )
    assert done.status_code == 200 and done.json()["item"]["version"] == item["version"] + 1
    again = client.patch(
        f"/api/cases/C-1/plan/items/{item['id']}",
        json={"status": "open"},
        headers={**inv.headers, "If-Match": str(item["version"])},
    )
    assert again.status_code == 409


def test_victims_code_duties_enhanced_is_one_working_day(make_user, client) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from vigil.victims.duties import add_working_days

    inv = make_user("investigator", username="inv4")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    duties = client.get("/api/cases/C-1/duties", headers=inv.headers).json()["duties"]
    update = next(d for d in duties if d["duty"] == "information-update")
    raised = date.fromisoformat(update["raised_on"])
    assert update["due"] == add_working_days(raised, 5).isoformat()
    # Persistently targeted: a new incident now owes an update within 1 working day.
    client.post(
        "/api/cases/C-1/contacts",
        json={
            "at": "2024-03-02T10:00:00",
            "channel": "phone",
            "purpose": "update",
            "outcome": "Told her what happens next.",
        },
        headers=inv.headers,
    )
    r = client.patch(
        "/api/cases/C-1",
        json={"persistently_targeted": True},
        headers={**inv.headers, "If-Match": _version(client, inv)},
    )
    assert r.status_code == 200, r.text
    client.post(
        "/api/cases/C-1/incidents",
        json={"id": "I2", "narrative": "He was outside again."},
        headers=inv.headers,
    )
    duties = client.get("/api/cases/C-1/duties", headers=inv.headers).json()["duties"]
    open_updates = [d for d in duties if d["duty"] == "information-update" and d["met_at"] is None]
    assert len(open_updates) == 1
    assert open_updates[0]["due"] == add_working_days(date.fromisoformat(open_updates[0]["raised_on"]), 1).isoformat()


def test_overdue_victims_code_update_is_flagged(make_user, client, sessions) -> None:  # type: ignore[no-untyped-def]
    from datetime import date

    from sqlalchemy import update

    from vigil.victims.models import VictimsCodeDuty

    inv = make_user("investigator", username="inv5")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    with sessions() as s:
        s.execute(update(VictimsCodeDuty).values(due=date(2000, 1, 3)))
        s.commit()
    codes = [f["code"] for f in client.get("/api/cases/C-1/flags", headers=inv.headers).json()["flags"]]
    assert "victims-code-overdue" in codes


def test_alert_acknowledged_by_named_user_with_note(make_user, client, sessions) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from vigil.cases.models import Alert, Case, StoredAssessment

    inv = make_user("investigator", username="inv6")
    assert client.post("/api/cases", json=case_doc(), headers=inv.headers).status_code == 201
    with sessions() as s:
        case = s.execute(select(Case).where(Case.reference == "C-1")).scalar_one()
        a = s.execute(select(StoredAssessment).where(StoredAssessment.case_id == case.id)).scalars().first()
        alert = Alert(case_id=case.id, assessment_id=a.id, kind="new-breach", detail="I1 breaches O1")
        s.add(alert)
        s.commit()
        alert_id = alert.id
    assert (
        client.post(
            f"/api/cases/C-1/alerts/{alert_id}/acknowledge", json={"note": " "}, headers=inv.headers
        ).status_code
        == 422
    )
    r = client.post(
        f"/api/cases/C-1/alerts/{alert_id}/acknowledge",
        json={"note": "Arrest planned."},
        headers=inv.headers,
    )
    assert r.status_code == 200
    got = r.json()["alert"]
    assert got["acknowledged_by_id"] == inv.user.id and got["note"] == "Arrest planned."
    assert (
        client.post(
            f"/api/cases/C-1/alerts/{alert_id}/acknowledge",
            json={"note": "again"},
            headers=inv.headers,
        ).status_code
        == 409
    )
