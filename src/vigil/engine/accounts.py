"""Step 5: link anonymous or pseudonymous accounts to a suspect, with reasons.

A link needs a strong reason (the account is tied to one of the suspect's own
identifiers in the record) or at least two weaker ones (the same distinctive
phrasing, knowledge only the suspect had, a new account appearing soon after
the suspect's own contact). An account is never linked on one weak reason.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from dataclasses import dataclass, field

from vigil.contract import Case, Incident

from .behaviours import CaseText

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "if",
        "of",
        "to",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "i",
        "you",
        "he",
        "she",
        "it",
        "we",
        "they",
        "me",
        "him",
        "her",
        "us",
        "them",
        "my",
        "your",
        "his",
        "its",
        "our",
        "their",
        "this",
        "that",
        "these",
        "those",
        "so",
        "not",
        "no",
        "do",
        "does",
        "did",
        "have",
        "has",
        "had",
        "will",
        "would",
        "shall",
        "should",
        "can",
        "could",
        "may",
        "might",
        "must",
        "just",
        "what",
        "who",
        "whom",
        "which",
        "when",
        "where",
        "why",
        "how",
        "all",
        "any",
        "some",
        "more",
        "most",
        "very",
        "too",
        "than",
        "then",
        "there",
        "here",
        "up",
        "down",
        "out",
        "over",
        "about",
        "into",
        "again",
        "s",
        "t",
        "ll",
        "d",
        "ve",
        "re",
        "m",
        "im",
        "ive",
        "youre",
        "dont",
        "didnt",
        "wont",
        "cant",
        "isnt",
        "wasnt",
    ]
)
_WORD = re.compile(r"[a-z0-9@._'’-]+")
_DIGITS = re.compile(r"\d")
_QUOTED = re.compile(r"['‘\"“]([^'’\"”]{8,})['’\"”]")
WINDOW_DAYS = 21


@dataclass
class Link:
    account: str
    suspect_id: str
    reasons: list[str] = field(default_factory=list)
    incident_ids: list[str] = field(default_factory=list)
    strong: bool = False


def normalise_identifier(value: str) -> str:
    """Phones to their digits (07700 900123 == 07700900123 == +447700900123), others lower-cased."""
    v = value.strip().lower()
    digits = re.sub(r"\D", "", v)
    if len(digits) >= 10 and not re.search(r"[a-z@]", v):
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        return digits
    return v


def _identifier_in(text: str, ident: str) -> bool:
    norm = normalise_identifier(ident)
    if norm.isdigit():
        return norm in re.sub(r"(?<=\d)[\s-](?=\d)", "", text.replace("+44", "0"))
    return len(norm) >= 4 and norm in text.lower() and not re.fullmatch(r"[a-z]+ [a-z]+", norm)


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and not _DIGITS.search(w)]


def _bigrams(text: str) -> set[tuple[str, str]]:
    quotes = _QUOTED.findall(text) or [text]
    grams: set[tuple[str, str]] = set()
    for q in quotes:
        toks = _content_tokens(q)
        grams.update(itertools.pairwise(toks))
        # A gap of one word still counts:
        # "everyone knows what you really are" ~ "everyone should know what she really is".
        grams.update(zip(toks, toks[2:], strict=False))
    return grams


def link_accounts(case: Case, texts: CaseText) -> list[Link]:
    suspects = {s.id: s for s in case.suspects}
    if not suspects:
        return []
    known = {normalise_identifier(i): s.id for s in case.suspects for i in s.identifiers}
    by_account: dict[str, list[Incident]] = defaultdict(list)
    for inc in case.incidents:
        if inc.suspect_id is None and inc.account and normalise_identifier(inc.account) not in known:
            by_account[inc.account].append(inc)
    if not by_account:
        return []
    links: dict[tuple[str, str], Link] = {}

    def add(account: str, sid: str, reason: str, iids: list[str], strong: bool = False) -> None:
        link = links.setdefault((account, sid), Link(account, sid))
        if reason not in link.reasons:
            link.reasons.append(reason)
        link.incident_ids.extend(i for i in iids if i not in link.incident_ids)
        link.strong |= strong

    # (a) the record ties the account to a suspect's own identifier.
    for inc in case.incidents:
        for sentence in re.split(r"(?<=[.!?])\s+", inc.narrative):
            named = [a for a in by_account if a.lower() in sentence.lower()]
            if inc.account in by_account and inc.account not in named and inc.suspect_id is None:
                named.append(inc.account)
            if not named:
                continue
            for s in case.suspects:
                for ident in s.identifiers:
                    if _identifier_in(sentence, ident) and ident.lower() not in {a.lower() for a in named}:
                        for account in named:
                            add(
                                account,
                                s.id,
                                f"tied in the record to {s.id}'s identifier {ident} "
                                f'({inc.id}: "{sentence.strip()[:160]}")',
                                [inc.id],
                                strong=True,
                            )
    attributed: dict[str, list[Incident]] = defaultdict(list)
    for inc in case.incidents:
        if inc.suspect_id:
            attributed[inc.suspect_id].append(inc)
    for account, incs in by_account.items():
        acc_text = " ".join(i.narrative for i in incs)
        acc_grams = _bigrams(acc_text)
        for sid in suspects:
            own = attributed.get(sid, [])
            # (b) the same distinctive phrasing.
            shared = acc_grams & _bigrams(" ".join(i.narrative for i in own)) if own else set()
            if len(shared) >= 2:
                words = sorted({w for g in shared for w in g})[:6]
                add(
                    account,
                    sid,
                    f"uses the same phrasing as {sid}'s own messages ({', '.join(words)})",
                    [i.id for i in incs],
                )
            if len(suspects) != 1:
                continue
            # (c) knowledge only the suspect had.
            for inc in incs:
                analysis = texts.incidents[inc.id]
                for m in analysis.cue_matches("private_knowledge"):
                    if not m.negated or "never made public" in m.sentence.lower() or "not public" in m.sentence.lower():
                        add(
                            account,
                            sid,
                            f'knew details only {sid} was likely to know ({inc.id}: "{m.sentence[:160]}")',
                            [inc.id],
                        )
                        break
            # (d) a new account appearing soon after the suspect's own contact.
            first = min((i for i in incs if i.when), key=lambda i: i.when, default=None)  # type: ignore[arg-type,return-value]
            if first is not None and first.when is not None:
                before = [i for i in own if i.when and i.when <= first.when]
                is_new = any(texts.incidents[i.id].cue_matches("new_account") for i in incs)
                if before and is_new:
                    last = max(before, key=lambda i: i.when)  # type: ignore[arg-type,return-value]
                    gap = (first.when - last.when).days  # type: ignore[operator]
                    if gap <= WINDOW_DAYS:
                        add(
                            account,
                            sid,
                            f"a new account that appeared {gap} days after {sid}'s contact in {last.id}",
                            [first.id, last.id],
                        )
    return [lk for lk in links.values() if lk.strong or len(lk.reasons) >= 2]
