"""`/api/cases/{id}/evidence`: upload a message export (or preview it), list exhibits, fetch originals.

Access follows the case: whoever may change the case may upload, whoever may
read it may list and download, and a case the user cannot see is "not found"
before a byte of the upload is kept. Downloads are custody events.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Request, Response, UploadFile
from fastapi.responses import FileResponse
from sqlalchemy import select

from vigil.cases import service
from vigil.cases.api import _changed
from vigil.cases.reassess import latest_assessment
from vigil.config import Settings
from vigil.errors import NotFoundError
from vigil.evidence.custody import custody_event, custody_of, custody_out
from vigil.evidence.importing import ImportOptions, commit, preview
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.store import store_for
from vigil.evidence.trace import message_out, trace_findings
from vigil.users.access import Perm
from vigil.users.context import Actor
from vigil.web.deps import CurrentActor, DbSession

router = APIRouter(prefix="/api/cases", tags=["evidence"])


def evidence_upload_limits(settings: Settings) -> list[tuple[str, int]]:
    """The routes that take evidence files, and the larger body they may send (the app's size guard)."""
    return [(r"^/(api/)?cases/[^/]+/evidence(/preview)?/?$", settings.evidence_max_bytes + 1024 * 1024)]


def item_out(item: EvidenceItem) -> dict[str, Any]:
    def when(value: Any) -> str | None:
        return value.isoformat(timespec="seconds") + "Z" if value else None

    return {
        "exhibit": item.ref,
        "original_filename": item.original_filename,
        "sha256": item.sha256,
        "size": item.size,
        "format": item.format,
        "received_from": item.received_from,
        "received_by": item.received_by,
        "received_at": when(item.received_at),
        "parser_version": item.parser_version,
        "time_zone": item.time_zone,
        "gap_minutes": item.gap_minutes,
        "messages": item.message_count,
        "messages_digest": item.messages_digest,
        "first_message_at": when(item.first_message_at),
        "last_message_at": when(item.last_message_at),
        "incidents": item.incident_refs,
        "skipped_lines": (item.report or {}).get("skipped_total", 0),
    }


def upload_name(name: str | None) -> str:
    """The file's own name, without any folders a client put in front of it."""
    base = PurePosixPath((name or "").replace("\\", "/")).name.strip()
    return base[:500] or "upload"


def find_item(session: DbSession, case_id: int, ref: str) -> EvidenceItem:
    item = session.execute(
        select(EvidenceItem).where(EvidenceItem.case_id == case_id, EvidenceItem.ref == ref)
    ).scalar_one_or_none()
    if item is None:
        raise NotFoundError(f"the case has no exhibit {ref!r}", hint="list them: GET .../evidence", path="exhibit")
    return item


def receive_upload(
    session: DbSession,
    actor: Actor,
    settings: Settings,
    case_id: str,
    upload: UploadFile,
    options: ImportOptions,
    preview_only: bool,
) -> tuple[int, dict[str, Any], Any]:
    """Stage the upload (hashing as it streams), then preview it or import it. Shared with the web page."""
    service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    options.check()
    store = store_for(settings)
    staged = store.stage(upload.file, options.filename)
    try:
        if preview_only:
            shown = preview(session, actor, case_id, staged.path, options, sha256=staged.sha256)
            return 200, shown.as_dict(), None
        result = commit(session, actor, case_id, staged, store, options)
    finally:
        store.discard(staged)  # a no-op once the file has been admitted
    return 201, {"evidence": item_out(result.item), "incidents": [i["id"] for i in result.incidents]}, result


@router.post(
    "/{case_id}/evidence",
    status_code=201,
    summary="Upload a message export: preview=true shows what it would create; otherwise it is imported",
)
def upload_evidence(
    case_id: str,
    request: Request,
    response: Response,
    session: DbSession,
    actor: CurrentActor,
    file: Annotated[UploadFile, File(description="The export file (WhatsApp .txt/.zip, SMS XML, e-mail, ...)")],
    format: Annotated[str, Form(description="Format name, or auto")] = "auto",
    tz: Annotated[str, Form(description="Zone of the device's clock")] = "Europe/London",
    received_from: Annotated[str | None, Form()] = None,
    gap_minutes: Annotated[float | None, Form(gt=0)] = None,
    suspect: Annotated[list[str] | None, Form(description="More suspect accounts: Dan or S1=Dan")] = None,
    victim: Annotated[list[str] | None, Form(description="Accounts of the victim's")] = None,
    preview_only: Annotated[bool, Query(alias="preview")] = False,
) -> dict[str, Any]:
    settings: Settings = request.app.state.settings
    options = ImportOptions(
        filename=upload_name(file.filename),
        tz=tz,
        fmt=format,
        received_from=received_from or None,
        gap_minutes=gap_minutes or settings.evidence_gap_minutes,
        suspect=[s for s in suspect or [] if s.strip()],
        victim=[v for v in victim or [] if v.strip()],
    )
    status, body, result = receive_upload(session, actor, settings, case_id, file, options, preview_only)
    response.status_code = status
    if result is None:
        return {"preview": body}
    case = service.open_case(session, actor, case_id, audit=None)
    return _changed(session, case, response, body)


@router.get("/{case_id}/evidence", summary="The case's exhibits, and which finding rests on which message")
def list_evidence(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, audit="read", what="evidence")
    items = session.execute(select(EvidenceItem).where(EvidenceItem.case_id == case.id).order_by(EvidenceItem.id))
    latest = latest_assessment(session, case)
    traced = trace_findings(session, case, latest.document if latest else None)
    return {"evidence": [item_out(i) for i in items.scalars()], "findings": [t.as_dict() for t in traced]}


@router.get("/{case_id}/evidence/{exhibit}", summary="One exhibit: its facts, import report, custody and messages")
def get_evidence(
    case_id: str,
    exhibit: str,
    session: DbSession,
    actor: CurrentActor,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> dict[str, Any]:
    case = service.open_case(session, actor, case_id, audit="read", what="evidence")
    item = find_item(session, case.id, exhibit)
    rows = session.execute(
        select(EvidenceMessage)
        .where(EvidenceMessage.evidence_id == item.id)
        .order_by(EvidenceMessage.position)
        .limit(limit)
        .offset(offset)
    ).scalars()
    return {
        **item_out(item),
        "report": item.report,
        "custody": [custody_out(e) for e in custody_of(session, case_id, item.ref)],
        "messages": [message_out(r, item.ref) for r in rows],
        "offset": offset,
    }


@router.get("/{case_id}/evidence/{exhibit}/original", summary="The original file, byte for byte (a custody event)")
def download_original(
    case_id: str, exhibit: str, request: Request, session: DbSession, actor: CurrentActor
) -> FileResponse:
    case = service.open_case(session, actor, case_id, audit="download", what="evidence")
    item = find_item(session, case.id, exhibit)
    store = store_for(request.app.state.settings)
    path = store.path_for(item.sha256)
    if not path.is_file():
        raise NotFoundError(
            f"the original of exhibit {exhibit} is missing from the evidence store",
            hint="tell the system's owner: `vigil evidence verify` lists what is missing",
        )
    custody_event(session, actor, item, case_id, "download", {"size": item.size})
    return FileResponse(
        path,
        media_type="application/octet-stream",
        filename=item.original_filename,
        headers={"X-Content-SHA256": item.sha256},
    )
