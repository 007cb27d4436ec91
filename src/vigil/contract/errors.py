"""Turn validation failures into the contract's error line: what, and where."""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError

from .assessment import AssessmentError, ErrorDetail


def validation_path(loc: tuple[Any, ...]) -> str:
    """Render a Pydantic location as a JSON path a person can follow: incidents[2].occurred_at."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "$"


def case_error_line(exc: ValidationError, raw: object) -> AssessmentError:
    """Build `{"format", "case_id", "error": {"message", "path"}}` from the first error."""
    first = exc.errors()[0]
    path = validation_path(tuple(first["loc"]))
    message = first["msg"]
    if first["type"] == "missing":
        message = f"required field {path!r} is missing"
    elif first["type"] in {"enum", "literal_error"}:
        message = f"{path}: {first['msg']} (got {first.get('input')!r})"
    else:
        message = f"{path}: {message}"
    more = len(exc.errors()) - 1
    if more:
        message += f" (and {more} more problem{'s' if more > 1 else ''})"
    case_id = raw.get("case_id") if isinstance(raw, dict) else None
    return AssessmentError(
        case_id=case_id if isinstance(case_id, str) else None,
        error=ErrorDetail(message=message, path=path),
    )
