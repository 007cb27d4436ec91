"""Prove the evidence is intact: every original re-hashed, every message re-hashed, the chain walked.

Four independent checks, because each catches what the others cannot:
- the store: each exhibit's original is present, the size recorded, and hashes
  to its name (a flipped byte, a truncated or deleted file); any file nobody
  received is listed as extra;
- the custody record: the hash and size an exhibit was received with, as
  written in the audit log at the time, equal the exhibit row's (a row edited
  to match altered bytes is caught here);
- the message rows: each recomputes to its canonical hash, and together to the
  digest recorded in the custody "parse" event;
- the audit log's hash chain, which holds the custody events.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.service import verify as verify_chain
from vigil.cases.models import Case
from vigil.contract.codes import Channel
from vigil.evidence.custody import custody_of
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.store import HEX64, EvidenceStore
from vigil.importers import Attachment, Message


@dataclass(frozen=True)
class Problem:
    kind: str
    message: str


@dataclass
class Verification:
    problems: list[Problem] = field(default_factory=list)
    originals: int = 0
    bytes_hashed: int = 0
    messages: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, kind: str, message: str) -> None:
        self.problems.append(Problem(kind, message))


def verify_evidence(session: Session, store: EvidenceStore, *, messages: bool = True) -> Verification:
    result = Verification()
    items = session.execute(
        select(EvidenceItem, Case.reference).join(Case, Case.id == EvidenceItem.case_id).order_by(EvidenceItem.id)
    ).all()
    known: set[str] = set()
    for item, case_ref in items:
        label = f"exhibit {item.ref} of case {case_ref} ({item.original_filename})"
        known.add(item.sha256)
        _check_original(store, item, label, result)
        _check_custody(session, item, case_ref, label, result)
        if messages:
            _check_messages(session, item, label, result)
    _check_strays(store, known, result)
    for problem in verify_chain(session):
        result.add("audit-chain", f"audit log (holds the chain of custody): {problem.message}")
    return result


def _check_original(store: EvidenceStore, item: EvidenceItem, label: str, result: Verification) -> None:
    path = store.path_for(item.sha256)
    if not path.is_file():
        result.add("missing", f"MISSING: {label}: the original {path} is not in the evidence store")
        return
    result.originals += 1
    size = path.stat().st_size
    actual = store.rehash(path)
    result.bytes_hashed += size
    if size != item.size:
        how = "shorter (truncated)" if size < item.size else "longer (bytes added)"
        result.add("changed", f"CHANGED: {label}: {size:,} bytes stored, {item.size:,} received: {how}")
    elif actual != item.sha256:
        result.add("changed", f"CHANGED: {label}: its bytes now hash to {actual}, not {item.sha256}")


def _check_custody(session: Session, item: EvidenceItem, case_ref: str, label: str, result: Verification) -> None:
    events = custody_of(session, case_ref, item.ref)
    received = [e for e in events if e.action == "receive" and e.detail.get("sha256") == item.sha256]
    if not received:
        result.add("custody", f"CUSTODY: {label}: no record of receiving a file with SHA-256 {item.sha256}")
    elif received[0].detail.get("size") != item.size:
        result.add(
            "custody", f"CUSTODY: {label}: received as {received[0].detail.get('size')} bytes, row says {item.size}"
        )
    parsed = [e for e in events if e.action == "parse"]
    if parsed and parsed[-1].detail.get("messages_digest") != item.messages_digest:
        result.add("custody", f"CUSTODY: {label}: the message digest differs from the one recorded when it was parsed")


def stored_message(row: EvidenceMessage) -> Message:
    """The message a row records, rebuilt so its canonical hash can be recomputed."""
    return Message(
        source_ref=row.source_ref,
        sent_at=row.sent_at.replace(tzinfo=UTC),
        sent_at_text=row.sent_at_text,
        sender=row.sender,
        channel=Channel(row.channel),
        text=row.text,
        sender_display=row.sender_display,
        recipients=tuple(row.recipients or ()),
        attachments=tuple(Attachment(**a) for a in row.attachments or ()),
        is_system=row.is_system,
        meta=dict(row.meta or {}),
    )


def _check_messages(session: Session, item: EvidenceItem, label: str, result: Verification) -> None:
    digest = hashlib.sha256()
    count = 0
    for row in _rows(session, item):
        count += 1
        digest.update(row.canonical_hash.encode() + b"\n")
        if stored_message(row).canonical_hash != row.canonical_hash:
            result.add("message", f"MESSAGE: {label}: message {row.position} ({row.source_ref}) was altered")
    result.messages += count
    if count != item.message_count:
        result.add("message", f"MESSAGE: {label}: {count} message rows, {item.message_count} were imported")
    elif digest.hexdigest() != item.messages_digest:
        result.add("message", f"MESSAGE: {label}: the messages' digest differs from the one recorded at import")


def _rows(session: Session, item: EvidenceItem) -> Iterator[EvidenceMessage]:
    query = select(EvidenceMessage).where(EvidenceMessage.evidence_id == item.id).order_by(EvidenceMessage.position)
    yield from session.execute(query.execution_options(yield_per=2000)).scalars()


def _check_strays(store: EvidenceStore, known: set[str], result: Verification) -> None:
    for path in store.stored_files():
        name = path.name
        in_place = HEX64.fullmatch(name) is not None and path.parent == store.originals / name[:2]
        if not in_place or name not in known:
            result.add("extra", f"EXTRA: {path} is in the evidence store but is not the original of any exhibit")
