"""The ONE error mapper: every failure becomes `{"error": {"message", "hint", "path"}}` on the
API, and the same message as a page (or, for htmx, a fragment) on the caseworkers' pages.

Validation errors, unknown ids, conflicts, forbidden access, oversize bodies
and lost updates all come out with the right status code; no user mistake ever
produces a traceback. A page asked for without signing in redirects to sign in.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigil.contract import validation_path
from vigil.errors import VigilError

log = logging.getLogger("vigil.web")


API_PREFIXES = ("/api", "/docs", "/openapi.json", "/redoc")


def wants_html(request: Request | None) -> bool:
    """Pages get HTML; the API (and anything asking only for JSON) keeps the JSON shape."""
    if request is None or request.url.path.startswith(API_PREFIXES):
        return False
    accept = request.headers.get("accept", "")
    return "text/html" in accept or "*/*" in accept or not accept or bool(request.headers.get("hx-request"))


def html_error(
    request: Request, status: int, message: str, hint: str | None, headers: dict[str, str] | None
) -> Response:
    if status == 401:
        from urllib.parse import quote

        target = "/login?next=" + quote(request.url.path + (f"?{request.url.query}" if request.url.query else ""))
        if request.headers.get("hx-request"):
            return Response(status_code=200, headers={"HX-Redirect": target})
        return RedirectResponse(target, status_code=303)
    from vigil.web.render import page

    inline = request.headers.get("hx-request") == "true" and request.headers.get("hx-boosted") != "true"
    return page(
        request,
        "_error.html" if inline else "error.html",
        {"status": status, "message": message[:1].upper() + message[1:], "hint": hint},
        status_code=status,
        headers=headers,
    )


def error_response(
    status: int,
    message: str,
    hint: str | None = None,
    path: str | None = None,
    headers: dict[str, str] | None = None,
    request: Request | None = None,
) -> Response:
    if wants_html(request):
        assert request is not None
        return html_error(request, status, message, hint, headers)
    return JSONResponse(
        {"error": {"message": message, "hint": hint, "path": path}},
        status_code=status,
        headers=headers,
    )


def _request_validation(request: Request, exc: RequestValidationError) -> Response:
    first = exc.errors()[0]
    loc = tuple(first.get("loc", ()))
    where = loc[0] if loc else "body"
    path = validation_path(loc[1:]) if len(loc) > 1 else where
    if first.get("type") == "json_invalid":
        ctx = first.get("ctx") or {}
        return error_response(
            400,
            f"the request body is not valid JSON ({ctx.get('error', 'parse error')})",
            "send a JSON object with Content-Type: application/json",
            "$",
            request=request,
        )
    if first.get("type") == "missing":
        message = f"required {where} field {path!r} is missing"
    else:
        message = f"{path}: {first.get('msg')}"
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return error_response(422, message, "see the OpenAPI schema at /docs", str(path), request=request)


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VigilError)
    def _vigil(request: Request, exc: VigilError) -> Response:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return error_response(exc.status_code, exc.message, exc.hint, exc.path, headers, request)

    app.exception_handler(RequestValidationError)(_request_validation)

    @app.exception_handler(StaleDataError)
    def _stale(request: Request, exc: StaleDataError) -> Response:
        return error_response(
            409,
            "someone else changed this record at the same time; nothing was saved",
            "reload it and apply your change again",
            request=request,
        )

    @app.exception_handler(IntegrityError)
    def _integrity(request: Request, exc: IntegrityError) -> Response:
        log.info("integrity error: %s", exc.orig)
        return error_response(
            409,
            "the change conflicts with a record saved at the same time; nothing was saved",
            "reload and try again",
            request=request,
        )

    @app.exception_handler(StarletteHTTPException)
    def _http(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            pages = {404: "there is no such page", 405: "this page cannot be used that way"}
            return error_response(
                exc.status_code,
                pages.get(exc.status_code, str(exc.detail)),
                "go back to My cases",
                request=request,
            )
        messages = {404: "no such endpoint", 405: "this method is not allowed here"}
        return error_response(
            exc.status_code,
            messages.get(exc.status_code, str(exc.detail)),
            "see /docs for the API",
            None,
        )

    @app.exception_handler(Exception)
    def _unexpected(request: Request, exc: Exception) -> Response:
        log.error("unexpected error", exc_info=exc)
        return error_response(
            500,
            "Vigil hit an internal error; nothing was saved",
            "the error is logged on the server; please report it",
            request=request,
        )
