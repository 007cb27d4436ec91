"""Find whole words from a list in a text by looking each word up, not by a regex alternation.

Python's `re` tries every alternative of an alternation at every position, so a list of a hundred
words costs a hundred attempts per character; cutting the text into words once and looking each
up in a set costs one attempt per word. The matches are the same as the alternation's (leftmost,
longest first, not overlapping): entries that are not a single word ("no one", "passer-by", "w/o")
are few and are still found by a small regex, and the two are merged as the alternation would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_RUN = re.compile(r"[\w'’]+")
_SINGLE_WORD = re.compile(r"\w+")
_QUOTES = "'’"


@dataclass(frozen=True)
class WordTable:
    """Whole words (lower case) and the pattern for entries that are not one word.

    `after_quote`: whether a word may stand right after an opening quote ("'brother"). The two
    boundary rules the lexicon uses differ only in that: `(?<![\\w'’])` (not after a quote) and
    `(?<![\\w])(?<![\\w]['’])` (after a quote, unless the quote closes a word).
    """

    words: frozenset[str]
    phrases: re.Pattern[str] | None
    after_quote: bool

    @classmethod
    def of(cls, entries: Iterable[str], *, after_quote: bool) -> WordTable:
        listed = [str(e) for e in entries]
        words = frozenset(e.lower() for e in listed if _SINGLE_WORD.fullmatch(e))
        phrases = sorted((e for e in listed if not _SINGLE_WORD.fullmatch(e)), key=len, reverse=True)
        lead = r"(?<![\w])(?<![\w]['’])" if after_quote else r"(?<![\w'’])"
        pattern = (
            re.compile(lead + "(" + "|".join(re.escape(p) for p in phrases) + r")(?![\w'’])", re.I) if phrases else None
        )
        return cls(words, pattern, after_quote)

    def spans(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of each entry standing as a whole word or phrase, left to right, not overlapping."""
        found: list[tuple[int, int]] = []
        words = self.words
        lower = text.lower()
        if len(lower) != len(text):  # a letter whose lower case is longer would shift the offsets
            lower = "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)
        for m in _RUN.finditer(lower):
            word = m.group()
            if "'" in word or "’" in word:
                # An entry has no quote in it and no word or quote after it, so only the run's last piece can
                # be one, and that piece may follow a quote only if the quote does not close a word ("Kim's").
                cut = max(word.rfind("'"), word.rfind("’"))
                if not self.after_quote or (cut > 0 and word[cut - 1] not in _QUOTES):
                    continue
                if word[cut + 1 :] in words:
                    found.append((m.start() + cut + 1, m.end()))
            elif word in words:
                found.append(m.span())
        if self.phrases is None:
            return found
        phrased = [(m.start(), m.end()) for m in self.phrases.finditer(text)]
        if not phrased:
            return found
        merged: list[tuple[int, int]] = []
        last_end = -1
        for start, end in sorted(found + phrased, key=lambda s: (s[0], -s[1])):
            if start >= last_end:
                merged.append((start, end))
                last_end = end
        return merged
