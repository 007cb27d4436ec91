"""`/api/cases/{id}/evidence`: preview, upload, list, detail, original download; access control and
the error shape for oversize and hostile uploads. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import pytest
from exports import case_doc, chat_bytes, whatsapp_zip, zip_bomb
from fastapi.testclient import TestClient

FORM = {"format": "whatsapp", "tz": "Europe/London", "suspect": "Dan", "received_from": "Sue (victim)"}


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def officer(client: TestClient, make_user: Any) -> Any:
    person = make_user("investigator", team="north")
    r = client.post("/api/cases", json=case_doc(), headers=person.headers)
    assert r.status_code == 201, r.text
    return person


def upload(client: TestClient, who: Any, data: bytes, name: str = "chat.txt", preview: bool = False) -> Any:
    return client.post(
        "/api/cases/C-123/evidence" + ("?preview=true" if preview else ""),
        files={"file": (name, data, "application/octet-stream")},
        data=FORM,
        headers=who.headers,
    )


def test_preview_returns_what_would_be_created_without_storing(
    client: TestClient, officer: Any, store_dir: Path
) -> None:
    r = upload(client, officer, chat_bytes(), preview=True)
    assert r.status_code == 200, r.text
    shown = r.json()["preview"]
    assert shown["sha256"] == hashlib.sha256(chat_bytes()).hexdigest()
    assert shown["incidents_total"] == 3 and shown["messages"]["suspect"] == 5
    assert stored_files(store_dir) == []
    assert client.get("/api/cases/C-123/evidence", headers=officer.headers).json()["evidence"] == []
    assert client.get("/api/cases/C-123/incidents", headers=officer.headers).json()["incidents"] == []


def test_upload_imports_and_findings_point_to_messages(client: TestClient, officer: Any, store_dir: Path) -> None:
    data = whatsapp_zip()
    r = upload(client, officer, data, name="WhatsApp Chat with Dan.zip")
    assert r.status_code == 201, r.text
    body = r.json()
    assert body["evidence"]["exhibit"] == "EX-001"
    assert body["evidence"]["sha256"] == hashlib.sha256(data).hexdigest()
    assert body["evidence"]["received_by"] == officer.user.username
    assert len(body["incidents"]) == 3
    assert body["assessment"]["breaches"], "the assessment returned is the new one"
    assert any(a["kind"] == "new-breach" for a in body["alerts"])

    listing = client.get("/api/cases/C-123/evidence", headers=officer.headers).json()
    assert [e["exhibit"] for e in listing["evidence"]] == ["EX-001"]
    breach = next(f for f in listing["findings"] if f["finding"].startswith("breach"))
    assert breach["messages"] and all(m["exhibit"] == "EX-001" and m["role"] == "suspect" for m in breach["messages"])
    assert all(m["source_ref"].startswith("WhatsApp Chat with Dan.zip!_chat.txt:L") for m in breach["messages"])

    detail = client.get("/api/cases/C-123/evidence/EX-001", headers=officer.headers).json()
    assert len(detail["messages"]) == 9 and [c["action"] for c in detail["custody"]] == ["receive", "parse", "import"]

    original = client.get("/api/cases/C-123/evidence/EX-001/original", headers=officer.headers)
    assert original.status_code == 200 and original.content == data
    assert original.headers["x-content-sha256"] == hashlib.sha256(data).hexdigest()
    custody = client.get("/api/cases/C-123/evidence/EX-001", headers=officer.headers).json()["custody"]
    assert custody[-1]["action"] == "download" and custody[-1]["by"] == officer.user.username


def test_another_teams_user_can_neither_upload_nor_download(
    client: TestClient, officer: Any, make_user: Any, store_dir: Path
) -> None:
    assert upload(client, officer, chat_bytes()).status_code == 201
    before = stored_files(store_dir)
    outsider = make_user("investigator", team="south")
    r = upload(client, outsider, whatsapp_zip())
    assert r.status_code == 404 and r.json()["error"]["message"] == "no case 'C-123' that you can see"
    assert stored_files(store_dir) == before
    for path in ("", "/EX-001", "/EX-001/original"):
        r = client.get(f"/api/cases/C-123/evidence{path}", headers=outsider.headers)
        assert r.status_code == 404, path
    prosecutor = make_user("prosecutor", team="north")
    assert upload(client, prosecutor, chat_bytes()).status_code == 404, "not assigned: not visible"
    audit = client.get("/api/cases/C-123/audit", headers=make_user("supervisor", team="north").headers).json()
    refused = [e for e in audit["entries"] if e["action"] == "refused"]
    assert any(e["username"] == outsider.user.username for e in refused)


def test_oversize_upload_is_refused_with_the_error_shape(client: TestClient, officer: Any, store_dir: Path) -> None:
    big = chat_bytes() * 1000  # ~500 KB: over the 400 KB evidence limit, far over the 64 KB body limit
    r = upload(client, officer, big)
    assert r.status_code == 413
    assert set(r.json()["error"]) == {"message", "hint", "path"}
    assert stored_files(store_dir) == []


def test_body_limit_still_applies_elsewhere(client: TestClient, officer: Any) -> None:
    r = client.post(
        "/api/cases", content=b"x" * 100_000, headers={**officer.headers, "content-type": "application/json"}
    )
    assert r.status_code == 413


def test_zip_bomb_upload_is_refused_clearly_and_nothing_is_kept(
    client: TestClient, officer: Any, store_dir: Path
) -> None:
    r = upload(client, officer, zip_bomb(), name="export.zip")
    assert r.status_code == 413
    error = r.json()["error"]
    assert "zip bomb" in error["hint"] and "_chat.txt" in error["message"]
    assert stored_files(store_dir) == []
    assert client.get("/api/cases/C-123/evidence", headers=officer.headers).json()["evidence"] == []


def test_bad_zone_and_unknown_format_are_422_with_a_path(client: TestClient, officer: Any) -> None:
    r = client.post(
        "/api/cases/C-123/evidence",
        files={"file": ("chat.txt", chat_bytes())},
        data={**FORM, "tz": "Mars/Olympus"},
        headers=officer.headers,
    )
    assert r.status_code in (400, 422) and "Mars/Olympus" in r.json()["error"]["message"]
    r = client.post(
        "/api/cases/C-123/evidence",
        files={"file": ("notes.bin", b"\x00\x01 not an export")},
        data={"tz": "Europe/London"},
        headers=officer.headers,
    )
    assert r.status_code == 422 and "not a message export" in r.json()["error"]["message"]
