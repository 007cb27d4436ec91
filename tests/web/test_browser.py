"""End to end in a real headless Chromium (Debian's package, driven by Playwright's API).

One scenario, one shared browser: sign in, create a case, add two incidents and
watch the classification change, add an order and a breaching incident, see the
alert and acknowledge it, download the prosecutor's PDF, check the phone layout,
and check that an investigator from another team cannot open the case.
Screenshots go to artifacts/screenshots/ (git-ignored).
"""

from __future__ import annotations

import io
import socket
import threading
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="no /usr/bin/chromium: install Debian's chromium package "
        "(apt-get install chromium) to run the browser tests",
    ),
]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    import uvicorn
    import vigil_dbtest

    from vigil.config import Settings
    from vigil.db import open_database, session_factory, unit_of_work
    from vigil.users.service import create_user
    from vigil.web import create_app

    path = tmp_path_factory.mktemp("browser") / "vigil.sqlite3"
    settings = Settings(database_url=f"sqlite:///{path}", secret_key=vigil_dbtest.SECRET)
    engine = open_database(settings)
    with unit_of_work(session_factory(engine)) as s:
        create_user(s, None, "alice", vigil_dbtest.PASSWORD, "investigator", "Alice Ward", team="north")
        create_user(s, None, "bob", vigil_dbtest.PASSWORD, "investigator", "Bob Stone", team="south")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(settings, engine=engine), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)
    engine.dispose()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


def _sign_in(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    import vigil_dbtest

    page.goto(base + "/")
    assert "/login" in page.url
    page.fill("#username", username)
    page.fill("#password", vigil_dbtest.PASSWORD)
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('My cases')")


def _add_incident(page, iid: str, day: date, clock: str, channel: str, narrative: str) -> None:  # type: ignore[no-untyped-def]
    page.click("a:has-text('Add incident')")
    page.wait_for_selector("h1:has-text('Add an incident')")
    page.fill("#id", iid)
    page.fill("#occurred_on", day.isoformat())
    page.fill("#occurred_time", clock)
    page.select_option("#channel", channel)
    page.fill("#narrative", narrative)
    page.click("button:has-text('Save incident')")
    page.wait_for_selector("#changes")


def test_caseworker_scenario(server: str, browser) -> None:  # type: ignore[no-untyped-def]
    from pypdf import PdfReader

    SHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(15_000)
    _sign_in(page, server, "alice")
    page.keyboard.press("Tab")  # keyboard users get a visible skip link first
    assert page.evaluate("document.activeElement.textContent") == "Skip to main content"
    assert page.evaluate("document.activeElement.getBoundingClientRect().left") >= 0

    page.click("a.button:has-text('New case')")
    page.fill("#case_id", "E2E-1")
    page.fill("#crime_reference", "42/55555/24")
    page.select_option("#relationship", "ex-partner")
    page.fill("#statement", "He will not leave me alone. I have stopped going to the gym.")
    page.fill("#identifiers", "Dan Kerr, 07700 900123")
    page.click("button:has-text('Create case')")
    try:
        page.wait_for_selector("h1:has-text('E2E-1')")
    finally:
        page.screenshot(path=str(SHOTS / "case-created.png"))

    start = date.today() - timedelta(days=30)
    _add_incident(page, "I1", start, "21:14", "text-message", "Text from Dan: 'I know where you live.'")
    first = page.inner_text(".lead .classification")
    _add_incident(
        page,
        "I2",
        start + timedelta(days=4),
        "08:10",
        "in-person",
        "Dan was waiting outside her work again and followed her home.",
    )
    second = page.inner_text(".lead .classification")
    assert first != second, "the second incident should change the classification"
    assert "Now " in page.inner_text("#changes")
    assert page.locator("#timeline mark").count() >= 1
    page.screenshot(path=str(SHOTS / "case-page.png"), full_page=False)

    page.click("a:has-text('Add order')")
    page.select_option("#type", "restraining-order")
    page.fill("#starts", (start + timedelta(days=5)).isoformat())
    page.check("#cond-no-contact")
    page.click("button:has-text('Save order')")
    page.wait_for_selector("#orders li")
    _add_incident(
        page, "I3", start + timedelta(days=9), "22:40", "text-message", "Another text from Dan: 'You can't stop me.'"
    )
    assert "Breach of restraining order O1 by incident I3" in page.inner_text("#changes")
    alert = page.locator("#alerts li.alert-item", has_text="New breach of an order").first
    alert_id = alert.get_attribute("id")
    page.fill(f"#{alert_id} input[name=note]", "Arrest planned for today.")
    page.click(f"#{alert_id} button:has-text('Acknowledge')")
    page.wait_for_selector(f"#{alert_id}.done")
    assert "Arrest planned for today." in page.inner_text(f"#{alert_id}")
    page.screenshot(path=str(SHOTS / "case-page-full.png"), full_page=True)

    with page.expect_download() as download:
        page.click("a:has-text('Case summary (PDF)')")
    pdf = Path(download.value.path()).read_bytes()
    assert pdf.startswith(b"%PDF") and len(pdf) > 5_000
    assert "E2E-1" in " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)

    page.goto(server + "/")
    assert page.locator(".case-card", has_text="E2E-1").count() == 1
    page.screenshot(path=str(SHOTS / "my-cases.png"), full_page=False)
    page.goto(server + "/cases/E2E-1/incidents/new")
    page.screenshot(path=str(SHOTS / "add-incident.png"), full_page=False)

    phone = browser.new_page(viewport={"width": 390, "height": 844})
    phone.context.add_cookies(page.context.cookies())
    phone.goto(server + "/cases/E2E-1")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390, "the case page scrolls sideways on a phone"
    phone.screenshot(path=str(SHOTS / "case-page-phone.png"), full_page=False)
    phone.close()

    page.click("button:has-text('Sign out')")
    page.wait_for_selector("h1:has-text('Sign in')")
    _sign_in(page, server, "bob")
    response = page.goto(server + "/cases/E2E-1")
    assert response is not None and response.status == 404
    assert "Not found" in page.inner_text("main")
    assert "stopped going to the gym" not in page.content()
    page.screenshot(path=str(SHOTS / "other-team-refused.png"))
    page.close()
