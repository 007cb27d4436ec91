"""Helpers for the page tests: sign in through the real form, read what a page says."""

from __future__ import annotations

import re
from typing import Any

from fastapi.testclient import TestClient
from vigil_dbtest import PASSWORD


def sign_in(client: TestClient, username: str, password: str = PASSWORD) -> str:
    """Sign in through /login as a browser would; returns the CSRF token for later forms."""
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, "the sign-in form has no CSRF field"
    r = client.post(
        "/login",
        data={"username": username, "password": password, "csrf_token": token.group(1), "next": "/"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    return client.cookies["vigil_csrf"]


def text_of(html: str) -> str:
    """The visible words of a page, spaces collapsed (for asserting on what a person reads)."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", html, flags=re.S)
    words = re.sub(r"<[^>]+>", " ", body)
    words = words.replace("&#39;", "'").replace("&quot;", '"').replace("&amp;", "&")
    return re.sub(r"\s+", " ", words).strip()


def section(html: str, section_id: str) -> str:
    m = re.search(rf'<section id="{section_id}".*?</section>', html, re.S)
    return text_of(m.group(0)) if m else ""


def field_error(html: str, name: str) -> str | None:
    m = re.search(rf'<p class="field-error" id="{re.escape(name)}-error">(.*?)</p>', html, re.S)
    return text_of(m.group(1)).removeprefix("Error: ") if m else None


def new_case(client: TestClient, csrf: str, case_id: str, **fields: Any) -> Any:
    data = {
        "case_id": case_id,
        "csrf_token": csrf,
        "relationship": "ex-partner",
        "statement": "I am frightened to leave the house.",
        "identifiers": "Dan Kerr, 07700 900123",
    }
    data.update(fields)
    return client.post("/cases/new", data=data)


def add_incident(
    client: TestClient,
    csrf: str,
    case_id: str,
    iid: str,
    day: str,
    narrative: str,
    channel: str = "text-message",
    clock: str = "21:14",
) -> Any:
    return client.post(
        f"/cases/{case_id}/incidents",
        data={
            "id": iid,
            "occurred_on": day,
            "occurred_time": clock,
            "channel": channel,
            "suspect_id": "S1",
            "narrative": narrative,
            "csrf_token": csrf,
        },
    )
