"""Engine, sessions and the declarative base shared by every domain package.

SQLite (the default) gets WAL mode, foreign keys and `BEGIN IMMEDIATE`, so
concurrent writers queue on the database lock instead of failing half-way
through a request; PostgreSQL is used through psycopg 3 when the URL says
`postgresql+psycopg://`. Commits happen at the edge (request or command):
services only add and flush.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, DateTime, Engine, MetaData, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from vigil.config import Settings

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base: explicit constraint names so migrations match on both backends."""

    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {  # noqa: RUF012 (SQLAlchemy reads this class attribute)
        dict[str, Any]: JSON,
        list[Any]: JSON,
        datetime: DateTime(),
    }


def _sqlite_setup(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy, not pysqlite, decide when transactions begin (needed for SAVEPOINT).
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA busy_timeout=30000")
        if engine.url.database not in (None, "", ":memory:"):
            cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str, **kwargs: Any) -> Engine:
    """Create an engine for `url`, preparing the SQLite file's folder when needed."""
    if url.startswith("sqlite"):
        path = url.split("///", 1)[1] if "///" in url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        if path and path != ":memory:":
            # SQLite takes one writer at a time and every request writes (the audit log), so
            # requests queue for one connection, in order, instead of busy-waiting on the lock.
            kwargs.setdefault("pool_size", 1)
            kwargs.setdefault("max_overflow", 0)
            kwargs.setdefault("pool_timeout", 60)
        engine = create_engine(url, connect_args={"check_same_thread": False}, **kwargs)
        _sqlite_setup(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    kwargs.setdefault("pool_size", 10)
    kwargs.setdefault("max_overflow", 20)
    return create_engine(url, **kwargs)


def session_factory(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(bind=engine, expire_on_commit=False)


def open_database(settings: Settings) -> Engine:
    """The engine for `settings`, created and migrated on first use unless told not to."""
    engine = make_engine(settings.database_url)
    if settings.auto_migrate:
        from vigil.migrations import upgrade

        upgrade(engine)
    return engine


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One command's transaction: commit if the block succeeds, roll back if it raises."""
    with factory() as session:
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise


def import_all_models() -> None:
    """Import every domain's models so `Base.metadata` is complete (migrations, create_all)."""
    from vigil.audit import models as _audit  # noqa: F401
    from vigil.cases import models as _cases  # noqa: F401
    from vigil.evidence import models as _evidence  # noqa: F401
    from vigil.inspection import models as _inspection  # noqa: F401
    from vigil.plans import models as _plans  # noqa: F401
    from vigil.users import models as _users  # noqa: F401
    from vigil.victims import models as _victims  # noqa: F401
