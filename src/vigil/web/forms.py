"""What the HTML forms share: reading the posted fields, the signed-in actor, and turning a
service's refusal into a message next to the field it is about.

Writes run inside a SAVEPOINT, so a refused change leaves nothing behind while the
request itself (its audit entries, a recorded login failure) still commits.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Annotated, Any, TypeVar

from fastapi import Depends, Request
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from vigil.errors import AuthenticationError, ForbiddenError, NotFoundError, VigilError
from vigil.users.context import Actor
from vigil.users.models import User
from vigil.web.deps import current_user, read_form_csrf

T = TypeVar("T")


def page_actor(
    request: Request,
    _csrf: Annotated[None, Depends(read_form_csrf)],
    _user: Annotated[User, Depends(current_user)],
) -> Actor:
    """The signed-in user; on a form post the CSRF field is checked first (double submit)."""
    return request.state.actor


PageActor = Annotated[Actor, Depends(page_actor)]


async def form_data(request: Request) -> FormData:
    return await request.form()


Form = Annotated[FormData, Depends(form_data)]


def text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value.strip() if isinstance(value, str) else ""


def optional(form: FormData, name: str) -> str | None:
    return text(form, name) or None


class FieldErrors(dict[str, str]):
    """Field name -> message; `general` for what belongs to no single field."""

    def add(self, name: str, message: str) -> None:
        self.setdefault(name, message)


_INDEX = re.compile(r"\[\d+\]")


Known = set[str] | dict[str, str]


def field_of(path: str | None, known: Known) -> str:
    """The form field a service error's path points at ('incidents[0].occurred_at' -> 'occurred_at').

    `known` is the form's field names, or a map from the document's key to the field's name.
    """
    if not path:
        return "general"
    last = _INDEX.sub("", path).split(".")[-1]
    if isinstance(known, dict):
        return known.get(last, "general")
    return last if last in known else "general"


def attempt(session: Session, errors: FieldErrors, known: Known, fn: Callable[..., T], *args: Any) -> T | None:
    """Run a service call in a savepoint; a user mistake becomes a field error, not a page error.

    Refusals of access (not found, forbidden, not signed in) still propagate, so they are
    answered and audited exactly as on the API.
    """
    try:
        with session.begin_nested():
            return fn(*args)
    except (ForbiddenError, AuthenticationError):
        raise
    except VigilError as exc:
        if isinstance(exc, NotFoundError) and exc.path in (None, "case_id"):
            raise
        message = exc.message + (f". {exc.hint}" if exc.hint and "schema" not in exc.hint else "")
        errors.add(field_of(exc.path, known), message)
        return None
