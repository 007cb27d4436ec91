"""`/api/auth`, `/api/users`, `/api/teams`, `/api/cases/{id}/assignments`."""

from __future__ import annotations

import secrets
from typing import Any

from fastapi import APIRouter, Request, Response
from sqlalchemy import select

from vigil.timeutil import utcnow
from vigil.users import service
from vigil.users.access import Perm, load_case, require_role
from vigil.users.models import CaseAssignment, Role, Team, User
from vigil.users.schemas import AssignmentIn, Credentials, TeamIn, TokenRequest, UserIn, user_out
from vigil.web.deps import (
    CSRF_COOKIE,
    SESSION_COOKIE,
    CurrentActor,
    DbSession,
    check_csrf,
    client_ip,
)

router = APIRouter(tags=["users"])


def _authenticate(request: Request, session: DbSession, creds: Credentials) -> User:
    s = request.app.state.settings
    return service.authenticate(
        session,
        creds.username,
        creds.password,
        client_ip(request),
        utcnow(),
        s.login_max_failures,
        s.login_window_seconds,
    )


@router.post("/api/auth/token", summary="Exchange a username and password for an API token")
def create_token(body: TokenRequest, request: Request, session: DbSession) -> dict[str, Any]:
    user = _authenticate(request, session, body)
    from vigil.users.context import Actor

    token = service.issue_token(session, user, body.name, Actor(user, client_ip(request)))
    return {"token": token, "token_type": "bearer", "user": user_out(user)}


@router.post("/api/auth/login", summary="Log in for the web UI: sets a session cookie and a CSRF cookie")
def login(body: Credentials, request: Request, response: Response, session: DbSession) -> dict[str, Any]:
    settings = request.app.state.settings
    user = _authenticate(request, session, body)
    token = service.start_session(session, user, client_ip(request), utcnow(), settings.session_hours)
    csrf = secrets.token_urlsafe(32)
    max_age = settings.session_hours * 3600
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        httponly=True,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE,
        csrf,
        max_age=max_age,
        httponly=False,
        samesite="lax",
        secure=settings.cookie_secure,
        path="/",
    )
    return {"user": user_out(user), "csrf_token": csrf}


@router.post("/api/auth/logout")
def logout(request: Request, response: Response, session: DbSession) -> dict[str, Any]:
    cookie = request.cookies.get(SESSION_COOKIE)
    if cookie:
        check_csrf(request)
        service.end_session(session, cookie)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return {"logged_out": True}


@router.get("/api/auth/me")
def me(actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    return {"user": user_out(actor.user)}


@router.get("/api/users")
def list_users(session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.ADMIN)
    return {"users": [user_out(u) for u in service.list_users(session)]}


@router.post("/api/users", status_code=201)
def add_user(body: UserIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.ADMIN)
    user = service.create_user(session, actor, body.username, body.password, body.role, body.display_name, body.team)
    return {"user": user_out(user)}


@router.get("/api/teams")
def list_teams(session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.ADMIN)
    return {
        "teams": [{"id": t.id, "name": t.name} for t in session.execute(select(Team).order_by(Team.name)).scalars()]
    }


@router.post("/api/teams", status_code=201)
def add_team(body: TeamIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.ADMIN)
    team = service.create_team(session, actor, body.name)
    return {"team": {"id": team.id, "name": team.name}}


@router.get("/api/cases/{case_id}/assignments", tags=["cases"])
def list_assignments(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    case = load_case(session, actor.user, case_id, Perm.ASSIGN)
    rows = session.execute(
        select(User)
        .join(CaseAssignment, CaseAssignment.user_id == User.id)
        .where(CaseAssignment.case_id == case.id)
        .order_by(User.username)
    ).scalars()
    return {"assigned": [user_out(u) for u in rows]}


@router.post("/api/cases/{case_id}/assignments", status_code=201, tags=["cases"])
def assign(case_id: str, body: AssignmentIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    service.assign(session, actor, case_id, body.username)
    return {"assigned": body.username, "case_id": case_id}


@router.delete("/api/cases/{case_id}/assignments/{username}", tags=["cases"])
def unassign(case_id: str, username: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    service.unassign(session, actor, case_id, username)
    return {"unassigned": username, "case_id": case_id}
