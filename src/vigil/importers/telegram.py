"""Telegram Desktop's "Export chat history" `result.json` (one chat, or the whole account).

`date_unixtime` is the true instant; `date` is the exporting computer's local
clock, so the difference between the two is that computer's UTC offset, which
is compared with the zone given for the import. `text` is either a string or a
list of strings and entity objects (links, bold, mentions); the words are
joined back into one string. Calls appear as service messages with action
`phone_call` and are kept as calls, because a call from the suspect is conduct;
other service events (joins, renames, pins) are system messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta, tzinfo
from typing import Any

from vigil.contract.codes import Channel

from .errors import ImportFormatError
from .jsonsource import MAX_JSON_BYTES, from_unix, integer, listing, load_json, text
from .model import Attachment, Message, ParseReport, clean_text, repair_surrogates
from .registry import Probe, register
from .sources import Opened
from .zones import Localiser

_NOT_INCLUDED = "(File not included"
_MEDIA_KEYS = ("photo", "file", "thumbnail")


def detect_telegram(probe: Probe) -> int:
    head = probe.head
    if b'"messages"' in head and (b'"date_unixtime"' in head or b'"from_id"' in head):
        return 85
    return 70 if b'"chats"' in head and b'"personal_information"' in head else 0


def parse_telegram(
    source: Opened, report: ParseReport, zone: tzinfo, *, max_bytes: int = MAX_JSON_BYTES
) -> Iterator[Message]:
    """Messages from a Telegram Desktop JSON export."""
    return _messages(source, report, Localiser(zone, report), max_bytes)


def _messages(source: Opened, report: ParseReport, zone: Localiser, limit: int) -> Iterator[Message]:
    data = load_json(source, limit, "Telegram result.json")
    chats = _chats(data)
    if not chats:
        raise ImportFormatError(
            f"{source.name} has no chat with a 'messages' list",
            hint="export with Telegram Desktop: Settings → Advanced → Export Telegram data, JSON",
            path=source.name,
        )
    report.details["chats"] = len(chats)
    for chat, pointer in chats:
        yield from _chat_messages(chat, pointer, source.name, report, zone)


def _chats(data: Any) -> list[tuple[dict[str, Any], str]]:
    if isinstance(data, dict) and isinstance(data.get("messages"), list):
        return [(data, "")]
    found = []
    for section in ("chats", "left_chats"):
        holder = data.get(section) if isinstance(data, dict) else None
        for index, chat in enumerate(listing(holder, "list")):
            if isinstance(chat, dict) and isinstance(chat.get("messages"), list):
                found.append((chat, f"/{section}/list/{index}"))
    return found


def _chat_messages(
    chat: dict[str, Any], pointer: str, label: str, report: ParseReport, zone: Localiser
) -> Iterator[Message]:
    items = chat["messages"]
    people = sorted({repair_surrogates(_who(m)[0]) for m in items if isinstance(m, dict)} - {""})
    chat_meta = {
        "chat": text(chat, "name", report, label),
        "chat_type": text(chat, "type", report, label),
    }
    for index, item in enumerate(items):
        ref = f"{label}#{pointer}/messages/{index}"
        if not isinstance(item, dict):
            report.skip(None, "message entry is not a JSON object", ref=ref)
            continue
        when = _when(item, report, zone, ref)
        if when is None:
            report.skip(None, "message without a usable date_unixtime or date", ref=ref)
            continue
        sent_at, stamp = when
        sender, display = _who(item)
        sender = clean_text(sender, report, ref)
        display = clean_text(display, report, ref) if display else None
        channel, body, system = _content(item, display or sender, report, ref)
        yield Message(
            source_ref=ref,
            sent_at=sent_at,
            sent_at_text=stamp,
            sender=sender,
            sender_display=display,
            recipients=tuple(p for p in people if p != sender) if sender else (),
            channel=channel,
            text=body,
            attachments=tuple(_attachments(item, report, ref)),
            is_system=system,
            meta={**chat_meta, **_extra(item, report, ref)},
        )


def _when(item: dict[str, Any], report: ParseReport, zone: Localiser, ref: str) -> tuple[datetime, str] | None:
    local_text = text(item, "date", report, ref)
    local = None
    if local_text:
        try:
            local = datetime.fromisoformat(local_text)
        except ValueError:
            local = None
        if local is not None and local.tzinfo is not None:
            local = local.replace(tzinfo=None)
    stamp = integer(item, "date_unixtime")
    instant = from_unix(stamp) if stamp is not None else None
    if instant is not None:
        if local is not None:
            minutes = round((local - instant.replace(tzinfo=None)).total_seconds() / 60)
            if abs(minutes) <= 14 * 60:
                zone.check_stated(timedelta(minutes=minutes), instant, ref, local_text or "")
        return instant, local_text or str(stamp)
    if local is not None and local_text:
        try:
            return zone.to_utc(local, ref), local_text
        except ValueError:
            return None
    return None


def _who(item: dict[str, Any]) -> tuple[str, str | None]:
    for id_key, name_key in (("from_id", "from"), ("actor_id", "actor")):
        ident, name = item.get(id_key), item.get(name_key)
        if isinstance(ident, str | int) and not isinstance(ident, bool):
            return str(ident), name if isinstance(name, str) else None
        if isinstance(name, str):
            return name, name
    return "", None


def _content(item: dict[str, Any], who: str, report: ParseReport, ref: str) -> tuple[Channel, str, bool]:
    body = clean_text(flatten_text(item.get("text")), report, ref)
    if item.get("type") != "service":
        return Channel.MESSAGING_APP, body, False
    action = text(item, "action", report, ref) or "event"
    if action == "phone_call":
        seconds = integer(item, "duration_seconds")
        reason = text(item, "discard_reason", report, ref)
        words = ["call"] + ([f"{seconds} s"] if seconds is not None else []) + ([reason] if reason else [])
        return Channel.PHONE_CALL, body or ", ".join(words), False
    members = [m for m in listing(item, "members") if isinstance(m, str)]
    summary = f"{who} {action.replace('_', ' ')}" + (f": {', '.join(members)}" if members else "")
    return Channel.MESSAGING_APP, body or clean_text(summary.strip(), report, ref), True


def flatten_text(value: Any) -> str:
    """Telegram text: a string, or a list of strings and {"type", "text"} entities."""
    if isinstance(value, str):
        return value
    if not isinstance(value, list):
        return ""
    parts = []
    for piece in value:
        if isinstance(piece, str):
            parts.append(piece)
        elif isinstance(piece, dict) and isinstance(piece.get("text"), str):
            parts.append(piece["text"])
    return "".join(parts)


def _attachments(item: dict[str, Any], report: ParseReport, ref: str) -> Iterator[Attachment]:
    mime = text(item, "mime_type", report, ref)
    for key in _MEDIA_KEYS:
        path = text(item, key, report, ref)
        if path is None:
            continue
        if path.startswith(_NOT_INCLUDED):
            yield Attachment(name=None, mime=mime, placeholder=path)
        else:
            yield Attachment(name=path, mime=mime if key != "photo" else "image/jpeg")


def _extra(item: dict[str, Any], report: ParseReport, ref: str) -> dict[str, str | int | None]:
    extra: dict[str, str | int | None] = {}
    for key in ("id", "reply_to_message_id", "edited_unixtime"):
        value = integer(item, key)
        if value is not None:
            extra[key] = value
    for key in ("forwarded_from", "media_type", "sticker_emoji", "action"):
        value = text(item, key, report, ref)
        if value is not None:
            extra[key] = value
    return extra


register("telegram", detect_telegram, parse_telegram, description="Telegram Desktop result.json")
