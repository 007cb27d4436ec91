"""Demo mode: synthetic cases and a login that exist only in the demo database."""

from __future__ import annotations

import os
import re
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from vigil.cases.models import Case
from vigil.errors import AuthenticationError
from vigil.timeutil import utcnow
from vigil.users.models import Team
from vigil.users.service import authenticate
from vigil.web.demo import DEMO_TEAM, seed_demo

VIGIL = str(Path(sys.executable).with_name("vigil"))


def test_seed_makes_cases_once_and_a_fresh_password_each_time(sessions):
    with sessions() as s:
        first = seed_demo(s, n_cases=3)
        team = s.execute(select(Team).where(Team.name == DEMO_TEAM)).scalar_one()
        cases = s.execute(select(Case).where(Case.team_id == team.id)).scalars().all()
        assert first.created_cases == 3 and len(cases) == 3
        assert all(c.extra.get("crime_reference") for c in cases)
        assert authenticate(s, "demo", first.password, None, utcnow(), 5, 60).username == "demo"
        second = seed_demo(s, n_cases=3)
        assert second.created_cases == 0 and second.password != first.password
        assert s.execute(select(func.count(Case.id))).scalar_one() == 3
        with pytest.raises(AuthenticationError):
            authenticate(s, "demo", first.password, None, utcnow(), 5, 60)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [VIGIL, "serve", *args], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def _wait_up(port: int, proc: subprocess.Popen[str], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"vigil serve exited: {proc.stdout.read() if proc.stdout else ''}")
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("vigil serve did not start")


def _env(tmp_path: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("VIGIL_")}
    env.update(
        HOME=str(tmp_path),
        XDG_DATA_HOME=str(tmp_path / "data"),
        VIGIL_DATABASE_URL=f"sqlite:///{tmp_path / 'real.sqlite3'}",
    )
    return env


def test_serve_demo_uses_its_own_database_and_prints_url_and_login(tmp_path):
    port = _free_port()
    proc = _start(["--demo", "--port", str(port), "--demo-cases", "2"], _env(tmp_path))
    try:
        _wait_up(port, proc)
        proc.terminate()
        out = proc.communicate(timeout=20)[0]
    finally:
        proc.kill()
    assert f"http://127.0.0.1:{port}/" in out
    login = re.search(r"Sign in as: (\S+)\s+password: (\S+)", out)
    assert login and login.group(1) == "demo"
    assert not (tmp_path / "real.sqlite3").exists(), "demo mode touched the configured database"
    demo_db = tmp_path / "data" / "vigil" / "vigil-demo.sqlite3"
    with sqlite3.connect(demo_db) as db:
        assert db.execute("select count(*) from cases").fetchone() == (2,)


def test_serve_without_demo_seeds_nothing(tmp_path):
    port = _free_port()
    env = _env(tmp_path) | {"VIGIL_SECRET_KEY": "a-real-secret-for-this-test-0123456789"}
    proc = _start(["--port", str(port)], env)
    try:
        _wait_up(port, proc)
    finally:
        proc.terminate()
        proc.communicate(timeout=20)
    with sqlite3.connect(tmp_path / "real.sqlite3") as db:
        assert db.execute("select count(*) from users").fetchone() == (0,)
        assert db.execute("select count(*) from cases").fetchone() == (0,)
