"""Start a case: from a short form, or by importing a `vigil.case/1` file."""

from __future__ import annotations

from typing import Any

import orjson
from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.datastructures import UploadFile

from vigil.cases import service
from vigil.contract import Relationship
from vigil.errors import ForbiddenError
from vigil.users.context import Actor
from vigil.web.deps import DbSession
from vigil.web.forms import FieldErrors, Form, PageActor, attempt, optional, text
from vigil.web.render import page

router = APIRouter()
CREATORS = {"call-handler", "investigator", "supervisor"}
CASE_FIELDS = {
    "case_id": "case_id",
    "relationship_to_suspect": "relationship",
    "statement": "statement",
    "identifiers": "identifiers",
}
MAX_IMPORT_BYTES = 5_000_000


def _may_create(actor: Actor) -> None:
    assert actor.user is not None
    if actor.user.role not in CREATORS:
        raise ForbiddenError(
            f"your role ({actor.user.role}) may not create cases", hint="ask an investigator or supervisor"
        )


def _form_page(request: Request, values: dict[str, str], errors: FieldErrors, status: int = 200) -> Response:
    return page(
        request,
        "case_new.html",
        {"values": values, "errors": errors, "relationships": [r.value for r in Relationship]},
        status_code=status,
    )


@router.get("/cases/new")
def new_case(request: Request, actor: PageActor) -> Response:
    _may_create(actor)
    return _form_page(request, {}, FieldErrors())


def case_from_form(form: Any, errors: FieldErrors) -> dict[str, Any]:
    case_id = text(form, "case_id")
    if not case_id:
        errors.add("case_id", "Give the case an id (your force's crime or occurrence number)")
    elif "/" in case_id or len(case_id) > 200:
        errors.add("case_id", "A case id may not contain '/' and must be under 200 characters")
    victim: dict[str, Any] = {"id": "V1"}
    if rel := optional(form, "relationship"):
        victim["relationship_to_suspect"] = rel
    if statement := optional(form, "statement"):
        victim["statement"] = statement
    identifiers = [x.strip() for x in text(form, "identifiers").replace("\n", ",").split(",") if x.strip()]
    doc: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": case_id,
        "jurisdiction": "england-and-wales",
        "victim": victim,
        "suspects": [{"id": "S1", "identifiers": identifiers}],
        "incidents": [],
        "orders": [],
    }
    if crime_ref := optional(form, "crime_reference"):
        doc["crime_reference"] = crime_ref
    return doc


@router.post("/cases/new")
def create_case(request: Request, session: DbSession, actor: PageActor, form: Form) -> Response:
    _may_create(actor)
    errors = FieldErrors()
    doc = case_from_form(form, errors)
    if not errors:
        attempt(session, errors, CASE_FIELDS, service.create_case, session, actor, doc)
    if errors:
        return _form_page(request, {k: text(form, k) for k in form}, errors, 422)
    return RedirectResponse(f"/cases/{doc['case_id']}?saved=Case+created", status_code=303)


@router.get("/cases/import")
def import_form(request: Request, actor: PageActor) -> Response:
    _may_create(actor)
    return page(request, "case_import.html", {"errors": FieldErrors()})


@router.post("/cases/import")
def import_case(request: Request, session: DbSession, actor: PageActor, form: Form) -> Response:
    _may_create(actor)
    errors = FieldErrors()
    upload = form.get("file")
    doc: Any = None
    if not isinstance(upload, UploadFile) or not upload.filename:
        errors.add("file", "Choose a vigil.case/1 JSON file to import")
    else:
        data = upload.file.read(MAX_IMPORT_BYTES + 1)
        if len(data) > MAX_IMPORT_BYTES:
            errors.add("file", f"The file is larger than {MAX_IMPORT_BYTES // 1_000_000} MB")
        else:
            try:
                doc = orjson.loads(data)
            except orjson.JSONDecodeError as exc:
                errors.add("file", f"{upload.filename} is not valid JSON ({exc})")
    if not errors:
        if not isinstance(doc, dict) or doc.get("format") != "vigil.case/1":
            errors.add("file", 'The file is not a vigil.case/1 case (its "format" must be "vigil.case/1")')
        else:
            attempt(session, errors, set(), service.create_case, session, actor, doc)
    if errors:
        if "general" in errors:
            errors["file"] = errors.pop("general")
        return page(request, "case_import.html", {"errors": errors}, status_code=422)
    return RedirectResponse(f"/cases/{doc['case_id']}?saved=Case+imported", status_code=303)
