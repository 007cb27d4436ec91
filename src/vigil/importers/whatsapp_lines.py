"""Reading one WhatsApp export line: the header, the clock, the sender, and what kind of line it is.

WhatsApp writes the header in the phone's locale: Android
`12/03/2024, 21:14 - Name: text`, iOS `[12/03/2024, 21:14:05] Name: text`,
12- or 24-hour clocks, `p. m.` in Spanish, a narrow no-break space (U+202F)
before AM/PM on recent iPhones, and invisible direction marks (LRM, U+202A…)
around names and placeholders. The day/month order cannot be read from one
line, so `Header` keeps the three date fields raw and the caller decides the
order from the whole file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
_MARK_RE = re.compile(f"[{MARKS}]+")
_SP = "[ \u00a0\u202f\u2009]"
_STAMP_EDGES = MARKS + " \u00a0\u202f\u2009[]-–"

HEADER = re.compile(
    rf"[{MARKS}]*(?P<open>\[)?[{MARKS}]*"
    r"(?P<a>\d{1,4})(?P<sep>[./-])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,4})"
    rf"\.?,?{_SP}?(?P<h>\d{{1,2}})[:.](?P<mi>\d\d)(?:[:.](?P<s>\d\d))?"
    rf"(?:{_SP}?(?P<ampm>[AaPp]\.?{_SP}?[Mm]\.?))?"
    rf"[{MARKS}]*(?(open)\]{_SP}|{_SP}?[-–]{_SP})"
    r"(?P<rest>.*)"
)

SYSTEM_PHRASES = (
    "messages and calls are end-to-end encrypted",
    "messages to this group are now secured with end-to-end encryption",
    "created group",
    "created this group",
    "added you",
    " added ",
    " removed ",
    " left",
    "joined using this group's invite link",
    "changed the subject",
    "changed this group's",
    "changed the group",
    "changed their phone number",
    "changed to +",
    "security code changed",
    "your security code with",
    "you're now an admin",
    "you blocked this contact",
    "you unblocked this contact",
    "disappearing messages",
    "this chat is with a business account",
    "waiting for this message",
)
_SYSTEM_SENDER_HINTS = ("changed the subject", "changed the group", "changed this group")

_ATTACHED_IOS = re.compile(r"<attached: (?P<name>[^>]{1,255})>")
_ATTACHED_ANDROID = re.compile(r"^(?P<name>[^\n]{1,255}?) \(file attached\)")
MEDIA_OMITTED = (
    "<media omitted>",
    "image omitted",
    "video omitted",
    "audio omitted",
    "sticker omitted",
    "gif omitted",
    "document omitted",
    "contact card omitted",
)
DELETED = ("this message was deleted", "you deleted this message")
MISSED_CALL = ("missed voice call", "missed video call")


@dataclass(frozen=True, slots=True)
class Header:
    """A matched header line with its raw pieces; `bracketed` is the iOS style."""

    bracketed: bool
    a: str
    b: str
    c: str
    hour: int
    minute: int
    second: int
    ampm: str | None
    rest: str
    stamp: str

    @property
    def year_first(self) -> bool:
        return len(self.a) == 4


def match_header(line: str) -> Header | None:
    found = HEADER.match(line)
    if found is None:
        return None
    bracket, a, b, c, hour, minute, sec, ampm, rest = found.group("open", "a", "b", "c", "h", "mi", "s", "ampm", "rest")
    return Header(
        bracketed=bracket is not None,
        a=a,
        b=b,
        c=c,
        hour=int(hour),
        minute=int(minute),
        second=int(sec) if sec else 0,
        ampm=ampm,
        rest=rest,
        stamp=line[: found.start("rest")].strip(_STAMP_EDGES),
    )


def local_time(header: Header, day_first: bool) -> datetime:
    """The naive local clock reading; ValueError if the date or time cannot exist."""
    if header.year_first:
        year, month, day = int(header.a), int(header.b), int(header.c)
    else:
        first, second, year = int(header.a), int(header.b), int(header.c)
        day, month = (first, second) if day_first else (second, first)
        if len(header.c) <= 2:
            year += 2000
        elif len(header.c) == 3:
            raise ValueError(f"three-digit year {header.c!r}")
    hour = header.hour
    if header.ampm is not None:
        if not 1 <= hour <= 12:
            raise ValueError(f"hour {hour} on a 12-hour clock")
        is_pm = header.ampm.lstrip()[0] in "Pp"
        hour = (hour % 12) + (12 if is_pm else 0)
    return datetime(year, month, day, hour, header.minute, header.second)


def strip_marks(text: str) -> str:
    return text if text.isascii() else _MARK_RE.sub("", text)


def split_sender(header: Header) -> tuple[str | None, str]:
    """(sender, text); sender is None for authorless system lines.

    Android writes system events without a sender ("Dan added Sue"); a subject
    change can contain ": " inside quotes, so a would-be sender that reads like
    an event is treated as one.
    """
    rest = header.rest
    cut = rest.find(": ")
    if cut < 0:
        if rest.endswith(":") and 0 < len(rest) - 1 <= 100:
            return strip_marks(rest[:-1]).strip(), ""
        return None, rest
    candidate = rest[:cut]
    low = candidate.lower()
    if len(candidate) > 100 or any(hint in low for hint in _SYSTEM_SENDER_HINTS):
        return None, rest
    return strip_marks(candidate).strip(), rest[cut + 2 :]


def is_system_text(text: str) -> bool:
    """An iOS system event: the chat's own name as sender and a known phrase as text."""
    if text.startswith("\u200e"):
        low = strip_marks(text).lower()
        return any(phrase in low for phrase in SYSTEM_PHRASES)
    if "end-to-end" not in text:
        return False
    low = text.lower()
    return any(phrase in low for phrase in SYSTEM_PHRASES[:2])


def attachment_names(text: str) -> list[tuple[str | None, str]]:
    """(file name or None, placeholder text) for every media reference in a message."""
    found: list[tuple[str | None, str]] = []
    if "attached" not in text and "omitted" not in text.lower():
        return found
    for match in _ATTACHED_IOS.finditer(text):
        found.append((match.group("name").strip(), match.group(0)))
    android = _ATTACHED_ANDROID.match(strip_marks(text))
    if android:
        found.append((android.group("name").strip(), android.group(0)))
    low = strip_marks(text).strip().lower()
    if not found and low in MEDIA_OMITTED:
        found.append((None, strip_marks(text).strip()))
    return found


def event_meta(text: str) -> dict[str, str | bool]:
    if len(text) > 40:
        return {}
    low = strip_marks(text).strip().lower()
    if low in DELETED:
        return {"deleted": True}
    if low in MISSED_CALL:
        return {"event": low.replace(" ", "-")}
    return {}
