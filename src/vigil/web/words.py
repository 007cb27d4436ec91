"""The contract's codes in plain words, as caseworkers and prosecutors read them.

Risk is always given in words (and a shape), never by colour alone. Titles come
from the law data where it has them, so the screen and the PDF say what the law
files say.
"""

from __future__ import annotations

import re

from vigil.law import load_law

CATEGORY_LABELS = {
    "stalking-fear-or-distress": "Stalking involving fear of violence or serious alarm or distress",
    "stalking": "Stalking",
    "harassment-fear-of-violence": "Harassment putting people in fear of violence",
    "harassment": "Harassment",
    "single-incident": "Single incident (no course of conduct)",
    "no-offence": "No offence identified",
}
RISK_LABELS = {"high": "High risk", "medium": "Medium risk", "standard": "Standard risk"}
#: A shape per level, so the level reads without colour (and in greyscale print).
RISK_SYMBOLS = {"high": "▲", "medium": "◆", "standard": "●"}

_ACT = re.compile(r"^([A-Z]+)(\d{4})$")


def category_label(code: str | None) -> str:
    if not code:
        return "Not yet assessed"
    return CATEGORY_LABELS.get(code, code_words(code))


def risk_label(level: str | None) -> str:
    return RISK_LABELS.get(level or "standard", f"{level} risk")


def risk_symbol(level: str | None) -> str:
    return RISK_SYMBOLS.get(level or "standard", "●")


def code_words(code: str | None) -> str:
    """'apply-stalking-protection-order' -> 'Apply stalking protection order', or the law's title."""
    if not code:
        return ""
    law = load_law()
    for table in (law.actions, law.behaviours, law.risk_items, law.orders, law.conditions):
        found = table.get(code)  # type: ignore[call-overload]
        if found is not None:
            return found.title
    text = code.replace("-", " ")
    return text[:1].upper() + text[1:]


def offence_short(code: str) -> str:
    """'PHA1997-s4A' -> 'PHA 1997 s.4A'; 'PHA1997-s3-6' -> 'PHA 1997 s.3(6)'."""
    act, _, section = code.partition("-")
    m = _ACT.match(act)
    act_words = f"{m.group(1)} {m.group(2)}" if m else act
    if not section:
        return act_words
    head, *subs = section.lstrip("s").split("-")
    return f"{act_words} s.{head}" + "".join(f"({s})" for s in subs)


def order_title(order_type: str | None) -> str:
    """'restraining-order' -> 'restraining order' (lower case, for use mid-sentence)."""
    if not order_type:
        return "order"
    found = load_law().orders.get(order_type)  # type: ignore[call-overload]
    title = found.title if found is not None else order_type.replace("-", " ")
    return title[:1].lower() + title[1:] if not title[:3].isupper() else title


ALERT_LABELS = {
    "new-breach": "New breach of an order",
    "risk-rise": "Risk raised",
    "escalation": "Escalation",
    "override-lapsed": "Risk judgement lapsed",
}


def alert_label(kind: str) -> str:
    return ALERT_LABELS.get(kind, code_words(kind))
