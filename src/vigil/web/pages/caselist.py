"""My cases: the signed-in user's cases, most urgent first; htmx refreshes the results as you type."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from vigil.audit.service import record
from vigil.web.deps import DbSession
from vigil.web.forms import PageActor
from vigil.web.render import page
from vigil.web.views.case_list import Filters, my_cases, secondary_offences
from vigil.web.words import CATEGORY_LABELS

router = APIRouter()
PAGE_SIZE = 50


def classification_choices() -> list[tuple[str, str]]:
    """Main categories, then the offences that can appear as secondary classifications."""
    from vigil.law import load_law

    law = load_law()
    offences = sorted(law.offences.values(), key=lambda o: o.title)
    return [*CATEGORY_LABELS.items(), *((o.code.value, f"{o.title} ({o.citation})") for o in offences)]


@router.get("/")
def home(
    request: Request,
    session: DbSession,
    actor: PageActor,
    q: str = "",
    risk: str = "",
    classification: str = "",
    attention: str = "",
    page_no: int = 1,
) -> Response:
    assert actor.user is not None
    filters = Filters(q=q[:200], risk=risk, classification=classification, attention=bool(attention))
    rows = my_cases(session, actor.user, actor.today, filters)
    page_no = max(page_no, 1)
    shown = rows[(page_no - 1) * PAGE_SIZE : page_no * PAGE_SIZE]
    secondary_offences(session, shown)
    record(session, actor, "list", "case", None, None, {"count": len(shown), "page": "my-cases"})
    context = {
        "rows": shown,
        "total": len(rows),
        "page_no": page_no,
        "pages": max(1, -(-len(rows) // PAGE_SIZE)),
        "filters": filters,
        "classifications": classification_choices(),
        "can_create": actor.user.role in {"call-handler", "investigator", "supervisor"},
    }
    partial = request.headers.get("hx-target") == "case-results"
    return page(request, "_case_results.html" if partial else "my_cases.html", context)
