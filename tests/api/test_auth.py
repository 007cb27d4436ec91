"""Passwords, tokens, session cookies, CSRF and login rate limiting."""

from __future__ import annotations

from vigil_dbtest import PASSWORD


def test_token_login_and_wrong_password(make_user, client) -> None:  # type: ignore[no-untyped-def]
    make_user("investigator", username="alice")
    r = client.post("/api/auth/token", json={"username": "alice", "password": PASSWORD})
    assert r.status_code == 200, r.text
    token = r.json()["token"]
    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
    assert me.json()["user"]["username"] == "alice"
    bad = client.post("/api/auth/token", json={"username": "alice", "password": "wrong password!"})
    assert bad.status_code == 401 and bad.json()["error"]["message"] == "wrong username or password"
    nobody = client.post("/api/auth/token", json={"username": "nobody", "password": "whatever it is"})
    assert nobody.json() == bad.json()  # no hint about which usernames exist
    assert client.get("/api/auth/me", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_login_is_rate_limited(make_user, client, settings) -> None:  # type: ignore[no-untyped-def]
    make_user("investigator", username="bob")
    for _ in range(settings.login_max_failures):
        assert client.post("/api/auth/token", json={"username": "bob", "password": "guess guess"}).status_code == 401
    r = client.post("/api/auth/token", json={"username": "bob", "password": PASSWORD})
    assert r.status_code == 429
    assert "too many failed logins" in r.json()["error"]["message"]


def test_session_cookie_flags_and_csrf(make_user, client, app) -> None:  # type: ignore[no-untyped-def]
    make_user("investigator", username="carol")
    r = client.post("/api/auth/login", json={"username": "carol", "password": PASSWORD})
    assert r.status_code == 200, r.text
    cookies = r.headers.get_list("set-cookie")
    session_cookie = next(c for c in cookies if c.startswith("vigil_session="))
    assert "HttpOnly" in session_cookie and "SameSite=lax" in session_cookie
    assert "Secure" not in session_cookie  # settings.cookie_secure is off in tests
    csrf = r.json()["csrf_token"]
    assert client.get("/api/auth/me").json()["user"]["username"] == "carol"
    doc = {"format": "vigil.case/1", "case_id": "CS-1", "incidents": []}
    refused = client.post("/api/cases", json=doc)
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]["message"]
    wrong = client.post("/api/cases", json=doc, headers={"X-CSRF-Token": "not-the-token"})
    assert wrong.status_code == 403
    ok = client.post("/api/cases", json=doc, headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201, ok.text
    assert client.post("/api/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 200
    assert client.get("/api/auth/me").status_code == 401


def test_secure_cookie_when_behind_tls(make_user, sessions) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from vigil.config import Settings
    from vigil.web import create_app

    make_user("investigator", username="dave")
    settings = Settings(database_url="sqlite://", secret_key="s" * 32, cookie_secure=True, auto_migrate=False)
    with TestClient(create_app(settings, sessions=sessions), base_url="https://testserver") as c:
        r = c.post("/api/auth/login", json={"username": "dave", "password": PASSWORD})
        assert all("Secure" in h for h in r.headers.get_list("set-cookie"))


def test_settings_refuse_placeholder_secret() -> None:
    import pytest
    from pydantic import ValidationError

    from vigil.config import ConfigError, Settings

    with pytest.raises(ValidationError, match="placeholder"):
        Settings(secret_key="changeme")
    with pytest.raises(ConfigError):
        Settings(database_url="sqlite://", secret_key=None).require_server_secret()
    demo = Settings(database_url="sqlite://", secret_key=None, demo=True)
    assert len(demo.require_server_secret()) >= 32


def test_short_passwords_are_refused(make_user, client) -> None:  # type: ignore[no-untyped-def]
    admin = make_user("admin", username="root")
    r = client.post(
        "/api/users",
        json={"username": "eve", "password": "short", "role": "investigator"},
        headers=admin.headers,
    )
    assert r.status_code == 400 and r.json()["error"]["path"] == "password"


def test_refused_access_is_audited(make_user, client, sessions) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from vigil.audit.models import AuditEntry

    owner = make_user("investigator", username="owner")
    snoop = make_user("investigator", username="snoop", team="south")
    assert (
        client.post(
            "/api/cases",
            json={"format": "vigil.case/1", "case_id": "AU-1", "incidents": []},
            headers=owner.headers,
        ).status_code
        == 201
    )
    assert client.get("/api/cases/AU-1", headers=snoop.headers).status_code == 404
    with sessions() as s:
        entries = s.execute(select(AuditEntry).where(AuditEntry.case_ref == "AU-1")).scalars().all()
        actions = [(e.username, e.action) for e in entries]
    assert ("owner", "create") in actions
    assert ("snoop", "refused") in actions
