"""The case page, and the case as a file: `vigil.case/1` JSON and the prosecutor's PDF summary."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy import select

from vigil.cases import service
from vigil.cases.models import StoredAssessment
from vigil.web.deps import DbSession
from vigil.web.forms import PageActor
from vigil.web.render import page
from vigil.web.views.case_view import build_view
from vigil.web.views.changes import changes

router = APIRouter()


@router.get("/cases/{case_id}")
def case_page(
    request: Request,
    case_id: str,
    session: DbSession,
    actor: PageActor,
    since: int | None = None,
    saved: str = "",
) -> Response:
    assert actor.user is not None
    case = service.open_case(session, actor, case_id)
    view = build_view(session, case, actor.user, actor.today)
    changed: list[str] | None = None
    if since is not None and view.seq > since:
        before = session.execute(
            select(StoredAssessment.document).where(StoredAssessment.case_id == case.id, StoredAssessment.seq == since)
        ).scalar_one_or_none()
        changed = changes(before, view.assessment, view.order_types) or ["nothing in Vigil's assessment changed"]
    return page(request, "case.html", {"v": view, "changed": changed, "saved": saved[:200]})


def _download_name(case_id: str, ext: str) -> str:
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in case_id)
    return f"{safe}.{ext}"


@router.get("/cases/{case_id}/export.json")
def export_json(case_id: str, session: DbSession, actor: PageActor) -> Response:
    import orjson

    case = service.open_case(session, actor, case_id, audit="export")
    body = orjson.dumps(service.export_case(session, case), option=orjson.OPT_INDENT_2)
    return Response(
        body,
        media_type="application/json",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(case_id, "json")}"'},
    )


@router.get("/cases/{case_id}/summary.pdf")
def summary_pdf(case_id: str, session: DbSession, actor: PageActor) -> Response:
    from vigil.web.pdf import case_summary_pdf

    assert actor.user is not None
    case = service.open_case(session, actor, case_id, audit="export")
    view = build_view(session, case, actor.user, actor.today)
    pdf = case_summary_pdf(view, actor)
    return Response(
        pdf,
        media_type="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="{_download_name(case_id, "pdf")}"'},
    )
