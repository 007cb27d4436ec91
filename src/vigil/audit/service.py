"""Append to and verify the hash-chained audit log.

`record` is called by services for every read and write of case data; it
locks the chain head (SELECT ... FOR UPDATE on PostgreSQL; SQLite already
serialises writers) so concurrent requests never fork the chain.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import orjson
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.models import AuditEntry, AuditHead
from vigil.users.context import Actor

GENESIS = "0" * 64


def entry_hash(prev_hash: str, e: AuditEntry) -> str:
    """SHA-256 over the previous hash and this entry's fields in a fixed, canonical form."""
    body = {
        "seq": e.seq,
        "at": e.at.isoformat(timespec="microseconds"),
        "user_id": e.user_id,
        "username": e.username,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "case_ref": e.case_ref,
        "ip": e.ip,
        "detail": e.detail,
    }
    blob = prev_hash.encode() + orjson.dumps(body, option=orjson.OPT_SORT_KEYS)
    return hashlib.sha256(blob).hexdigest()


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    object_type: str,
    object_id: str | None = None,
    case_ref: str | None = None,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry: who (actor), when, what (action on object), where from (actor.ip)."""
    head = session.execute(select(AuditHead).where(AuditHead.id == 1).with_for_update()).scalar_one()
    user = actor.user if actor else None
    entry = AuditEntry(
        seq=head.seq + 1,
        at=actor.now if actor else _now(),
        user_id=user.id if user else None,
        username=user.username if user else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        case_ref=case_ref,
        ip=actor.ip if actor else None,
        detail=detail or {},
        prev_hash=head.hash,
        hash="",
    )
    entry.hash = entry_hash(head.hash, entry)
    session.add(entry)
    head.seq, head.hash = entry.seq, entry.hash
    session.flush()
    return entry


def _now():  # type: ignore[no-untyped-def]
    from vigil.timeutil import utcnow

    return utcnow()


@dataclass(frozen=True)
class Problem:
    seq: int | None
    message: str


def verify(session: Session) -> Iterator[Problem]:
    """Walk the chain in order; yield every break (edited, deleted, reordered or truncated)."""
    prev, expected_seq = GENESIS, 1
    rows = session.execute(select(AuditEntry).order_by(AuditEntry.seq)).scalars()
    last_seq = 0
    for e in rows.yield_per(1000):
        if e.seq != expected_seq:
            yield Problem(e.seq, f"entry {expected_seq} is missing (next is {e.seq}): deleted?")
        if e.prev_hash != prev:
            yield Problem(e.seq, f"entry {e.seq} does not follow the entry before it: reordered or removed?")
        if entry_hash(e.prev_hash, e) != e.hash:
            yield Problem(e.seq, f"entry {e.seq} was altered after it was written (hash mismatch)")
        prev, expected_seq, last_seq = e.hash, e.seq + 1, e.seq
    head = session.get(AuditHead, 1)
    if head is None:
        yield Problem(None, "the chain head is missing")
    elif head.seq != last_seq or head.hash != prev:
        yield Problem(
            head.seq,
            f"the log ends at entry {last_seq} but the chain head says {head.seq}: truncated?",
        )
