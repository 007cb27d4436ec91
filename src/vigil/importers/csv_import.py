"""A generic CSV of messages, for any source without its own importer.

The officer maps the file's own column names onto Vigil's fields
(`columns={"timestamp": "Date sent", "sender": "From", ...}`); timestamps are
ISO 8601 (with or without an offset), unix seconds or milliseconds, or any
`strptime` pattern given as `timestamp_format`. A row that cannot be read is
listed with its line number and the reason; the rest of the file still imports.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta, tzinfo

from vigil.contract.codes import Channel
from vigil.errors import UsageError

from .errors import ImportFormatError
from .model import Message, ParseReport, clean_text
from .registry import Probe, register
from .sources import Opened
from .zones import Localiser

FIELDS = ("timestamp", "sender", "recipient", "channel", "text", "sender_display")
REQUIRED = ("timestamp", "sender", "text")
ALIASES = {
    "sms": Channel.TEXT_MESSAGE,
    "mms": Channel.TEXT_MESSAGE,
    "text": Channel.TEXT_MESSAGE,
    "call": Channel.PHONE_CALL,
    "phone": Channel.PHONE_CALL,
    "e-mail": Channel.EMAIL,
    "whatsapp": Channel.MESSAGING_APP,
    "telegram": Channel.MESSAGING_APP,
    "signal": Channel.MESSAGING_APP,
    "messenger": Channel.MESSAGING_APP,
    "facebook": Channel.SOCIAL_MEDIA,
    "instagram": Channel.SOCIAL_MEDIA,
    "twitter": Channel.SOCIAL_MEDIA,
    "x": Channel.SOCIAL_MEDIA,
    "tiktok": Channel.SOCIAL_MEDIA,
    "snapchat": Channel.SOCIAL_MEDIA,
}


def detect_csv(probe: Probe) -> int:
    first = probe.head.split(b"\n", 1)[0].lower()
    if probe.name.lower().endswith(".csv"):
        return 50
    return 30 if b"," in first and b"timestamp" in first and b"sender" in first else 0


def parse_csv(
    source: Opened,
    report: ParseReport,
    zone: tzinfo,
    *,
    columns: Mapping[str, str] | None = None,
    delimiter: str = ",",
    timestamp_format: str | None = None,
    default_channel: str = Channel.OTHER.value,
) -> Iterator[Message]:
    """Messages from a CSV file; `columns` maps Vigil's field names to the file's headers."""
    mapping = {name: name for name in FIELDS if name != "sender_display"}
    unknown = set(columns or {}) - set(FIELDS)
    if unknown:
        raise UsageError(
            f"unknown CSV field(s) in columns: {', '.join(sorted(unknown))}",
            hint="map any of: " + ", ".join(FIELDS),
        )
    mapping.update(columns or {})
    if len(delimiter) != 1:
        raise UsageError("the CSV delimiter must be one character", hint="e.g. ',' or ';' or '\\t'")
    try:
        fallback = Channel(default_channel)
    except ValueError as exc:
        raise UsageError(
            f"{default_channel!r} is not a channel",
            hint="one of: " + ", ".join(c.value for c in Channel),
        ) from exc
    rows = _Rows(mapping, timestamp_format, fallback, report, Localiser(zone, report))
    return rows.read(source, delimiter)


class _Rows:
    def __init__(
        self,
        mapping: dict[str, str],
        timestamp_format: str | None,
        fallback: Channel,
        report: ParseReport,
        zone: Localiser,
    ) -> None:
        self.mapping = mapping
        self.timestamp_format = timestamp_format
        self.fallback = fallback
        self.report = report
        self.zone = zone

    def read(self, source: Opened, delimiter: str) -> Iterator[Message]:
        with source.open() as raw:
            stream = io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")
            reader = csv.reader(stream, delimiter=delimiter)
            try:
                header = next(reader, None)
                if header is None:
                    raise ImportFormatError(f"{source.name} is empty", path=source.name)
                index = self._columns(header, source.name)
                last = reader.line_num
                for row in reader:
                    first, last = last + 1, reader.line_num
                    message = self._row(row, index, source.name, first, last)
                    if message is not None:
                        yield message
            except csv.Error as exc:
                raise ImportFormatError(
                    f"{source.name}: unreadable CSV at line {reader.line_num} ({exc})",
                    hint="check the delimiter and quoting, or that this is a CSV file",
                    path=source.name,
                ) from exc

    def _columns(self, header: list[str], label: str) -> dict[str, int]:
        names = [clean_text(h, self.report, label).strip() for h in header]
        index = {}
        for field, column in self.mapping.items():
            if column in names:
                index[field] = names.index(column)
            elif field in REQUIRED:
                raise ImportFormatError(
                    f"{label} has no column {column!r} for {field} (columns: {', '.join(names)[:300]})",
                    hint="pass columns={'" + field + "': '<the file's column name>'}",
                    path=label,
                )
        return index

    def _row(self, row: list[str], index: dict[str, int], label: str, first: int, last: int) -> Message | None:
        ref = f"{label}:L{first}" + (f"-L{last}" if last != first else "")
        if not any(cell.strip() for cell in row):
            return None if not row else self._skip(first, "empty row", row, ref)

        def cell(field: str) -> str:
            position = index.get(field)
            if position is None or position >= len(row):
                return ""
            return clean_text(row[position], self.report, ref)

        stamp = cell("timestamp").strip()
        try:
            sent_at = self._when(stamp, ref)
        except (ValueError, OverflowError, OSError) as exc:
            return self._skip(first, f"unreadable timestamp {stamp!r} ({exc})", row, ref)
        channel = self._channel(cell("channel"))
        if channel is None:
            return self._skip(first, f"unknown channel {cell('channel')!r}", row, ref)
        sender = cell("sender").strip()
        if not sender:
            return self._skip(first, "no sender", row, ref)
        recipients = tuple(r.strip() for r in cell("recipient").split(";") if r.strip())
        return Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=sender,
            sender_display=cell("sender_display").strip() or None,
            recipients=recipients,
            channel=channel,
            text=cell("text"),
        )

    def _skip(self, line: int, reason: str, row: list[str], ref: str) -> None:
        self.report.skip(line, reason, ",".join(row), ref)
        return None

    def _when(self, stamp: str, ref: str) -> datetime:
        if not stamp:
            raise ValueError("empty")
        if self.timestamp_format:
            moment = datetime.strptime(stamp, self.timestamp_format)
        elif stamp.isdigit() and len(stamp) in (10, 13):
            return datetime.fromtimestamp(int(stamp) / (1000 if len(stamp) == 13 else 1), tz=UTC)
        else:
            moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is None:
            return self.zone.to_utc(moment, ref)
        instant = moment.astimezone(UTC)
        self.zone.check_stated(moment.utcoffset() or timedelta(0), instant, ref, stamp)
        return instant

    def _channel(self, value: str) -> Channel | None:
        word = value.strip().lower()
        if not word:
            return self.fallback
        try:
            return Channel(word)
        except ValueError:
            return ALIASES.get(word)


register(
    "csv",
    detect_csv,
    parse_csv,
    description="Generic CSV (timestamp, sender, recipient, channel, text)",
)
