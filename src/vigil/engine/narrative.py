"""Read a narrative the way an analyst would: sentences, quotes and who said them,
who does what, and whether a statement is negated or only feared.

Why not just search for words: "he has never hit me", "I'm scared he might
follow me" and "my brother said he'd kill him" all contain behaviour words,
and none is the suspect's conduct. Every match is therefore placed in context:
- quoted speech gets a speaker (the subject of the speech verb before it, or
  the incident's actor), so a suspect's quoted threat is his conduct and a
  friend's is not;
- each match gets an actor: the nearest subject before it in the sentence
  (suspect ids and names, police shorthand, the victim, role nouns such as
  "my brother", pronouns resolved by gender and recency);
- negation cues earlier in the same clause, and fear or hypothetical cues in
  the clause, cancel a match.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from itertools import accumulate
from typing import Any, TypeVar

from .lexicon import Compiled
from .people import THIRD, UNKNOWN, VICTIM, Actor, Cast, Kind, Match, Quote, Referent, Role, SuspectNames
from .prefilter import Candidates
from .referents import find_referents
from .segments import _CLAUSE_BOUNDARY, find_chat_lines, find_quotes, normalise, split_sentences

T = TypeVar("T")

__all__ = [
    "THIRD",
    "UNKNOWN",
    "VICTIM",
    "Actor",
    "Analysis",
    "Cast",
    "Kind",
    "Match",
    "Quote",
    "Referent",
    "Role",
    "SuspectNames",
    "find_chat_lines",
    "find_quotes",
    "normalise",
    "split_sentences",
]

# An officer's own note, its step written without a subject: "PC 3318 note 30/07: checked the camera account with
# S1's consent", "OIC update: viewed the footage". The officer checked; the suspect did not.
_OFFICERS_STEP = re.compile(
    r"(?:PC|PCSO|DC|PS|DS|Sgt|Sergeant|OIC|Officer|Officers|Police|Insp\w*)\b[^:.;]{0,40}\b"
    r"(?:note|notes|update|comment|entry|log|check|enquiry|enquiries)\b[^:.;]{0,20}:\s*(?:then\s+)?"
    r"(?:checked|viewed|reviewed|examined|inspected|looked at|went through|downloaded|obtained|seized|searched|"
    r"spoke to|visited|attended|confirmed)\b",
    re.I,
)
# What she came upon, not what she did: "She went into the garden and found the camera ... turned to face her kitchen
# window". The one who turned it is the record's actor.
_FOUND_IT = re.compile(
    r"\b(?:found|discovered|noticed|came across) (?:that )?(?:the|her|his|a|an|their|my) (?:[\w-]+ )?$", re.I
)
# A verdict on someone's claim, opening the match: "a Google review said I take backhanders, which is a lie". The
# clause's subject ("I") did not make the claim; the lie is the claim's maker's.
_VERDICT_ON_A_CLAIM = re.compile(
    r"(?:which|that|it|this|all of (?:it|this)|none of (?:it|this))(?:['’]s| is| was| were)? "
    r"(?:all |completely |totally )?(?:a )?(?:lie|lies|untrue|false|made up|not true)\b",
    re.I,
)
_FEARED = re.compile(
    # (Only worry: "frightened he would rape her" beside what he did often reports the threat itself.)
    r"\b(?:worried|worrying|concerned|anxious)(?: that)? "
    r"(?:he|she|they|S\d+)(?:'ll|’ll| will| might| may| could| would|'d|’d| is going to| was going to)\b",
    re.I,
)
_PERCEPTION = re.compile(
    # ("got" as received, not "he got out holding a wheel brace": a step he takes, with what he does as he takes it.)
    r"\b(?:found|finds|find|discovered|discover|saw|sees|see|noticed|notice|received|receives|"
    r"got(?! (?:out|up|down|off)(?: of (?:his|her|the|a) [\w-]+)?(?: [a-z]+ing\b|\s*$))|"
    # (Not "told him to get out of my way and leave, and pushed past him": an order given, then her own act.)
    r"spotted|heard|hears|reported|reports|showed|shows|show|told(?! (?:him|her|them|S\d+|SUSP) to\b)|recognised|"
    r"recognized|realised|"
    r"obtained|seized|requested|read|reads|says|said|captured|captures|recorded|records|"
    # (Not a punch that landed: "i caught him clean and broke his nose".)
    r"caught(?! (?:him|her|them|S\d+) (?:clean|flush|square|full|with (?:a|an|my|his|her) "
    r"(?:punch|jab|hook|right|left|elbow|knee|head)))|states|stated|confirms|confirmed|discloses|disclosed|alleges|"
    r"alleged|describes|described|reported|believes|believed|reps|rpts|rptd|rep'?d|"
    # "She woke to the kitchen drawer being opened": she perceived it; someone else opened it.
    r"(?:woke|wakes|awoke|woken|waking)(?: up)? to|"
    # "IP's mum (W1) rang 999: wht Transit parked opp her house": the caller reports what someone else did (not
    # "V1 rang 999, went to her mother's", where the caller goes on to act).
    r"(?:rang|called|phoned|dialled|rings|calls) (?:999|101|the police|police)(?=\s*:))\b",
    re.I,
)
_ACTIVE_OBJECT_END = re.compile(r"\b(?:her|him|them|me|us|IP|V\d+)\s*$", re.I)
_PASSIVE_AGENT = re.compile(r"^[^.;:()]{0,14}?\b(?:from|by)\s+", re.I)
# "my tyres had been slashed": a thing is the subject of a passive verb inside the match.
_BY_ACCOUNT = re.compile(r"(?:the |a |an )?(?:user|account|profile|handle|sender|number|gamertag)\b", re.I)
_PASSIVE_AUX = re.compile(r"\b(?:had|has|have|'d|’d) been\s|\b(?:was|were)\s(?!\w+ing\b)", re.I)
_HEAD_PERSON = re.compile(r"\b(?:I|he|she|they|we|you|him|her|them|me|us)\b", re.I)
_ANY_AGENT = re.compile(r"^[^.;:()]{0,14}?\bby\s", re.I)
_SUBORDINATOR = re.compile(
    # Not "who I know as Wayne Booth": naming, not a clause.
    r"\b(?:(?<!know )(?<!known )(?<!knew )(?<!identified )as|when|while|whilst|after|before|because|if|until|since|once"
    # "Strava account 'Shadow Rider', which V1 had accepted as a follower on 18 June, logged a ride": a relative clause.
    r"|where|whether|which|whom)\s+$",
    re.I,
)


def _per_gender(pattern: str) -> dict[str, re.Pattern[str]]:
    """The pattern once for each object pronoun ("him", "her"), put in its {p}, by the gender it stands for."""
    return {g: re.compile(pattern.replace("{p}", p), re.I) for g, p in (("m", "him"), ("f", "her"))}


# "went over to him": the object pronoun; "her" only where no noun follows ("to her car" is a possessive).
_OBJECT_PRONOUN = _per_gender(
    r",[^.;]*?\b(?:to|at|towards|with|on|past|up to|over to)\s+{p}"
    r"(?=\s*(?:[,.;!?'’\"]|$|\s(?:and|then|again|as|until|while|when|before|after|for|from)\b))"
)
_BY_BEFORE = re.compile(r"\bby\s+(?:the\s+|a\s+|an\s+|his\s+|her\s+)?$", re.I)
_OTHER_GENDER = {"m": "f", "f": "m"}
_NEW_CLAUSE = re.compile(r"[;:]|\b(?:and|then|but|so)\b")
# "V1 noticed her on the platform; she got on the same train": "her" with no noun after it is a person, someone
# the named one acted on, so the "she" that follows is not the named one.
_OBJECT_ONLY = _per_gender(
    r"\b{p}(?=\s*(?:[,.;:!?]|$|\s(?:to|on|at|in|from|with|and|then|again|as|until|while|when|before|after|for"
    r"|off|out|up|down|away|back|leave|go)\b))"
)
_SO_BEFORE = re.compile(r"\bso\s+$", re.I)
_SEEN_VERBS = frozenset({"saw", "seen", "spotted", "noticed", "watched"})
_ING_WORD = re.compile(r"^\s+\w+ing\b", re.I)
_AND_TAIL = re.compile(r"\b(?:and|and then)\s+$", re.I)
_WORD_AT = re.compile(r"\w+")
_SPOKE_TO = re.compile(
    r"\b(?:spoke|speaking|talked|talking|interviewed|asked)(?: (?:to|with))? (?P<who>\S+(?: [A-Z][A-Za-z]+)?)"
    r"(?: alone| separately| privately| on (?:his|her|their) own)?\s*[:,]?\s*$",
    re.I,
)
_MODAL_AFTER = re.compile(r"\s+(?:could|couldn'?t|can'?t|cannot|would|wouldn'?t|had to|was unable|were unable)\b", re.I)
_VOCATIVE = re.compile(
    r"(?:you|u|ya|yer)\s+(?:[a-z-]+\s+)?(?:cow|bitch|idiot|moron|bastard|twat|prick|slag|slut|fool|"
    r"stupid|useless|fat|ugly|thick|pathetic|lying|dirty|little|old)\b",
    re.I,
)
_COORDINATE = re.compile(r"(?:,|\band\b|\bthen\b)")
_APPOSITION = re.compile(r"^,\s+(?:a|an|the|his|her|their)\s+[^,;.]{1,50},")
_NEW_SUBJECT = re.compile(
    r"\b(?:I|he|she|they|we)(?:['’](?:ll|d|m|s|ve|re)|\s+(?:will|would|am|is|was|were|are|have|has|had|don'?t|do|did|"
    r"didn'?t|can'?t|won'?t|just|always|really|still|then|also|can|could|should))\b"
    # "When she would not open the door he kicked it": a subject with its own past-tense verb starts a new clause.
    r"|\b(?:he|she|they)\s+[a-z]+ed\b"
)
# "found no evidence", "no case to answer", "no such report", "there is no investigation of V1", "it is not true",
# "you will not live to see": a finding (or a threat) the act's words contain, not a negation of the act.
_INNER_NEG = re.compile(
    # "with no warning", "no notice given": how he came, not a denial that he did.
    # ... "You're not safe on it or off it": a threat that she is unsafe, not a denial.
    # ... nor "u wont be saying no": what he says she will not refuse.
    r"\b(?:never(?! live to\b)|not(?! true\b| live to\b| safe\b)|(?<!saying )no(?! (?:evidence|case to answer|trace|"
    r"concerns?|basis|sign|record|truth|notice|warning|invitation|prior|appointment|arrangement|such|investigation)\b))\b",
    re.I,
)
_MESSAGE_HEAD = re.compile(
    r"\s*(?:[\w'’]+\s+){0,3}?(?:DM|message|text|e-?mail|WhatsApp|voicemail|post|comment|Snapchat|letter|note)s?\b",
    re.I,
)
_UNKNOWN_SENDER = re.compile(
    r"\bfrom (?:a|an) (?:new |unknown |withheld |private )?(?:number|account|address|profile|sender)\b", re.I
)
_YES_NO_QUESTION = re.compile(
    r"\s*(?:[A-Z][A-Z ]{1,20}:\s*)?(?:has|have|had|did|does|do|is|was|were|are)\s+(?:he|she|they|anyone|anybody|"
    r"someone|somebody|S\d+|the (?:man|male|woman|female|suspect))\b",
    re.I,
)
_SUBORDINATE = re.compile(r"\b(?:after|when|once|since|before|because)\b", re.I)
_REPORTED_CALLER = re.compile(
    r"\s(?P<who>[A-Z]\w*)\s+(?:had\s+)?(?:rang|phoned|called|texted|messaged|wrote|e-?mailed|sent|posted|replied|"
    r"shouted|said|says)(?:\s+(?:her|him|them|me|V\d|IP))?\s*[:,]?\s*$"
)
# "W1 heard MARSH shout 'I'll cave your head in'": the one heard is the speaker, not the one who heard.
_HEARD_SPEAK = re.compile(
    r"\b(?:heard|saw|recorded|filmed|watched)\s+(?P<who>[A-Z]\w*)\s+(?:shout|say|scream|yell|tell|call|swear)\w*"
    r"(?:\s+(?:at|to)\s+\w+)?\s*[:,]?\s*$"
)
_POSSESSIVE = re.compile(r"['’]s?\s")
_ASIDE = re.compile(r"\([^()]*\)")
_RECEIVED = re.compile(
    r"\s*(?:['’]ve|have|['’]d|had)\s+(?:had|received|been sent|got|been getting|been receiving|been given)\b", re.I
)
# ... not "it's been over a year and I dread opening my emails": a conjunction starts a new clause, not a relative one.
_RELATIVE_HEAD = re.compile(
    r"\b(?:(?:a|an|the|some|any|every|that|this|places?|somewhere|anywhere|everywhere|someone|somebody|nobody|no one)"
    r"(?:\s+(?!(?:and|but|or|so|then|because|when|while|as|since|until)\b)[a-z]+){0,2}|what|which|who|whom|whose|where)"
    r"\s+$"
)
# "Statement of neighbour Mr Colin Ash (no. 24):", "Bluebell Homecare visit record (W2):": a witness's own account.
_WITNESS_LABEL = re.compile(
    r"\b(?:statement|account|MG ?11|note|notes|record|log|e-?mail|letter)s? (?:of|from|by) (?:the |a |her |his |IP'?s |"
    r"V\d+'?s )?(?:neighbour|witness|friend|colleague|carer|care worker|support worker|manager|landlord|landlady|"
    r"mother|father|mum|dad|sister|brother|daughter|son|aunt|uncle|cousin|W\d+)\b[^:'‘\"“]{0,60}:?\s*$"
    r"|\b(?:record|log|note|notes|statement|account|report|diary|entry)\s*\(W\d+\)\s*:?\s*$",
    re.I,
)
_STATEMENT_LABEL = re.compile(
    r"\b(?:MG11|statement|account|VPS|ABE|interview|told (?:police|officers|the officer|PC \w+))\b"
    r"(?:[^:'‘\"“]|(?<=\d):(?=\d)){0,80}:?\s*$",  # "Witness statement of V1, taken 16/02, about ... at 22:45:"
    re.I,
)
# Bodies that act as "they": "reported me to the council, and they inspected", "rang the police and they came".
_BODY = re.compile(
    r"\b(?:the |her |his |my |our |V\d+['’]s )(?:local |county |district |city |borough )?(?:council|police|officers|"
    r"school|college|university|company|firm|bank|agency|landlord|housing association|inspectors?|surgery|hospital|"
    r"nursery|ombudsman|regulator|tribunal|court|bailiffs|enforcement agents|social services|licensing team|"
    r"environmental health|HR|management|committee|board)\b(?![\w'’-])(?!['’]s)",
    re.I,
)
_VOICE_OF = re.compile(
    r"\bvoice (?:as|is|was) (?:that of )?(?P<who>S\d+|SUSP|the suspect)(?:['’]s)?\b[^:'‘\"“]{0,10}:?\s*$", re.I
)
_LABEL_WORD = re.compile(r"\s+(?:statement|account|MG ?11)\b", re.I)
# "MG11 extract, Donna CLEGG (mother), 26/09/2026: '...'" in the victim's file: a statement someone made, headed
# by its maker (not a suspect's interview).
_MAKER_LABEL = re.compile(r"\b(?:MG11|statement|VPS|ABE|in (?:her|his|their) own words)\b[^:'‘\"“]{0,60}:\s*$", re.I)
_INNER_POSSESSIVE = re.compile(r"['’]s(?=\s+\w)")
# "The graffiti wasn't him": the act named, then denied to be his.
_NOT_HIS = re.compile(
    r"(?:\s+[\w'’]+){0,3}?\s+(?:was|were)(?:n['’]?t| not) "
    r"(?:him|her|them|S\d|(?:his|her|their) doing|down to (?:him|her|them))\b"
    # "the Facebook post was his new girlfriend, not him"
    r"|(?:\s+[\w'’]+){0,3}?\s+(?:was|were) (?:[\w'’]+ ){1,4}?[\w'’]+,? not (?:him|her|them|S\d)\b",
    re.I,
)
_BELIEF = re.compile(
    r"\b(?:that|think|thinks|thought|believe|believes|frightened|scared|afraid|worried|fear|fears|say|says|said|"
    r"claim|claims|suggest|suggests)\b",
    re.I,
)
_BUT = re.compile(r"\b(?:but|however|although)\b", re.I)
_OR = re.compile(r"\b(?:or|nor)\b")
_LAST_WORDS = re.compile(r"(?:[\w'’*-]+\W+){1,6}$")
_WIDE_WORDS = re.compile(r"(?:[\w'’*-]+\W+){1,10}$")


_IF = re.compile(r"\b(?:if|unless)\b", re.I)
_GAP_WORDS = re.compile(r"[\w'’]+")
_TIME_CLAUSE = re.compile(
    r"\b(?:after|before|since|once|until|when|while|whilst)\s+(?:she|I|V\d|IP|the victim)\b", re.I
)
# A report labelled with who wrote it: "Datix DX-AGH-26-5520 (entered 20/09 00:15 by IP): '...'".
_AUTHORED_BY = re.compile(
    r"\b(?:entered|written|made|recorded|completed|submitted|raised|logged)\b(?:[^:'‘\"“()]|(?<=\d):(?=\d)){0,30}?\bby "
    r"(?P<who>IP|V\d+|the victim|the complainant|W\d+)\)?\s*:?\s*$"
)
# "IP rec'd 6 texts from S1's usual number: '...'": she received them; the sender named after "from" said them.
_RECEIVED_FROM = re.compile(
    r"\b(?:received|receives|rec'?d|recvd|got|gets|has had|had)\b[^:;.'‘\"“]{0,40}?\bfrom (?P<who>\S)", re.I
)
_TITLED = re.compile(r"\s*(?:Mr|Mrs|Ms|Miss|Dr)\.? [A-Z][a-z]")
_FIRST_PERSON_WORD = re.compile(r"\b(?:I|I'[dm]|I'll|I've|me|my)\b")
_REPLY_START = re.compile(r"\s*(?:no|yes|yeah|yep|nah|nope|well|oh|erm|um)\b", re.I)
_ENDS_SENTENCE = re.compile(r"[.!?]\s*$")
_SECOND_PERSON_WORD = re.compile(r"\b(?:you|your|yours|yourself|yourselves|u|ur|ya|yer|we|us|our)\b", re.I)
_HE_WORD = re.compile(r"\b(?:he|him|his|he's|he'd|himself)\b", re.I)
_SHE_WORD = re.compile(r"\b(?:she|her|she's|she'd|herself)\b", re.I)
_THE_MAN = re.compile(r"\bthe (?:man|male|guy|bloke|woman|female|suspect)\b", re.I)
_PERFECT_CLAUSE = re.compile(r"[\s,;:]*(?:and |\+ )?(?:has|have|had|has since|have since) (?!to\b)\w+", re.I)
_SENT_FROM = re.compile(
    r"(?:e-?mail|text|sms|message|dm|direct message|post|comment|reply|voicemail|voice note|letter|note)s? "
    r"(?:from|by|sent by)\s+(.+)",
    re.I,
)
_IDENTIFIER = re.compile(r"[@_]|\d{3}|\.\w+\.")
_SENDING_THING = re.compile(
    r"\s+(?:own\s+|new\s+|usual\s+|old\s+|personal\s+|work\s+)?(?:account|phone|mobile|number|e-?mail|address|"
    r"profile|handle|page|laptop|computer|device|car|van)\b",
    re.I,
)
_PARTY_ID = re.compile(r"[A-Z]{1,2}\d+")


@dataclass
class Analysis:
    """One text, segmented and with its referents and quotes, ready for matching."""

    text: str
    kind: Kind
    default_actor: Actor
    compiled: Compiled
    cast: Cast
    original: str = ""
    _origin: list[int] | None = None
    sentences: list[int] = field(default_factory=list)
    _referents: list[Referent] | None = None
    _quotes: list[Quote] | None = None
    _ref_starts: list[int] = field(default_factory=list)
    _quote_starts: list[int] = field(default_factory=list)
    _quote_reach: list[int] = field(default_factory=list)  # the furthest end of quotes[0..i]
    _candidates: Candidates | None = None
    # Matches per (kind, pattern): several steps ask for the same cue, and a cached analysis is reused whole.
    _memo: dict[tuple[str, object], list[Any]] = field(default_factory=dict)

    # ----- building -------------------------------------------------------
    @classmethod
    def of(cls, text: str, kind: Kind, default_actor: Actor, compiled: Compiled, cast: Cast) -> Analysis:
        norm, origin = normalise(text, compiled)
        a = cls(text=norm, kind=kind, default_actor=default_actor, compiled=compiled, cast=cast)
        a.original, a._origin = text, origin
        text = norm
        a.sentences = split_sentences(text)
        if compiled.prefilter is not None:
            a._candidates = compiled.prefilter.scan(text)
        return a

    # Referents and quotes are worked out only when a match needs them: most sentences have none.
    @property
    def referents(self) -> list[Referent]:
        if self._referents is None:
            self._referents = self._find_referents()
            self._ref_starts = [r.start for r in self._referents]
        return self._referents

    @property
    def quotes(self) -> list[Quote]:
        if self._quotes is None:
            text = self.text
            chat = find_chat_lines(text)
            raw_quotes = [q for q in find_quotes(text, nested=True) if not any(s <= q[0] < e for s, e, _ in chat)]
            spans = sorted([(s, e, None) for s, e in raw_quotes] + [(s, e, n) for s, e, n in chat])
            self._quote_starts = [q[0] for q in spans]
            self._quote_reach = list(accumulate((q[1] for q in spans), max))
            # Quotes first get placeholders so the speaker search can skip other quotes.
            self._quotes = [Quote(s, e, UNKNOWN) for s, e, _ in spans]
            names = {n for _, _, n in chat}
            self._quotes = [
                Quote(s, e, self._chat_speaker(n, names) if n is not None else self._quote_speaker(s, e))
                for s, e, n in spans
            ]
        return self._quotes

    def _chat_speaker(self, name: str, names: set[str]) -> Actor:
        """The speaker of a chat line: the suspect by name or handle, otherwise (in a two-party chat) the victim."""
        clean = name.strip().lstrip("~").strip()
        # "Email from s.lowe.admirer@example.org: '...'" is a header naming the sender, not a chat name.
        sender = _SENT_FROM.match(clean)
        if sender:
            clean = sender.group(1)
        sid = self.cast.suspect_for_name(clean) or self.cast.suspect_for_identifier(clean)
        if sid:
            return Actor("suspect", sid)
        if sender or _IDENTIFIER.search(clean):
            return self.default_actor if self.default_actor.role != "victim" else UNKNOWN
        others = [n for n in names if n != name]
        if others and all(
            self.cast.suspect_for_name(o.strip()) or self.cast.suspect_for_identifier(o.strip()) for o in others
        ):
            return VICTIM
        if re.fullmatch(r"(?:IP|V\d+|me|victim)", clean, re.I):
            return VICTIM
        return THIRD

    def _find_referents(self) -> list[Referent]:
        return find_referents(self.text, self.compiled, self.cast, self._suspect_default())

    def _suspect_default(self) -> str | None:
        if self.default_actor.role == "suspect":
            return self.default_actor.suspect_id
        return self.cast.primary_suspect

    # ----- geometry -------------------------------------------------------
    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Offsets in the text as written for a span of the normalised text."""
        if self._origin is None:
            return start, end
        last = len(self._origin) - 1
        return self._origin[min(start, last)], self._origin[min(end, last)]

    def words(self, start: int, end: int) -> str:
        """The original words for a span of the normalised text."""
        a, b = self.original_span(start, end)
        return self.original[a:b]

    def sentence_span(self, pos: int) -> tuple[int, int]:
        i = bisect_right(self.sentences, pos) - 1
        start = self.sentences[max(i, 0)]
        end = self.sentences[i + 1] if i + 1 < len(self.sentences) else len(self.text)
        return start, end

    def quote_at(self, pos: int) -> Quote | None:
        quotes = self._quotes if self._quotes is not None else self.quotes
        # The innermost quote holding pos: a quote nested in another starts later and ends sooner. No earlier quote
        # reaches pos once the furthest end among them falls short of it.
        i = bisect_right(self._quote_starts, pos) - 1
        while i >= 0 and self._quote_reach[i] > pos:
            q = quotes[i]
            if q.start <= pos < q.end:
                return q
            i -= 1
        return None

    def clause_start(self, pos: int, floor: int) -> int:
        start = floor
        for m in _CLAUSE_BOUNDARY.finditer(self.text, floor, pos):
            start = m.end()
        return start

    # ----- actors ---------------------------------------------------------
    def _perspective(self, pos: int) -> tuple[Actor, Actor]:
        """Who "I" and "you" are at pos: inside a quote, the speaker and (usually) the victim."""
        q = self.quote_at(pos)
        if q is not None:
            addressee = VICTIM if q.speaker.role != "victim" else self._suspect_actor()
            return q.speaker, addressee
        if self.kind == "history":
            return self._suspect_actor(), VICTIM
        return VICTIM, self._suspect_actor()

    def _suspect_actor(self) -> Actor:
        sid = self._suspect_default()
        return Actor("suspect", sid) if sid else UNKNOWN

    def resolve(self, ref: Referent) -> Actor:
        if ref.actor is not None:
            return ref.actor
        first, second = self._perspective(ref.start)
        if ref.gender == "first":
            return first
        if ref.gender == "second":
            return second
        # A third-person pronoun: the most recent compatible named referent, this sentence or the last.
        s_start, _ = self.sentence_span(ref.start)
        prev_start, _ = self.sentence_span(max(s_start - 1, 0))
        if ref.pronoun == "they" and self._body_just_named(s_start, ref.start):
            # "She reported me to the council, and they turned up unannounced": the body just named, not her.
            return THIRD
        q = self.quote_at(ref.start)
        refs = self.referents
        i = bisect_right(self._ref_starts, ref.start - 1) - 1
        taken: set[Actor] = set()  # "When she drove off he followed her": whoever "she" is, "he" is someone else
        # "But he's started using it to comment on my classes and on Dan, my partner, and he sat outside": the same
        # pronoun earlier in the sentence goes on with its subject, past a person named only as an object. (Looked
        # for only when such a person stands in the way, and only back to the sentence's start.)
        subject_again: bool | None = None
        before = refs[bisect_right(self._ref_starts, s_start - 1) : i + 1]  # this sentence's referents before it
        while i >= 0:
            cand = refs[i]
            if cand.start < prev_start:
                break
            if cand.start >= s_start and cand.object_position and cand.actor is not None and ref.pronoun is not None:
                if subject_again is None:
                    subject_again = any(r.pronoun == ref.pronoun and self.quote_at(r.start) is q for r in before)
                if subject_again:
                    i -= 1
                    continue
            if (
                cand.actor is None
                and cand.start >= s_start
                and ref.gender in _OTHER_GENDER
                and cand.gender == _OTHER_GENDER[ref.gender]
                and self.quote_at(cand.start) is q
            ):
                taken.add(self.resolve(cand))
            # "Asked to leave by the manager. Leaving, he said ...": the agent of a passive is not the next "he".
            agent = ref.gender is not None and _BY_BEFORE.search(self.text, max(0, cand.start - 8), cand.start)
            acted_on = ref.gender in _OBJECT_ONLY and cand.actor is not None and cand.start >= s_start
            if acted_on:
                obj = _OBJECT_ONLY[ref.gender].search(self.text, cand.end, refs[i + 1].start)
                # ... only across a new clause: in "Francis came up to him shouting that he had robbed him", "he"
                # is still Francis.
                acted_on = obj is not None and _NEW_CLAUSE.search(self.text, obj.end(), ref.start) is not None
            if (
                cand.actor is not None
                and cand.actor not in taken
                and not acted_on
                and not agent
                and self.quote_at(cand.start) is q
                and self._compatible(cand, ref.gender)
            ):
                return cand.actor
            i -= 1
        if ref.gender is not None and ref.gender == self.cast.suspect_gender:
            return self._suspect_actor()
        if ref.gender is not None and ref.gender == self.cast.victim_gender:
            return VICTIM
        if ref.gender in ("m", "f") and self.cast.suspect_gender not in (None, ref.gender):
            return VICTIM if self.cast.victim_gender is None else THIRD
        if self.cast.suspect_gender is None and self.kind != "narrative":
            return self._suspect_actor()
        return self.default_actor if self.default_actor.role != "victim" else UNKNOWN

    def _body_just_named(self, start: int, end: int) -> bool:
        """A council, school or police force named in the sentence with no person named after it."""
        bodies = list(_BODY.finditer(self.text, start, end))
        if not bodies:
            return False
        last = bodies[-1]
        after = self.referents[bisect_right(self._ref_starts, last.end() - 1) :]
        return not any(r.start < end and r.gender not in ("first", "second") for r in after)

    def _compatible(self, cand: Referent, gender: str | None) -> bool:
        if gender is None:
            return True
        if cand.gender in ("m", "f", "p"):
            return cand.gender == gender
        if cand.actor is None:
            return True
        # A witness known only by an id is not the "he" of the next sentence ("W1 asked him to leave twice.
        # He said ..."): the record would name her or him.
        if cand.actor.role == "third" and _PARTY_ID.fullmatch(self.text[cand.start : cand.end]):
            return gender not in ("m", "f")
        # An ungendered victim does not take the suspect's pronoun.
        return not (cand.actor.role == "victim" and gender == self.cast.suspect_gender)

    def subject_before(self, pos: int, floor: int) -> Actor | None:
        """The actor of the clause at pos: the nearest subject referent before it in its sentence."""
        refs = self.referents
        i = bisect_right(self._ref_starts, pos - 1) - 1
        q = self.quote_at(pos)
        seen_acts = False  # "W1 saw S1 at the tills, went over to him and shouted": the seer acts after all
        while i >= 0:
            ref = refs[i]
            if ref.start < floor:
                break
            if ref.end > pos or self.quote_at(ref.start) is not q:
                i -= 1
                continue
            between = self.text[ref.end : pos]
            if ref.object_position and not ref.participle_subject:
                i -= 1
                continue
            if ref.participle_subject and self._seer_goes_on(ref, pos):
                seen_acts = True  # the seer is the one who goes on to act
                i -= 1
                continue
            if self._object_again(ref, pos):
                seen_acts = True
                i -= 1
                continue
            seen = _PERCEPTION.search(between)
            if (
                seen
                and not seen_acts
                and not ref.participle_subject
                and not self._other_subject_before(ref, ref.end + seen.start())
            ):
                i -= 1
                continue
            if self._in_closed_subclause(ref, floor, pos) or self._in_closed_brackets(ref, floor, pos):
                i -= 1
                continue
            if ref.pronoun == "i" and self._not_the_doer(ref):
                i -= 1
                continue
            actor = self.resolve(ref)
            if actor.role == "victim" and _POSSESSIVE.match(self.text, ref.end):
                i -= 1  # "V1's car, parked on Church Lane, keyed along the driver's side": her car, not her act
                continue
            return actor
        return None

    def _not_the_doer(self, ref: Referent) -> bool:
        """'I've had hundreds of messages' (she received them); 'a man I'd never seen before started sitting
        opposite me' (a relative clause inside someone else's sentence): 'I' here does not do what follows."""
        if _RECEIVED.match(self.text, ref.end):
            return True
        return bool(_RELATIVE_HEAD.search(self.text, max(0, ref.start - 30), ref.start))

    def _seer_goes_on(self, ref: Referent, pos: int) -> bool:
        """'IP's friend saw SUSP waiting at the bus stop and rang IP': after the seen person's '-ing', a verb joined
        by 'and' in the past tense is the seer's next act, not the seen person's ('... and kicking' would be his)."""
        before = self.text[max(0, ref.start - 12) : ref.start].lower().split()
        if not before or before[-1] not in _SEEN_VERBS:
            return False
        between = self.text[ref.end : pos]
        if not _ING_WORD.search(between) or not _AND_TAIL.search(between):
            return False
        first = _WORD_AT.match(self.text, pos)
        return first is not None and not first.group(0).lower().endswith("ing")

    def _object_again(self, ref: Referent, pos: int) -> bool:
        """'... saw S1 at the tills, went over to him and shouted at him': a person seen, then taken up again as
        the object of a new clause before pos, is not the one doing it (nobody goes over to himself)."""
        if not ref.participle_subject:
            return False
        genders = [ref.gender] if ref.gender in _OBJECT_PRONOUN else list(_OBJECT_PRONOUN)
        # "him" could as well be the victim when she or he is of that gender
        return any(_OBJECT_PRONOUN[g].search(self.text, ref.end, pos) for g in genders if g != self.cast.victim_gender)

    def _first_subject(self, start: int, end: int) -> Actor | None:
        """The actor of the first subject referent between start and end, outside quotes."""
        refs = self.referents
        i = bisect_right(self._ref_starts, start - 1)
        while i < len(refs) and refs[i].start < end:
            ref = refs[i]
            if not ref.object_position and self.quote_at(ref.start) is None:
                return self.resolve(ref)
            i += 1
        return None

    def _other_subject_before(self, ref: Referent, pos: int) -> bool:
        """'Kyle went mad when I told him and said ...': 'told' has its own subject (I), so it says nothing
        about whether Kyle is the one acting."""
        refs = self.referents
        j = bisect_right(self._ref_starts, ref.end - 1)
        last = ref.end
        while j < len(refs) and refs[j].start < pos:
            r = refs[j]
            # "My colleague Beth saw him", "Park ranger (W1) saw him": a name or id in apposition is the same person.
            gap = self.text[last : r.start]
            if r.start >= ref.end and not r.object_position and gap.strip(" ,(") and not gap.endswith("("):
                return True
            last = max(last, r.end)
            j += 1
        return False

    def _in_closed_brackets(self, ref: Referent, floor: int, pos: int) -> bool:
        """'@flat2b_diaries (created the day after V1 emailed Keyline) posts three photos': an aside in brackets,
        closed before the act, does not give the act its subject."""
        opened = self.text.rfind("(", floor, ref.start)
        if opened == -1 or self.text.find(")", opened, ref.start) != -1:
            return False
        closed = self.text.find(")", ref.end, pos)
        # A label in brackets ("A man (S1) came to the door", "(V1's ex)") names the subject; only an aside with a
        # clause of its own is skipped.
        return closed != -1 and len(self.text[opened + 1 : closed].split()) > 4

    def _in_closed_subclause(self, ref: Referent, floor: int, pos: int) -> bool:
        """'He came out as I left and walked behind me': 'I' is the subject of a finished subordinate clause."""
        before = self.text[max(floor, ref.start - 12) : ref.start]
        # "stood in front of the machine so V1 could not clock in and said ...": a result clause with a modal.
        result = _SO_BEFORE.search(before) and _MODAL_AFTER.match(self.text, ref.end)
        if not (_SUBORDINATOR.search(before) or result):
            return False
        # "when S1, a scaffolder on the top lift, stared in at her": the commas round an apposition join nothing.
        between = _APPOSITION.sub(" ", self.text[ref.end : pos], count=1)
        return bool(_COORDINATE.search(between))

    def passive_agent(self, end: int, limit: int) -> Actor | None:
        """'34 texts from S1', 'a photo taken by his brother': the agent after the match."""
        tail = self.text[end:limit]
        m = _PASSIVE_AGENT.match(tail)
        if not m:
            return None
        if m.group(0).strip().lower().endswith("from") and _ACTIVE_OBJECT_END.search(self.text, max(0, end - 12), end):
            # "followed her on foot from Sugar Rooms": an active verb with its object; 'from' is where, not who.
            return None
        agent = self._referent_at(end + m.end())
        if agent is None and _BY_ACCOUNT.match(tail, m.end()):
            # "shared to V1's Spotify account by user 'callum.m.2025'": the account the record is from did it.
            return self.default_actor if self.default_actor.role != "victim" else UNKNOWN
        if agent is not None:
            # "a knife from IP's own block": a possessive after 'from' says where a thing came from, not who acted,
            # unless the thing is one he sends with ("from S1's account").
            after = self.text[agent.end : agent.end + 40]
            if after[:2] in ("'s", "’s") and not _SENDING_THING.match(after, 2):
                return None
            # "... from V1's garage": the mention is itself a possessed place or thing.
            inner = _INNER_POSSESSIVE.search(self.text, agent.start, agent.end)
            if inner is not None and not _SENDING_THING.match(self.text, inner.end()):
                return None
            return self.resolve(agent)
        return None

    def _quote_speaker(self, qstart: int, qend: int | None = None) -> Actor:
        s_start, _ = self.sentence_span(qstart - 1)
        prefix_start = s_start
        prefix = self.text[prefix_start : qstart - 1]
        # "Officer spoke to V1 alone: '...'": the words quoted are those of the one spoken to.
        heard = _SPOKE_TO.search(prefix)
        spoken_to = self._referent_at(prefix_start + heard.start("who")) if heard is not None else None
        if spoken_to is not None:
            return self.resolve(spoken_to)
        voice = _VOICE_OF.search(prefix)
        if voice is not None:
            # "V1 and her sister both identify the voice as S1's: '...'": the voice named is the speaker.
            ref = self._referent_at(prefix_start + voice.start("who"))
            if ref is not None:
                return self.resolve(ref)
        if _WITNESS_LABEL.search(prefix):
            return THIRD  # the witness's own account, in her words
        author = _AUTHORED_BY.search(prefix)
        if author is not None:
            # "Datix DX-AGH-26-5520 (entered 20/09 00:15 by IP): '...'": her own report, in her words.
            return THIRD if author.group("who").startswith("W") else VICTIM
        received = _RECEIVED_FROM.search(prefix)
        if received is not None:
            ref = self._referent_at(prefix_start + received.start("who"))
            sender = self.resolve(ref) if ref is not None else None
            if sender is not None and sender.role != "victim":
                return sender
        if (
            self.kind == "statement"
            and qend is not None
            and (not prefix.strip() or _ENDS_SENTENCE.search(prefix))
            and _FIRST_PERSON_WORD.search(self.text[qstart:qend])
            and not _SECOND_PERSON_WORD.search(self.text[qstart:qend])
        ):
            # "Since Christmas he waits for her and writes every day. 'I changed to day shifts ... I cannot sleep.'":
            # her own words set down in an account of her statement, not his message (which would speak to her).
            return VICTIM
        # Not a verb inside an aside: "sent a cropped image (V1 recognises it as one she sent S1 in 2025) with: '...'".
        asides = [m.span() for m in _ASIDE.finditer(prefix)]
        verbs = [
            v
            for v in self.compiled.cue("speech_verbs").finditer(prefix)
            if not any(a <= v.start() < b for a, b in asides)
        ]
        if verbs:
            verb = verbs[-1]
            # "Discord DM after V1 said she did not want to meet: '...'": her words sit in a time clause; the message
            # the record is about is the sender's.
            head = _MESSAGE_HEAD.match(prefix)
            if (
                head is not None
                and _SUBORDINATE.search(prefix, head.end(), verb.start())
                and self.default_actor.role == "suspect"
            ):
                return self.default_actor
            heard = _HEARD_SPEAK.search(prefix)
            speaker = self._referent_at(prefix_start + heard.start("who")) if heard is not None else None
            spoke = self.resolve(speaker) if speaker is not None else None
            if spoke is not None and spoke.role in ("suspect", "third"):
                return spoke
            # "V1 states S1 rang: '...'": the one who rang, named after the reporting verb, is the speaker.
            late = _REPORTED_CALLER.search(prefix, verb.end())
            caller = self._referent_at(prefix_start + late.start("who")) if late is not None else None
            who = self.resolve(caller) if caller is not None else None
            if who is not None and who.role in ("suspect", "third"):
                return who
            actor = self.subject_before(prefix_start + verb.start(), prefix_start)
            if actor is not None:
                return actor
        else:
            # "Victim statement (taken 08/12): '...'", "Text from SUSP: '...'": the nearest subject before it.
            actor = self.subject_before(qstart - 1, prefix_start)
            # "Snapchat message, the day after she blocked him: '...'": she is the subject of a time clause,
            # not the sender.
            dated = actor is not None and actor.role == "victim" and _TIME_CLAUSE.search(prefix)
            # "WhatsApp from a number V1 did not know: '...'": she is in a clause about the sender's number.
            dated = dated or (
                actor is not None
                and actor.role == "victim"
                and _MESSAGE_HEAD.match(prefix) is not None
                and _UNKNOWN_SENDER.search(prefix) is not None
            )
            # "got a text from a number she did not know: '...'": not hers, whoever sent it.
            dated = dated or (actor is not None and actor.role == "victim" and received is not None)
            if actor is not None and actor.role == "victim" and not dated and self.kind == "narrative":
                # "S1 walked up to V1 until they were chest to chest, V1 backed against his gate: '...'": her
                # reaction, with no speech verb, does not make her the speaker when he acts earlier in the sentence.
                earlier = self._first_subject(prefix_start, qstart - 1)
                if earlier is not None and earlier.role == "suspect":
                    return earlier
            if actor is not None and (actor.role == "victim" or actor.role == "suspect") and not dated:
                return actor
        if (
            self.kind == "narrative"
            and qend is not None
            and _STATEMENT_LABEL.search(prefix)
            and self._speaks_of_suspect(self.text[qstart:qend])
        ):
            # "MG11 extract: 'At about 8 pm my mobile rang. I recognised his voice...'": her account, quoted in the
            # record, not his message (a witness's own statement names the witness and is theirs).
            named = [
                self.resolve(r).role
                for r in self.referents
                if prefix_start <= r.start < qstart
                and not self.quote_at(r.start)
                and not _LABEL_WORD.match(self.text, r.end)  # "Witness statement of V1": a kind of record
            ]
            if all(role == "victim" for role in named):
                return VICTIM
        if self.kind == "statement" and _MAKER_LABEL.search(prefix):
            # The maker is named in the label's own clause ("...shown to the officer; V1's words in her statement:").
            clause = prefix_start + max(prefix.rfind(";"), prefix.rfind(". ")) + 1
            named = {
                self.resolve(r).role
                for r in self.referents
                if clause <= r.start < qstart and not self.quote_at(r.start)
            }
            if "suspect" not in named:
                return THIRD if "third" in named else VICTIM
        if self.kind == "statement" and qend is not None and self._speaks_of_suspect(self.text[qstart:qend]):
            # An officer quoting her account ("'I'd never seen him before the run'"). In an incident's narrative
            # an unattributed quote is most often the message itself, which may well speak of another man.
            return VICTIM
        return self.default_actor if self.default_actor.role != "victim" else UNKNOWN

    def _speaks_of_suspect(self, words: str) -> bool:
        """Quoted words in the first person that speak of the suspect as someone else."""
        if not _FIRST_PERSON_WORD.search(words):
            return False
        gender = self.cast.suspect_gender
        third = _HE_WORD if gender == "m" else _SHE_WORD if gender == "f" else None
        names = self.cast.names_re
        return bool(
            (third is not None and third.search(words))
            or (names is not None and names.search(words))
            or _THE_MAN.search(words)
        )

    def speech_frame(self, pos: int) -> Actor | None:
        """Reported speech: 'he said he would kill her' -> the subject of the speech verb."""
        q = self.quote_at(pos)
        s_start, _ = self.sentence_span(pos)
        floor = max(s_start, q.start) if q else s_start
        segment = self.text[floor:pos]
        verbs = list(self.compiled.cue("speech_verbs").finditer(segment))
        if not verbs:
            return q.speaker if q else None
        verb = verbs[-1]
        actor = self.subject_before(floor + verb.start(), floor)
        if actor is not None:
            return actor
        return q.speaker if q else self.default_actor

    # ----- matching -------------------------------------------------------
    def might_match(self, pattern: re.Pattern[str]) -> bool:
        """False only when the prefilter has ruled the pattern out for this text."""
        cands = self._candidates
        if cands is None:
            return True
        pf = self.compiled.prefilter
        pid = pf.index.get(id(pattern)) if pf is not None else None
        return pid is None or pid in cands.ends

    def _finditer(self, pattern: re.Pattern[str]) -> list[re.Match[str]]:
        """All matches of pattern, scanning only sentences where the prefilter saw a candidate."""
        cands = self._candidates
        pf = self.compiled.prefilter
        pid = pf.index.get(id(pattern)) if pf is not None else None
        if cands is None or pid is None or pf is None:
            return list(pattern.finditer(self.text))
        ends = cands.ends.get(pid)
        if not ends:
            return []
        spans = sorted({self.sentence_span(max(e - 1, 0)) for e in ends})
        out: list[re.Match[str]] = []
        last = -1
        for start, end in spans:
            # From the sentence before ("Understood. Take care" spans two) to the end of the one after, so
            # lookaheads see what a full scan sees; keep only matches that start by this sentence's end.
            begin = self.sentence_span(start - 1)[0] if start > 0 else 0
            stop = self.sentence_span(end)[1] if end < len(self.text) else end
            for m in pf.finditer(pid, pattern, cands, self.text, max(begin, last, 0), stop):
                if m.start() >= end:
                    break
                if m.start() >= last:
                    out.append(m)
                    last = m.end()
        return out

    def negated(self, start: int, end: int, *, inner: bool = True) -> bool:
        s_start, s_end = self.sentence_span(start)
        q = self.quote_at(start)
        floor = max(s_start, q.start) if q else s_start
        c_start = self.clause_start(start, floor)
        # NegEx-style window: a cue counts only within a few words before the match.
        window = _LAST_WORDS.search(self.text, c_start, start)
        w_start = window.start() if window else c_start
        if _OR.search(self.text, w_start, start):
            # "never followed me or hung around watching the house": the scope runs on through "or", and back
            # over a list's commas ("she has never messaged me, rung me or come to my house").
            if c_start > floor and self.text[max(floor, c_start - 3) : c_start].rstrip().endswith(","):
                c_start = self.clause_start(self.text.rindex(",", floor, c_start), floor)
            wide = _WIDE_WORDS.search(self.text, c_start, start)
            w_start = wide.start() if wide else c_start
        if _NOT_HIS.match(self.text, end):
            return True
        neg = self.compiled.cue("negation")
        # Read on to the sentence's end so that a cue's lookahead sees what follows it ("not someone you want to").
        cues = [c for c in neg.finditer(self.text, max(c_start, w_start), s_end) if c.end() <= start]
        if cues and cues[-1].group(0).lower() in ("denies", "denied") and _BUT.search(self.text, start, s_end):
            return False  # "S1 denies following IP, but dashcam footage shows...": evidence contradicts the denial
        # A new subject between the cue and the match (or opening it) ends the scope:
        # "If you don't come back I'll end it all" does not negate "I'll end it all".
        # "if u don't unblock me ur brother gets the pics": the "not" belongs to the condition, and what
        # follows it some words later is the consequence threatened.
        # So does an insult that turns to address her some words after the negated verb: "'I haven't got all day you
        # stupid cow'".
        if (
            cues
            and (_IF.search(self.text, floor, cues[-1].start()) or _VOCATIVE.match(self.text, start))
            and len(_GAP_WORDS.findall(self.text, cues[-1].end(), start)) >= 2
        ):
            return inner and bool(_INNER_NEG.search(self.text, start, end))
        if cues:
            between = self.text[cues[-1].end() : min(end, start + 8)]
            # "not frightened that he'll hurt me": the scope runs into what is feared or believed.
            if not _NEW_SUBJECT.search(between) or _BELIEF.search(between):
                return True
        return inner and bool(_INNER_NEG.search(self.text, start, end))

    def hypothetical(self, start: int) -> bool:
        s_start, s_end = self.sentence_span(start)
        # "OPERATOR: Has she threatened you?": a question asked, not an act reported.
        if _YES_NO_QUESTION.match(self.text, s_start, s_end) and self.text[s_start:s_end].rstrip().endswith("?"):
            return True
        q = self.quote_at(start)
        if q is not None and q.speaker.role != "victim":
            return False  # a suspect's "I'll ..." is a threat, not a hypothesis
        floor = max(s_start, q.start) if q else s_start
        c_start = self.clause_start(start, floor)
        prev_start = self.clause_start(max(c_start - 2, floor), floor) if c_start > floor else c_start
        if _PERFECT_CLAUSE.match(self.text, c_start):
            # "terrified he will kill her, has moved in with her mum": a new statement of fact.
            prev_start = c_start
        hyp = self.compiled.cue("hypothetical")
        return bool(hyp.search(self.text, prev_start, start))

    def memoised(self, key: tuple[str, object], compute: Callable[[], list[T]]) -> list[T]:
        """What a later step derives from this text alone, kept with it (the analysis may be reused)."""
        hit = self._memo.get(key)
        if hit is None:
            hit = self._memo[key] = compute()
        return hit

    def act_matches(self, pattern: re.Pattern[str]) -> list[Match]:
        """Conduct described in the text (not in a suspect's own quoted words)."""

        def compute() -> list[Match]:
            out: list[Match] = []
            for m in self._finditer(pattern):
                q = self.quote_at(m.start())
                if q is not None and m.end() > q.end + 2:
                    q = None  # "'Share My Location' switched back on": a quoted label inside the narrative's words
                if q is not None and q.speaker.role in ("suspect", "unknown") and self._quoted_record(q):
                    q = None  # "PCSO log: 'Elderly female reports male ... sat on wall opposite her address'"
                if q is not None and q.speaker.role != "victim" and not self._witness_account(q):
                    continue
                s_start, s_end = self.sentence_span(m.start())
                floor = max(s_start, q.start) if q else s_start
                actor = (
                    self._suspect_leads(m.start())
                    or self._suspect_owner_within(m.start(), m.end())
                    or self.passive_agent(m.end(), s_end)
                    or (
                        None
                        if self._agentless_passive(m, s_end)
                        or _FOUND_IT.search(self.text, max(floor, m.start() - 48), m.start())
                        or _VERDICT_ON_A_CLAIM.match(m.group(0))
                        else self.subject_before(m.start(), floor)
                    )
                    or (THIRD if self._officers_step(floor, m) else None)
                    or self.default_actor
                )
                out.append(self._match(m, actor, in_speech=False))
            return out

        return self.memoised(("act", id(pattern)), compute)

    def _officers_step(self, floor: int, m: re.Match[str]) -> bool:
        """The act is the note-taking officer's own step ("PC 3318 note: checked the camera account"), read only
        close to the officer's verb: "viewed CCTV; it shows a man following V1" goes on to someone else's act."""
        step = _OFFICERS_STEP.match(self.text, floor, max(m.end(), floor))
        return step is not None and m.start() - step.end() <= 25

    def _agentless_passive(self, m: re.Match[str], limit: int) -> bool:
        """'I came out and my tyres had been slashed': the thing is the subject and the doer is unnamed, so the
        person earlier in the sentence ('I') is not who did it; the record's own actor is."""
        aux = _PASSIVE_AUX.search(m.group(0))
        if aux is None or aux.start() == 0:
            return False
        head = m.group(0)[: aux.start()]
        if _HEAD_PERSON.search(head) or _ANY_AGENT.match(self.text[m.end() : limit]):
            return False  # "he was ...", or an agent named after it ("by kids") that is not a known party
        refs = self.referents
        i = bisect_right(self._ref_starts, m.start() - 1)
        return not (i < len(refs) and refs[i].start < m.start() + aux.start())

    def _witness_account(self, q: Quote) -> bool:
        """A witness's own account quoted in a record ("Carer's visit record (W2): 'Arrived 07:30. White van parked
        opposite with a man sitting in it watching the house'"): what she saw others do is evidence of it; her own
        doings ("I left at 08:05") are still hers. Not words addressed to anyone ("you", "we")."""
        if q.speaker.role != "third":
            return False
        words = self.text[q.start : q.end]
        return len(words.split()) >= 8 and not _SECOND_PERSON_WORD.search(words)

    def _quoted_record(self, q: Quote) -> bool:
        """A quoted log entry or note in the third person ("male known to her sat on wall ... staring at
        house"), not anyone's own words: read as the record's narrative."""
        words = self.text[q.start : q.end]
        if len(words.split()) < 8 or _FIRST_PERSON_WORD.search(words) or _SECOND_PERSON_WORD.search(words):
            return False
        if _REPLY_START.match(words):
            return False  # "Asked if he stopped: 'no, he just drove past'": an answer, someone's own words
        # "West Block concierge log: 'Mr Frere (W5.2) at the W5 landing window with a long-lens camera ...'".
        return bool(_THE_MAN.search(words) or _HE_WORD.search(words) or _SHE_WORD.search(words) or _TITLED.match(words))

    def _referent_at(self, pos: int) -> Referent | None:
        """The mention that starts exactly at pos, if one does."""
        refs = self.referents
        i = bisect_right(self._ref_starts, pos - 1)
        return refs[i] if i < len(refs) and refs[i].start == pos else None

    def _suspect_leads(self, start: int) -> Actor | None:
        """ "... found SUSP inside Flat 3": a match that opens with the suspect has him as its subject."""
        ref = self._referent_at(start)
        return ref.actor if ref is not None and ref.actor is not None and ref.actor.role == "suspect" else None

    def _suspect_owner_within(self, start: int, end: int) -> Actor | None:
        """ "An envelope in S1's handwriting": the suspect named as owner inside the matched words did it."""
        refs = self.referents
        i = bisect_right(self._ref_starts, start - 1)
        while i < len(refs) and refs[i].start < end:
            ref = refs[i]
            owner = self.text[ref.end : ref.end + 2] in ("'s", "’s")
            if owner and ref.actor is not None and ref.actor.role == "suspect":
                return ref.actor
            i += 1
        return None

    def speech_matches(self, pattern: re.Pattern[str]) -> list[Match]:
        """Words said or written: inside quotes, or reported after a speech verb."""

        def compute() -> list[Match]:
            out: list[Match] = []
            for m in self._finditer(pattern):
                speaker = self.speech_frame(m.start())
                if speaker is None:
                    continue
                found = self._match(m, speaker, in_speech=True)
                if self.quote_at(m.start()) is None and _FEARED.search(self.text, max(0, m.start() - 40), m.end()):
                    # "... and now I'm worried she'll tell my employer": her fear of what may be said, in her words.
                    found = replace(found, hypothetical=True)
                out.append(found)
            return out

        return self.memoised(("speech", id(pattern)), compute)

    def _match(self, m: re.Match[str], actor: Actor, *, in_speech: bool, inner: bool = True) -> Match:
        s_start, s_end = self.sentence_span(m.start())
        return Match(
            start=m.start(),
            end=m.end(),
            sentence=self.words(s_start, s_end).strip(),
            actor=actor,
            negated=self.negated(m.start(), m.end(), inner=inner),
            hypothetical=False if in_speech else self.hypothetical(m.start()),
            in_speech=in_speech,
        )

    def cue_matches(self, name: str) -> list[Match]:
        """A lexicon cue (fear, fixation ...) anywhere, with negation, regardless of speaker."""
        pattern = self.compiled.cues.get(name)
        if pattern is None:
            return []

        def compute() -> list[Match]:
            out: list[Match] = []
            for m in self._finditer(pattern):
                q = self.quote_at(m.start())
                speaker = q.speaker if q else None
                out.append(self._match(m, speaker or self.default_actor, in_speech=q is not None, inner=False))
            return out

        return self.memoised(("cue", name), compute)
