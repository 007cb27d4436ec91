"""A multi-pattern prefilter: which lexicon patterns can match a text, and where.

Python's `re` scans each of ~70 lexicon patterns over every text, which is
the engine's main cost. Hyperscan (a registry wheel on x86-64 Linux) scans all
of them at once in one pass; in prefilter mode it may report extra candidates
but never misses a match. The engine then runs the exact Python pattern only
over the sentences where a candidate ended, so results are identical with or
without it: the prefilter changes speed, never answers. Where Hyperscan is not
installed, everything is scanned in full.

Compiling the database takes a second or two, so it is built only once a
process has analysed enough texts for it to pay off.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

try:  # pragma: no cover - availability depends on the platform
    import hyperscan as _hs
except ImportError:  # pragma: no cover
    _hs = None

WARM_UP_TEXTS = 40


_STRAIGHTEN = {"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": ".", "\u00a0": " "}


def to_ascii(text: str) -> str:
    """One ASCII character for each character, applied alike to patterns and texts.

    Hyperscan's \\w and \\b are ASCII-only (its Unicode mode makes the database far too slow
    to build), so "the café window" would escape a pattern with \\w. Letters become "a",
    decimal digits "0", typographic punctuation its plain form, anything else "#": what Python's re
    matches in the text, the ASCII pattern matches in the ASCII text, and offsets are unchanged.
    """
    if text.isascii():
        return text
    out = []
    for ch in text:
        if ch.isascii():
            out.append(ch)
        elif ch in _STRAIGHTEN:
            out.append(_STRAIGHTEN[ch])
        elif ch.isdecimal():
            out.append("0")
        elif ch.isalnum():
            out.append("a")
        elif ch.isspace():
            out.append(" ")
        else:
            out.append("#")
    return "".join(out)


class Prefilter:
    def __init__(self, patterns: Sequence[re.Pattern[str]], *, warm_up: int = WARM_UP_TEXTS) -> None:
        self.patterns = list(patterns)
        self.index = {id(p): n for n, p in enumerate(self.patterns)}
        self._db = None
        self._scratch = None
        self._seen = 0
        self._warm_up = warm_up
        self._failed = _hs is None

    @property
    def available(self) -> bool:
        return not self._failed

    def _build(self) -> None:
        db = _hs.Database()
        flags = _hs.HS_FLAG_CASELESS | _hs.HS_FLAG_PREFILTER | _hs.HS_FLAG_ALLOWEMPTY
        try:
            db.compile(
                expressions=[to_ascii(p.pattern).encode("ascii") for p in self.patterns],
                ids=list(range(len(self.patterns))),
                elements=len(self.patterns),
                flags=[flags] * len(self.patterns),
            )
        except Exception:  # a pattern Hyperscan cannot take: fall back to full scans
            self._failed = True
            return
        self._db = db
        self._scratch = _hs.Scratch(db)

    def scan(self, text: str) -> dict[int, list[int]] | None:
        """Pattern index -> end offsets (in characters) of candidate matches; None means scan everything."""
        if self._failed:
            return None
        self._seen += 1
        if self._db is None:
            if self._seen < self._warm_up:
                return None
            self._build()
            if self._db is None:
                return None
        plain = to_ascii(text)
        ends: dict[int, list[int]] = {}

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ends.setdefault(pid, []).append(to)

        self._db.scan(plain.encode("ascii"), match_event_handler=on_match, scratch=self._scratch)
        return ends
