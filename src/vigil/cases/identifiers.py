"""Normalise identifiers so the same phone, email or handle matches across records.

`07700 900123`, `+44 7700 900123` and `(07700) 900-123` are one number: stored as
E.164 (`+447700900123`) with `phonenumbers` (region GB by default). Emails are
lower-cased; handles keep their `@` and are lower-cased (platforms treat them
case-insensitively). Anything else (a name) is whitespace-collapsed and
case-folded. The raw text is always kept too: it is evidence.
"""

from __future__ import annotations

import re
from typing import NamedTuple

import phonenumbers

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_HANDLE = re.compile(r"^@[\w.]{1,100}$")
_PHONEISH = re.compile(r"^[+(]?[\d][\d\s().-]{5,}$")


class Normalised(NamedTuple):
    kind: str
    value: str


def normalise(raw: str, region: str = "GB") -> Normalised:
    text = raw.strip()
    if _EMAIL.match(text):
        return Normalised("email", text.lower())
    if _HANDLE.match(text):
        return Normalised("handle", text.lower())
    if _PHONEISH.match(text):
        try:
            number = phonenumbers.parse(text, region)
        except phonenumbers.NumberParseException:
            number = None
        if number is not None and phonenumbers.is_possible_number(number):
            return Normalised("phone", phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))
    return Normalised("name" if any(c.isalpha() for c in text) else "other", " ".join(text.split()).casefold())
