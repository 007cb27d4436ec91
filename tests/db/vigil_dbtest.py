"""Shared fixtures for the database and API tests: the SAME tests run on SQLite and PostgreSQL.

Backends come from VIGIL_TEST_BACKENDS (default "sqlite,postgresql"). PostgreSQL is
expected at VIGIL_TEST_POSTGRES_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/test,
trust auth); when it is unreachable its variants are skipped, saying so. Each run migrates a
private schema (so parallel runs and other suites sharing the database do not collide), and
each test runs inside a transaction that is rolled back afterwards (SAVEPOINT pattern).
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

from vigil.config import Settings
from vigil.db import make_engine
from vigil.migrations import upgrade
from vigil.users.context import Actor
from vigil.users.models import User
from vigil.users.passwords import use_hasher
from vigil.users.service import create_user, issue_token
from vigil.web import create_app

# Real argon2, cheaper parameters: the tests create hundreds of users.
use_hasher(PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))

PG_URL = os.environ.get("VIGIL_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")
BACKENDS = [b.strip() for b in os.environ.get("VIGIL_TEST_BACKENDS", "sqlite,postgresql").split(",") if b.strip()]
PASSWORD = "correct horse battery staple"
SECRET = "test-secret-key-0123456789abcdef"


def postgres_reason() -> str | None:
    """None when PostgreSQL answers; otherwise why not (the skip reason)."""
    import psycopg

    try:
        with psycopg.connect(PG_URL.replace("+psycopg", ""), connect_timeout=3) as conn:
            conn.execute("select 1")
    except Exception as exc:  # any failure means: cannot test on PostgreSQL here
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        return f"PostgreSQL not reachable at {PG_URL}: {first_line}"
    return None


@pytest.fixture(scope="session", params=BACKENDS)
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    backend = request.param
    if backend == "sqlite":
        path = tmp_path_factory.mktemp("db") / "vigil.sqlite3"
        eng = make_engine(f"sqlite:///{path}")
        upgrade(eng)
        yield eng
        eng.dispose()
        return
    reason = postgres_reason()
    if reason:
        pytest.skip(reason)
    schema = f"vigil_test_{uuid.uuid4().hex[:10]}"
    admin = make_engine(PG_URL)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    eng = make_engine(PG_URL, connect_args={"options": f"-csearch_path={schema}"})
    upgrade(eng)
    yield eng
    eng.dispose()
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    admin.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    trans = conn.begin()
    yield conn
    trans.rollback()
    conn.close()


@pytest.fixture
def sessions(connection: Connection) -> sessionmaker[Session]:
    """Sessions whose commits only release a SAVEPOINT inside the test's transaction."""
    return sessionmaker(bind=connection, join_transaction_mode="create_savepoint", expire_on_commit=False)


@pytest.fixture
def session(sessions: sessionmaker[Session]) -> Iterator[Session]:
    with sessions() as s:
        yield s


@pytest.fixture
def settings() -> Settings:
    return Settings(
        database_url="sqlite://",
        secret_key=SECRET,
        auto_migrate=False,
        max_body_bytes=64_000,
        login_max_failures=3,
    )


@pytest.fixture
def app(settings: Settings, sessions: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    return create_app(settings, sessions=sessions)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@dataclass
class Person:
    user: User
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture
def make_user(sessions: sessionmaker[Session]):  # type: ignore[no-untyped-def]
    """Factory: make_user("investigator", team="north") -> Person with a bearer token."""
    counter = iter(range(1, 10_000))

    def make(role: str, team: str | None = "north", username: str | None = None) -> Person:
        with sessions() as s:
            name = username or f"{role}-{next(counter)}"
            user = create_user(s, None, name, PASSWORD, role, team=team)
            token = issue_token(s, user, "test", Actor(user))
            s.commit()
            return Person(user, token)

    return make


def example_paths() -> list[Path]:
    return sorted(Path(__file__).resolve().parents[3].joinpath("shared", "examples").glob("*.json"))
