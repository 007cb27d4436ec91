"""X (Twitter) archive direct messages: `data/direct-messages.js` and `direct-messages-group.js`.

The archive stores JSON behind a JavaScript assignment
(`window.YTD.direct_messages.part0 = [...]`); the prefix is checked and cut,
never evaluated. Accounts appear only as numeric ids (a handle can change, the
id cannot), so the sender is the id. Joins, leaves and renames in group
conversations become system messages.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Iterator
from datetime import UTC, datetime, tzinfo
from typing import Any

from vigil.contract.codes import Channel

from .errors import ImportFormatError
from .jsonsource import MAX_JSON_BYTES, listing, load_json, require_list, text
from .model import Attachment, Message, ParseReport
from .registry import Probe, register
from .sources import Opened
from .zones import Localiser

_PREFIX = re.compile(rb"\s*window\.YTD\.(?P<name>[A-Za-z0-9_]{1,64})\.part(?P<part>\d{1,6})\s*=\s*")
_EVENTS = {
    "joinConversation": "joined the conversation",
    "participantsJoin": "added participants",
    "participantsLeave": "left the conversation",
    "conversationNameUpdate": "renamed the conversation",
}


def detect_x_archive(probe: Probe) -> int:
    head = probe.head.lstrip(b"\xef\xbb\xbf \t\r\n")
    return 95 if head.startswith(b"window.YTD.direct_messages") else 0


def parse_x_archive(
    source: Opened, report: ParseReport, zone: tzinfo, *, max_bytes: int = MAX_JSON_BYTES
) -> Iterator[Message]:
    """Direct messages from an X archive's direct-messages .js file."""
    return _messages(source, report, Localiser(zone, report), max_bytes)


def _messages(source: Opened, report: ParseReport, zone: Localiser, limit: int) -> Iterator[Message]:
    head = source.head(4096).removeprefix(b"\xef\xbb\xbf")
    found = _PREFIX.match(head)
    if found is None or not found["name"].startswith(b"direct_messages"):
        raise ImportFormatError(
            f"{source.name} does not start with 'window.YTD.direct_messages….part0 ='",
            hint="give data/direct-messages.js (or direct-messages-group.js) from the X archive",
            path=source.name,
        )
    offset = found.end() + (3 if source.head(3) == b"\xef\xbb\xbf" else 0)
    data = require_list(load_json(source, limit, "X direct-messages.js", offset), source, "X", "the array")
    report.details["part"] = f"{found['name'].decode()}.part{found['part'].decode()}"
    for index, entry in enumerate(data):
        conversation = entry.get("dmConversation") if isinstance(entry, dict) else None
        base = f"{source.name}#/{index}/dmConversation"
        if not isinstance(conversation, dict):
            report.skip(None, "entry without a dmConversation object", ref=f"{source.name}#/{index}")
            continue
        conv_id = text(conversation, "conversationId", report, base) or ""
        pair = tuple(p for p in conv_id.split("-") if p.isdigit()) if conv_id.count("-") == 1 else ()
        for number, event in enumerate(listing(conversation, "messages")):
            ref = f"{base}/messages/{number}"
            message = _event(event, ref, conv_id, pair, report, zone)
            if message is not None:
                yield message


def _event(
    event: Any, ref: str, conv_id: str, pair: tuple[str, ...], report: ParseReport, zone: Localiser
) -> Message | None:
    if not isinstance(event, dict) or len(event) != 1:
        report.skip(None, "message entry is not an object with one event", ref=ref)
        return None
    kind, body = next(iter(event.items()))
    if not isinstance(body, dict):
        report.skip(None, f"{kind} is not an object", ref=ref)
        return None
    stamp = text(body, "createdAt", report, ref)
    sent_at = _instant(stamp, zone, ref, report)
    if sent_at is None or stamp is None:
        report.skip(None, f"{kind} without a usable createdAt ({stamp!r})", ref=ref)
        return None
    meta: dict[str, str | None] = {
        "conversation": conv_id,
        "event": kind,
        "id": text(body, "id", report, ref),
    }
    if kind == "messageCreate":
        sender = text(body, "senderId", report, ref) or "unknown"
        recipient = text(body, "recipientId", report, ref)
        others = (recipient,) if recipient else tuple(p for p in pair if p != sender)
        urls = [text(u, "expanded", report, ref) for u in listing(body, "urls")]
        if any(urls):
            meta["links"] = " ".join(u for u in urls if u)
        media = [m for m in listing(body, "mediaUrls") if isinstance(m, str)]
        return Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=sender,
            recipients=others,
            channel=Channel.SOCIAL_MEDIA,
            text=text(body, "text", report, ref) or "",
            attachments=tuple(Attachment(name=m, mime=mimetypes.guess_type(m)[0]) for m in media),
            meta=meta,
        )
    actor = text(body, "initiatingUserId", report, ref) or text(body, "userId", report, ref) or ""
    users = [u for u in listing(body, "userIds") if isinstance(u, str)]
    words = _EVENTS.get(kind, kind)
    name = text(body, "name", report, ref)
    summary = " ".join(filter(None, [actor, words, ", ".join(users), f"'{name}'" if name else None]))
    return Message(
        source_ref=ref,
        sent_at=sent_at,
        sent_at_text=stamp,
        sender="",
        channel=Channel.SOCIAL_MEDIA,
        text=summary,
        is_system=True,
        meta={**meta, "actor": actor or None},
    )


def _instant(stamp: str | None, zone: Localiser, ref: str, report: ParseReport) -> datetime | None:
    """createdAt is UTC with a Z; a reading without a zone is taken in the import's zone."""
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(stamp)
        if moment.tzinfo is not None:
            return moment.astimezone(UTC)
        report.warn(f"{ref}: createdAt {stamp!r} has no zone; read in {report.time_zone}")
        return zone.to_utc(moment, ref)
    except (ValueError, OverflowError):
        return None


register(
    "x-archive",
    detect_x_archive,
    parse_x_archive,
    description="X (Twitter) archive direct-messages.js",
)
