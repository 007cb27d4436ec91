"""The ONE error mapper: every failure becomes `{"error": {"message", "hint", "path"}}`.

Validation errors, unknown ids, conflicts, forbidden access, oversize bodies
and lost updates all come out in this shape with the right status code; no
user mistake ever produces a traceback.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

from vigil.contract import validation_path
from vigil.errors import VigilError

log = logging.getLogger("vigil.web")


def error_response(
    status: int,
    message: str,
    hint: str | None = None,
    path: str | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        {"error": {"message": message, "hint": hint, "path": path}},
        status_code=status,
        headers=headers,
    )


def _request_validation(_: Request, exc: RequestValidationError) -> JSONResponse:
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
        )
    if first.get("type") == "missing":
        message = f"required {where} field {path!r} is missing"
    else:
        message = f"{path}: {first.get('msg')}"
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    return error_response(422, message, "see the OpenAPI schema at /docs", str(path))


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(VigilError)
    def _vigil(_: Request, exc: VigilError) -> JSONResponse:
        headers = {"WWW-Authenticate": "Bearer"} if exc.status_code == 401 else None
        return error_response(exc.status_code, exc.message, exc.hint, exc.path, headers)

    app.exception_handler(RequestValidationError)(_request_validation)

    @app.exception_handler(StaleDataError)
    def _stale(_: Request, exc: StaleDataError) -> JSONResponse:
        return error_response(
            409,
            "someone else changed this record at the same time; nothing was saved",
            "reload it and apply your change again",
        )

    @app.exception_handler(IntegrityError)
    def _integrity(_: Request, exc: IntegrityError) -> JSONResponse:
        log.info("integrity error: %s", exc.orig)
        return error_response(
            409,
            "the change conflicts with a record saved at the same time; nothing was saved",
            "reload and try again",
        )

    @app.exception_handler(StarletteHTTPException)
    def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        messages = {404: "no such endpoint", 405: "this method is not allowed here"}
        return error_response(
            exc.status_code,
            messages.get(exc.status_code, str(exc.detail)),
            "see /docs for the API",
            None,
        )

    @app.exception_handler(Exception)
    def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.error("unexpected error", exc_info=exc)
        return error_response(
            500,
            "Vigil hit an internal error; nothing was saved",
            "the error is logged on the server; please report it",
        )
