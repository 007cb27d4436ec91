"""Signing in and out of the pages, and how the pages refuse what they must refuse."""

from __future__ import annotations

import re

from pagehelp import new_case, sign_in, text_of


def test_pages_send_a_signed_out_visitor_to_sign_in(client):
    r = client.get("/cases/C-1?since=2", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"] == "/login?next=/cases/C-1%3Fsince%3D2"


def test_sign_in_then_out(client, make_user):
    person = make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    home = client.get("/")
    assert home.status_code == 200
    assert "My cases" in text_of(home.text) and person.user.display_name in home.text
    r = client.post("/logout", data={"csrf_token": csrf}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"] == "/login"
    assert client.get("/", follow_redirects=False).status_code == 303


def test_wrong_password_is_a_message_on_the_page(client, make_user):
    make_user("investigator", username="alice")
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text).group(1)
    r = client.post("/login", data={"username": "alice", "password": "nope", "csrf_token": token})
    assert r.status_code == 401
    assert "Wrong username or password" in text_of(r.text)
    assert "Traceback" not in r.text
    assert "vigil_session" not in r.cookies


def test_sign_in_form_needs_its_csrf_token(client, make_user):
    from vigil_dbtest import PASSWORD

    make_user("investigator", username="alice")
    client.get("/login")
    r = client.post("/login", data={"username": "alice", "password": PASSWORD, "csrf_token": "forged"})
    assert r.status_code == 400
    assert "vigil_session" not in client.cookies


def test_sign_in_never_redirects_off_site(client, make_user):
    from vigil_dbtest import PASSWORD

    make_user("investigator", username="alice")
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
    r = client.post(
        "/login",
        data={"username": "alice", "password": PASSWORD, "csrf_token": token, "next": "//evil.example/"},
        follow_redirects=False,
    )
    assert r.headers["location"] == "/"


def test_a_form_post_without_the_csrf_field_is_refused_and_nothing_is_stored(client, make_user):
    make_user("investigator", username="alice")
    sign_in(client, "alice")
    r = new_case(client, "", "C-1")
    assert r.status_code == 403
    assert "CSRF" in text_of(r.text)
    assert client.get("/cases/C-1").status_code == 404


def test_unknown_page_and_unknown_case_are_pages_not_json(client, make_user):
    make_user("investigator", username="alice")
    sign_in(client, "alice")
    for url in ("/no/such/page", "/cases/NOPE"):
        r = client.get(url)
        assert r.status_code == 404
        assert r.headers["content-type"].startswith("text/html")
        assert "Not found" in text_of(r.text)
    api = client.get("/api/cases/NOPE")
    assert api.headers["content-type"].startswith("application/json")
    assert api.json()["error"]["message"]


def test_vendored_htmx_and_style_are_served_locally(client):
    for path in ("/static/htmx.min.js", "/static/vigil.css"):
        r = client.get(path)
        assert r.status_code == 200 and len(r.content) > 1000
    page = client.get("/login").text
    assert 'src="/static/htmx.min.js"' in page and "https://" not in page


def test_every_form_carries_the_csrf_token_of_the_session(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    for url in ("/", "/cases/new", "/cases/import", "/cases/C-1", "/cases/C-1/incidents/new", "/cases/C-1/orders/new"):
        html = client.get(url).text
        tokens = re.findall(r'name="csrf_token" value="([^"]*)"', html)
        assert tokens and set(tokens) == {csrf}, url
