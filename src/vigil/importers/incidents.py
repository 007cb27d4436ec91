"""From imported messages to `vigil.case/1` incidents the engine can assess.

One incident per burst of contact from one suspect account on one channel: a
barrage of 40 texts in ten minutes is one occasion, a message the next day is
another. That matches how officers count occasions for a course of conduct,
and keeps each incident's narrative the suspect's own words with their times.

The victim's replies are never part of a narrative (the engine would read
"I'll kill you if you come here again" in a frightened reply as the suspect's
threat); they travel in a separate `context` list so a reader sees the
exchange. Messages from anyone else, and system events, make no incident.
Every incident lists the source reference and canonical hash of each message
it rests on, so a finding can be traced back to the exact bytes of the export.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping
from datetime import timedelta
from typing import Any

import phonenumbers

from vigil.errors import UsageError

from .model import Message
from .whatsapp_lines import strip_marks
from .zones import resolve_zone

_PHONE = re.compile(r"\+?[\d\s\-().]{6,}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def identifier_key(identifier: str) -> str:
    """One spelling per identity: E.164 for UK-style phone numbers, lower case for the rest.

    '07700 900123', '+44 7700 900123' and '+447700900123' must all match, or a
    suspect's texts would be missed because the phone wrote the number
    differently from the officer.
    """
    text = " ".join(strip_marks(identifier).split())
    if _PHONE.fullmatch(text) and sum(c.isdigit() for c in text) >= 6:
        try:
            number = phonenumbers.parse(text, "GB")
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_possible_number(number):
            return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        return "".join(c for c in text if c.isdigit() or c == "+")
    if _EMAIL.fullmatch(text):
        return text.casefold()
    return text.removeprefix("@").casefold()


def _keys(identifiers: Iterable[str]) -> set[str]:
    return {identifier_key(i) for i in identifiers if isinstance(i, str) and i.strip()}


def group_into_incidents(
    messages: Iterable[Message],
    suspect_identifiers: Mapping[str, Iterable[str]] | Iterable[str],
    victim_identifiers: Iterable[str],
    gap_minutes: float = 30,
    *,
    tz: str = "UTC",
    id_prefix: str = "MSG",
) -> list[dict[str, Any]]:
    """vigil.case/1 incident dicts, one per burst of suspect contact, oldest first.

    `suspect_identifiers` is either {suspect_id: [identifiers]} (incidents then
    carry `suspect_id`) or a plain list (the account is known but the person is
    not, as with an unattributed fake account). `tz` is the zone the narrative
    and `occurred_at` are written in; the instant is the same either way.
    """
    if gap_minutes <= 0:
        raise UsageError("gap_minutes must be positive", hint="e.g. 30")
    zone = resolve_zone(tz)
    owners = _suspect_keys(suspect_identifiers)
    victims = _keys(victim_identifiers)
    both = sorted(set(owners) & victims)
    if both:
        raise UsageError(
            f"identifier(s) listed for both the suspect and the victim: {', '.join(both)}",
            hint="an account belongs to one side; check the identifiers",
        )
    gap = timedelta(minutes=gap_minutes)
    conduct: dict[tuple[str, str], list[Message]] = {}
    context: dict[str, list[Message]] = {}
    for message in messages:
        if message.is_system:
            continue
        who = _side(message, owners, victims)
        if who is None:
            continue
        if who == "victim":
            context.setdefault(message.channel.value, []).append(message)
        else:
            conduct.setdefault((identifier_key(message.sender), message.channel.value), []).append(message)
    for found in context.values():
        found.sort(key=lambda m: m.sent_at)
    incidents = []
    for (_account, channel), items in conduct.items():
        items.sort(key=lambda m: m.sent_at)
        for burst in _bursts(items, gap):
            suspect_id = _owner_of(burst[0], owners)
            near = _context(burst, context.get(channel, []), gap, owners)
            incidents.append(_incident(burst, near, suspect_id, zone, id_prefix))
    incidents.sort(key=lambda i: (i["occurred_at_utc"], i["id"]))
    for incident in incidents:
        del incident["occurred_at_utc"]
    return incidents


def _suspect_keys(
    identifiers: Mapping[str, Iterable[str]] | Iterable[str],
) -> dict[str, str | None]:
    if isinstance(identifiers, str):
        raise UsageError("suspect_identifiers must be a list or a mapping, not one string")
    if isinstance(identifiers, Mapping):
        return {key: sid for sid, values in identifiers.items() for key in _keys(values)}
    return dict.fromkeys(_keys(identifiers))


def _side(message: Message, owners: Mapping[str, str | None], victims: set[str]) -> str | None:
    for name in (message.sender, message.sender_display):
        if not name:
            continue
        key = identifier_key(name)
        if key in owners:
            return "suspect"
        if key in victims:
            return "victim"
    return None


def _owner_of(message: Message, owners: Mapping[str, str | None]) -> str | None:
    for name in (message.sender, message.sender_display):
        if name and identifier_key(name) in owners:
            return owners[identifier_key(name)]
    return None


def _bursts(items: list[Message], gap: timedelta) -> Iterable[list[Message]]:
    burst = [items[0]]
    for message in items[1:]:
        if message.sent_at - burst[-1].sent_at > gap:
            yield burst
            burst = []
        burst.append(message)
    yield burst


def _context(
    burst: list[Message], replies: list[Message], gap: timedelta, owners: Mapping[str, str | None]
) -> list[Message]:
    times = [m.sent_at for m in replies]
    low = bisect_left(times, burst[0].sent_at - gap)
    high = bisect_right(times, burst[-1].sent_at + gap)
    accounts = {identifier_key(m.sender) for m in burst}
    return [
        m for m in replies[low:high] if not m.recipients or any(identifier_key(r) in accounts for r in m.recipients)
    ]


def _incident(
    burst: list[Message], near: list[Message], suspect_id: str | None, zone: Any, prefix: str
) -> dict[str, Any]:
    first = burst[0]
    incident: dict[str, Any] = {
        "id": f"{prefix}-{first.canonical_hash[:12]}",
        "occurred_at": first.sent_at.astimezone(zone).isoformat(timespec="seconds"),
        "occurred_at_utc": first.sent_at,
        "channel": first.channel.value,
        "account": first.sender,
        "narrative": "\n".join(_line(m, zone) for m in burst),
        "evidence": [{"source_ref": m.source_ref, "canonical_hash": m.canonical_hash} for m in burst],
        "context": [
            {
                "sent_at": m.sent_at.astimezone(zone).isoformat(timespec="seconds"),
                "sender": m.sender,
                "text": m.text,
                "source_ref": m.source_ref,
                "canonical_hash": m.canonical_hash,
            }
            for m in near
        ],
    }
    if suspect_id is not None:
        incident["suspect_id"] = suspect_id
    return incident


def _line(message: Message, zone: Any) -> str:
    local = message.sent_at.astimezone(zone)
    words = message.text.replace("\n", "\n    ")
    unmentioned = [a for a in message.attachments if not (a.placeholder and a.placeholder in message.text)]
    media = " ".join(f"[attachment: {a.name or a.placeholder or a.mime or 'unnamed'}]" for a in unmentioned)
    words = f"{words} {media}".strip()
    who = message.sender_display or message.sender
    return f"[{local:%Y-%m-%d %H:%M:%S} {local.tzname()}] {who}: {words or '(no text)'}"
