"""The caseworkers' pages: server-rendered HTML (Jinja2), enhanced by htmx, readable without it."""

from __future__ import annotations

from fastapi import APIRouter

from vigil.web.pages import auth, care, case, caselist, create, edits

router = APIRouter(include_in_schema=False)
for module in (auth, caselist, create, case, edits, care):
    router.include_router(module.router)
