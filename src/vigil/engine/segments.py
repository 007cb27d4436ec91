"""Cut a text into sentences, clauses, quotes and chat lines, and read text-speak as English.

Pure string functions: they know nothing about people or the law.
"""

from __future__ import annotations

import re

from .lexicon import Compiled

# ... and before a lower-case "i", as texts are written ("blocking me wont work. i still got ur pics").
_SENT_END = re.compile(r"(?<=[.!?])['’\"”)]?\s+(?=[A-Z'‘\"“(\d£€$@]|i\b)")
# Each item of a bulleted list is its own sentence, full stop or not ("OIC summary:\n- Trail camera ...\n- 02:14 ...").
_BULLET = re.compile(r"\n[ \t]*(?=[-*•–][ \t]+\S)")
_ABBREV = re.compile(r"(?:\b(?:no|mr|mrs|ms|dr|st|approx|e\.g|i\.e|etc|vs|pc|dc|ds|sgt|insp|tel|ref|ch)\.)$", re.I)
_CLAUSE_BOUNDARY = re.compile(
    # ("came after me", "before her": a preposition with its object, not a new clause)
    r"[;:,]|\s(?:but|and then|and|then|when|while|whilst|because|although|though|until|so|"
    r"after(?!\s(?:me|her|him|them|us|you|it)\b)|before(?!\s(?:me|her|him|them|us|you|it)\b)|as soon as|yet)\s",
    re.I,
)
_QUOTE_PAIRS = {"'": "'", '"': '"', "‘": "’", "“": "”"}
_DOUBLE, _SINGLE = '"“', "'‘"


_CHAT_LINE = re.compile(
    r"^[ \t]*(?P<stamp>\[[^\]\n]{3,32}\][ \t]*|\d{1,2}[/.]\d{1,2}(?:[/.]\d{2,4})?,?[ \t]+\d{1,2}[:.]\d{2}"
    r"(?::\d{2})?(?:[ \u202f]?[AaPp]\.?[Mm]\.?)?[ \t]*[-–][ \t]*)?"
    r"(?P<name>[^:\n\[\]]{1,40}?):[ \t]+(?P<body>\S[^\n]*)$",
    re.M,
)


# Several stamped messages run together on one line: "[00:12] nyx_wolf: ... [00:13] nyx_wolf: ...".
_INLINE_CHAT = re.compile(
    r"\[\d{1,2}[:.]\d{2}[^\]\n]{0,24}\][ \t]*(?P<name>[^:\n\[\]]{1,40}?):[ \t]+(?P<body>[^\[\n]*[^\[\s])"
)


def find_chat_lines(text: str) -> list[tuple[int, int, str]]:
    """Lines of a pasted chat export ("[08/02/2025, 23:12] Kay: text"): (start, end, speaker name).

    A line counts when it has a timestamp, or when at least two such
    "Name: text" lines stand together, so a label like "Note: ..." is not speech.
    """
    lines = [
        (m.start("body"), m.end("body"), m.group("name").strip(), bool(m.group("stamp")))
        for m in _CHAT_LINE.finditer(text)
    ]
    inline = [(m.start("body"), m.end("body"), m.group("name").strip(), True) for m in _INLINE_CHAT.finditer(text)]
    if len(inline) >= 2:
        # The line pattern takes a whole line from its first stamp; the inline one splits it per message.
        covered = {x[0] for x in inline}
        lines = [x for x in lines if not any(x[0] <= c < x[1] for c in covered)] + inline
        lines.sort()
    if not lines:
        return []
    stamped = [x for x in lines if x[3]]
    chosen = stamped if stamped else (lines if len(lines) >= 2 else [])
    return [(s, e, name) for s, e, name, _ in chosen]


def normalise(text: str, compiled: Compiled) -> tuple[str, list[int] | None]:
    """Text-speak and dialect read as standard English ("u" -> "you", "yer heed" -> "your head").

    Returns the normalised text and, when anything changed, a map from each normalised
    offset to the original offset, so evidence can quote the words as written.
    """
    table = compiled.normalise_words
    if table is None:
        return text, None
    pieces: list[str] = []
    origin: list[int] = []
    last = 0
    changed = False
    for start, end in table.spans(text):
        word = text[start:end]
        replacement = compiled.normalise.get(word.lower())
        if replacement is None:
            continue
        if word[0].isupper():
            replacement = replacement[0].upper() + replacement[1:]
        changed = True
        pieces.append(text[last:start])
        origin.extend(range(last, start))
        pieces.append(replacement)
        origin.extend([start] * len(replacement))
        last = end
    if not changed:
        return text, None
    pieces.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return "".join(pieces), origin


def split_sentences(text: str) -> list[int]:
    """Start offsets of sentences (abbreviations such as "no." and "Mr." do not end one)."""
    starts = [0]
    for m in _SENT_END.finditer(text):
        before = text[max(0, m.start() - 8) : m.start()]
        if _ABBREV.search(before):
            continue
        starts.append(m.end())
    if "\n" in text:
        starts = sorted({*starts, *(m.end() for m in _BULLET.finditer(text))})
    return starts


_LOWER_WORD_AFTER = re.compile(r" [a-z]")
_OPENS = re.compile(r"(?:^|[\s(\[{:—–/-])['‘\"“](?=\S)")


def _closing(text: str, i: int, ch: str, close: str) -> int:
    """Where the quote opened at i (or an apostrophe at i) closes: a mark after a word and not before one."""
    n = len(text)
    j = i + 1
    while j < n:
        c = text[j]
        if c == close or (ch == "'" and c == "’") or (ch == '"' and c == "”"):
            after = text[j + 1] if j + 1 < n else " "
            if not text[j - 1].isspace() and not after.isalnum():
                return j
        j += 1
    return n


def find_quotes(text: str, nested: bool = False) -> list[tuple[int, int]]:
    """Spans of quoted text (inside the marks). Apostrophes inside words are not quotes.

    With nested, also the quotes inside a quote in the other kind of mark: a witness statement in single marks that
    quotes the suspect in double ones ('I heard him say, "Do it again and I'll break your jaw."') holds his words.
    """
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch in _QUOTE_PAIRS:
            prev = text[i - 1] if i else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if (prev.isspace() or prev in '([{:—-–/"“') and not nxt.isspace():
                close = _QUOTE_PAIRS[ch]
                j = _closing(text, i, ch, close)
                # "'Keep your customers' cars out of my yard or I'll cave your head in.'": a plural's apostrophe
                # before a lower-case word is not the end, when the quote closes further on before another opens.
                if j < n and ch in "'‘" and text[j - 1] == "s" and _LOWER_WORD_AFTER.match(text, j + 1):
                    later = _closing(text, j, ch, close)
                    if later < n and not _OPENS.search(text, j + 1, later):
                        j = later
                if j < n:
                    spans.append((i + 1, j))
                    if nested:
                        other = _DOUBLE if ch in "'‘" else _SINGLE
                        inner = text[i + 1 : j]
                        spans += [(i + 1 + a, i + 1 + b) for a, b in find_quotes(inner) if inner[a - 1] in other]
                    i = j + 1
                    continue
        i += 1
    return spans
