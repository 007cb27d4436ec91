"""The evidence page of a case: upload an export, preview what it would create, confirm; exhibits,
their messages and custody; which exhibit and message each of Vigil's findings rests on.

The upload is received once: the preview keeps it in the store's staging area
(hashed, not yet an original) under a random token bound to the case and the
officer, and "Confirm" imports exactly that file with exactly the options
previewed. Abandoned previews are dropped after a day.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from sqlalchemy import func, select
from starlette.datastructures import UploadFile

from vigil.cases import service
from vigil.cases.reassess import latest_assessment
from vigil.config import Settings
from vigil.errors import ForbiddenError, NotFoundError, VigilError
from vigil.evidence.api import find_item, item_out, upload_name
from vigil.evidence.custody import custody_of, custody_out
from vigil.evidence.importing import ImportOptions, commit, preview
from vigil.evidence.models import EvidenceItem, EvidenceMessage
from vigil.evidence.store import store_for
from vigil.evidence.trace import message_out, trace_findings
from vigil.importers import formats
from vigil.users.access import ROLE_PERMS, Perm
from vigil.users.context import Actor
from vigil.web.deps import DbSession
from vigil.web.forms import FieldErrors, Form, PageActor, text
from vigil.web.render import page

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 200
OPTION_FIELDS = ("format", "tz", "received_from", "gap_minutes", "suspect", "victim")


def _can_write(actor: Actor) -> bool:
    return actor.user is not None and Perm.WRITE in ROLE_PERMS.get(actor.user.role, frozenset())


def _lines(value: str) -> list[str]:
    return [x.strip() for x in value.replace(",", "\n").splitlines() if x.strip()]


def _options(form: Any, filename: str, settings: Settings, errors: FieldErrors) -> ImportOptions:
    gap_text = text(form, "gap_minutes")
    gap = settings.evidence_gap_minutes
    if gap_text:
        try:
            gap = float(gap_text)
        except ValueError:
            errors.add("gap_minutes", "The gap must be a number of minutes, e.g. 30")
    return ImportOptions(
        filename=filename,
        tz=text(form, "tz") or "Europe/London",
        fmt=text(form, "format") or "auto",
        received_from=text(form, "received_from") or None,
        gap_minutes=gap,
        suspect=_lines(text(form, "suspect")),
        victim=_lines(text(form, "victim")),
    )


def _evidence_page(
    request: Request,
    session: DbSession,
    actor: Actor,
    case_id: str,
    errors: FieldErrors | None = None,
    values: dict[str, str] | None = None,
    saved: str = "",
    status: int = 200,
) -> Response:
    case = service.open_case(session, actor, case_id, audit="read", what="evidence")
    items = session.execute(select(EvidenceItem).where(EvidenceItem.case_id == case.id).order_by(EvidenceItem.id))
    latest = latest_assessment(session, case)
    context = {
        "case": case,
        "items": [item_out(i) for i in items.scalars()],
        "findings": trace_findings(session, case, latest.document if latest else None),
        "can_upload": _can_write(actor),
        "formats": ["auto", *sorted(formats())],
        "errors": errors or FieldErrors(),
        "values": values or {"tz": "Europe/London", "format": "auto"},
        "saved": saved[:200],
    }
    return page(request, "evidence/evidence.html", context, status_code=status)


@router.get("/cases/{case_id}/evidence")
def evidence_page(request: Request, case_id: str, session: DbSession, actor: PageActor, saved: str = "") -> Response:
    return _evidence_page(request, session, actor, case_id, saved=saved)


@router.post("/cases/{case_id}/evidence/preview")
def preview_upload(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    settings: Settings = request.app.state.settings
    errors = FieldErrors()
    values = {k: text(form, k) for k in OPTION_FIELDS}
    upload = form.get("file")
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.add("file", "Choose the export file to upload")
        return _evidence_page(request, session, actor, case_id, errors, values, status=422)
    options = _options(form, upload_name(upload.filename), settings, errors)
    store = store_for(settings)
    staged = None
    try:
        options.check()
        staged = store.stage(upload.file, options.filename)
        with session.begin_nested():
            shown = preview(session, actor, case_id, staged.path, options, sha256=staged.sha256)
    except (ForbiddenError, NotFoundError) as exc:
        if staged:
            store.discard(staged)
        if exc.path in (None, "case_id"):
            raise
        errors.add("file", exc.message)
    except VigilError as exc:
        if staged:
            store.discard(staged)
        errors.add(
            exc.path if exc.path in OPTION_FIELDS else "file", exc.message + (f". {exc.hint}" if exc.hint else "")
        )
    if errors or staged is None:
        return _evidence_page(request, session, actor, case_id, errors, values, status=422)
    assert actor.user is not None
    store.remember(staged, {"case": case_id, "user_id": actor.user.id, "options": options.__dict__})
    context = {"case_id": case_id, "p": shown.as_dict(limit=100), "token": staged.token}
    return page(request, "evidence/preview.html", context)


@router.post("/cases/{case_id}/evidence/confirm")
def confirm_upload(request: Request, case_id: str, session: DbSession, actor: PageActor, form: Form) -> Response:
    service.open_case(session, actor, case_id, Perm.WRITE, audit=None)
    settings: Settings = request.app.state.settings
    store = store_for(settings)
    staged, meta = store.recall(text(form, "token"))
    assert actor.user is not None
    if meta.get("case") != case_id or meta.get("user_id") != actor.user.id:
        raise NotFoundError("that upload is not waiting for you on this case", hint="upload the file again")
    if text(form, "decision") == "cancel":
        store.discard(staged)
        return RedirectResponse(f"/cases/{case_id}/evidence?saved=Upload+cancelled;+nothing+was+stored", 303)
    options = ImportOptions(**meta["options"])  # type: ignore[arg-type]
    try:
        with session.begin_nested():
            result = commit(session, actor, case_id, staged, store, options)
    except (ForbiddenError, NotFoundError):
        raise
    except VigilError as exc:
        store.discard(staged)
        errors = FieldErrors()
        errors.add("file", exc.message + (f". {exc.hint}" if exc.hint else ""))
        return _evidence_page(request, session, actor, case_id, errors, status=422)
    note = f"Exhibit {result.item.ref} imported: {len(result.incidents)} incidents created"
    return RedirectResponse(f"/cases/{case_id}/evidence?saved={note.replace(' ', '+')}", status_code=303)


@router.get("/cases/{case_id}/evidence/{exhibit}")
def exhibit_page(
    request: Request, case_id: str, exhibit: str, session: DbSession, actor: PageActor, page_no: int = 1
) -> Response:
    case = service.open_case(session, actor, case_id, audit="read", what="evidence")
    item = find_item(session, case.id, exhibit)
    page_no = max(page_no, 1)
    total = session.execute(
        select(func.count(EvidenceMessage.id)).where(EvidenceMessage.evidence_id == item.id)
    ).scalar_one()
    rows = session.execute(
        select(EvidenceMessage)
        .where(EvidenceMessage.evidence_id == item.id)
        .order_by(EvidenceMessage.position)
        .limit(PAGE_SIZE)
        .offset((page_no - 1) * PAGE_SIZE)
    ).scalars()
    context = {
        "case_id": case_id,
        "e": item_out(item),
        "report": item.report or {},
        "custody": [custody_out(c) for c in custody_of(session, case_id, item.ref)],
        "messages": [message_out(r, item.ref) for r in rows],
        "page_no": page_no,
        "pages": max(1, -(-total // PAGE_SIZE)),
    }
    return page(request, "evidence/exhibit.html", context)
