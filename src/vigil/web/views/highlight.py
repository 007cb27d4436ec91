"""Mark the words each behaviour finding rests on inside an incident's narrative.

The engine quotes its evidence; this module only finds those quotes in the
text and wraps them in `<mark>`, labelled with the behaviour, so the officer
sees exactly which words Vigil read as, say, a threat to kill. Nothing is
re-derived: a finding whose words cannot be found is listed, not guessed at.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from vigil.web.words import code_words


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    labels: tuple[str, ...]


def evidence_words(finding: dict[str, Any]) -> str | None:
    """The quoted words of a finding that can appear in the narrative, or None."""
    source = finding.get("source", "narrative")
    text = (finding.get("evidence") or "").strip()
    if source == "channel":
        _, sep, rest = text.partition(": ")
        text = rest.strip() if sep else ""
    elif source != "narrative":
        return None
    return text or None


def _locate(narrative: str, words: str) -> tuple[int, int] | None:
    at = narrative.find(words)
    if at < 0:
        lowered = narrative.lower()
        at = lowered.find(words.lower())
    if at < 0:
        return None
    return at, at + len(words)


def spans(narrative: str, findings: Iterable[dict[str, Any]]) -> list[Span]:
    """Non-overlapping spans, each with every behaviour whose words fall in it."""
    raw: list[tuple[int, int, str]] = []
    for f in findings:
        words = evidence_words(f)
        if not words:
            continue
        where = _locate(narrative, words)
        if where:
            raw.append((*where, code_words(f.get("type"))))
    raw.sort()
    merged: list[Span] = []
    for start, end, label in raw:
        if merged and start < merged[-1].end:
            last = merged[-1]
            labels = last.labels if label in last.labels else (*last.labels, label)
            merged[-1] = Span(last.start, max(last.end, end), labels)
        else:
            merged.append(Span(start, end, (label,)))
    return merged


def highlight(narrative: str | None, findings: Iterable[dict[str, Any]]) -> Markup:
    """The narrative as safe HTML with each finding's words in a labelled `<mark>`."""
    text = narrative or ""
    out: list[str] = []
    pos = 0
    for span in spans(text, findings):
        label = "; ".join(span.labels)
        out.append(str(escape(text[pos : span.start])))
        out.append(
            f'<mark title="{escape(label)}"><span class="visually-hidden">[{escape(label)}: </span>'
            f"{escape(text[span.start : span.end])}"
            f'<span class="visually-hidden">]</span></mark>'
        )
        pos = span.end
    out.append(str(escape(text[pos:])))
    return Markup("".join(out))
