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
        flags = _hs.HS_FLAG_CASELESS | _hs.HS_FLAG_UTF8 | _hs.HS_FLAG_PREFILTER | _hs.HS_FLAG_ALLOWEMPTY
        try:
            db.compile(
                expressions=[p.pattern.encode("utf-8") for p in self.patterns],
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
        data = text.encode("utf-8")
        ends: dict[int, list[int]] = {}

        def on_match(pid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            ends.setdefault(pid, []).append(to)

        self._db.scan(data, match_event_handler=on_match, scratch=self._scratch)
        if not ends or data.isascii():
            return ends
        # Byte offsets to character offsets for non-ASCII text.
        chars = _byte_to_char(data)
        return {pid: [chars[e] for e in offs] for pid, offs in ends.items()}


def _byte_to_char(data: bytes) -> list[int]:
    """Character index of the boundary at each byte offset of UTF-8 data (continuation bytes do not count)."""
    boundary = [0] * (len(data) + 1)
    n = 0
    for i, b in enumerate(data):
        boundary[i] = n
        if (b & 0xC0) != 0x80:
            n += 1
    boundary[len(data)] = n
    return boundary
