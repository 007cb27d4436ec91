"""Compile the law data's lexicons into regular expressions, once per Law.

The YAML holds readable fragments with a few macros ({V}, {P}, {W3} ...);
this module expands them and joins each behaviour's fragments into one
pattern per context, so matching a narrative is a handful of C-level scans.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from vigil.contract import Behaviour
from vigil.law import Law

from .prefilter import Alternation, Prefilter
from .wordscan import WordTable

_THINGS_THAT_ARRIVE = (
    *("letter", "letters", "parcel", "parcels", "package", "packages", "pizza", "pizzas", "plushie", "flowers"),
    *("card", "cards", "taxi", "taxis", "delivery", "deliveries", "order", "orders", "post", "food", "gift", "gifts"),
    *("box", "boxes", "papers", "bill", "bills", "fine", "fines", "account", "accounts", "profile", "profiles"),
    *("message", "messages", "text", "texts", "email", "emails", "comment", "comments"),
    # "a book arrived at my house", "a bouquet came to the door".
    *("book", "books", "bouquet", "hamper", "envelope", "envelopes", "note", "notes", "present", "presents"),
    # "the heating turned up to 30 degrees", "the music turned up again at 2am": a dial, not a visit.
    *("heating", "thermostat", "music", "volume", "radio", "telly", "tv", "bass", "sound"),
)
_MACROS = {
    "{V}": r"(?:me|her|him|them|us|you|u|IP|V\d+|the (?:victim|complainant|IP|injured party))(?!['’]s\b)",
    "{P}": r"(?:my|me|her|his|their|your|ur|our|IP'?s|V\d+'?s|the victim'?s|the IP'?s)",
    "{W}": r"(?:[\w'’*-]+\s+)",
    "{W2}": r"(?:[\w'’*-]+\s+){0,2}",
    "{W3}": r"(?:[\w'’*-]+\s+){0,3}",
    "{W5}": r"(?:[\w'’*-]+\s+){0,5}",
    # "a pizza turned up at my flat", "flowers arrived": a thing that came or a dial turned, not him coming
    # (fixed-width lookbehinds).
    # ... nor "A parcel addressed to V1 arrived at her office".
    "{NOT_A_THING}": "".join(rf"(?<!{w} )" for w in _THINGS_THAT_ARRIVE)
    + r"(?<!addressed to V\d )(?<!addressed to IP )(?<!addressed to her )(?<!addressed to him )",
    "{PLACE}": r"(?:house|home|flat|door|doorstep|address|work|workplace|office|gym|school|college|car)",
    # After "an email from S1": not "to V1's line manager", "to her mother" (a message to someone else).
    "{NOT_TO_OTHERS}": r"(?! to (?:[WT]\d+\b|(?:V\d+|IP)['’]s|(?:her|his|their) (?:[\w-]+ )?(?:mother|mum|mam|father"
    r"|dad|parents?|sister|brother|family|manager|boss|employer|friends?|partner|husband|wife|son|daughter|colleagues?|landlord"
    r"|school|solicitor|work|workplace|head)\b"
    # ... nor "to the Civil Aviation Authority", "to the council": a body, not her.
    r"|the (?-i:[A-Z])|the (?:police|council|regulator|ombudsman|court)\b))",
}
_MACRO_RE = re.compile("|".join(re.escape(k) for k in _MACROS))


def expand(fragment: str) -> str:
    return _MACRO_RE.sub(lambda m: _MACROS[m.group(0)], fragment)


# How each lexicon pattern was built, by id, so the prefilter can scan its fragments one by one.
_Alternations = dict[int, Alternation]


def _union(fragments: list[str], alternations: _Alternations | None = None) -> re.Pattern[str] | None:
    if not fragments:
        return None
    alt = Alternation(
        prefix=r"(?<![\w])(?<![\w]['’])",
        bodies=tuple(expand(f) for f in fragments),
        suffix=r"(?![\w])",
        flags=re.IGNORECASE,
    )
    pattern = alt.compile()
    if alternations is not None:
        alternations[id(pattern)] = alt
    return pattern


@dataclass(frozen=True)
class BehaviourPatterns:
    code: Behaviour
    act: re.Pattern[str] | None
    speech: re.Pattern[str] | None
    history: re.Pattern[str] | None
    channels: frozenset[str]
    veiled: re.Pattern[str] | None = None
    victims_things: bool = False


class AnalysisCache:
    """A bounded least-recently-used map from (text, kind, actor, cast) to its analysis.

    Why: a case held in the database is re-assessed after every change, and all but the new incident
    read exactly as before. The engine is pure, so an unchanged text with the same cast reads the same;
    only memory bounds how many are kept.
    """

    def __init__(self, size: int = 2048) -> None:
        self.size = size
        # Analyses fill in lazily and Hyperscan's scratch space is per-thread, so one assessment at a time
        # uses them; the GIL already let only one run at once.
        self.lock = threading.RLock()
        self._items: OrderedDict[tuple[object, ...], object] = OrderedDict()

    def get(self, key: tuple[object, ...]) -> object | None:
        hit = self._items.get(key)
        if hit is not None:
            self._items.move_to_end(key)
        return hit

    def put(self, key: tuple[object, ...], value: object) -> None:
        self._items[key] = value
        if len(self._items) > self.size:
            self._items.popitem(last=False)

    def clear(self) -> None:
        self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


@dataclass(frozen=True)
class Compiled:
    """Everything the text analysis needs, compiled from one Law."""

    behaviours: tuple[BehaviourPatterns, ...]
    cues: dict[str, re.Pattern[str]] = field(default_factory=dict)
    role_genders: dict[str, str] = field(default_factory=dict)
    # Role nouns ("brother", "neighbour") and text-speak ("u", "gr8"), looked up word by word.
    roles: WordTable | None = None
    normalise: dict[str, str] = field(default_factory=dict)
    normalise_words: WordTable | None = None
    prefilter: Prefilter | None = None
    # context.yaml: whole patterns read in a window around a finding, by name.
    context: dict[str, re.Pattern[str]] = field(default_factory=dict)
    # Recently analysed texts, reused when the same case is assessed again (see narrative.analysed).
    analyses: AnalysisCache = field(default_factory=lambda: AnalysisCache(), compare=False, repr=False)

    def cue(self, name: str) -> re.Pattern[str]:
        return self.cues[name]

    def pattern(self, name: str) -> re.Pattern[str]:
        """A context pattern by its name in context.yaml."""
        return self.context[name]


_CUE_LISTS = (
    "negation",
    "hypothetical",
    "suspect_refs",
    "victim_refs",
    "fear_of_violence",
    "no_fear",
    "substantial_effect",
    "no_effect",
    "fixation",
    "rejected_suitor",
    "grievance",
    "lawful_purpose",
    "journalism",
    "campaign",
    "polite",
    "welcomed",
    "aside",
    "stop_requests",
    "record_of_event",
    "procurement",
    "after_police",
    "children",
    "separation",
    "new_account",
    "private_knowledge",
    "recognised",
    "racial_hostility",
    "complied",
    "witness",
    "exculpation",
    "not_his_account",
    "not_his_record",
    "not_addressed_to_victim",
    "not_sent_to_victim",
    "police_contact",
    "victims_own_contact",
    "no_conduct",
    "game_idiom",
    "to_police",
    "disowned",
    "not_about_victim",
    "pass_on",
    "not_passed_on",
    "no_message_for_victim",
    "consented",
    "serious_harm",
    "no_threat",
    "lawful_consequence",
    "joking",
    "previous_victim",
    "past_relationship",
    "within_relationship",
    "reports_victim",
    "report_refuted",
    "claim_refuted",
    "fear_for_others",
)


_CACHE: dict[int, tuple[Law, Compiled]] = {}


def perceived_cue(code: Behaviour) -> str:
    return f"perceived:{code.value}"


def compile_law(law: Law) -> Compiled:
    """Compile once per Law object (Law is immutable, so its id is a safe key while it lives)."""
    hit = _CACHE.get(id(law))
    if hit is not None and hit[0] is law:
        return hit[1]
    compiled = _compile(law)
    _CACHE[id(law)] = (law, compiled)
    return compiled


def _compile(law: Law) -> Compiled:
    alternations: _Alternations = {}
    behaviours = tuple(
        BehaviourPatterns(
            code=b.code,
            act=_union(b.lexicon.act, alternations),
            speech=_union(b.lexicon.speech, alternations),
            history=_union(b.lexicon.history, alternations),
            channels=frozenset(b.channels),
            veiled=_union(b.lexicon.veiled, alternations),
            victims_things=b.victims_things,
        )
        for b in law.behaviours.values()
    )
    cues: dict[str, re.Pattern[str]] = {}
    for b in law.behaviours.values():
        # How the victim read the incident ("took it as a threat to kill") is matched like a cue: anyone may say it.
        perceived = _union(b.lexicon.perceived, alternations)
        if perceived is not None:
            cues[perceived_cue(b.code)] = perceived
    for name in _CUE_LISTS:
        items = law.lexicon.get(name) or []
        if name == "negation":
            # n't attaches to its verb, so it has no leading word boundary.
            # "when I said no he punched the door": a reply, not a negation.
            replies = ("said", "says", "say", "replied", "answered", "shouted", "told him")
            said_no = "".join(f"(?<!{w} )" for w in replies)
            words = [said_no + r"no(?!\.?\s?\d)" if w == "no" else w for w in items if w != "n't"]
            body = "|".join(words)
            cues[name] = re.compile(rf"(?:n't|n’t|(?<![\w])(?<![\w]['’])(?:{body}))(?![\w'’])", re.IGNORECASE)
        else:
            pattern = _union(list(items), alternations)
            if pattern is not None:
                cues[name] = pattern
    verbs = law.lexicon.get("speech_verbs") or []
    cues["speech_verbs"] = re.compile(r"(?<![\w])(?<![\w]['’])(?:" + "|".join(verbs) + r")(?![\w'’])", re.IGNORECASE)
    roles: dict[str, str] = dict(law.lexicon.get("third_party_roles") or {})
    role_words = WordTable.of(roles, after_quote=True) if roles else None
    scanned = [p for b in behaviours for p in (b.act, b.speech, b.history, b.veiled) if p is not None]
    scanned += [p for name, p in cues.items() if name not in _FULL_SCAN]
    table = {str(k).lower(): str(v) for k, v in dict(law.lexicon.get("normalise") or {}).items()}
    norm_words = WordTable.of(table, after_quote=False) if table else None
    context = {name: re.compile(c.regex(), 0 if c.case_sensitive else re.IGNORECASE) for name, c in law.context.items()}
    return Compiled(
        behaviours=behaviours,
        cues=cues,
        context=context,
        role_genders=roles,
        roles=role_words,
        prefilter=Prefilter(scanned, alternations=alternations),
        normalise=table,
        normalise_words=norm_words,
    )


# Cues used for structure (negation, speech verbs, references) are searched in small spans or
# everywhere; they are not worth prefiltering.
_FULL_SCAN = frozenset({"negation", "speech_verbs", "suspect_refs", "victim_refs", "hypothetical"})
