"""The chain of custody: who received each exhibit, from whom, and every process applied to it.

Custody events are audit-log entries (object type "evidence", object id the
exhibit reference), appended through `vigil.audit.service.record`. They are
therefore append-only (database triggers) and hash-chained with every other
audit entry: editing, dropping or reordering one breaks the same chain
`vigil audit-log verify` and `vigil evidence verify` walk. Each event repeats
the exhibit's SHA-256, so the custody record alone says which bytes it is about.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.models import AuditEntry
from vigil.audit.service import record
from vigil.cases.models import Case
from vigil.cases.service import load_full, open_case
from vigil.errors import NotFoundError
from vigil.evidence.models import EvidenceItem
from vigil.users.access import Perm
from vigil.users.context import Actor

OBJECT_TYPE = "evidence"

#: What each custody action means, in the words the bundle prints.
ACTIONS = {
    "receive": "received and stored (original hashed, read-only)",
    "parse": "parsed",
    "import": "incidents created in the case",
    "download": "original downloaded",
    "bundle": "exported in a prosecutor's bundle",
}


def open_case_as(session: Session, actor: Actor, case_ref: str, perm: Perm, lock: bool = False) -> Case:
    """The case, checked for `perm`; the command line acts as the system, which owns the database."""
    if actor.user is not None:
        return open_case(session, actor, case_ref, perm, lock=lock, audit=None)
    case = load_full(session, case_ref)
    if case is None:
        raise NotFoundError(f"no case {case_ref!r}", hint="check the case id (`vigil case import` prints them)")
    return case


def custody_event(
    session: Session, actor: Actor | None, item: EvidenceItem, case_ref: str, action: str, detail: dict[str, Any]
) -> AuditEntry:
    """Append one custody event for `item` to the audit log's hash chain."""
    body = {"exhibit": item.ref, "sha256": item.sha256, **detail}
    return record(session, actor, action, OBJECT_TYPE, item.ref, case_ref, body)


def custody_of(session: Session, case_ref: str, exhibit: str | None = None) -> list[AuditEntry]:
    """The custody events of one exhibit (or of every exhibit in the case), oldest first."""
    query = select(AuditEntry).where(AuditEntry.case_ref == case_ref, AuditEntry.object_type == OBJECT_TYPE)
    if exhibit is not None:
        query = query.where(AuditEntry.object_id == exhibit)
    return list(session.execute(query.order_by(AuditEntry.seq)).scalars())


def custody_out(entry: AuditEntry) -> dict[str, Any]:
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(timespec="seconds") + "Z",
        "action": entry.action,
        "meaning": ACTIONS.get(entry.action, entry.action),
        "by": entry.username or "system (command line)",
        "from_ip": entry.ip,
        "exhibit": entry.object_id,
        "detail": entry.detail,
        "prev_hash": entry.prev_hash,
        "hash": entry.hash,
    }
