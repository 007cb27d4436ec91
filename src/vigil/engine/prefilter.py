"""A multi-pattern prefilter: which lexicon patterns can match a text, and where.

Python's `re` scans each of ~70 lexicon patterns over every text, which is
the engine's main cost. Hyperscan (a registry wheel on x86-64 Linux) scans all
of them at once in one pass; in prefilter mode it may report extra candidates
but never misses a match. The engine then runs the exact Python pattern only
over the sentences where a candidate ended, so results are identical with or
without it: the prefilter changes speed, never answers. Where Hyperscan is not
installed, everything is scanned in full.

Each alternative of a lexicon pattern is its own Hyperscan expression, so a text
that can match only two of a lexicon's hundreds of fragments is searched for
those two alone, each with its own compiled pattern, taking the earliest match
(the earlier fragment on a tie): any fragment that would match was reported, so
this finds exactly what the whole alternation finds, and no new pattern has to
be compiled for each set of fragments a text reports.

Compiling the database takes seconds, so it is built only once a process has
analysed enough texts for it to pay off. A caller outside the engine may attach
a store (the engine itself does no I/O): a database compiled once is then kept
and loaded in milliseconds by the next process.
"""

from __future__ import annotations

import contextlib
import hashlib
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol

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


# A run of lookbehinds and lookaheads with no groups inside: zero-width, so they match the same way alone.
_LOOKAROUNDS = re.compile(r"(?:\(\?<?[=!](?:[^()\\]|\\.)*\))*")


@dataclass(frozen=True)
class Alternation:
    """How a lexicon pattern was built: prefix (?:(?:a)|(?:b)|...) suffix, so it can be rebuilt from a subset."""

    prefix: str
    bodies: tuple[str, ...]
    suffix: str
    flags: int

    def source(self, chosen: Sequence[int] | None = None) -> str:
        picked = self.bodies if chosen is None else [self.bodies[i] for i in chosen]
        return self.prefix + "(?:" + "|".join(f"(?:{b})" for b in picked) + ")" + self.suffix

    def compile(self, chosen: Sequence[int] | None = None) -> re.Pattern[str]:
        return re.compile(self.source(chosen), self.flags)

    @property
    def assertions_only(self) -> bool:
        """Whether prefix and suffix only look around (so each alternative can be searched on its own)."""
        return _LOOKAROUNDS.fullmatch(self.prefix) is not None and _LOOKAROUNDS.fullmatch(self.suffix) is not None


@dataclass
class Candidates:
    """What one scan found: candidate end offsets per pattern, and which of its alternatives can match."""

    ends: dict[int, list[int]] = field(default_factory=dict)
    alternatives: dict[int, set[int]] = field(default_factory=dict)


_FLAGS_VERSION = "caseless|prefilter|allowempty"


class DatabaseStore(Protocol):
    """Where compiled databases are kept between processes, by a key that names exactly what was compiled."""

    def get(self, key: str) -> bytes | None: ...

    def put(self, key: str, blob: bytes) -> None: ...


class Prefilter:
    def __init__(
        self,
        patterns: Sequence[re.Pattern[str]],
        *,
        alternations: dict[int, Alternation] | None = None,
        warm_up: int = WARM_UP_TEXTS,
    ) -> None:
        self.patterns = list(patterns)
        self.index = {id(p): n for n, p in enumerate(self.patterns)}
        given = alternations or {}
        # Per pattern index, its alternation where it has one worth splitting.
        self._alternations = {
            n: given[id(p)] for n, p in enumerate(self.patterns) if id(p) in given and len(given[id(p)].bodies) > 1
        }
        # One compiled pattern per reported alternative, compiled when first reported (a bounded set).
        self._singles: dict[tuple[int, int], re.Pattern[str]] = {}
        self.store: DatabaseStore | None = None
        # Hyperscan expression id -> (pattern index, alternative index or -1 for the whole pattern).
        self._owners: list[tuple[int, int]] = []
        self._db = None
        self._scratch = None
        self._seen = 0
        self._warm_up = warm_up
        self._failed = _hs is None

    @property
    def available(self) -> bool:
        return not self._failed

    def _expressions(self) -> tuple[list[str], list[tuple[int, int]]]:
        sources: list[str] = []
        owners: list[tuple[int, int]] = []
        for n, p in enumerate(self.patterns):
            alt = self._alternations.get(n)
            if alt is None:
                sources.append(p.pattern)
                owners.append((n, -1))
            else:
                for i in range(len(alt.bodies)):
                    sources.append(alt.source([i]))
                    owners.append((n, i))
        return sources, owners

    def store_key(self) -> str:
        """Names the database exactly: the expressions, the flags and the Hyperscan release that compiled it."""
        sources, _ = self._expressions()
        digest = hashlib.sha256("\n".join([_FLAGS_VERSION, *sources]).encode("utf-8")).hexdigest()
        release = getattr(_hs, "__version__", "unknown") if _hs is not None else "none"
        return f"hyperscan-{release}-{digest[:32]}"

    def _load(self) -> bool:
        """Take a database kept by an earlier process, if the store has this one."""
        if self.store is None or _hs is None:
            return False
        blob = self.store.get(self.store_key())
        if not blob:
            return False
        try:
            db = _hs.loadb(blob, _hs.HS_MODE_BLOCK)
            scratch = _hs.Scratch(db)
        except Exception:  # a damaged or foreign file: compile afresh
            return False
        self._db, self._scratch = db, scratch
        self._owners = self._expressions()[1]
        return True

    def _build(self) -> None:
        db = _hs.Database()
        flags = _hs.HS_FLAG_CASELESS | _hs.HS_FLAG_PREFILTER | _hs.HS_FLAG_ALLOWEMPTY
        sources, owners = self._expressions()
        try:
            db.compile(
                expressions=[to_ascii(s).encode("ascii") for s in sources],
                ids=list(range(len(sources))),
                elements=len(sources),
                flags=[flags] * len(sources),
            )
        except Exception:  # a pattern Hyperscan cannot take: fall back to full scans
            self._failed = True
            return
        self._db = db
        self._scratch = _hs.Scratch(db)
        self._owners = owners
        if self.store is not None:
            with contextlib.suppress(Exception):  # keeping it is only a saving
                self.store.put(self.store_key(), _hs.dumpb(db))

    def finditer(
        self, pid: int, pattern: re.Pattern[str], found: Candidates, text: str, pos: int, endpos: int
    ) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text, pos, endpos)`, searching only the alternatives the scan reported.

        The lexicon's prefix and suffix are zero-width assertions, so at any start the alternation matches
        exactly as its first alternative that matches there does: searching each reported alternative on
        its own and taking the earliest start (the earlier alternative on a tie) gives the same matches
        as the alternation, without compiling a new pattern for every set of alternatives a text reports.
        """
        alt = self._alternations.get(pid)
        chosen = found.alternatives.get(pid)
        if alt is None or chosen is None or len(chosen) == len(alt.bodies) or not alt.assertions_only:
            yield from pattern.finditer(text, pos, endpos)
            return
        singles = [self._single(pid, alt, i) for i in sorted(chosen)]
        nexts = [p.search(text, pos, endpos) for p in singles]
        while True:
            best: re.Match[str] | None = None
            for m in nexts:
                if m is not None and (best is None or m.start() < best.start()):
                    best = m
            if best is None:
                return
            if best.end() == best.start():  # an empty match: let re apply its own rule for what follows
                yield from pattern.finditer(text, best.start(), endpos)
                return
            yield best
            pos = best.end()
            nexts = [
                m if m is None or m.start() >= pos else singles[k].search(text, pos, endpos)
                for k, m in enumerate(nexts)
            ]

    def _single(self, pid: int, alt: Alternation, i: int) -> re.Pattern[str]:
        key = (pid, i)
        hit = self._singles.get(key)
        if hit is None:
            hit = self._singles[key] = alt.compile([i])
        return hit

    def scan(self, text: str) -> Candidates | None:
        """What can match where (offsets in characters); None means scan everything."""
        if self._failed:
            return None
        self._seen += 1
        if self._db is None:
            if self._seen == 1 and self._load():
                pass  # kept by an earlier process: no warm-up needed
            elif self._seen < self._warm_up:
                return None
            else:
                self._build()
            if self._db is None:
                return None
        plain = to_ascii(text)
        found = Candidates()
        ends, alternatives, owners = found.ends, found.alternatives, self._owners

        def on_match(eid: int, _from: int, to: int, _flags: int, _ctx: object) -> None:
            pid, alt = owners[eid]
            ends.setdefault(pid, []).append(to)
            if alt >= 0:
                alternatives.setdefault(pid, set()).add(alt)

        self._db.scan(plain.encode("ascii"), match_event_handler=on_match, scratch=self._scratch)
        return found
