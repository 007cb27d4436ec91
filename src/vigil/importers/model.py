"""The common shape every importer produces: messages, attachments and the parse report.

Importers differ wildly in their input, but the case, the evidence store and
the prosecutor's bundle only ever see these types. Each message carries a
pointer back to where it came from (`source_ref`) and a SHA-256 over a
canonical JSON of all its fields, so a court can be shown that a message in the
bundle is exactly what was read from the original file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import orjson

from vigil.contract.codes import Channel

MESSAGE_FORMAT = "vigil.message/1"
MAX_LISTED = 1000
"""Skipped lines and warnings itemised per report; beyond this only the count grows."""

MetaValue = str | int | float | bool | None


@dataclass(frozen=True, slots=True)
class Attachment:
    """A media item a message refers to; `present` says whether the export holds the file."""

    name: str | None = None
    mime: str | None = None
    placeholder: str | None = None
    size: int | None = None
    sha256: str | None = None
    present: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "mime": self.mime,
            "placeholder": self.placeholder,
            "size": self.size,
            "sha256": self.sha256,
            "present": self.present,
        }


@dataclass(frozen=True, slots=True)
class Message:
    """One message, call or system event read from an export.

    `sent_at` is always timezone-aware UTC; `sent_at_text` keeps the timestamp
    exactly as the export wrote it, because the original wording is evidence.
    `canonical_hash` is computed here, never passed in, so it cannot disagree
    with the fields.
    """

    source_ref: str
    sent_at: datetime
    sent_at_text: str
    sender: str
    channel: Channel
    text: str
    sender_display: str | None = None
    recipients: tuple[str, ...] = ()
    attachments: tuple[Attachment, ...] = ()
    is_system: bool = False
    meta: Mapping[str, MetaValue] = field(default_factory=dict)
    canonical_hash: str = field(init=False, default="")

    def __post_init__(self) -> None:
        zone = self.sent_at.tzinfo
        if zone is None:
            raise ValueError(f"{self.source_ref}: sent_at must be timezone-aware")
        if zone is not UTC:
            object.__setattr__(self, "sent_at", self.sent_at.astimezone(UTC))
        object.__setattr__(self, "canonical_hash", hashlib.sha256(self.canonical_json()).hexdigest())

    def canonical_json(self) -> bytes:
        """The exact bytes the hash covers: sorted keys, no whitespace, UTF-8, times in UTC."""
        return orjson.dumps(self._canonical_dict(), option=orjson.OPT_SORT_KEYS)

    def _canonical_dict(self) -> dict[str, Any]:
        return {
            "format": MESSAGE_FORMAT,
            "source_ref": self.source_ref,
            "sent_at": iso_utc(self.sent_at),
            "sent_at_text": self.sent_at_text,
            "sender": self.sender,
            "sender_display": self.sender_display,
            "recipients": list(self.recipients),
            "channel": self.channel.value,
            "text": self.text,
            "attachments": [a.as_dict() for a in self.attachments],
            "is_system": self.is_system,
            "meta": dict(self.meta),
        }

    def as_dict(self) -> dict[str, Any]:
        """The canonical fields plus the hash: what a store or an API returns."""
        data = self._canonical_dict()
        data["canonical_hash"] = self.canonical_hash
        return data


def iso_utc(moment: datetime) -> str:
    """ISO 8601 in UTC with a trailing Z: one spelling per instant, so hashes are stable."""
    if moment.tzinfo is not UTC:
        moment = moment.astimezone(UTC)
    return moment.isoformat()[:-6] + "Z"


@dataclass(frozen=True, slots=True)
class SkippedLine:
    """Input the importer could not turn into a message, with where and why."""

    line: int | None
    reason: str
    excerpt: str
    ref: str


@dataclass(slots=True)
class ZoneConflict:
    """Times whose stated UTC offset differs from the zone the import was told to use.

    Aggregated per (stated, expected) pair so a file of 100,000 messages from a
    phone set to another zone gives one entry with a count, not 100,000.
    """

    stated_offset: str
    zone_offset: str
    count: int
    first_ref: str
    example: str


@dataclass(slots=True)
class ParseReport:
    """What happened during one parse: nothing may be dropped without a line here.

    The report is filled while the message iterator is consumed; `complete`
    turns true only when the iterator has been read to the end.
    """

    format: str
    source: str
    time_zone: str
    messages: int = 0
    skipped: list[SkippedLine] = field(default_factory=list)
    skipped_total: int = 0
    zone_conflicts: list[ZoneConflict] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    warnings_total: int = 0
    details: dict[str, Any] = field(default_factory=dict)
    complete: bool = False

    def skip(self, line: int | None, reason: str, text: str = "", ref: str = "") -> None:
        self.skipped_total += 1
        if len(self.skipped) < MAX_LISTED:
            excerpt = text if len(text) <= 200 else text[:200] + "…"
            self.skipped.append(SkippedLine(line, reason, excerpt, ref or self._ref(line)))

    def warn(self, text: str) -> None:
        self.warnings_total += 1
        if len(self.warnings) < MAX_LISTED:
            self.warnings.append(text)

    def zone_conflict(self, stated: timedelta, expected: timedelta, ref: str, example: str) -> None:
        stated_text, expected_text = offset_text(stated), offset_text(expected)
        for conflict in self.zone_conflicts:
            if (conflict.stated_offset, conflict.zone_offset) == (stated_text, expected_text):
                conflict.count += 1
                return
        self.zone_conflicts.append(ZoneConflict(stated_text, expected_text, 1, ref, example))

    def count(self, key: str, by: int = 1) -> None:
        """Tally a per-format detail (repaired strings, replaced characters, ...)."""
        self.details[key] = self.details.get(key, 0) + by

    def _ref(self, line: int | None) -> str:
        return f"{self.source}:L{line}" if line is not None else self.source

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        unlisted_skips = self.skipped_total - len(self.skipped)
        unlisted_warnings = self.warnings_total - len(self.warnings)
        data["unlisted"] = {"skipped": unlisted_skips, "warnings": unlisted_warnings}
        return data


def offset_text(offset: timedelta) -> str:
    """+01:00 style, the way ISO 8601 and most exports write offsets."""
    minutes = int(offset.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    hours, mins = divmod(abs(minutes), 60)
    return f"{sign}{hours:02d}:{mins:02d}"


def clean_text(value: str, report: ParseReport, where: str) -> str:
    """Replace lone surrogates (from undecodable bytes or broken JSON escapes) with U+FFFD.

    They cannot be stored or hashed as UTF-8; replacing them is the only option,
    so it is counted and reported rather than done quietly.
    """
    fixed = repair_surrogates(value)
    if fixed is not value:
        report.count("characters_replaced")
        report.warn(f"{where}: undecodable characters replaced with U+FFFD")
    return fixed


def repair_surrogates(value: str) -> str:
    """The same string if it is valid Unicode text, else a copy with lone surrogates as U+FFFD."""
    if value.isascii():
        return value
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return value
