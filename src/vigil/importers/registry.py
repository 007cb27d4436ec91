"""The importer registry: one entry per export format, found by name or by sniffing the file.

Formats register themselves (`register(name, detect_fn, parse_fn)`), so the
CLI, the web upload and the tests all reach every format the same way and a
new format is one module plus one call.

A detect function scores a `Probe` (0 = not this format, 100 = certain); the
highest score wins. A parse function is called as
`parse_fn(source, report, zone, **options)` and returns an iterator of
messages; it validates its options before returning, so a bad option fails at
once rather than on the first `next()`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from vigil.errors import UsageError

from .errors import ImportFormatError, ImportLimitError
from .model import Message, ParseReport
from .safezip import ZipLimits, open_safe_zip
from .sources import Opened, Source, as_source
from .zones import resolve_zone, zone_name


@dataclass(frozen=True)
class Probe:
    """What a detector may look at: the file name, its first bytes, and a zip's member names."""

    name: str
    head: bytes
    zip_names: tuple[str, ...] | None = None


DetectFn = Callable[[Probe], int]
ParseFn = Callable[..., Iterator[Message]]


@dataclass(frozen=True)
class Format:
    name: str
    detect: DetectFn
    parse: ParseFn
    description: str = ""


_FORMATS: dict[str, Format] = {}


def register(name: str, detect_fn: DetectFn, parse_fn: ParseFn, *, description: str = "") -> None:
    """Add (or replace) a format; replacing lets a test or a plug-in override a built-in."""
    _FORMATS[name] = Format(name, detect_fn, parse_fn, description)


def formats() -> dict[str, Format]:
    return dict(_FORMATS)


def probe(source: Source | Opened, name: str | None = None) -> Probe:
    opened = as_source(source, name)
    head = opened.head()
    zip_names = None
    if head.startswith(b"PK\x03\x04") or head.startswith(b"PK\x05\x06"):
        with opened.open() as stream:
            try:
                with open_safe_zip(stream, opened.name, ZipLimits()) as archive:
                    zip_names = tuple(archive.namelist())
            except ImportLimitError:
                raise
            except ImportFormatError:
                zip_names = None
    return Probe(opened.name, head, zip_names)


def detect(source: Source | Opened, name: str | None = None) -> str:
    """The registered format that claims this file most strongly; a clear error if none does."""
    found = probe(source, name)
    scores = sorted(((fmt.detect(found), fmt.name) for fmt in _FORMATS.values()), key=lambda s: -s[0])
    if not scores or scores[0][0] <= 0:
        hint = "name the format explicitly; known formats: " + ", ".join(sorted(_FORMATS))
        if found.head[:3] == b"\xff\xd8\xff" or found.head[:8] == b"\x89PNG\r\n\x1a\n":
            hint = "this looks like an image: add it as an evidence item (vigil.importers.images)"
        raise ImportFormatError(f"{found.name} is not a message export Vigil recognises", hint=hint, path=found.name)
    return scores[0][1]


def parse(
    name: str, source: Source | Opened, *, tz: str, source_name: str | None = None, **options: Any
) -> tuple[Iterator[Message], ParseReport]:
    """Start parsing `source` as format `name`; returns the message iterator and its live report.

    The report is complete (`report.complete`) only once the iterator is exhausted.
    """
    fmt = _FORMATS.get(name)
    if fmt is None:
        raise UsageError(f"unknown import format {name!r}", hint="known formats: " + ", ".join(sorted(_FORMATS)))
    zone = resolve_zone(tz)
    opened = as_source(source, source_name)
    report = ParseReport(format=name, source=opened.name, time_zone=zone_name(zone))
    _check_options(fmt, opened, report, zone, options)
    return _counted(fmt.parse(opened, report, zone, **options), report), report


def _check_options(fmt: Format, opened: Opened, report: ParseReport, zone: tzinfo, options: dict[str, Any]) -> None:
    try:
        inspect.signature(fmt.parse).bind(opened, report, zone, **options)
    except TypeError as exc:
        params = [
            p.name for p in inspect.signature(fmt.parse).parameters.values() if p.kind is inspect.Parameter.KEYWORD_ONLY
        ]
        raise UsageError(
            f"format {fmt.name!r} does not take those options ({exc})",
            hint="its options are: " + (", ".join(params) or "none"),
        ) from exc


def _counted(messages: Iterator[Message], report: ParseReport) -> Iterator[Message]:
    for message in messages:
        report.messages += 1
        yield message
    report.complete = True
