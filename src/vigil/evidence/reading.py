"""One pass over an export: messages with their side, counts, and what the preview shows.

Shared by the preview (which stores nothing) and the import (which stores
every message row as it goes), so the two cannot disagree about what a file
contains. Only the suspect's and the victim's messages are held in memory,
because grouping into incidents needs them sorted; every other message is
counted (preview) or written in batches (import) and let go.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, BinaryIO

from vigil.evidence.sides import Sides
from vigil.importers import Message, ParseReport, detect, inspect_image, parse
from vigil.importers.model import MESSAGE_FORMAT
from vigil.importers.sources import Opened

#: Called with how far into the file the current pass has read (a new pass starts again at 0).
BytesSeen = Callable[[int], None]

IMAGE = "image"
IMAGE_MAGIC = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")


def parser_version(fmt: str) -> str:
    """Which code read the file: Vigil's version, the format and the canonical message format."""
    try:
        release = version("vigil")
    except PackageNotFoundError:  # running from a source tree without installing
        release = "unknown"
    return f"vigil {release} {fmt} {MESSAGE_FORMAT}"


@dataclass(frozen=True)
class WatchedSource(Opened):
    """A source whose reads are reported, so the command line can show a progress bar."""

    on_read: BytesSeen | None = None

    def open(self) -> BinaryIO:
        stream = super().open()
        return stream if self.on_read is None else _Counting(stream, self.on_read)  # type: ignore[return-value]


class _Counting:
    """Passes every call through to the stream; reports how far this pass has read."""

    def __init__(self, stream: BinaryIO, on_read: BytesSeen) -> None:
        self._stream = stream
        self._report = on_read
        self._position = 0

    def _on_read(self, count: int) -> None:
        self._position += count
        self._report(self._position)

    def read(self, size: int = -1) -> bytes:
        data = self._stream.read(size)
        self._on_read(len(data))
        return data

    def read1(self, size: int = -1) -> bytes:
        data = self._stream.read1(size)  # type: ignore[attr-defined]
        self._on_read(len(data))
        return data

    def readinto(self, buffer: Any) -> int:
        count = self._stream.readinto(buffer)  # type: ignore[attr-defined]
        self._on_read(count or 0)
        return count

    def readline(self, size: int = -1) -> bytes:
        data = self._stream.readline(size)
        self._on_read(len(data))
        return data

    def __iter__(self) -> Iterator[bytes]:
        return iter(self.readline, b"")

    def __enter__(self) -> _Counting:
        return self

    def __exit__(self, *exc: object) -> None:
        self._stream.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def source_for(path: Path, name: str, on_read: BytesSeen | None = None) -> WatchedSource:
    return WatchedSource(name=name, path=path, on_read=on_read)


def choose_format(fmt: str | None, source: Opened) -> str:
    """The format asked for, or the one the file claims most strongly (a photo or screenshot: image)."""
    if fmt and fmt != "auto":
        return fmt
    head = source.head(16)
    if head.startswith(IMAGE_MAGIC) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP"):
        return IMAGE
    return detect(source)


def read_image(source: Opened, tz: str) -> Reading:
    """A screenshot or photo is an exhibit with no messages: its EXIF time and place are recorded."""
    found, report = inspect_image(source, tz=tz, name=source.name)
    report.details["image"] = {
        "format": found.format,
        "mime": found.mime,
        "width": found.width,
        "height": found.height,
        "taken_at": found.taken_at.isoformat() if found.taken_at else None,
        "taken_at_text": found.taken_at_text,
        "taken_at_source": found.taken_at_source,
        "camera": found.camera,
        "gps": None if found.gps is None else {k: getattr(found.gps, k) for k in found.gps.__dataclass_fields__},
    }
    report.complete = True
    reading = Reading(IMAGE, report)
    reading.first = reading.last = found.taken_at
    return reading


@dataclass
class Reading:
    """What one pass found: the messages grouping needs, counts per side, unnamed senders."""

    format: str
    report: ParseReport
    kept: list[Message] = field(default_factory=list)
    roles: Counter[str] = field(default_factory=Counter)
    unnamed: Counter[str] = field(default_factory=Counter)
    first: Any = None
    last: Any = None
    digest: Any = field(default_factory=hashlib.sha256)

    @property
    def messages_digest(self) -> str:
        """SHA-256 over the messages' canonical hashes in file order: one value for all of them."""
        return self.digest.hexdigest()

    def note(self, message: Message, role: str) -> None:
        self.roles[role] += 1
        self.digest.update(message.canonical_hash.encode() + b"\n")
        if role in ("suspect", "victim"):
            self.kept.append(message)
        elif role == "other":
            self.unnamed[message.sender_display or message.sender] += 1
        if self.first is None or message.sent_at < self.first:
            self.first = message.sent_at
        if self.last is None or message.sent_at > self.last:
            self.last = message.sent_at


def read_messages(
    source: Opened, fmt: str, tz: str, sides: Sides, found: Reading | None = None
) -> Iterator[tuple[Message, str]]:
    """Parse `source`; yield each message with its side while filling `found`."""
    messages, report = parse(fmt, source, tz=tz, source_name=source.name)
    reading = found if found is not None else Reading(fmt, report)
    reading.report = report
    for message in messages:
        role = sides.role(message)
        reading.note(message, role)
        yield message, role


def message_row(evidence_id: int, position: int, message: Message, role: str) -> dict[str, Any]:
    """The row for one message: every field its canonical hash covers, so verify can recompute it."""
    return {
        "evidence_id": evidence_id,
        "position": position,
        "canonical_hash": message.canonical_hash,
        "source_ref": message.source_ref,
        "sent_at": message.sent_at.astimezone(UTC).replace(tzinfo=None),
        "sent_at_text": message.sent_at_text,
        "sender": message.sender,
        "sender_display": message.sender_display,
        "recipients": list(message.recipients),
        "channel": message.channel.value,
        "text": message.text,
        "attachments": [a.as_dict() for a in message.attachments],
        "is_system": message.is_system,
        "meta": dict(message.meta),
        "role": role,
        "incident_ref": None,
    }
