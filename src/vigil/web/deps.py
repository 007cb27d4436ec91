"""Request dependencies: the database session (the unit of work), the user, and CSRF checks.

The session dependency is the edge where commits happen: commit when the
route succeeds, roll back when it fails. A refused access to a case is then
written to the audit log on its own, so attempts are recorded even though
nothing else is kept.
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.errors import AuthenticationError, ForbiddenError, NotFoundError, VigilError
from vigil.timeutil import utcnow
from vigil.users.context import Actor
from vigil.users.models import User
from vigil.users.service import user_for_session, user_for_token

SESSION_COOKIE = "vigil_session"
CSRF_COOKIE = "vigil_csrf"
CSRF_HEADER = "x-csrf-token"
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


def get_session(request: Request) -> Iterator[Session]:
    session: Session = request.app.state.sessions()
    try:
        yield session
        session.commit()
    except Exception as exc:
        if getattr(exc, "keep_changes", False):
            session.commit()
        else:
            session.rollback()
            _record_refusal(session, request, exc)
        raise
    finally:
        session.close()


def _record_refusal(session: Session, request: Request, exc: Exception) -> None:
    actor: Actor | None = getattr(request.state, "actor", None)
    case_ref = request.path_params.get("case_id")
    if actor is None or not isinstance(exc, ForbiddenError | NotFoundError) or case_ref is None:
        return
    record(
        session,
        actor,
        "refused",
        "case",
        case_ref,
        case_ref,
        {"method": request.method, "path": request.url.path, "status": exc.status_code},
    )
    session.commit()


DbSession = Annotated[Session, Depends(get_session, scope="function")]


def client_ip(request: Request) -> str | None:
    return request.client.host if request.client else None


def current_user(
    request: Request,
    session: DbSession,
    authorization: Annotated[str | None, Header(include_in_schema=False)] = None,
) -> User:
    """The user behind a Bearer token, or a session cookie (then CSRF-checked on writes)."""
    now = utcnow()
    user = None
    if authorization:
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token:
            raise AuthenticationError("the Authorization header must be 'Bearer <token>'", path="Authorization")
        user = user_for_token(session, token.strip(), now)
        if user is None:
            raise AuthenticationError(
                "the API token is unknown, revoked or expired",
                hint="create a new one: POST /api/auth/token",
            )
    elif (cookie := request.cookies.get(SESSION_COOKIE)) is not None:
        user = user_for_session(session, cookie, now)
        if user is None:
            raise AuthenticationError("your session has expired", hint="log in again")
        if request.method in UNSAFE:
            check_csrf(request)
    else:
        raise AuthenticationError(
            "you are not logged in",
            hint="send 'Authorization: Bearer <token>' (POST /api/auth/token)",
        )
    request.state.actor = Actor(user, client_ip(request), now)
    return user


def check_csrf(request: Request) -> None:
    """Double-submit: the CSRF cookie must be echoed in a header (or, for forms, a field)."""
    cookie = request.cookies.get(CSRF_COOKIE)
    sent = request.headers.get(CSRF_HEADER) or getattr(request.state, "csrf_form_token", None)
    if not cookie or not sent or not hmac.compare_digest(cookie, sent):
        raise ForbiddenError(
            "missing or wrong CSRF token",
            hint=f"echo the {CSRF_COOKIE} cookie in the X-CSRF-Token header",
            path=CSRF_HEADER,
        )


async def read_form_csrf(request: Request) -> None:
    """For HTML form posts: lift the csrf_token field so `check_csrf` can compare it."""
    ctype = request.headers.get("content-type", "")
    if request.method in UNSAFE and ctype.startswith(("application/x-www-form-urlencoded", "multipart/")):
        form = await request.form()
        token = form.get("csrf_token")
        request.state.csrf_form_token = token if isinstance(token, str) else None


def current_actor(request: Request, user: Annotated[User, Depends(current_user)]) -> Actor:
    return request.state.actor


CurrentActor = Annotated[Actor, Depends(current_actor)]


def if_match(
    if_match: Annotated[
        str | None,
        Header(alias="If-Match", description="The version you last read (optimistic concurrency)."),
    ] = None,
) -> int | None:
    if if_match is None:
        return None
    text = if_match.strip().strip('"').removeprefix("W/").strip('"')
    if not text.isdigit():
        raise VigilError(f"If-Match must be a version number, got {if_match!r}", path="If-Match")
    return int(text)


Version = Annotated[int | None, Depends(if_match)]
