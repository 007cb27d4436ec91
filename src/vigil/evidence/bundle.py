"""The prosecutor's bundle: every exhibit of a case, its messages in context, its custody, hashed.

Written as a folder and as a zip of that folder, so it can be read in place or
sent whole. `MANIFEST.sha256` lists the SHA-256 of every other file in the
bundle in `sha256sum` format: `sha256sum -c MANIFEST.sha256` checks it with
nothing but a standard tool. The originals are copied in byte for byte, so the
bundle alone proves each message list came from the file it names.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
import zipfile
from dataclasses import dataclass
from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

import orjson
from jinja2 import Environment, FileSystemLoader, select_autoescape
from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.cases.models import Case
from vigil.cases.reassess import latest_assessment
from vigil.errors import ConflictError, NotFoundError
from vigil.evidence.custody import custody_event, custody_of, custody_out
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.store import EvidenceStore
from vigil.evidence.trace import message_out, trace_findings
from vigil.users.context import Actor

MANIFEST = "MANIFEST.sha256"
_UNSAFE = re.compile(r"[^A-Za-z0-9._ -]+")


@dataclass(frozen=True)
class Bundle:
    folder: Path
    zip_path: Path
    pdf_path: Path | None
    html_path: Path
    manifest_sha256: str
    files: int
    pdf_note: str | None


def safe_name(name: str, fallback: str = "original") -> str:
    """A file name that cannot climb out of its folder or upset another operating system."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base[:150] or fallback


def _environment() -> Environment:
    folder = str(resources.files("vigil.evidence") / "templates")
    return Environment(loader=FileSystemLoader(folder), autoescape=select_autoescape(["html", "j2"]))


def _exhibits(session: Session, case: Case) -> list[EvidenceItem]:
    """Exhibits in chronological order of the messages they hold (then of receipt)."""
    items = list(session.execute(select(EvidenceItem).where(EvidenceItem.case_id == case.id)).scalars())
    return sorted(items, key=lambda i: (i.first_message_at or i.received_at, i.received_at, i.id))


def write_bundle(session: Session, actor: Actor, case: Case, store: EvidenceStore, out: Path) -> Bundle:
    items = _exhibits(session, case)
    if not items:
        raise NotFoundError(
            f"case {case.reference!r} has no evidence to bundle",
            hint="import an export first: vigil import --case ... FILE",
            path="case_id",
        )
    name = f"{safe_name(case.reference, 'case')}-evidence-bundle"
    folder = Path(out) / name
    if folder.exists() or folder.with_suffix(".zip").exists():
        raise ConflictError(f"{folder} already exists", hint="choose another --out folder, or move the old bundle")
    folder.mkdir(parents=True)
    env = _environment()
    exhibits = [_write_exhibit(session, env, store, folder, item) for item in items]
    custody = [custody_out(e) for e in custody_of(session, case.reference)]
    _write_custody(folder, custody)
    _write_exhibit_list(folder, exhibits)
    latest = latest_assessment(session, case)
    traced = [t.as_dict() for t in trace_findings(session, case, latest.document if latest else None)]
    (folder / "findings.json").write_bytes(orjson.dumps(traced, option=orjson.OPT_INDENT_2))
    context = {
        "case": case.reference,
        "generated_at": actor.now.isoformat(timespec="seconds") + "Z",
        "generated_by": actor.user.username if actor.user else "system (command line)",
        "exhibits": exhibits,
        "custody": custody,
        "findings": traced,
    }
    html_path = folder / "summary.html"
    html = env.get_template("bundle_summary.html.j2").render(**context)
    html_path.write_text(html, encoding="utf-8")
    pdf_path, pdf_note = _pdf(html, folder / "summary.pdf")
    manifest_sha = _write_manifest(folder)
    zip_path = _zip(folder)
    for item in items:
        custody_event(
            session,
            actor,
            item,
            case.reference,
            "bundle",
            {"bundle": name, "manifest_sha256": manifest_sha, "zip_sha256": _sha256(zip_path)},
        )
    files = sum(1 for p in folder.rglob("*") if p.is_file())
    return Bundle(folder, zip_path, pdf_path, html_path, manifest_sha, files, pdf_note)


def _write_exhibit(
    session: Session, env: Environment, store: EvidenceStore, folder: Path, item: EvidenceItem
) -> dict[str, Any]:
    where = folder / "exhibits" / safe_name(item.ref, "exhibit")
    (where / "original").mkdir(parents=True)
    original = where / "original" / safe_name(item.original_filename)
    with store.open(item.sha256) as source, original.open("wb") as target:
        shutil.copyfileobj(source, target, 1024 * 1024)
    if _sha256(original) != item.sha256:
        raise ConflictError(
            f"the stored original of exhibit {item.ref} no longer matches its SHA-256; no bundle was made",
            hint="run `vigil evidence verify` and restore the original from backup",
        )
    columns = [
        "position",
        "sent_at",
        "sent_at_text",
        "sender",
        "role",
        "incident_id",
        "source_ref",
        "text",
        "canonical_hash",
    ]
    with (where / "messages.csv").open("w", newline="", encoding="utf-8") as csv_file:
        writer = csv.DictWriter(csv_file, columns, extrasaction="ignore")
        writer.writeheader()
        for row in _ordered(session, item):
            writer.writerow(message_out(row, item.ref))
    exhibit = _exhibit_facts(item, where, original, folder)
    with (where / "messages.html").open("w", encoding="utf-8") as html_file:
        messages = (message_out(r, item.ref) for r in _ordered(session, item))
        for chunk in env.get_template("bundle_messages.html.j2").generate(exhibit=exhibit, messages=messages):
            html_file.write(chunk)
    return exhibit


def _ordered(session: Session, item: EvidenceItem) -> Any:
    return session.execute(
        select(EvidenceMessage)
        .where(EvidenceMessage.evidence_id == item.id)
        .order_by(EvidenceMessage.sent_at, EvidenceMessage.position)
        .execution_options(yield_per=2000)
    ).scalars()


def _exhibit_facts(item: EvidenceItem, where: Path, original: Path, folder: Path) -> dict[str, Any]:
    def when(value: datetime | None) -> str:
        return value.isoformat(timespec="seconds") + "Z" if value else ""

    return {
        "exhibit": item.ref,
        "original_filename": item.original_filename,
        "sha256": item.sha256,
        "size": item.size,
        "format": item.format,
        "received_from": item.received_from or "",
        "received_by": item.received_by or "",
        "received_at": when(item.received_at),
        "parser_version": item.parser_version,
        "time_zone": item.time_zone,
        "first_message": when(item.first_message_at),
        "last_message": when(item.last_message_at),
        "messages": item.message_count,
        "incidents": " ".join(item.incident_refs or []),
        "skipped_lines": (item.report or {}).get("skipped_total", 0),
        "original_in_bundle": original.relative_to(folder).as_posix(),
        "messages_in_bundle": (where / "messages.html").relative_to(folder).as_posix(),
    }


def _write_exhibit_list(folder: Path, exhibits: list[dict[str, Any]]) -> None:
    with (folder / "exhibits.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, list(exhibits[0]))
        writer.writeheader()
        writer.writerows(exhibits)


def _write_custody(folder: Path, custody: list[dict[str, Any]]) -> None:
    (folder / "custody.json").write_bytes(orjson.dumps(custody, option=orjson.OPT_INDENT_2))
    with (folder / "custody.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["seq", "at", "exhibit", "action", "meaning", "by", "from_ip", "detail", "prev_hash", "hash"])
        for e in custody:
            detail = orjson.dumps(e["detail"], option=orjson.OPT_SORT_KEYS).decode()
            row = [e["seq"], e["at"], e["exhibit"], e["action"], e["meaning"], e["by"], e["from_ip"] or ""]
            writer.writerow([*row, detail, e["prev_hash"], e["hash"]])


def _pdf(html: str, path: Path) -> tuple[Path | None, str | None]:
    try:
        from weasyprint import HTML
    except Exception as exc:  # WeasyPrint or its system libraries missing: the HTML still serves
        return None, f"no PDF: WeasyPrint cannot be loaded ({exc}); summary.html has the same content"
    HTML(string=html).write_pdf(str(path))
    return path, None


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(1024 * 1024):
            digest.update(chunk)
    return digest.hexdigest()


def _write_manifest(folder: Path) -> str:
    lines = [
        f"{_sha256(p)}  {p.relative_to(folder).as_posix()}\n"
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MANIFEST
    ]
    body = "".join(lines).encode()
    (folder / MANIFEST).write_bytes(body)
    return hashlib.sha256(body).hexdigest()


def _zip(folder: Path) -> Path:
    target = folder.with_suffix(".zip")
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                archive.write(path, f"{folder.name}/{path.relative_to(folder).as_posix()}")
    return target
