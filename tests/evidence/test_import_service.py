"""The import service: preview stores nothing; commit stores the original, its messages and incidents,
re-assesses once, and keeps the case export lossless. Runs on SQLite and PostgreSQL."""

from __future__ import annotations

from pathlib import Path

import pytest
from exports import CHAT, case_doc, chat_bytes, traversal_zip, zip_bomb
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.cases.models import Alert, Incident, StoredAssessment
from vigil.cases.service import create_case, export_case, load_full
from vigil.errors import ConflictError
from vigil.evidence.custody import custody_of
from vigil.evidence.importing import ImportOptions, commit, preview
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.store import EvidenceStore
from vigil.importers import ImportFormatError, ImportLimitError
from vigil.users.context import Actor

SYSTEM = Actor(None, "cli")


@pytest.fixture
def case_ref(session: Session) -> str:
    create_case(session, SYSTEM, case_doc())
    session.commit()
    return "C-123"


@pytest.fixture
def export(tmp_path: Path) -> Path:
    path = tmp_path / "WhatsApp Chat with Dan.txt"
    path.write_bytes(chat_bytes())
    return path


def options(**extra: object) -> ImportOptions:
    base = {"filename": "WhatsApp Chat with Dan.txt", "tz": "Europe/London", "fmt": "whatsapp", "suspect": ["Dan"]}
    return ImportOptions(**{**base, **extra})  # type: ignore[arg-type]


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def test_preview_shows_what_would_be_created_and_stores_nothing(
    session: Session, case_ref: str, export: Path, store_dir: Path
) -> None:
    shown = preview(session, SYSTEM, case_ref, export, options()).as_dict()
    assert shown["messages"] == {"system": 1, "suspect": 5, "victim": 2, "other": 1}
    assert shown["unnamed_senders"] == [{"sender": "Mark", "messages": 1}]
    assert [len(i["evidence"]) for i in shown["incidents"]] == [2, 2, 1]
    assert all("Sue" not in i["narrative"] for i in shown["incidents"])
    assert shown["report"]["complete"] and shown["report"]["skipped_total"] == 0
    assert session.execute(select(func.count(EvidenceItem.id))).scalar_one() == 0
    assert session.execute(select(func.count(EvidenceMessage.id))).scalar_one() == 0
    assert load_full(session, case_ref).incidents == []
    assert files_in(store_dir) == []


def test_commit_stores_original_messages_incidents_and_reassesses(
    session: Session, case_ref: str, export: Path, store_dir: Path
) -> None:
    store = EvidenceStore(store_dir)
    staged = store.stage_file(export)
    before = session.execute(select(func.count(StoredAssessment.id))).scalar_one()
    result = commit(session, SYSTEM, case_ref, staged, store, options(received_from="Sue, on a USB stick"))
    session.commit()

    item = result.item
    original = store.path_for(item.sha256)
    assert original.read_bytes() == chat_bytes()
    assert original.stat().st_mode & 0o222 == 0, "originals are read-only"
    assert [p.name for p in files_in(store_dir)] == [item.sha256]
    facts = (item.ref, item.format, item.message_count, item.received_from)
    assert facts == ("EX-001", "whatsapp", 9, "Sue, on a USB stick")

    rows = list(session.execute(select(EvidenceMessage).order_by(EvidenceMessage.position)).scalars())
    assert len(rows) == 9
    by_role = {r.role for r in rows if r.incident_ref}
    assert by_role == {"suspect"}, "only the suspect's messages are conduct"
    assert {r.sender for r in rows if r.role == "victim"} == {"Sue"}

    case = load_full(session, case_ref)
    incidents = {x.ref: x for x in case.incidents}
    assert set(incidents) == set(item.incident_refs) and len(incidents) == 3
    first = incidents[item.incident_refs[0]]
    assert "I know where you work" in first.narrative and "Please stop" not in first.narrative
    assert first.suspect_ref == "S1"
    pointers = first.extra["evidence"]
    assert {p["exhibit"] for p in pointers} == {"EX-001"}
    assert {p["canonical_hash"] for p in pointers} == {r.canonical_hash for r in rows if r.incident_ref == first.ref}
    assert first.extra["context"][0]["text"].startswith("Please stop")

    after = session.execute(select(func.count(StoredAssessment.id))).scalar_one()
    assert after == before + 1, "re-assessed once for the whole import"
    kinds = {a.kind for a in session.execute(select(Alert)).scalars()}
    assert "new-breach" in kinds, "messages after a no-contact order raise breach alerts"
    breached = {b["incident_id"] for b in result.assessment.document["breaches"]}
    assert breached <= set(item.incident_refs) and breached

    actions = [e.action for e in custody_of(session, case_ref, "EX-001")]
    assert actions == ["receive", "parse", "import"]


def test_case_export_keeps_evidence_pointers_losslessly(
    session: Session, case_ref: str, export: Path, store_dir: Path
) -> None:
    store = EvidenceStore(store_dir)
    commit(session, SYSTEM, case_ref, store.stage_file(export), store, options())
    session.commit()
    doc = export_case(session, load_full(session, case_ref))
    copy = {**doc, "case_id": "C-124"}
    create_case(session, SYSTEM, copy)
    session.commit()
    again = export_case(session, load_full(session, "C-124"))
    assert again == copy
    assert all(i["evidence"] and i["evidence"][0]["exhibit"] == "EX-001" for i in doc["incidents"])


def test_same_file_twice_is_refused_and_changes_nothing(
    session: Session, case_ref: str, export: Path, store_dir: Path
) -> None:
    store = EvidenceStore(store_dir)
    commit(session, SYSTEM, case_ref, store.stage_file(export), store, options())
    session.commit()
    count = session.execute(select(func.count(Incident.id))).scalar_one()
    staged = store.stage_file(export)
    with pytest.raises(ConflictError, match="already exhibit EX-001"), session.begin_nested():
        commit(session, SYSTEM, case_ref, staged, store, options())
    store.discard(staged)
    assert session.execute(select(func.count(Incident.id))).scalar_one() == count
    assert session.execute(select(func.count(EvidenceItem.id))).scalar_one() == 1


def test_a_second_copy_of_the_same_messages_is_refused(
    session: Session, case_ref: str, tmp_path: Path, store_dir: Path
) -> None:
    store = EvidenceStore(store_dir)
    first = tmp_path / "chat.txt"
    first.write_bytes(chat_bytes())
    commit(session, SYSTEM, case_ref, store.stage_file(first), store, options(filename="chat.txt"))
    session.commit()
    longer = tmp_path / "copy.txt"
    longer.write_bytes(chat_bytes(CHAT + "21/03/2024, 10:00 - Mark: ok\n"))
    with pytest.raises(ConflictError, match="already has incident"), session.begin_nested():
        commit(session, SYSTEM, case_ref, store.stage_file(longer), store, options(filename="chat.txt"))


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [(zip_bomb(), ImportLimitError, "zip bomb"), (traversal_zip(), ImportLimitError, "climbs out")],
    ids=["zip-bomb", "path-traversal"],
)
def test_hostile_zips_are_refused_and_nothing_is_kept(
    session: Session, case_ref: str, tmp_path: Path, store_dir: Path, data: bytes, error: type, words: str
) -> None:
    path = tmp_path / "export.zip"
    path.write_bytes(data)
    store = EvidenceStore(store_dir)
    staged = store.stage_file(path)
    with pytest.raises(ImportFormatError) as caught, session.begin_nested():
        commit(session, SYSTEM, case_ref, staged, store, options(filename="export.zip"))
    store.discard(staged)
    assert isinstance(caught.value, error)
    assert words in f"{caught.value.message} {caught.value.hint}"
    assert session.execute(select(func.count(EvidenceItem.id))).scalar_one() == 0
    assert files_in(store_dir) == []


def test_a_screenshot_is_an_exhibit_with_its_exif_time_and_no_messages(
    session: Session, case_ref: str, tmp_path: Path, store_dir: Path
) -> None:
    import io

    from PIL import Image

    image = Image.new("RGB", (4, 4), "white")
    exif = Image.Exif()
    exif.get_ifd(0x8769)[0x9003] = "2024:03:05 07:05:00"  # DateTimeOriginal
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    path = tmp_path / "screenshot.jpg"
    path.write_bytes(buffer.getvalue())
    store = EvidenceStore(store_dir)
    shown = preview(session, SYSTEM, case_ref, path, options(filename="screenshot.jpg", fmt="auto"))
    assert shown.format == "image" and shown.incidents == []
    result = commit(
        session, SYSTEM, case_ref, store.stage_file(path), store, options(filename="screenshot.jpg", fmt="auto")
    )
    session.commit()
    item = result.item
    assert (item.format, item.message_count, item.incident_refs) == ("image", 0, [])
    assert item.report["details"]["image"]["taken_at"].startswith("2024-03-05T07:05:00")
    assert item.first_message_at is not None and item.first_message_at.hour == 7  # GMT in March: UTC
    assert store.path_for(item.sha256).read_bytes() == path.read_bytes()
    assert [e.action for e in custody_of(session, case_ref, item.ref)] == ["receive", "parse", "import"]
