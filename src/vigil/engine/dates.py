"""Month names, for dates that records write in words ("on Sunday 19 July", "served ... on 14 April 2026")."""

from __future__ import annotations

# Monday first, as datetime.weekday() counts (and not strftime's locale).
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december",
)  # fmt: skip


def month_number(word: str) -> int:
    """1 to 12 for a month's name or its first three letters ("Sept" is September); 0 for any other word."""
    key = word.lower()[:3]
    return next((n for n, name in enumerate(MONTHS, 1) if name[:3] == key), 0)
