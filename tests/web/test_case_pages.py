"""The case page and its forms, through the real app, database and engine."""

from __future__ import annotations

import io

from pagehelp import add_incident, field_error, new_case, section, sign_in, text_of
from pypdf import PdfReader
from sqlalchemy import func, select

from vigil.cases.models import Alert, Case, Incident, StoredAssessment
from vigil.contract import COURSE_CATEGORIES
from vigil.web.views.changes import changes


def _latest_two(sessions, ref):
    with sessions() as s:
        case = s.execute(select(Case).where(Case.reference == ref)).scalar_one()
        rows = (
            s.execute(
                select(StoredAssessment)
                .where(StoredAssessment.case_id == case.id)
                .order_by(StoredAssessment.seq.desc())
            )
            .scalars()
            .all()
        )
        return case, rows[0].document, rows[1].document


def test_adding_incidents_shows_what_changed_in_the_assessment(client, make_user, sessions):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    r = new_case(client, csrf, "C-1")
    assert r.status_code == 200 and "C-1" in text_of(r.text)

    first = add_incident(client, csrf, "C-1", "I1", "2024-03-01", "Text from Dan: 'I know where you live.'")
    assert first.status_code == 200
    _, now, before = _latest_two(sessions, "C-1")
    assert now["classification"]["category"] not in COURSE_CATEGORIES  # one incident is never a course
    shown = section(first.text, "changes")
    for line in changes(before, now):
        assert line[1:] in shown

    second = add_incident(
        client,
        csrf,
        "C-1",
        "I2",
        "2024-03-05",
        "Dan was waiting outside her work again and followed her home.",
        channel="in-person",
    )
    case, now, before = _latest_two(sessions, "C-1")
    assert now["classification"]["category"] in COURSE_CATEGORIES
    banner = section(second.text, "changes")
    assert banner.startswith("What changed in Vigil's assessment Now ")
    for line in changes(before, now):
        assert line[1:] in banner
    # the timeline lists both, oldest first, and the classification is in the header
    timeline = section(second.text, "timeline")
    assert timeline.index("I1") < timeline.index("I2")
    assert case.category == now["classification"]["category"]


def test_a_bad_incident_gets_errors_next_to_its_fields_and_nothing_is_stored(client, make_user, sessions):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    r = client.post(
        "/cases/C-1/incidents", data={"id": "I1", "occurred_on": "2024-13-01", "narrative": "", "csrf_token": csrf}
    )
    assert r.status_code == 422
    assert "2024-13-01" in field_error(r.text, "occurred_on")
    assert field_error(r.text, "narrative")
    assert 'aria-invalid="true"' in r.text and "Traceback" not in r.text
    with sessions() as s:
        assert s.execute(select(func.count(Incident.id))).scalar_one() == 0


def test_a_duplicate_incident_reference_is_reported_on_its_field(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    add_incident(client, csrf, "C-1", "I1", "2024-03-01", "He phoned me.")
    r = add_incident(client, csrf, "C-1", "I1", "2024-03-02", "He phoned me again.")
    assert r.status_code == 422
    assert "already has an incident 'I1'" in field_error(r.text, "id")


def test_an_order_then_a_breach_raises_an_alert_that_can_be_acknowledged(client, make_user, sessions):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    add_incident(client, csrf, "C-1", "I1", "2024-03-01", "Dan texted: 'You will regret this.'")
    r = client.post(
        "/cases/C-1/orders",
        data={
            "id": "O1",
            "type": "restraining-order",
            "against": "S1",
            "starts": "2024-03-02",
            "conditions": ["no-contact"],
            "csrf_token": csrf,
        },
    )
    assert r.status_code == 200
    assert "O1: Restraining order" in section(r.text, "orders")
    r = add_incident(client, csrf, "C-1", "I2", "2024-03-08", "Dan sent another text: 'I told you, you can't hide.'")
    with sessions() as s:
        breach = s.execute(select(Alert).where(Alert.kind == "new-breach")).scalar_one()
    assert "Breach of restraining order O1 by incident I2" in section(r.text, "changes")
    assert "New breach of an order" in section(r.text, "alerts")

    # acknowledging needs a note; htmx gets the alert fragment back
    hx = {"HX-Request": "true", "HX-Target": f"alert-{breach.id}"}
    empty = client.post(f"/cases/C-1/alerts/{breach.id}/acknowledge", data={"note": "", "csrf_token": csrf}, headers=hx)
    assert empty.status_code == 422 and "Say what was done" in text_of(empty.text)
    done = client.post(
        f"/cases/C-1/alerts/{breach.id}/acknowledge",
        data={"note": "Arrest planned today.", "csrf_token": csrf},
        headers=hx,
    )
    assert done.status_code == 200
    assert done.text.lstrip().startswith(f'<li id="alert-{breach.id}"')
    assert "Arrest planned today." in text_of(done.text) and "<html" not in done.text
    with sessions() as s:
        assert s.get(Alert, breach.id).acknowledged_at is not None


def test_another_teams_investigator_cannot_open_the_case_in_any_form(client, make_user):
    make_user("investigator", username="alice", team="north")
    make_user("investigator", username="bob", team="south")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    client.post("/logout", data={"csrf_token": csrf})
    csrf = sign_in(client, "bob")
    for url in ("/cases/C-1", "/cases/C-1/summary.pdf", "/cases/C-1/export.json", "/cases/C-1/incidents/new"):
        r = client.get(url)
        assert r.status_code == 404, url
        assert "I am frightened" not in r.text
    r = add_incident(client, csrf, "C-1", "I1", "2024-03-01", "written by someone who cannot see the case")
    assert r.status_code == 404
    assert "C-1" not in text_of(client.get("/").text.split('id="case-results"')[1])


def test_case_summary_pdf_is_a_real_pdf_with_the_case_in_it(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-77")
    add_incident(client, csrf, "C-77", "I1", "2024-03-01", "Dan texted: 'I will kill you.'")
    r = client.get("/cases/C-77/summary.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    for words in ("C-77", "Chronology", "Classification and reasons", "Risk", "Orders", "I will kill you"):
        assert words in text


def test_export_then_import_gives_the_same_case(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1", crime_reference="42/12345/24")
    add_incident(client, csrf, "C-1", "I1", "2024-03-01", "He phoned me eleven times.")
    exported = client.get("/cases/C-1/export.json")
    assert exported.headers["content-disposition"].startswith("attachment")
    doc = exported.json()
    assert doc["crime_reference"] == "42/12345/24"
    doc["case_id"] = "C-2"
    import json

    r = client.post(
        "/cases/import",
        data={"csrf_token": csrf},
        files={"file": ("c2.json", json.dumps(doc).encode(), "application/json")},
    )
    assert r.status_code == 200 and "C-2" in text_of(r.text)
    again = client.get("/cases/C-2/export.json").json()
    assert again == doc


def test_importing_a_broken_file_says_why_next_to_the_file_field(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    bad = client.post(
        "/cases/import", data={"csrf_token": csrf}, files={"file": ("x.json", b"{not json", "application/json")}
    )
    assert bad.status_code == 422 and "not valid JSON" in field_error(bad.text, "file")
    wrong = client.post(
        "/cases/import",
        data={"csrf_token": csrf},
        files={"file": ("x.json", b'{"format": "vigil.case/1", "case_id": "X"}', "application/json")},
    )
    assert wrong.status_code == 422 and "incidents" in field_error(wrong.text, "file")


def test_an_override_needs_a_reason_and_then_shows_as_professional_judgement(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    page = client.get("/cases/C-1").text
    import re

    version = re.search(r'name="version" value="(\d+)"', page.split('id="judgements"')[1]).group(1)
    r = client.post(
        "/cases/C-1/overrides",
        data={"kind": "risk-level", "risk_value": "high", "reason": "", "version": version, "csrf_token": csrf},
    )
    assert r.status_code == 422 and field_error(r.text, "reason")
    r = client.post(
        "/cases/C-1/overrides",
        data={
            "kind": "risk-level",
            "risk_value": "high",
            "reason": "He has bought a knife.",
            "version": version,
            "csrf_token": csrf,
        },
    )
    assert r.status_code == 200
    assert "He has bought a knife." in section(r.text, "judgements")
    assert "Set by professional judgement" in section(r.text, "assessment")


def test_plan_items_and_victim_contacts_from_the_case_page(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    r = client.post("/cases/C-1/plan", data={"summary": "Safety plan", "review_date": "not a date", "csrf_token": csrf})
    assert r.status_code == 422 and "not a date" in field_error(r.text, "review_date")
    client.post("/cases/C-1/plan", data={"summary": "Safety plan", "review_date": "2030-01-01", "csrf_token": csrf})
    r = client.post(
        "/cases/C-1/plan/items",
        data={"action": "Fit a doorbell camera", "owner": "alice", "due": "2030-01-02", "csrf_token": csrf},
    )
    plan = section(r.text, "plan")
    assert "Fit a doorbell camera" in plan and "open" in plan
    import re

    item_id, version = re.search(r'/plan/items/(\d+)".*?name="version" value="(\d+)"', r.text, re.S).groups()
    r = client.post(
        f"/cases/C-1/plan/items/{item_id}",
        data={"status": "done", "owner": "alice", "version": version, "csrf_token": csrf},
    )
    assert "Mark done" not in section(r.text, "plan") and " done " in section(r.text, "plan")
    r = client.post(
        "/cases/C-1/contacts",
        data={"channel": "phone", "purpose": "update", "outcome": "Told her about the arrest.", "csrf_token": csrf},
    )
    victim = section(r.text, "victim")
    assert "Told her about the arrest." in victim and "met" in victim
