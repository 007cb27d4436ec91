"""`verify_evidence` notices a flipped byte, a truncated, deleted or extra file, altered message rows,
an exhibit row edited to match, and tampering with the custody events in the audit chain."""

from __future__ import annotations

from pathlib import Path

import pytest
from exports import case_doc, chat_bytes
from sqlalchemy import Connection, text
from sqlalchemy.orm import Session

from vigil.cases.service import create_case
from vigil.evidence.importing import ImportOptions, commit
from vigil.evidence.models import EvidenceItem
from vigil.evidence.store import EvidenceStore
from vigil.evidence.verify import verify_evidence
from vigil.users.context import Actor

SYSTEM = Actor(None, "cli")


@pytest.fixture
def imported(session: Session, tmp_path: Path, store_dir: Path) -> tuple[EvidenceStore, EvidenceItem]:
    create_case(session, SYSTEM, case_doc())
    export = tmp_path / "chat.txt"
    export.write_bytes(chat_bytes())
    store = EvidenceStore(store_dir)
    options = ImportOptions(filename="chat.txt", tz="Europe/London", fmt="whatsapp", suspect=["Dan"])
    item = commit(session, SYSTEM, "C-123", store.stage_file(export), store, options).item
    session.commit()
    return store, item


def kinds(session: Session, store: EvidenceStore) -> list[str]:
    return [p.kind for p in verify_evidence(session, store).problems]


def writable(path: Path) -> Path:
    path.chmod(0o644)
    return path


def test_intact_evidence_verifies(session: Session, imported: tuple[EvidenceStore, EvidenceItem]) -> None:
    store, _item = imported
    result = verify_evidence(session, store)
    assert result.ok, result.problems
    assert (result.originals, result.messages) == (1, 9)
    assert result.bytes_hashed == len(chat_bytes())


def test_flipped_byte_is_detected(session: Session, imported: tuple[EvidenceStore, EvidenceItem]) -> None:
    store, item = imported
    path = writable(store.path_for(item.sha256))
    data = bytearray(path.read_bytes())
    data[40] ^= 0x01
    path.write_bytes(bytes(data))
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["changed"]
    assert "EX-001" in problems[0].message and "hash" in problems[0].message


def test_truncated_file_is_detected(session: Session, imported: tuple[EvidenceStore, EvidenceItem]) -> None:
    store, item = imported
    path = writable(store.path_for(item.sha256))
    path.write_bytes(path.read_bytes()[:-10])
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["changed"] and "truncated" in problems[0].message


def test_deleted_file_is_detected(session: Session, imported: tuple[EvidenceStore, EvidenceItem]) -> None:
    store, item = imported
    store.path_for(item.sha256).unlink()
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["missing"] and "MISSING" in problems[0].message


def test_extra_file_is_detected(session: Session, imported: tuple[EvidenceStore, EvidenceItem]) -> None:
    store, item = imported
    stray = store.originals / "ab" / ("ab" + "0" * 62)
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"not received from anyone")
    renamed = store.originals / item.sha256[:2] / "notes.txt"
    renamed.write_bytes(b"x")
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["extra", "extra"]
    assert any(str(stray) in p.message for p in problems)


def test_altered_message_row_is_detected(
    session: Session, connection: Connection, imported: tuple[EvidenceStore, EvidenceItem]
) -> None:
    store, item = imported
    connection.execute(
        text("UPDATE evidence_messages SET text = 'I miss you' WHERE evidence_id = :e AND position = 2"),
        {"e": item.id},
    )
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["message"] and "message 2" in problems[0].message


def test_exhibit_row_edited_to_match_new_bytes_is_caught_by_custody(
    session: Session, connection: Connection, imported: tuple[EvidenceStore, EvidenceItem]
) -> None:
    """Someone replaces the original and edits the row to its new hash: the custody record disagrees."""
    store, item = imported
    path = writable(store.path_for(item.sha256))
    forged = path.read_bytes().replace(b"regret", b"like it")
    path.unlink()
    fake = EvidenceStore.rehash_bytes(forged)
    target = store.path_for(fake)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(forged)
    connection.execute(
        text("UPDATE evidence_items SET sha256 = :h, size = :s WHERE id = :i"),
        {"h": fake, "s": len(forged), "i": item.id},
    )
    session.expire_all()
    assert kinds(session, store) == ["custody"]


def test_tampered_custody_event_breaks_the_chain(
    session: Session, connection: Connection, imported: tuple[EvidenceStore, EvidenceItem]
) -> None:
    store, _item = imported
    if connection.dialect.name == "postgresql":
        connection.execute(text("DROP TRIGGER audit_log_append_only ON audit_log"))
    else:
        connection.execute(text("DROP TRIGGER audit_log_no_update"))
    connection.execute(
        text("UPDATE audit_log SET username = 'someone-else' WHERE object_type = 'evidence' AND action = 'receive'")
    )
    session.expire_all()
    problems = verify_evidence(session, store).problems
    assert [p.kind for p in problems] == ["audit-chain"]
    assert "altered" in problems[0].message
