"""The audit log's hash chain catches edits, deletions, reordering and truncation.

The database refuses UPDATE and DELETE on audit_log (triggers), so each test
first drops those triggers, as an attacker with database access would, and
then checks that `verify` (and `vigil audit-log verify`) still notices.
"""

from __future__ import annotations

import pytest
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from vigil.audit.service import record, verify
from vigil.users.context import Actor


def _drop_triggers(conn: Connection) -> None:
    if conn.dialect.name == "postgresql":
        conn.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
    else:
        conn.execute(text("DROP TRIGGER audit_log_no_update"))
        conn.execute(text("DROP TRIGGER audit_log_no_delete"))


@pytest.fixture
def log(session: Session) -> list[int]:
    actor = Actor(None, "10.0.0.1")
    seqs = [record(session, actor, "read", "case", f"C-{i}", f"C-{i}", {"n": i}).seq for i in range(5)]
    session.commit()
    assert list(verify(session)) == []
    return seqs


def test_intact_log_verifies(session: Session, log: list[int]) -> None:
    assert list(verify(session)) == []


def test_edited_entry_is_detected(session: Session, connection: Connection, log: list[int]) -> None:
    _drop_triggers(connection)
    connection.execute(text("UPDATE audit_log SET object_id = 'C-other' WHERE seq = :s"), {"s": log[2]})
    problems = list(verify(session))
    assert [p.seq for p in problems] == [log[2]]
    assert "altered" in problems[0].message


def test_deleted_entry_is_detected(session: Session, connection: Connection, log: list[int]) -> None:
    _drop_triggers(connection)
    connection.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": log[1]})
    problems = list(verify(session))
    assert problems and any("missing" in p.message for p in problems)


def test_reordered_entries_are_detected(session: Session, connection: Connection, log: list[int]) -> None:
    _drop_triggers(connection)
    a, b = log[1], log[3]
    # Swap the two entries' positions in the chain (their contents and hashes move together).
    connection.execute(text("UPDATE audit_log SET seq = -1 WHERE seq = :a"), {"a": a})
    connection.execute(text("UPDATE audit_log SET seq = :a WHERE seq = :b"), {"a": a, "b": b})
    connection.execute(text("UPDATE audit_log SET seq = :b WHERE seq = -1"), {"b": b})
    problems = list(verify(session))
    assert problems
    assert {p.seq for p in problems} & {a, b}


def test_truncated_log_is_detected(session: Session, connection: Connection, log: list[int]) -> None:
    _drop_triggers(connection)
    connection.execute(text("DELETE FROM audit_log WHERE seq = :s"), {"s": log[-1]})
    problems = list(verify(session))
    assert any("truncated" in p.message for p in problems)


def test_entry_records_who_what_when_where(session: Session) -> None:
    from vigil.users.service import create_user

    user = create_user(session, None, "auditee", "x" * 16, "investigator")
    entry = record(session, Actor(user, "192.0.2.7"), "read", "case", "C-9", "C-9", {"why": "test"})
    assert (entry.username, entry.user_id, entry.ip, entry.action, entry.case_ref) == (
        "auditee",
        user.id,
        "192.0.2.7",
        "read",
        "C-9",
    )
    assert entry.at is not None and len(entry.hash) == 64
