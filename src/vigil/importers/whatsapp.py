"""WhatsApp chat exports: the `.txt` file, or the `.zip` holding `_chat.txt` and the media.

Two passes over the text: the first finds the header style, the participants
and every date that settles the day/month order (a first field above 12 means
day-first, a second above 12 means month-first), so one British date late in
the file decides for the whole file instead of the first line guessing. The
second pass streams messages. Lines that cannot belong to any message are
listed in the report with their numbers; nothing is dropped quietly.
"""

from __future__ import annotations

import contextlib
import mimetypes
import posixpath
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import BinaryIO

from vigil.contract.codes import Channel

from .errors import ImportFormatError, ImportLimitError
from .model import Attachment, Message, ParseReport
from .registry import Probe, register
from .safezip import ZIP_ERRORS, ZipLimits, hash_member, open_safe_zip
from .sources import Opened
from .whatsapp_lines import (
    HEADER,
    Header,
    attachment_names,
    event_meta,
    is_system_text,
    local_time,
    match_header,
    split_sender,
)
from .zones import Localiser

MAX_LINE_BYTES = 16 * 1024**2
MAX_PARTICIPANTS = 10_000


@dataclass
class _Chat:
    """The chat text (plain file or zip member) and any media files beside it."""

    label: str
    open: Callable[[], BinaryIO]
    media: dict[str, zipfile.ZipInfo] = field(default_factory=dict)
    archive: zipfile.ZipFile | None = None


@dataclass
class _Scan:
    bracketed: bool | None = None
    headers: int = 0
    day_first_at: int | None = None
    month_first_at: int | None = None
    participants: set[str] = field(default_factory=set)


def detect_whatsapp(probe: Probe) -> int:
    if probe.zip_names is not None:
        names = [posixpath.basename(n) for n in probe.zip_names]
        if "_chat.txt" in names:
            return 95
        return 60 if any(n.lower().startswith("whatsapp chat") for n in names) else 0
    try:
        text = probe.head.decode("utf-8", "ignore")
    except ValueError:
        return 0
    lines = text.splitlines()[:50]
    hits = sum(1 for line in lines if match_header(line) is not None)
    return 90 if hits >= 1 and hits * 4 >= min(len(lines), 8) else (40 if hits else 0)


def parse_whatsapp(
    source: Opened,
    report: ParseReport,
    zone: tzinfo,
    *,
    day_first: bool | None = None,
    default_day_first: bool = True,
    zip_limits: ZipLimits | None = None,
) -> Iterator[Message]:
    """Messages from a WhatsApp export.

    `day_first` forces the date order (lines that then cannot be dates are
    listed as skipped); otherwise it is inferred from the whole file, falling
    back to `default_day_first` (UK order) with a warning when no date settles it.
    """
    return _messages(source, report, zone, day_first, default_day_first, zip_limits or ZipLimits())


def _messages(
    source: Opened,
    report: ParseReport,
    zone: tzinfo,
    day_first: bool | None,
    default_day_first: bool,
    limits: ZipLimits,
) -> Iterator[Message]:
    with _open_chat(source, limits) as chat:
        scan = _scan(chat)
        order = _decide_order(scan, day_first, default_day_first, chat.label, report)
        report.details["header_style"] = "ios" if scan.bracketed else "android"
        report.details["chat_file"] = chat.label
        yield from _read(chat, scan, order, report, Localiser(zone, report))


@contextlib.contextmanager
def _open_chat(source: Opened, limits: ZipLimits) -> Iterator[_Chat]:
    if not source.head(4).startswith(b"PK\x03\x04"):
        yield _Chat(label=source.name, open=source.open)
        return
    with source.open() as stream, open_safe_zip(stream, source.name, limits) as archive:
        files = [i for i in archive.infolist() if not i.filename.endswith("/")]
        chat_info = _choose_chat_member(files, source.name)
        media = {posixpath.basename(i.filename): i for i in files if i is not chat_info}
        label = f"{source.name}!{chat_info.filename}"

        def open_member() -> BinaryIO:
            try:
                return archive.open(chat_info)  # type: ignore[return-value]
            except ZIP_ERRORS as exc:
                raise ImportFormatError(f"{label} cannot be read ({exc})", path=source.name) from exc

        yield _Chat(label=label, open=open_member, media=media, archive=archive)


def _choose_chat_member(files: list[zipfile.ZipInfo], label: str) -> zipfile.ZipInfo:
    texts = [i for i in files if i.filename.lower().endswith(".txt")]
    for pick in (
        [i for i in texts if posixpath.basename(i.filename) == "_chat.txt"],
        texts if len(texts) == 1 else [],
        [i for i in texts if "whatsapp" in i.filename.lower()],
    ):
        if len(pick) == 1:
            return pick[0]
    names = ", ".join(i.filename for i in texts[:10]) or "none"
    raise ImportFormatError(
        f"{label}: cannot tell which file is the chat (text files: {names})",
        hint="a WhatsApp export zip holds _chat.txt or one 'WhatsApp Chat with ….txt'",
        path=label,
    )


def _lines(chat: _Chat, report: ParseReport | None) -> Iterator[tuple[int, str]]:
    """Numbered lines, decoded as UTF-8; bad bytes become U+FFFD and are reported (second pass)."""
    with chat.open() as stream:
        number = 0
        while True:
            try:
                raw = stream.readline(MAX_LINE_BYTES + 1)
            except ZIP_ERRORS as exc:
                raise ImportFormatError(f"{chat.label} is damaged ({exc})", path=chat.label) from exc
            if not raw:
                return
            number += 1
            if len(raw) > MAX_LINE_BYTES:
                raise ImportLimitError(
                    f"{chat.label}: line {number} is longer than {MAX_LINE_BYTES:,} bytes",
                    hint="this is not a chat export line; check the file",
                    path=chat.label,
                )
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError:
                text = raw.decode("utf-8", "replace")
                if report is not None:
                    report.count("characters_replaced")
                    report.warn(f"{chat.label}:L{number}: bytes that are not UTF-8 became U+FFFD")
            yield number, text.rstrip("\r\n")


def _scan(chat: _Chat) -> _Scan:
    scan = _Scan()
    for number, line in _lines(chat, None):
        found = HEADER.match(line)
        if found is None:
            continue
        bracketed = found.group("open") is not None
        if scan.bracketed is None:
            scan.bracketed = bracketed
        elif bracketed != scan.bracketed:
            continue
        scan.headers += 1
        first, second = found.group("a", "b")
        if len(first) != 4:
            if scan.day_first_at is None and int(first) > 12:
                scan.day_first_at = number
            if scan.month_first_at is None and int(second) > 12:
                scan.month_first_at = number
        _note_participant(scan, found.group("rest"))
    if scan.headers == 0:
        raise ImportFormatError(
            f"{chat.label}: no WhatsApp message headers found",
            hint="expected lines like '12/03/2024, 21:14 - Name: text' or '[12/03/2024, 21:14:05] Name: text'",
            path=chat.label,
        )
    return scan


def _note_participant(scan: _Scan, rest: str) -> None:
    cut = rest.find(": ")
    if cut <= 0 or rest[:cut] in scan.participants or len(scan.participants) >= MAX_PARTICIPANTS:
        return
    header = Header(False, "", "", "", 0, 0, 0, None, rest, "")
    sender, text = split_sender(header)
    if sender and not is_system_text(text):
        scan.participants.add(sender)


def _decide_order(scan: _Scan, forced: bool | None, default: bool, label: str, report: ParseReport) -> bool:
    day_at, month_at = scan.day_first_at, scan.month_first_at
    if forced is not None:
        against = month_at if forced else day_at
        if against is not None:
            report.warn(
                f"dates were read {'day' if forced else 'month'}-first as asked, but line "
                f"{against} only makes sense the other way; such lines are listed as skipped"
            )
        report.details["day_first"] = forced
        report.details["day_first_source"] = "stated"
        return forced
    if day_at is not None and month_at is not None:
        raise ImportFormatError(
            f"{label} mixes day-first dates (line {day_at}) and month-first dates (line {month_at})",
            hint="the file may join exports from two phones; pass day_first=True or False and "
            "the lines that do not fit will be listed as skipped",
            path=label,
        )
    if day_at is None and month_at is None:
        report.warn(
            "no date in the file has a day above 12, so the day/month order cannot be inferred; "
            f"read as {'DD/MM' if default else 'MM/DD'} (stated default)"
        )
        report.details["day_first"] = default
        report.details["day_first_source"] = "default"
        return default
    report.details["day_first"] = day_at is not None
    report.details["day_first_source"] = f"inferred from line {day_at or month_at}"
    return day_at is not None


def _read(chat: _Chat, scan: _Scan, day_first: bool, report: ParseReport, localiser: Localiser) -> Iterator[Message]:
    builder = _Builder(chat, scan, report)
    pending: _Pending | None = None
    skipped_header: int | None = None
    other_style = 0
    for number, line in _lines(chat, report):
        header = match_header(line)
        if header is not None and header.bracketed == scan.bracketed:
            if pending is not None:
                yield builder.build(pending)
                pending = None
            try:
                local = local_time(header, day_first)
                sent_at = localiser.to_utc(local, f"{chat.label}:L{number}")
                pending = _Pending(number, number, header, sent_at, [])
                skipped_header = None
            except ValueError as exc:
                report.skip(number, f"header with an impossible date or time ({exc})", line)
                skipped_header = number
            continue
        if header is not None:
            other_style += 1
        if pending is not None:
            pending.extra.append(line)
            pending.end = number
        elif skipped_header is not None:
            report.skip(number, f"continues the skipped message at line {skipped_header}", line)
        elif line.strip():
            report.skip(number, "text before the first message header", line)
    if pending is not None:
        yield builder.build(pending)
    if other_style:
        report.warn(f"{other_style} line(s) look like headers of the other phone style and were kept as message text")


@dataclass(slots=True)
class _Pending:
    start: int
    end: int
    header: Header
    sent_at: datetime
    extra: list[str]


class _Builder:
    """Turns a header plus its continuation lines into a Message."""

    def __init__(self, chat: _Chat, scan: _Scan, report: ParseReport):
        self.chat = chat
        self.report = report
        self.everyone = tuple(sorted(scan.participants))
        self._recipients: dict[str, tuple[str, ...]] = {}
        self._hashed: dict[str, tuple[int, str]] = {}

    def build(self, pending: _Pending) -> Message:
        ref = f"{self.chat.label}:L{pending.start}"
        if pending.end != pending.start:
            ref += f"-L{pending.end}"
        sender, text = split_sender(pending.header)
        if pending.extra:
            text = "\n".join([text, *pending.extra])
        meta: dict[str, str | bool] = {}
        system = sender is None or is_system_text(text)
        if system and sender:
            meta["chat"] = sender
        if not system:
            meta.update(event_meta(text))
        who = "" if system else (sender or "")
        return Message(
            source_ref=ref,
            sent_at=pending.sent_at,
            sent_at_text=pending.header.stamp,
            sender=who,
            channel=Channel.MESSAGING_APP,
            text=text,
            recipients=self._others(who) if who else (),
            attachments=() if system else self._attachments(text),
            is_system=system,
            meta=meta,
        )

    def _others(self, sender: str) -> tuple[str, ...]:
        found = self._recipients.get(sender)
        if found is None:
            found = tuple(p for p in self.everyone if p != sender)
            self._recipients[sender] = found
        return found

    def _attachments(self, text: str) -> tuple[Attachment, ...]:
        items = []
        for name, placeholder in attachment_names(text):
            mime = mimetypes.guess_type(name)[0] if name else None
            info = self.chat.media.get(posixpath.basename(name)) if name else None
            if info is None or self.chat.archive is None:
                items.append(Attachment(name=name, mime=mime, placeholder=placeholder))
                continue
            if info.filename not in self._hashed:
                self._hashed[info.filename] = hash_member(self.chat.archive, info, self.chat.label)
            size, digest = self._hashed[info.filename]
            items.append(Attachment(name, mime, placeholder, size, digest, present=True))
        return tuple(items)


register(
    "whatsapp",
    detect_whatsapp,
    parse_whatsapp,
    description="WhatsApp chat export (.txt, or .zip with _chat.txt and media)",
)
