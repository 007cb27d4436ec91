"""Import a message export into a case: preview what it would create, then commit it.

The preview reads the file and stores nothing. The commit stores the original
under its hash, records who received it from whom, writes every message row
(in batches, so a huge export is never held whole), creates one incident per
burst of the suspect's messages, and re-assesses the case once at the end, as
the cases service does on every change, raising alerts. Every incident names
the exhibit and the messages it rests on, so a finding can be traced to the
exact bytes of the original.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.cases.models import Alert, Case, StoredAssessment
from vigil.cases.reassess import latest_assessment, reassess
from vigil.cases.records import case_to_doc, incident_from_doc, touch_list
from vigil.cases.validation import check
from vigil.contract import Case as CaseDoc
from vigil.errors import ConflictError, UsageError
from vigil.evidence.custody import custody_event, open_case_as
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.reading import (
    IMAGE,
    BytesSeen,
    Reading,
    choose_format,
    message_row,
    parser_version,
    read_image,
    read_messages,
    source_for,
)
from vigil.evidence.sides import Sides, sides_for
from vigil.evidence.store import EvidenceStore, Staged
from vigil.importers import group_into_incidents
from vigil.importers.zones import resolve_zone
from vigil.users.access import Perm
from vigil.users.context import Actor
from vigil.victims.service import raise_duty

BATCH = 5000
Progress = Callable[[str, int, int | None], None]


@dataclass
class ImportOptions:
    """What the officer says about the file: its format, zone, who handed it over, whose accounts."""

    filename: str
    tz: str
    fmt: str | None = None
    received_from: str | None = None
    gap_minutes: float = 30
    suspect: list[str] = field(default_factory=list)
    victim: list[str] = field(default_factory=list)

    def check(self) -> None:
        resolve_zone(self.tz)
        if not self.gap_minutes > 0:
            raise UsageError("the burst gap must be a positive number of minutes", hint="e.g. 30", path="gap_minutes")
        if self.received_from is not None and len(self.received_from) > 500:
            raise UsageError("'received from' is longer than 500 characters", path="received_from")


@dataclass
class Preview:
    """What an import would create; nothing of it is stored."""

    case_ref: str
    filename: str
    format: str
    sha256: str | None
    size: int
    time_zone: str
    gap_minutes: float
    sides: Sides
    roles: dict[str, int]
    unnamed_senders: list[tuple[str, int]]
    incidents: list[dict[str, Any]]
    clashes: list[str]
    already_imported_as: str | None
    report: dict[str, Any]

    def as_dict(self, limit: int = 200) -> dict[str, Any]:
        return {
            "case_id": self.case_ref,
            "filename": self.filename,
            "format": self.format,
            "sha256": self.sha256,
            "size": self.size,
            "time_zone": self.time_zone,
            "gap_minutes": self.gap_minutes,
            "identifiers": self.sides.as_dict(),
            "messages": self.roles,
            "unnamed_senders": [{"sender": s, "messages": n} for s, n in self.unnamed_senders],
            "incidents_total": len(self.incidents),
            "incidents": self.incidents[:limit],
            "clashes": self.clashes,
            "already_imported_as": self.already_imported_as,
            "report": self.report,
        }


def _open_for_import(session: Session, actor: Actor, case_ref: str, lock: bool) -> Case:
    return open_case_as(session, actor, case_ref, Perm.WRITE, lock=lock)


def _sides(session: Session, case: Case, options: ImportOptions, fmt: str) -> Sides:
    if fmt == IMAGE:
        return Sides()
    latest = latest_assessment(session, case)
    return sides_for(case, latest.document if latest else None, options.suspect, options.victim, fmt)


def _group(reading: Reading, sides: Sides, options: ImportOptions) -> list[dict[str, Any]]:
    return group_into_incidents(reading.kept, sides.suspects, sides.victim, options.gap_minutes, tz=options.tz)


def _already(session: Session, case: Case, sha256: str | None) -> str | None:
    if sha256 is None:
        return None
    return session.execute(
        select(EvidenceItem.ref).where(EvidenceItem.case_id == case.id, EvidenceItem.sha256 == sha256)
    ).scalar_one_or_none()


def preview(
    session: Session,
    actor: Actor,
    case_ref: str,
    path: Path,
    options: ImportOptions,
    sha256: str | None = None,
    on_read: BytesSeen | None = None,
) -> Preview:
    """Read `path` as the import would and say what it would create; store nothing."""
    options.check()
    case = _open_for_import(session, actor, case_ref, lock=False)
    source = source_for(path, options.filename, on_read)
    fmt = choose_format(options.fmt, source)
    sides = _sides(session, case, options, fmt)
    if fmt == IMAGE:
        reading = read_image(source, options.tz)
    else:
        reading = Reading(fmt, report=None)  # type: ignore[arg-type]
        for _ in read_messages(source, fmt, options.tz, sides, reading):
            pass
    incidents = _group(reading, sides, options)
    existing = {x.ref for x in case.incidents}
    record(session, actor, "preview", "evidence-upload", None, case_ref, {"sha256": sha256, "file": options.filename})
    return Preview(
        case_ref=case_ref,
        filename=options.filename,
        format=fmt,
        sha256=sha256,
        size=path.stat().st_size,
        time_zone=reading.report.time_zone,
        gap_minutes=options.gap_minutes,
        sides=sides,
        roles=dict(reading.roles),
        unnamed_senders=reading.unnamed.most_common(20),
        incidents=incidents,
        clashes=sorted(i["id"] for i in incidents if i["id"] in existing),
        already_imported_as=_already(session, case, sha256),
        report=reading.report.as_dict(),
    )


@dataclass
class Imported:
    item: EvidenceItem
    incidents: list[dict[str, Any]]
    assessment: StoredAssessment
    alerts: list[Alert]


def _next_ref(session: Session, case: Case) -> str:
    count = session.execute(select(func.count(EvidenceItem.id)).where(EvidenceItem.case_id == case.id)).scalar_one()
    return f"EX-{count + 1:03d}"


def commit(
    session: Session,
    actor: Actor,
    case_ref: str,
    staged: Staged,
    store: EvidenceStore,
    options: ImportOptions,
    progress: Progress | None = None,
) -> Imported:
    """Store the staged original, record its custody, create its incidents, re-assess once."""
    options.check()
    case = _open_for_import(session, actor, case_ref, lock=True)
    duplicate = _already(session, case, staged.sha256)
    if duplicate:
        raise ConflictError(
            f"this file is already exhibit {duplicate} of case {case_ref!r} (same SHA-256)",
            hint="nothing was imported; a new export of the chat is a different file",
            path="file",
        )

    def on_read(position: int) -> None:
        if progress:
            progress("reading", min(position, staged.size), staged.size)

    source = source_for(staged.path, options.filename, on_read)
    fmt = choose_format(options.fmt, source)
    sides = _sides(session, case, options, fmt)
    user = actor.user
    item = EvidenceItem(
        case_id=case.id,
        ref=_next_ref(session, case),
        original_filename=options.filename[:500],
        sha256=staged.sha256,
        size=staged.size,
        format=fmt,
        received_from=options.received_from,
        received_by_id=user.id if user else None,
        received_by=(user.username if user else "system (command line)"),
        received_at=actor.now,
        parser_version=parser_version(fmt),
        time_zone=options.tz,
        gap_minutes=options.gap_minutes,
        messages_digest="",
    )
    session.add(item)
    session.flush()
    custody_event(
        session,
        actor,
        item,
        case_ref,
        "receive",
        {
            "size": item.size,
            "original_filename": item.original_filename,
            "received_from": item.received_from,
            "received_by": item.received_by,
            "stored_as": f"sha256/{item.sha256[:2]}/{item.sha256}",
        },
    )
    if fmt == IMAGE:
        reading = read_image(source, options.tz)
    else:
        reading = _write_messages(session, item, source, fmt, options, sides, progress)
    incidents = _group(reading, sides, options)
    _link_messages(session, item, incidents)
    _add_incidents(session, actor, case, item, incidents)
    item.message_count = reading.report.messages
    item.messages_digest = reading.messages_digest
    item.first_message_at = reading.first.astimezone(UTC).replace(tzinfo=None) if reading.first else None
    item.last_message_at = reading.last.astimezone(UTC).replace(tzinfo=None) if reading.last else None
    item.incident_refs = [i["id"] for i in incidents]
    item.report = reading.report.as_dict()
    custody_event(
        session,
        actor,
        item,
        case_ref,
        "parse",
        {
            "format": fmt,
            "parser_version": item.parser_version,
            "time_zone": reading.report.time_zone,
            "messages": item.message_count,
            "messages_digest": item.messages_digest,
            "skipped": reading.report.skipped_total,
            "zone_conflicts": len(reading.report.zone_conflicts),
        },
    )
    if progress:
        progress("assessing", 0, None)
    if incidents:
        stored, alerts = reassess(session, actor, case, f"evidence {item.ref} imported ({len(incidents)} incidents)")
    else:  # nothing the engine reads has changed: the current assessment stands
        stored, alerts = latest_assessment(session, case), []
        assert stored is not None
    custody_event(
        session,
        actor,
        item,
        case_ref,
        "import",
        {
            "incidents": item.incident_refs,
            "gap_minutes": options.gap_minutes,
            "messages_by_side": dict(reading.roles),
            "assessment_seq": stored.seq,
        },
    )
    store.admit(staged)
    return Imported(item, incidents, stored, alerts)


def _write_messages(
    session: Session,
    item: EvidenceItem,
    source: Any,
    fmt: str,
    options: ImportOptions,
    sides: Sides,
    progress: Progress | None,
) -> Reading:
    reading = Reading(fmt, report=None)  # type: ignore[arg-type]
    batch: list[dict[str, Any]] = []
    written = 0
    for position, (message, role) in enumerate(read_messages(source, fmt, options.tz, sides, reading)):
        batch.append(message_row(item.id, position, message, role))
        if len(batch) >= BATCH:
            session.execute(EvidenceMessage.__table__.insert(), batch)
            written += len(batch)
            batch = []
            if progress:
                progress("saving", written, None)
    if batch:
        session.execute(EvidenceMessage.__table__.insert(), batch)
    return reading


def _link_messages(session: Session, item: EvidenceItem, incidents: list[dict[str, Any]]) -> None:
    """Point each message row at the incident it is part of (one UPDATE per message, batched)."""
    table = EvidenceMessage.__table__
    rows = [
        {"eid": item.id, "h": entry["canonical_hash"], "ref": incident["id"]}
        for incident in incidents
        for entry in incident["evidence"]
    ]
    statement = (
        update(table)
        .where(table.c.evidence_id == bindparam("eid"), table.c.canonical_hash == bindparam("h"))
        .values(incident_ref=bindparam("ref"))
    )
    for start in range(0, len(rows), BATCH):
        session.execute(statement, rows[start : start + BATCH])


def _add_incidents(
    session: Session, actor: Actor, case: Case, item: EvidenceItem, incidents: list[dict[str, Any]]
) -> None:
    existing = {x.ref for x in case.incidents}
    clashes = sorted(i["id"] for i in incidents if i["id"] in existing)
    if clashes:
        raise ConflictError(
            f"the case already has incident(s) {', '.join(clashes[:5])} from these messages",
            hint="the same messages were imported before (from another copy of this export); nothing was imported",
            path="incidents",
        )
    position = max((x.position for x in case.incidents), default=-1) + 1
    for incident in incidents:
        for entry in (*incident["evidence"], *incident["context"]):
            entry["exhibit"] = item.ref
            entry["original_sha256"] = item.sha256
        row = incident_from_doc(incident, position)
        row.created_at = actor.now
        case.incidents.append(row)
        position += 1
    if incidents:
        touch_list(case, "incidents")
        raise_duty(session, actor, case, "information-update", f"{len(incidents)} incidents from evidence {item.ref}")
    check(CaseDoc, case_to_doc(case))
