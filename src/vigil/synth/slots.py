"""Fill `{slot}` templates and mistype quotes the way people really text.

Template syntax, kept deliberately tiny so phrase banks stay readable:
`{name}` a value of the case (a capitalised name capitalises the value),
`{a|b|c}` one of the alternatives, `{q:bank}` a quote from `quotes.QUOTES`.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping

from .quotes import QUOTES

_SLOT = re.compile(r"\{([^{}]+)\}")

# Text-speak substitutions seen in real message exports; applied word by word.
_TEXTSPEAK = {
    "you": "u",
    "your": "ur",
    "you're": "ur",
    "are": "r",
    "please": "pls",
    "because": "cos",
    "tonight": "tonite",
    "don't": "dont",
    "i'm": "im",
    "i'll": "ill",
    "can't": "cant",
    "won't": "wont",
    "that's": "thats",
    "okay": "ok",
    "why": "y",
    "for": "4",
    "see": "c",
    "know": "no",
    "before": "b4",
    "thanks": "thx",
    "going": "goin",
    "nothing": "nothin",
}

Value = str | Callable[[random.Random], str]


class SlotError(ValueError):
    """A template names a slot nobody provides: a bug in a phrase bank, not in the input."""


def mistype(rng: random.Random, text: str, rate: float) -> str:
    """Return `text` with text-speak, slips of the thumb and lost capitals at about `rate` per "
    "word."""
    if rate <= 0:
        return text
    words = text.split(" ")
    out: list[str] = []
    for word in words:
        core = word.rstrip(".,!?")
        tail = word[len(core) :]
        swap = _TEXTSPEAK.get(core.lower())
        if swap and rng.random() < rate * 3:
            word = swap + tail
        elif len(core) > 3 and rng.random() < rate:
            i = rng.randrange(1, len(core) - 1)
            slip = rng.randrange(3)
            if slip == 0:
                core = core[: i - 1] + core[i] + core[i - 1] + core[i + 1 :]
            elif slip == 1:
                core = core[:i] + core[i + 1 :]
            else:
                core = core[:i] + core[i] + core[i:]
            word = core + tail
        out.append(word)
    result = " ".join(out)
    if rng.random() < rate * 2:
        result = result.lower()
    if rng.random() < rate * 2:
        result = result.rstrip(".")
    return result


class Filler:
    """Renders templates against one case's values, drawing every choice from the case's own rng."""

    def __init__(self, rng: random.Random, values: Mapping[str, Value]) -> None:
        self.rng = rng
        self.values = dict(values)
        self.typo_rate = 0.0

    def __setitem__(self, name: str, value: Value) -> None:
        self.values[name] = value

    def __getitem__(self, name: str) -> str:
        return self._value(name)

    def render(self, template: str) -> str:
        return _SLOT.sub(lambda m: self._slot(m.group(1)), template)

    def pick(self, templates: tuple[str, ...] | list[str]) -> str:
        return self.render(self.rng.choice(templates))

    def _slot(self, body: str) -> str:
        if "|" in body:
            return self.render(self.rng.choice(body.split("|")))
        if body.startswith("q:"):
            bank = QUOTES.get(body[2:])
            if bank is None:
                raise SlotError(f"no quote bank named {body[2:]!r}")
            return mistype(self.rng, self.render(self.rng.choice(bank)), self.typo_rate)
        return self._value(body)

    def _value(self, name: str) -> str:
        if name in self.values:
            return self._resolve(self.values[name])
        lower = name[:1].lower() + name[1:]
        if lower != name and lower in self.values:
            text = self._resolve(self.values[lower])
            return text[:1].upper() + text[1:]
        raise SlotError(f"template slot {{{name}}} has no value")

    def _resolve(self, value: Value) -> str:
        text = value if isinstance(value, str) else value(self.rng)
        return self.render(text) if "{" in text else text
