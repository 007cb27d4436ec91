"""Facebook Messenger and Instagram "Download your information" message JSON (`message_1.json`).

Meta writes these files with every non-ASCII character mangled: the UTF-8
bytes are escaped one by one as if they were Latin-1 (`"caf\\u00c3\\u00a9"`
for "café", four escapes for one emoji). The repair is
`s.encode("latin-1").decode("utf-8")`, applied only where it round-trips, so
text that was already correct (a real "é", or any character outside Latin-1)
is left alone. Repairs are counted in the report.

There are no account ids in these files, only display names, so the sender is
the name exactly as Meta wrote it (after repair).
"""

from __future__ import annotations

import mimetypes
from collections.abc import Iterator
from datetime import tzinfo
from typing import Any

from vigil.contract.codes import Channel

from .jsonsource import MAX_JSON_BYTES, from_unix, integer, listing, load_json, require_list
from .model import Attachment, Message, ParseReport, clean_text
from .registry import Probe, register
from .sources import Opened

_MEDIA = ("photos", "videos", "audio_files", "gifs", "files")


def detect_facebook(probe: Probe) -> int:
    head = probe.head
    if b'"participants"' in head and (b'"sender_name"' in head or b'"timestamp_ms"' in head):
        return 85
    return 0


def fix_mojibake(value: str) -> str:
    """Undo Latin-1-read UTF-8 where that exactly round-trips; otherwise return the input."""
    if value.isascii():
        return value
    try:
        return value.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return value


def parse_facebook(
    source: Opened,
    report: ParseReport,
    zone: tzinfo,
    *,
    repair_mojibake: bool = True,
    platform: str = "facebook",
    max_bytes: int = MAX_JSON_BYTES,
) -> Iterator[Message]:
    """Messages from one Meta message_N.json file (Messenger or Instagram)."""
    return _messages(source, report, repair_mojibake, platform, max_bytes)


def _messages(source: Opened, report: ParseReport, repair: bool, platform: str, limit: int) -> Iterator[Message]:
    data = load_json(source, limit, "Facebook/Instagram message JSON")
    items = require_list(data.get("messages") if isinstance(data, dict) else None, source, "Meta", "'messages'")
    reader = _Reader(source.name, report, repair)
    people = [reader.text(p, "name", source.name) for p in listing(data, "participants")]
    everyone = tuple(p for p in people if p)
    thread = reader.text(data, "title", source.name)
    report.details["platform"] = platform
    for index, item in enumerate(items):
        ref = f"{source.name}#/messages/{index}"
        if not isinstance(item, dict):
            report.skip(None, "message entry is not a JSON object", ref=ref)
            continue
        stamp = integer(item, "timestamp_ms")
        sent_at = from_unix(stamp / 1000) if stamp is not None else None
        if sent_at is None:
            report.skip(None, "message without a usable timestamp_ms", ref=ref)
            continue
        sender = reader.text(item, "sender_name", ref) or "unknown"
        call = integer(item, "call_duration")
        body = reader.text(item, "content", ref) or ""
        meta: dict[str, str | int | bool | None] = {"platform": platform, "thread": thread}
        if call is not None:
            meta["call_duration_s"] = call
        if item.get("is_unsent") is True:
            meta["unsent"] = True
        share = item.get("share")
        if isinstance(share, dict):
            meta["share_link"] = reader.text(share, "link", ref)
        yield Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=str(stamp),
            sender=sender,
            sender_display=sender,
            recipients=tuple(p for p in everyone if p != sender),
            channel=Channel.PHONE_CALL if call is not None else Channel.SOCIAL_MEDIA,
            text=body,
            attachments=tuple(reader.media(item, ref)),
            meta=meta,
        )
    if reader.repaired:
        report.details["mojibake_repaired"] = reader.repaired
        if repair:
            report.warn(f"{reader.repaired} string(s) repaired from Meta's Latin-1 mojibake")


class _Reader:
    def __init__(self, label: str, report: ParseReport, repair: bool) -> None:
        self.label = label
        self.report = report
        self.repair = repair
        self.repaired = 0

    def text(self, obj: Any, key: str, ref: str) -> str | None:
        value = obj.get(key) if isinstance(obj, dict) else None
        if not isinstance(value, str):
            return None
        value = clean_text(value, self.report, ref)
        fixed = fix_mojibake(value) if self.repair else value
        if fixed != value:
            self.repaired += 1
        return fixed

    def media(self, item: dict[str, Any], ref: str) -> Iterator[Attachment]:
        for key in _MEDIA:
            for entry in listing(item, key):
                uri = self.text(entry, "uri", ref)
                if uri:
                    yield Attachment(name=uri, mime=mimetypes.guess_type(uri)[0])
        sticker = item.get("sticker")
        if isinstance(sticker, dict):
            uri = self.text(sticker, "uri", ref)
            if uri:
                yield Attachment(name=uri, mime=mimetypes.guess_type(uri)[0], placeholder="sticker")


register(
    "facebook",
    detect_facebook,
    parse_facebook,
    description="Facebook Messenger / Instagram 'Download your information' message JSON",
)
