"""Jinja2 set-up for the caseworker pages: one environment, the filters the templates share.

Templates live in `web/templates/`; everything they need to show risk, dates
and the contract's codes in words is registered here, so templates stay free
of logic and the PDF uses exactly the same wording as the screen.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader, select_autoescape

from vigil.web.deps import CSRF_COOKIE
from vigil.web.words import (
    alert_label,
    category_label,
    code_words,
    offence_short,
    risk_label,
    risk_symbol,
)


def static_files() -> StaticFiles:
    """Vendored assets (htmx, the style sheet): served by Vigil itself, never from a CDN."""
    return StaticFiles(directory=str(resources.files("vigil.web") / "static"))


def template_dir() -> str:
    return str(resources.files("vigil.web") / "templates")


def fmt_when(value: Any, with_time: bool = True) -> str:
    """Dates as an officer writes them: 'Fri 1 Mar 2024, 21:14' (no ISO 'T')."""
    if value is None or value == "":
        return "date not recorded"
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value) if len(value) > 10 else date.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime):
        text = f"{value:%a} {value.day} {value:%b %Y}"
        return f"{text}, {value:%H:%M}" if with_time and (value.hour or value.minute) else text
    if isinstance(value, date):
        return f"{value:%a} {value.day} {value:%b %Y}"
    return str(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(template_dir()),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        when=fmt_when,
        day=lambda v: fmt_when(v, with_time=False),
        risk_label=risk_label,
        risk_symbol=risk_symbol,
        category=category_label,
        words=code_words,
        offence_short=offence_short,
        alert=alert_label,
    )
    return env


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    return Jinja2Templates(env=environment())


def csrf_token(request: Request) -> str:
    return request.cookies.get(CSRF_COOKIE, "")


def page(
    request: Request,
    name: str,
    context: dict[str, Any] | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    """Render a template with what every page needs (the CSRF token and the signed-in user)."""
    ctx: dict[str, Any] = {
        "csrf": csrf_token(request),
        "user": getattr(getattr(request.state, "actor", None), "user", None),
    }
    ctx.update(context or {})
    return templates().TemplateResponse(request, name, ctx, status_code=status_code, headers=headers)
