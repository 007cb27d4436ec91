"""`create_app(settings)`: the FastAPI application, built from settings, with nothing global."""

from __future__ import annotations

from fastapi import FastAPI
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from vigil.config import Settings
from vigil.db import open_database, session_factory
from vigil.web.errors import install_error_handlers
from vigil.web.limits import BodySizeLimit

DESCRIPTION = """
Vigil's JSON API: case records (`vigil.case/1`), Vigil's assessments (`vigil.assessment/1`),
professional overrides, alerts, risk management plans, victim contacts and the audit log.

Authenticate with `Authorization: Bearer <token>` (get one from `POST /api/auth/token`) or a
session cookie from `POST /api/auth/login` (then echo the `vigil_csrf` cookie in `X-CSRF-Token`
on writes). Every error has the shape `{"error": {"message", "hint", "path"}}`. Changes to
risk-critical records need `If-Match: <version>`; a stale version gets 409.
"""


def create_app(
    settings: Settings,
    engine: Engine | None = None,
    sessions: sessionmaker[Session] | None = None,
) -> FastAPI:
    """Build the app; tests pass `sessions` bound to a connection they roll back."""
    from vigil.audit.api import router as audit_router
    from vigil.cases.api import router as cases_router
    from vigil.cases.assessment_api import router as assessment_router
    from vigil.evidence.api import evidence_upload_limits
    from vigil.evidence.api import router as evidence_router
    from vigil.plans.api import router as plans_router
    from vigil.users.api import router as users_router
    from vigil.victims.api import router as victims_router
    from vigil.web.pages import router as pages_router
    from vigil.web.render import static_files
    from vigil.web.views.evidence import router as evidence_pages_router

    app = FastAPI(title="Vigil", version="1", description=DESCRIPTION)
    if sessions is None:
        engine = engine or open_database(settings)
        sessions = session_factory(engine)
    app.state.settings = settings
    app.state.sessions = sessions
    install_error_handlers(app)
    for router in (
        users_router,
        assessment_router,
        cases_router,
        plans_router,
        victims_router,
        audit_router,
        evidence_router,
        pages_router,
        evidence_pages_router,
    ):
        app.include_router(router)
    app.mount("/static", static_files(), name="static")
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes, larger=evidence_upload_limits(settings))
    return app
