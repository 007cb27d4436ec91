"""The evidence page: upload → preview (nothing stored) → confirm; exhibits, messages and findings shown."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

import pytest
from exports import case_doc, chat_bytes
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "web"))
from pagehelp import field_error, sign_in, text_of


def stored(root: Path) -> list[str]:
    folder = root / "sha256"
    return [p.name for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


@pytest.fixture
def signed_in(client: TestClient, make_user: Any) -> str:
    officer = make_user("investigator", team="north")
    assert client.post("/api/cases", json=case_doc(), headers=officer.headers).status_code == 201
    return sign_in(client, officer.user.username)


def preview(client: TestClient, csrf: str) -> Any:
    return client.post(
        "/cases/C-123/evidence/preview",
        data={"csrf_token": csrf, "format": "auto", "tz": "Europe/London", "suspect": "Dan", "received_from": "Sue"},
        files={"file": ("chat.txt", chat_bytes(), "text/plain")},
    )


def test_upload_preview_confirm(client: TestClient, signed_in: str, store_dir: Path) -> None:
    assert 'href="/cases/C-123/evidence"' in client.get("/cases/C-123").text, "the case page links here"
    page = client.get("/cases/C-123/evidence")
    assert page.status_code == 200 and 'action="/cases/C-123/evidence/preview"' in page.text
    shown = preview(client, signed_in)
    assert shown.status_code == 200, shown.text
    words = text_of(shown.text)
    assert "Nothing has been stored yet" in words and "Incidents it would create (3)" in words
    assert "Mark (1 messages)" in words
    assert stored(store_dir) == []
    token = re.search(r'name="token" value="([^"]+)"', shown.text).group(1)  # type: ignore[union-attr]
    done = client.post(
        "/cases/C-123/evidence/confirm",
        data={"csrf_token": signed_in, "token": token, "decision": "confirm"},
        follow_redirects=False,
    )
    assert done.status_code == 303, done.text
    assert len(stored(store_dir)) == 1
    page = text_of(client.get(done.headers["location"]).text)
    assert "Exhibit EX-001 imported: 3 incidents created" in page
    assert "chat.txt" in page and "from Sue" in page
    assert re.search(r"breach of order O1 .*EX-001 chat\.txt:L\d", page), "findings name the exhibit and line"
    exhibit = text_of(client.get("/cases/C-123/evidence/EX-001").text)
    assert "I know where you work" in exhibit and "received and stored" in exhibit


def test_cancel_keeps_nothing_and_a_token_is_single_use(client: TestClient, signed_in: str, store_dir: Path) -> None:
    shown = preview(client, signed_in)
    token = re.search(r'name="token" value="([^"]+)"', shown.text).group(1)  # type: ignore[union-attr]
    r = client.post(
        "/cases/C-123/evidence/confirm",
        data={"csrf_token": signed_in, "token": token, "decision": "cancel"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and "nothing+was+stored" in r.headers["location"]
    assert not any((store_dir / "staging").iterdir())
    again = client.post("/cases/C-123/evidence/confirm", data={"csrf_token": signed_in, "token": token})
    assert again.status_code == 404 and "no longer waiting" in text_of(again.text)


def test_form_errors_are_shown_next_to_the_field(client: TestClient, signed_in: str) -> None:
    r = client.post(
        "/cases/C-123/evidence/preview",
        data={"csrf_token": signed_in, "tz": "Europe/London", "format": "whatsapp"},
        files={"file": ("photo.jpg", b"\xff\xd8\xff\xe0 not a chat", "image/jpeg")},
    )
    assert r.status_code == 422
    assert "photo.jpg: no WhatsApp message headers found" in (field_error(r.text, "file") or "")


def test_upload_without_csrf_is_refused(client: TestClient, signed_in: str, store_dir: Path) -> None:
    r = client.post(
        "/cases/C-123/evidence/preview",
        data={"tz": "Europe/London"},
        files={"file": ("chat.txt", chat_bytes(), "text/plain")},
    )
    assert r.status_code == 403
    assert not (store_dir / "staging").exists() or not any((store_dir / "staging").iterdir())
