"""Shared reading for the JSON-based exports (Telegram, Facebook/Instagram, X).

These formats are single JSON documents, so they are read whole, under a size
limit that is checked before anything is loaded. Every field is fetched through
the typed getters here: an export with a number where text belongs, or a list
where an object belongs, yields a skipped record with its JSON pointer, never a
crash.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson

from .errors import ImportFormatError
from .model import ParseReport, clean_text
from .sources import Opened

MAX_JSON_BYTES = 512 * 1024**2


def load_json(source: Opened, limit: int, what: str, prefix_end: int = 0) -> Any:
    """Parse the document (after `prefix_end` bytes, for `window.YTD… =` style wrappers)."""
    data = source.read_all(limit, what)[prefix_end:]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError as exc:
        raise ImportFormatError(
            f"{source.name} is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})",
            hint=f"expected the {what} file exactly as exported",
            path=source.name,
        ) from exc


def text(obj: Any, key: str, report: ParseReport, ref: str) -> str | None:
    value = obj.get(key) if isinstance(obj, dict) else None
    return clean_text(value, report, ref) if isinstance(value, str) else None


def integer(obj: Any, key: str) -> int | None:
    """An int or a string of digits (Telegram writes unix times as strings)."""
    value = obj.get(key) if isinstance(obj, dict) else None
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
        return int(value)
    return None


def listing(obj: Any, key: str) -> list[Any]:
    value = obj.get(key) if isinstance(obj, dict) else None
    return value if isinstance(value, list) else []


def from_unix(seconds: float) -> datetime | None:
    """UTC instant from unix seconds; None when out of the range a datetime can hold."""
    try:
        return datetime.fromtimestamp(seconds, tz=UTC)
    except (OverflowError, OSError, ValueError):
        return None


def require_list(value: Any, source: Opened, what: str, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ImportFormatError(
            f"{source.name} is not a {what} export: {where} is missing or not a list",
            hint=f"give the {what} file exactly as exported",
            path=source.name,
        )
    return value
