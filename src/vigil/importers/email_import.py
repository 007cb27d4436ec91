"""E-mail: a single `.eml` message or an `.mbox` mailbox, read with the stdlib `email` package.

The mailbox is split on its `From ` separator lines by this module rather than
by `mailbox.mbox`, which opens the file for update and builds its table of
contents in memory: evidence is opened read-only and streamed, one message at
a time, each with the line and byte offset where it starts.

Headers that identify a message (From, To, Cc, Date, Message-ID, Subject) are
kept in `meta`; the body is the text/plain part, or the HTML part stripped to
text when there is no plain one. The stdlib parser has known crashes on
malformed MIME, so a message that cannot be read is listed as skipped with the
reason rather than ending the import.
"""

from __future__ import annotations

import email.utils
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, timedelta, tzinfo
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html.parser import HTMLParser
from typing import BinaryIO

from vigil.contract.codes import Channel

from .errors import ImportLimitError
from .model import Attachment, Message, ParseReport, clean_text, repair_surrogates
from .registry import Probe, register
from .sources import Opened
from .zones import Localiser

MAX_MESSAGE_BYTES = 64 * 1024**2
_HEADER_LINE = re.compile(
    rb"(?i)(received|from|to|subject|date|message-id|return-path|mime-version|delivered-to|"
    rb"x-[a-z-]+):"
)
_ESCAPED_FROM = re.compile(rb"^>+From ")
_BLOCKS = {"p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "blockquote", "table"}


def detect_email(probe: Probe) -> int:
    lower = probe.name.lower()
    if lower.endswith((".eml", ".mbox", ".mbx")):
        return 90
    if probe.head.startswith(b"From ") and b"\n" in probe.head:
        return 80
    return 60 if _HEADER_LINE.match(probe.head) else 0


def parse_email(
    source: Opened, report: ParseReport, zone: tzinfo, *, max_message_bytes: int = MAX_MESSAGE_BYTES
) -> Iterator[Message]:
    """Messages from an .eml file or an mbox mailbox (told apart by a leading 'From ' line)."""
    return _messages(source, report, Localiser(zone, report), max_message_bytes)


def _messages(source: Opened, report: ParseReport, zone: Localiser, limit: int) -> Iterator[Message]:
    mailbox = source.head(5).startswith(b"From ")
    report.details["container"] = "mbox" if mailbox else "eml"
    parser = BytesParser(policy=policy.default)
    with source.open() as stream:
        for index, line, raw in _split(stream, source.name, mailbox, limit):
            ref = f"{source.name}#{index}:L{line}" if mailbox else source.name
            try:
                parsed = parser.parsebytes(raw)
                assert isinstance(parsed, EmailMessage)
                message = _message(parsed, ref, line, report, zone)
            except Exception as exc:  # the stdlib email parser has known crashes on bad MIME
                report.skip(line, f"unreadable e-mail ({type(exc).__name__}: {exc})", ref=ref)
                continue
            if message is not None:
                yield message


def _split(stream: BinaryIO, label: str, mailbox: bool, limit: int) -> Iterator[tuple[int, int, bytes]]:
    """(message number, first line, bytes) for each message; mboxrd '>From ' lines unescaped."""
    chunks: list[bytes] = []
    size = index = 0
    start = number = 1
    started = not mailbox
    previous_blank = True
    while raw := stream.readline(limit + 1):
        if mailbox and previous_blank and raw.startswith(b"From "):
            if started:
                yield index, start, _unframe(chunks)
            chunks, size, index, start, started = [], 0, index + 1, number, True
        else:
            if mailbox and _ESCAPED_FROM.match(raw):
                raw = raw[1:]
            chunks.append(raw)
            size += len(raw)
            if size > limit:
                raise ImportLimitError(
                    f"{label}: the message starting at line {start} is larger than {limit:,} bytes",
                    hint="raise max_message_bytes if the mailbox genuinely holds such a message",
                    path=label,
                )
        previous_blank = raw.strip() == b""
        number += 1
    if started:
        yield max(index, 1), start, _unframe(chunks) if mailbox else b"".join(chunks)


def _unframe(chunks: list[bytes]) -> bytes:
    """Drop the blank line mbox puts before each separator: framing, not message content."""
    if chunks and chunks[-1].strip() == b"":
        chunks = chunks[:-1]
    return b"".join(chunks)


def _message(parsed: EmailMessage, ref: str, line: int, report: ParseReport, zone: Localiser) -> Message | None:
    raw_date = parsed.get("Date")
    if raw_date is None:
        report.skip(line, "e-mail without a Date header", ref=ref)
        return None
    date_text = clean_text(str(raw_date), report, ref)
    try:
        when = email.utils.parsedate_to_datetime(date_text)
    except (TypeError, ValueError, IndexError, OverflowError):
        report.skip(line, f"unreadable Date header {date_text!r}", ref=ref)
        return None
    if when.tzinfo is None:
        report.warn(f"{ref}: Date {date_text!r} has no known offset; read in {report.time_zone}")
        sent_at = zone.to_utc(when, ref)
    else:
        sent_at = when.astimezone(UTC)
        zone.check_stated(when.utcoffset() or timedelta(0), sent_at, ref, date_text)
    _note_defects(parsed, report, ref)
    senders = _addresses(parsed, "From", report, ref)
    recipients = _addresses(parsed, "To", report, ref) + _addresses(parsed, "Cc", report, ref)
    sender_name, sender_addr = senders[0] if senders else ("", "")
    return Message(
        source_ref=ref,
        sent_at=sent_at,
        sent_at_text=date_text,
        sender=sender_addr or sender_name or "unknown",
        sender_display=sender_name or None,
        recipients=tuple(addr or name for name, addr in recipients),
        channel=Channel.EMAIL,
        text=clean_text(_body(parsed, report, ref), report, ref),
        attachments=tuple(_attachments(parsed, report, ref)),
        meta={
            key.lower(): clean_text(str(parsed[key]), report, ref) if parsed[key] else None
            for key in ("From", "To", "Cc", "Subject", "Message-ID", "In-Reply-To")
        },
    )


def _note_defects(parsed: EmailMessage, report: ParseReport, ref: str) -> None:
    """The stdlib repairs malformed headers and MIME quietly; the report must not be quiet."""
    found = [type(d).__name__ for d in parsed.defects]
    for key in ("From", "To", "Cc", "Date", "Subject", "Message-ID"):
        header = parsed.get(key)
        found.extend(f"{key}: {type(d).__name__}" for d in getattr(header, "defects", ()))
    for name, value in parsed.raw_items():
        if isinstance(value, str) and repair_surrogates(value) is not value:
            found.append(f"{name}: bytes that are not text, shown as U+FFFD")
    if found:
        report.count("emails_with_defects")
        report.warn(f"{ref}: the e-mail parser repaired defects ({', '.join(found[:5])})")


def _addresses(parsed: EmailMessage, field: str, report: ParseReport, ref: str) -> list[tuple[str, str]]:
    values = [clean_text(str(v), report, ref) for v in parsed.get_all(field, [])]
    return [(name.strip(), addr.strip().lower()) for name, addr in email.utils.getaddresses(values) if name or addr]


def _body(parsed: EmailMessage, report: ParseReport, ref: str) -> str:
    part = parsed.get_body(preferencelist=("plain", "html"))
    if part is None:
        return ""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, ValueError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        report.warn(f"{ref}: body charset could not be used; read as UTF-8 with replacements")
    if not isinstance(content, str):
        return ""
    return html_to_text(content) if part.get_content_type() == "text/html" else content


def _attachments(parsed: EmailMessage, report: ParseReport, ref: str) -> Iterator[Attachment]:
    for part in parsed.iter_attachments():
        payload = part.get_payload(decode=True)
        name = part.get_filename()
        name = clean_text(name, report, ref) if name else None
        if not isinstance(payload, bytes):
            yield Attachment(name=name, mime=part.get_content_type())
            continue
        digest = hashlib.sha256(payload).hexdigest()
        yield Attachment(name, part.get_content_type(), None, len(payload), digest, True)


class _TextOnly(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._hidden = max(0, self._hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Visible text of an HTML body: scripts and styles dropped, blocks on their own lines."""
    stripper = _TextOnly()
    stripper.feed(markup)
    stripper.close()
    text = "".join(stripper.parts)
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


register("email", detect_email, parse_email, description="E-mail (.eml message or .mbox mailbox)")
