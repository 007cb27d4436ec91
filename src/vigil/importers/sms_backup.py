"""SMS Backup & Restore (SyncTech) XML: `<sms>`, `<mms>` (parts, addresses) and `<call>` logs.

Backups run to gigabytes (MMS media is inlined as base64), so the file is
streamed: lxml `iterparse` with entity resolution, network access and huge
nodes all off, each record cleared once read. The byte filter in front
(`xmlfilter`) refuses DTDs and repairs the app's surrogate-pair emoji.

The backup belongs to one phone but never says whose number it is, so the
phone's own side is written as `owner` (pass the victim's number or name).
Times come from the `date` attribute (UTC milliseconds); the human-readable
`readable_date` is the phone's local clock, and where it disagrees with the
zone given for the import the report says so.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, tzinfo

from lxml import etree

from vigil.contract.codes import Channel
from vigil.errors import UsageError

from .errors import ImportFormatError
from .model import Attachment, Message, ParseReport
from .registry import Probe, register
from .sources import Opened
from .xmlfilter import SafeXmlStream
from .zones import Localiser

_RECORDS = ("sms", "mms", "call")
_ROOTS = ("smses", "calls")
_OWNER_SIDE_SMS = {"2", "3", "4", "5", "6"}
_SMS_STATUS = {
    "1": "received",
    "2": "sent",
    "3": "draft",
    "4": "outbox",
    "5": "failed",
    "6": "queued",
}
_CALL_KIND = {
    "1": "incoming call",
    "2": "outgoing call",
    "3": "missed call",
    "4": "voicemail",
    "5": "rejected call",
    "6": "blocked call",
    "7": "call answered on another device",
}
_MONTHS = {
    m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)
}
_READABLE = (
    re.compile(r"(?P<d>\d{1,2}) (?P<mon>[A-Za-z]{3})\w* (?P<y>\d{4}),? (?P<t>[\d:]{5,8})(?P<ap> ?[AP]M)?"),
    re.compile(r"(?P<mon>[A-Za-z]{3})\w* (?P<d>\d{1,2}), (?P<y>\d{4}),? (?P<t>[\d:]{5,8})(?P<ap> ?[AP]M)?"),
)


def _null(value: str | None) -> str | None:
    return None if value in (None, "", "null") else value


def detect_sms_backup(probe: Probe) -> int:
    head = probe.head[:4096]
    return 95 if b"<smses" in head or (b"<calls" in head and b"<call " in probe.head) else 0


def parse_sms_backup(
    source: Opened, report: ParseReport, zone: tzinfo, *, owner: str = "device-owner"
) -> Iterator[Message]:
    """Messages and calls from an SMS Backup & Restore XML file, streamed."""
    if not owner.strip():
        raise UsageError("owner must name the phone's own side", hint="e.g. owner='07700 900456'")
    return _records(source, report, Localiser(zone, report), owner.strip())


def _records(source: Opened, report: ParseReport, zone: Localiser, owner: str) -> Iterator[Message]:
    reader = _Reader(source.name, report, zone, owner)
    with source.open() as raw:
        stream = SafeXmlStream(raw, source.name, report)
        events = etree.iterparse(
            stream,
            events=("end",),
            tag=_RECORDS,
            resolve_entities=False,
            no_network=True,
            huge_tree=False,
            load_dtd=False,
            dtd_validation=False,
            encoding="utf-8",  # the byte filter reads ASCII markup; UTF-16/UTF-7 could hide a DTD
        )
        try:
            for _event, element in events:
                message = reader.read(element)
                if message is not None:
                    yield message
                _forget(element)
        except etree.LxmlError as exc:
            line = getattr(exc, "lineno", None)
            raise ImportFormatError(
                f"{source.name} is not well-formed XML at line {line}: {exc}",
                hint="SMS Backup & Restore files are XML; a truncated copy or another format "
                "fails here (MMS media over 10 MB also cannot be read safely)",
                path=source.name,
            ) from exc
        reader.finish(events.root)


def _forget(element: etree._Element) -> None:
    element.clear(keep_tail=True)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]


class _Reader:
    def __init__(self, label: str, report: ParseReport, zone: Localiser, owner: str) -> None:
        self.label = label
        self.report = report
        self.zone = zone
        self.owner = owner
        self.seen = 0
        self.declared: str | None = None

    def read(self, element: etree._Element) -> Message | None:
        self.seen += 1
        line = element.sourceline
        ref = f"{self.label}:L{line}:{element.tag}[{self.seen}]"
        parent = element.getparent()
        if parent is None or parent.tag not in _ROOTS:
            where = "top level" if parent is None else f"<{parent.tag}>"
            self.report.skip(line, f"<{element.tag}> inside {where}, not a backup record", ref=ref)
            return None
        if self.declared is None:
            self.declared = parent.get("count") or ""
        stamp = element.get("date") or ""
        try:
            sent_at = datetime.fromtimestamp(int(stamp) / 1000, tz=UTC)
        except (ValueError, OverflowError, OSError):
            self.report.skip(line, f"<{element.tag}> has no usable date ({stamp!r})", ref=ref)
            return None
        self._check_readable(element.get("readable_date"), sent_at, ref)
        if element.tag == "sms":
            return self._sms(element, ref, sent_at, stamp)
        if element.tag == "mms":
            return self._mms(element, ref, sent_at, stamp)
        return self._call(element, ref, sent_at, stamp)

    def _sms(self, element: etree._Element, ref: str, sent_at: datetime, stamp: str) -> Message:
        kind = element.get("type") or ""
        address = _null(element.get("address")) or "unknown"
        outgoing = kind in _OWNER_SIDE_SMS
        return Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=self.owner if outgoing else address,
            sender_display=None if outgoing else _contact(element),
            recipients=(address,) if outgoing else (self.owner,),
            channel=Channel.TEXT_MESSAGE,
            text=element.get("body") or "",
            meta={
                "record": "sms",
                "status": _SMS_STATUS.get(kind, kind),
                "readable_date": element.get("readable_date"),
                "subject": _null(element.get("subject")),
            },
        )

    def _mms(self, element: etree._Element, ref: str, sent_at: datetime, stamp: str) -> Message:
        box = element.get("msg_box") or ""
        senders, others = [], []
        for addr in element.iter("addr"):
            value = _null(addr.get("address"))
            if value is None:
                continue
            (senders if addr.get("type") == "137" else others).append(value)
        sender = senders[0] if senders else (_null(element.get("address")) or "unknown")
        outgoing = box in ("2", "4") or sender == "insert-address-token"
        if outgoing:
            sender = self.owner
        texts, attachments = [], []
        for part in element.iter("part"):
            mime = (part.get("ct") or "").lower()
            if mime == "text/plain":
                texts.append(part.get("text") or "")
            elif mime != "application/smil":
                attachments.append(self._part(part, ref))
        return Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=sender,
            sender_display=None if outgoing else _contact(element),
            recipients=tuple(o for o in others if o != sender) or ((self.owner,) if not outgoing else ()),
            channel=Channel.TEXT_MESSAGE,
            text="\n".join(texts),
            attachments=tuple(attachments),
            meta={"record": "mms", "msg_box": box, "readable_date": element.get("readable_date")},
        )

    def _part(self, part: etree._Element, ref: str) -> Attachment:
        name = _null(part.get("cl")) or _null(part.get("name")) or _null(part.get("fn"))
        mime = _null(part.get("ct"))
        data = part.get("data")
        if data is None:
            return Attachment(name=name, mime=mime)
        try:
            content = base64.b64decode(data, validate=False)
        except (binascii.Error, ValueError):
            self.report.warn(f"{ref}: media part {name!r} is not valid base64; size and hash unknown")
            return Attachment(name=name, mime=mime)
        return Attachment(name, mime, None, len(content), hashlib.sha256(content).hexdigest(), True)

    def _call(self, element: etree._Element, ref: str, sent_at: datetime, stamp: str) -> Message:
        kind = element.get("type") or ""
        number = _null(element.get("number")) or "unknown"
        outgoing = kind == "2"
        duration = element.get("duration") or "0"
        label = _CALL_KIND.get(kind, f"call of type {kind}")
        return Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=self.owner if outgoing else number,
            sender_display=None if outgoing else _contact(element),
            recipients=(number,) if outgoing else (self.owner,),
            channel=Channel.PHONE_CALL,
            text=f"{label}, {duration} s",
            meta={
                "record": "call",
                "call_type": label,
                "duration_s": int(duration) if duration.isdigit() else None,
                "readable_date": element.get("readable_date"),
            },
        )

    def _check_readable(self, readable: str | None, sent_at: datetime, ref: str) -> None:
        if not readable:
            return
        local = _parse_readable(readable)
        if local is None:
            self.report.count("readable_dates_unparsed")
            return
        minutes = round((local - sent_at.replace(tzinfo=None)).total_seconds() / 60)
        if abs(minutes) <= 14 * 60:
            self.zone.check_stated(timedelta(minutes=minutes), sent_at, ref, readable)

    def finish(self, root: etree._Element | None) -> None:
        if root is None or root.tag not in _ROOTS:
            tag = "none" if root is None else f"<{root.tag}>"
            raise ImportFormatError(
                f"{self.label} is not an SMS Backup & Restore file (root element {tag})",
                hint="expected <smses> or <calls> as the root element",
                path=self.label,
            )
        declared = self.declared if self.declared is not None else root.get("count")
        if declared and declared.isdigit() and int(declared) != self.seen:
            self.report.warn(f"the backup says it holds {declared} records but {self.seen} were found")
        self.report.details["records"] = self.seen
        for key, what in (
            (
                "invalid_references_replaced",
                "character references XML forbids (lone surrogates, control characters)",
            ),
            ("control_characters_replaced", "raw control characters"),
        ):
            if self.report.details.get(key):
                self.report.warn(f"{self.report.details[key]} {what} were replaced with U+FFFD")


def _contact(element: etree._Element) -> str | None:
    name = _null(element.get("contact_name"))
    return None if name == "(Unknown)" else name


def _parse_readable(text: str) -> datetime | None:
    for pattern in _READABLE:
        found = pattern.match(text)
        if found is None:
            continue
        month = _MONTHS.get(found["mon"].lower())
        pieces = found["t"].split(":")
        if month is None or len(pieces) not in (2, 3) or not all(p.isdigit() for p in pieces):
            return None
        hour, minute = int(pieces[0]), int(pieces[1])
        second = int(pieces[2]) if len(pieces) == 3 else 0
        if found["ap"]:
            hour = hour % 12 + (12 if found["ap"].strip() == "PM" else 0)
        try:
            return datetime(int(found["y"]), month, int(found["d"]), hour, minute, second)
        except ValueError:
            return None
    return None


register(
    "sms-backup",
    detect_sms_backup,
    parse_sms_backup,
    description="SMS Backup & Restore XML (sms, mms, calls)",
)
