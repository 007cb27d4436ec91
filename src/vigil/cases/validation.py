"""Validate pieces of a `vigil.case/1` document with the contract models, with a located error."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from vigil.contract import validation_path
from vigil.errors import VigilError


class InvalidInput(VigilError):
    """The request or document does not match the format: says which field and why."""

    status_code = 422


def check(model: type[BaseModel], doc: Any, where: str = "") -> BaseModel:
    """Validate `doc` as `model`; InvalidInput names the first bad field (prefixed by `where`)."""
    if not isinstance(doc, dict):
        raise InvalidInput(f"expected a JSON object, got {type(doc).__name__}", path=where or "$")
    try:
        return model.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        inner = validation_path(tuple(first["loc"]))
        path = f"{where}.{inner}" if where and inner != "$" else (where or inner)
        if first["type"] == "missing":
            message = f"required field {path!r} is missing"
        else:
            message = f"{path}: {first['msg']}"
            if first["type"] in {"enum", "literal_error"}:
                message += f" (got {first.get('input')!r})"
        more = len(exc.errors()) - 1
        if more:
            message += f" (and {more} more problem{'s' if more > 1 else ''})"
        raise InvalidInput(message, hint="see the vigil.case/1 format: `vigil schema case`", path=path) from None
