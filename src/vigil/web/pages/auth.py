"""Sign in and sign out: the same session and CSRF cookies as `POST /api/auth/login`.

The sign-in form carries its own CSRF token (a cookie set when the form is shown), so a
third-party page cannot sign a browser in to an account of its choosing.
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from vigil.errors import VigilError
from vigil.timeutil import utcnow
from vigil.users import service
from vigil.web.deps import CSRF_COOKIE, SESSION_COOKIE, DbSession, client_ip
from vigil.web.forms import Form, text
from vigil.web.render import page

router = APIRouter()


def safe_next(target: str | None) -> str:
    """Only a path on this site (never '//host' or a full URL): no open redirect."""
    if target and target.startswith("/") and not target.startswith("//") and "\\" not in target:
        return target
    return "/"


def _login_page(
    request: Request, token: str, next_url: str, error: str | None = None, username: str = "", status: int = 200
) -> Response:
    response = page(
        request,
        "login.html",
        {"login_csrf": token, "next": next_url, "error": error, "username": username},
        status_code=status,
    )
    settings = request.app.state.settings
    response.set_cookie(CSRF_COOKIE, token, httponly=False, samesite="lax", secure=settings.cookie_secure, path="/")
    return response


@router.get("/login")
def login_form(request: Request, next: str = "/") -> Response:
    token = request.cookies.get(CSRF_COOKIE) or secrets.token_urlsafe(32)
    return _login_page(request, token, safe_next(next))


@router.post("/login")
def login(request: Request, session: DbSession, form: Form) -> Response:
    settings = request.app.state.settings
    username, password = text(form, "username"), form.get("password")
    next_url = safe_next(text(form, "next"))
    cookie = request.cookies.get(CSRF_COOKIE, "")
    sent = text(form, "csrf_token")
    fresh = secrets.token_urlsafe(32)
    if not cookie or not hmac.compare_digest(cookie, sent):
        return _login_page(
            request, fresh, next_url, "The sign-in form had expired. Please sign in again.", username, 400
        )
    if not username or not isinstance(password, str) or not password:
        return _login_page(request, cookie, next_url, "Enter your username and password.", username, 422)
    try:
        user = service.authenticate(
            session,
            username,
            password,
            client_ip(request),
            utcnow(),
            settings.login_max_failures,
            settings.login_window_seconds,
        )
    except VigilError as exc:  # wrong password or too many tries: the attempt is kept
        return _login_page(
            request, cookie, next_url, exc.message[:1].upper() + exc.message[1:] + ".", username, exc.status_code
        )
    token = service.start_session(session, user, client_ip(request), utcnow(), settings.session_hours)
    response = RedirectResponse(next_url, status_code=303)
    max_age = settings.session_hours * 3600
    response.set_cookie(
        SESSION_COOKIE, token, max_age=max_age, httponly=True, samesite="lax", secure=settings.cookie_secure, path="/"
    )
    response.set_cookie(
        CSRF_COOKIE, fresh, max_age=max_age, httponly=False, samesite="lax", secure=settings.cookie_secure, path="/"
    )
    return response


@router.post("/logout")
def logout(request: Request, session: DbSession, form: Form) -> Response:
    cookie = request.cookies.get(SESSION_COOKIE)
    csrf = request.cookies.get(CSRF_COOKIE, "")
    if cookie and csrf and hmac.compare_digest(csrf, text(form, "csrf_token")):
        service.end_session(session, cookie)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")
    return response
