"""`vigil import`, `vigil evidence verify` and `vigil evidence bundle`, run as a user would (SQLite file)."""

from __future__ import annotations

import csv
import hashlib
import json
import zipfile
from pathlib import Path

import pytest
from exports import case_doc, whatsapp_zip
from typer.testing import CliRunner

from vigil.cli import app


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("VIGIL_DATABASE_URL", f"sqlite:///{tmp_path / 'vigil.sqlite3'}")
    monkeypatch.setenv("VIGIL_EVIDENCE_DIR", str(tmp_path / "store"))
    (tmp_path / "case.json").write_text(json.dumps(case_doc()))
    (tmp_path / "export.zip").write_bytes(whatsapp_zip(media={"IMG-0001.jpg": b"\xff\xd8\xff fake jpeg"}))
    result = CliRunner().invoke(app, ["case", "import", str(tmp_path / "case.json")])
    assert result.exit_code == 0, result.output
    return tmp_path


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.output


def imported(workdir: Path) -> str:
    code, out = run(
        "import",
        "--case",
        "C-123",
        "--format",
        "whatsapp",
        str(workdir / "export.zip"),
        "--suspect",
        "Dan",
        "--received-from",
        "Sue Smith (victim)",
    )
    assert code == 0, out
    return out


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_preview_prints_what_would_be_created_and_stores_nothing(workdir: Path) -> None:
    code, out = run("import", "--case", "C-123", str(workdir / "export.zip"), "--suspect", "Dan", "--preview")
    assert code == 0, out
    assert "nothing stored" in out and "would create 3 incident(s)" in out
    assert "not attributed: Mark (1 messages)" in out
    assert not (workdir / "store").exists() or not any(p.is_file() for p in (workdir / "store").rglob("*"))
    code, out = run("case", "export", "C-123")
    assert json.loads(out)["incidents"] == []


def test_import_creates_incidents_and_findings_with_message_evidence(workdir: Path) -> None:
    out = imported(workdir)
    assert "EX-001 of case C-123" in out and "3 incident(s) created" in out
    assert sha256(workdir / "export.zip") in out
    assert "alert new-breach" in out
    code, shown = run("case", "show", "C-123", "--json")
    assert code == 0, shown
    assessment = json.loads(shown)
    breached = {b["incident_id"] for b in assessment["breaches"]}
    _code, exported = run("case", "export", "C-123")
    incidents = {i["id"]: i for i in json.loads(exported)["incidents"]}
    assert breached and breached <= set(incidents)
    for iid in breached:
        assert incidents[iid]["evidence"][0]["source_ref"].startswith("export.zip!_chat.txt:L")


def test_verify_passes_then_detects_a_flipped_byte_and_a_deleted_file(workdir: Path) -> None:
    imported(workdir)
    code, out = run("evidence", "verify")
    assert code == 0, out
    assert "evidence intact: 1 original(s)" in out
    original = next(p for p in (workdir / "store" / "sha256").rglob("*") if p.is_file())
    original.chmod(0o644)
    data = bytearray(original.read_bytes())
    data[100] ^= 0x80
    original.write_bytes(bytes(data))
    code, out = run("evidence", "verify")
    assert code == 1 and "CHANGED: exhibit EX-001 of case C-123 (export.zip)" in out
    original.unlink()
    (workdir / "store" / "sha256" / "stray.bin").write_bytes(b"?")
    code, out = run("evidence", "verify")
    assert code == 1 and "MISSING" in out and "EXTRA" in out and "2 problem(s)" in out


def test_bundle_has_exhibits_messages_custody_and_a_correct_manifest(workdir: Path) -> None:
    imported(workdir)
    code, out = run("evidence", "bundle", "--case", "C-123", "--out", str(workdir / "out"))
    assert code == 0, out
    folder = workdir / "out" / "C-123-evidence-bundle"
    manifest = (folder / "MANIFEST.sha256").read_text().splitlines()
    listed = {line.split("  ", 1)[1]: line.split("  ", 1)[0] for line in manifest}
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()} - {"MANIFEST.sha256"}
    assert set(listed) == on_disk
    for name, digest in listed.items():
        assert sha256(folder / name) == digest, name
    original = folder / "exhibits" / "EX-001" / "original" / "export.zip"
    assert original.read_bytes() == (workdir / "export.zip").read_bytes()
    with (folder / "exhibits.csv").open() as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["exhibit"], r["sha256"], r["received_from"]) for r in rows] == [
        ("EX-001", sha256(workdir / "export.zip"), "Sue Smith (victim)")
    ]
    messages = (folder / "exhibits" / "EX-001" / "messages.html").read_text()
    assert "I know where you work" in messages and "Please stop contacting me" in messages
    with (folder / "exhibits" / "EX-001" / "messages.csv").open() as handle:
        message_rows = list(csv.DictReader(handle))
    times = [r["sent_at"] for r in message_rows]
    assert len(message_rows) == 9 and times == sorted(times)
    custody = json.loads((folder / "custody.json").read_text())
    assert [c["action"] for c in custody] == ["receive", "parse", "import"]
    assert custody[0]["detail"]["received_from"] == "Sue Smith (victim)"
    findings = json.loads((folder / "findings.json").read_text())
    assert any(f["finding"].startswith("breach") and f["messages"] for f in findings)
    pdf = folder / "summary.pdf"
    assert pdf.read_bytes()[:5] == b"%PDF-" or "no PDF" in out
    with zipfile.ZipFile(workdir / "out" / "C-123-evidence-bundle.zip") as archive:
        names = {n.removeprefix("C-123-evidence-bundle/") for n in archive.namelist()}
        assert names == on_disk | {"MANIFEST.sha256"}
        assert archive.read("C-123-evidence-bundle/MANIFEST.sha256") == (folder / "MANIFEST.sha256").read_bytes()
    code, out = run("evidence", "bundle", "--case", "C-123", "--out", str(workdir / "out"))
    assert code == 1 and "already exists" in out


def test_user_mistakes_get_one_clear_line(workdir: Path) -> None:
    code, out = run("import", "--case", "C-999", str(workdir / "export.zip"))
    assert code == 1 and "no case 'C-999'" in out and "Traceback" not in out
    code, out = run("import", "--case", "C-123", str(workdir / "missing.txt"))
    assert code == 1 and "no such file" in out
    code, out = run("import", "--case", "C-123", "--tz", "Mars/Olympus", str(workdir / "export.zip"))
    assert code == 1 and "Mars/Olympus" in out and "Traceback" not in out
    code, out = run("evidence", "bundle", "--case", "C-123", "--out", str(workdir / "out"))
    assert code == 1 and "no evidence to bundle" in out
