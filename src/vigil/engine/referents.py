"""Find the people a text mentions, and whether each mention is a subject or an object.

Cheap word look-ups rather than backward regex scans: this runs on every text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from .lexicon import Compiled
from .people import NOT_PERSON_WORDS, STREET_WORDS, THIRD, VICTIM, Actor, Cast, Referent
from .segments import split_sentences

_SUBJECT_PRONOUNS = {"he": "m", "she": "f", "they": None, "i": "first", "we": "first", "you": "second"}
# A person named in brackets after the one a thing went to ("to the head (W2)") is in that object's place.
_OBJECT_THEN_BRACKET = re.compile(
    r"\b(?:to|towards|with|for|at)\s+(?:the|his|her|their|a|an|my|your|its)\s+(?:[\w'’-]+\s+){0,3}?[\w'’-]+\s*\(\s*$",
    re.I,
)
_PRONOUN_RE = re.compile(r"(?<![\w])(?<![\w]['’])(he|she|they|i|we|you)(?=['’](?:ll|d|s|ve|m|re)\b|[^\w'’]|$)", re.I)
_ING_NOUNS = frozenset(
    [
        "morning",
        "evening",
        "during",
        "nothing",
        "something",
        "anything",
        "everything",
        "building",
        "meeting",
        "thing",
        "spring",
        "wedding",
        "ceiling",
        "sibling",
        "darling",
        "according",
        "outing",
        "ending",
        "beginning",
    ]
)
_OBJECT_WORDS = frozenset(
    [
        "to",
        "at",
        "with",
        "on",
        "from",
        "for",
        "by",
        "of",
        "towards",
        "behind",
        "near",
        "aboard",  # "S1 stepped aboard Girl Jess uninvited carrying a boathook": a boat's name, not the doer
        "onto",
        "past",
        "saw",
        "see",
        "seen",
        "told",
        "asked",
        "called",
        "texted",
        "messaged",
        "rang",
        "phoned",
        "sent",
        "gave",
        "brought",
        "followed",
        "watched",
        "met",
        "left",
        "served",
        "knows",
        "know",
        "knew",
        "against",
        "about",
        "and",
        "or",
        # "stood over V1 and said": a person after these prepositions is not the subject
        "over",
        "beside",
        "opposite",
        "around",
        "round",
        # "where V1 had taken the children, sat at a table": irregular verbs whose objects the -ed rule misses
        "taken",
        "took",
        "take",
        "takes",
        "bring",
        "brings",
        "given",
        "give",
        "gives",
        "held",
        "kept",
        "shown",
        "found",
        "hit",
        "hurt",
    ]
)
# "male in dark Astra sat outside": a name after a preposition and its modifiers is not the subject (not "In the
# end Sarah rang", where the preposition opens the sentence, nor "tried to step in Matt shoved him", a particle).
_AFTER_PREPOSITION = re.compile(
    r"(?<=\w )(?:in|into|to|at|on|with|from|near|behind|outside) "
    r"(?:(?:a|an|the|his|her|their|my|our) (?:[a-z]+ )?|[a-z]+ )$"
)
# Between an owner and the person owned: "V1's manager", "V1's line manager", "her new partner".
_OWNED_GAP = re.compile(r"['’]s (?:[a-z-]+ ){0,2}")
_PREPOSITIONS = frozenset({"over", "beside", "towards", "against"})
_SEEN_WORDS = frozenset(
    ["saw", "seen", "sees", "watched", "filmed", "caught", "shows", "showed", "heard", "noticed", "spotted"]
)
_AFTER_WORDS = frozenset(["was", "were", "had", "has", "is", "still"])
_AWARE_OF = re.compile(r"\b(?:aware|sight|a glimpse|notice|note) of\s+$", re.I)
_SENTENCE_ENDS = re.compile(r"[a-z][.!?]\s+$")
_OWN_NOUN = re.compile(r"(?:My|Our|Her|His|Their|The) [a-z]")
_LAST_WORD = re.compile(r"([\w'’]+)\W*$")
_FIRST_WORD = re.compile(r"\s+([\w'’]+)")


_CLAUSE_BREAK_BEFORE = re.compile(r"[,;:]\s*$")


def _word_before(text: str, start: int) -> str:
    """The word just before `start` (lower case), found without scanning back through the text."""
    m = _LAST_WORD.search(text, max(0, start - 24), start)
    return m.group(1).lower() if m else ""


def _word_after(text: str, end: int) -> str:
    m = _FIRST_WORD.match(text, end)
    return m.group(1).lower() if m else ""


_NAME_TOKEN = re.compile(
    r"(?<![\w])(?<![\w]['’])([A-Z][a-z]+(?:[ -][A-Z][a-z]+)?)(?=\s+(?:\w+\s+)?(?:said|says|told|texted|messaged|wrote|"
    r"replied|asked|sent|rang|called|posted|emailed|shouted)\b)"
)
_NAME_SUBJECT = re.compile(
    r"(?<![\w])(?<![\w]['’])([A-Z][a-z]{2,})(?=\s+(?:had\s+|has\s+|then\s+|also\s+|had\s+been\s+)?(?:gave|went|came|"
    r"turned|stood|sat|waited|followed|drove|put|left|took|made|got|kept|brought|handed|walked|phoned|messaged|"
    r"texted|posted|messaging|turning|sending|following|waiting)\b)"
)
_NOT_NAMES = NOT_PERSON_WORDS | {
    "the",
    "he",
    "she",
    "it",
    "they",
    "a",
    "an",
    "this",
    "that",
    "text",
    "message",
    "voicemail",
    "email",
    "letter",
    "note",
    "card",
    "post",
    "account",
    "caller",
    "then",
    "later",
    "police",
    "officer",
    "officers",
    "reception",
    "someone",
    "nobody",
    "everyone",
    "ip",
    "we",
    "i",
    "you",
    # Words that begin a sentence with a capital ("When told she was busy he waited").
    "when",
    "while",
    "whilst",
    "after",
    "before",
    "if",
    "as",
    "once",
    "today",
    "yesterday",
    "tonight",
    "there",
    "here",
    "what",
    "why",
    "how",
    "where",
    "who",
    "although",
    "though",
    "because",
    "since",
    "until",
    "during",
    "both",
    "all",
    "some",
    "nothing",
    "everybody",
    "somebody",
    "anyone",
    # Determiners that begin a log's sentence ("Same text sent by DM to 12 of V1's clients").
    "same",
    "each",
    "every",
    "further",
}


_NOUN_USE = re.compile(
    r"\s+(?:e-?mails?|alerts?|notifications?|codes?|questions?|checks?|settings|warnings?|updates?|keys?|breach|logs?|"
    r"cameras?|footage|reports?|app|system|lights?|certificates?|records?|rota|timetable|website|portal|"
    # "opposite the staff entrance", "the staff car park", "leaned over the reception desk": a place, not the staff.
    r"entrance|exit|door|car park|room|toilets?|canteen|area|gate|desk|counter|hatch|window|office|building)\b",
    re.I,
)
_SID = re.compile(r"S\d+", re.I)
_SOME_OF_THEM = re.compile(
    r"\b(?:several|many|some|most|all|a few|two|three|four|five|\d+) of (?:her|his|their|the|my|our|V\d+['’]s|IP['’]s) "
    r"(?:[\w-]+ )?(?:clients|customers|regulars|patients|pupils|students|members|followers|colleagues|staff|friends)\b"
    r"(?= (?:have|had|has|were|are|then|also|all|[a-z]+ed)\b)",
    re.I,
)
_APPROACH_VERBS = frozenset({"approached", "approaches", "confronted", "confronts", "cornered", "corners"})
_SAYING = frozenset({"saying", "telling", "asking", "claiming", "alleging", "accusing", "calling", "demanding"})
# "Rachel's red Fiat had been parked opposite": whoever owns the vehicle is the one doing it.
_OWNED_THING = re.compile(r"['’]s ((?:[a-z][\w-]* ){0,3})\Z")
_OWNERS_VEHICLE = re.compile(
    r"['’]s? (?:[\w-]+ ){0,3}(?:car|van|vehicle|truck|lorry|motorbike|moped|jeep|taxi)\b"
    # "SUSP's blue Astra YR14 KZD parked opp": a make and a registration mark can come between.
    r"|['’]s? (?:[\w-]+ ){0,5}(?:had been |has been |was |were |is )?(?:parked|pulled up|idling|driven)\b",
    re.I,
)


# A group named for where it works, used as that place: "in reception", "at the garage", "outside security".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|outside|into|behind|near)(?: the)?\s+\Z", re.IGNORECASE)
# "Martin Oakes has been a customer for years", "I'm the pharmacist manager": the role describes the one already
# named, not someone new.
_COPULA_BEFORE = re.compile(
    r"(?:\b(?:is|was|are|were|am|has been|had been|have been|became|becomes|remains|remained)|['’]m)"
    r"(?: (?:still|also|now|just|only))?"
    r"(?: (?:a|an|the|my|her|his|their|our)(?: [\w-]+)?)?\s+\Z",
    re.IGNORECASE,
)
# "pt's father", "the patient's partner", "father of pt": a relation of the one the victim serves.
_USER_BEFORE = re.compile(
    r"\b(?:pt|pts|patient|client|customer|resident|pupil|student|service user|child|baby)['’]?s?\s+\Z", re.IGNORECASE
)
_OF_USER = re.compile(
    r"\s+of (?:the |a |this )?(?:pt|patient|client|customer|resident|pupil|child|baby)\b", re.IGNORECASE
)
# "a neighbour", "another neighbour", "V1's neighbour", "the neighbour at No.24": someone other than the suspect.
_ANOTHER_NEIGHBOUR = re.compile(
    r"\b(?:a|an|another|other|one|two|three|several|her|his|my|our|their|IP'?s|V\d+'?s|[A-Z][a-z]+['’]s)\s+"
    r"(?:[\w-]+\s+)?\Z|['’]s\s+\Z",
    re.IGNORECASE,
)
_OTHER_NEIGHBOUR_AFTER = re.compile(
    r"s?\s*(?:\((?:No|W|at)|at (?:No|no|number|\d)|,? (?:Mr|Mrs|Ms|Miss|Dr)\b|\s+[A-Z][a-z]+\b"
    r"|\s+(?:from|opposite|across|at)\b)"
)
_SUSPECT_NAMED_NEAR = re.compile(r"\b(?:S\d+|SUSP|suspect)\b")


def _sentence_of(text: str, starts: list[int], pos: int) -> str:
    i = bisect_right(starts, pos)
    return text[starts[i - 1] : starts[i] if i < len(starts) else len(text)]


# ... but not "What has upset me is my manager going through my phone": the one doing what follows.
_ACTS_AFTER = re.compile(r"\s+(?:who|that|[a-z]+ing)\b")
_ROLE_LEAD = re.compile(
    r"(?<![\w])(?<![\w]['’])(?:(?:my|his|her|their|your|our|a|an|the|IP'?s|V\d+'?s|S\d+'?s|[A-Z][a-z]+'s)\s+)?"
    r"(?:(?:mutual|younger|older|little|big|new|former|best|close|next-door|psycho|other)\s+)?\Z",
    re.IGNORECASE,
)
_STREET_AFTER_NAME = re.compile(rf"\b[A-Z][\w'’-]+ (?:{STREET_WORDS})$")
_PARTNER_ROLES = frozenset({"boyfriend", "girlfriend", "husband", "wife", "partner"})
# "her ex-boyfriend", "my former husband", "the estranged wife", right before the role noun.
_FORMER = re.compile(r"\b(?:ex|former|estranged|old)[- ]?\s*$", re.I)
_FORMER_BUSINESS = re.compile(r"\b(?:ex|former|old)[- ]?\s*business\s+$", re.I)


def _someone_else_named(text: str, end: int, cast: Cast) -> bool:
    """ "RP Mark DOBSON reports ex-partner Hannah LOWRY ...": the ex-partner named is not the suspect."""
    named = re.match(r"\s+([A-Z][a-z]+)\b", text[end : end + 30])
    return bool(named) and cast.suspect_for_name(named.group(1)) is None


def find_referents(text: str, compiled: Compiled, cast: Cast, default_suspect: str | None) -> list[Referent]:
    """Every mention of a person, in order: suspect ids and names, police shorthand, the victim,
    role nouns ("my brother"), subject pronouns; with whether each stands as an object."""
    c = compiled
    found: list[tuple[int, int, Actor | None, str | None, str | None]] = []
    starts: list[int] = []

    def sentences() -> list[int]:
        if not starts:
            starts.extend(split_sentences(text))
        return starts

    for m in c.cue("suspect_refs").finditer(text):
        sid = m.group(0).upper() if _SID.fullmatch(m.group(0)) else None
        found.append((m.start(), m.end(), Actor("suspect", sid or default_suspect), cast.suspect_gender, None))
    for m in c.cue("victim_refs").finditer(text):
        found.append((m.start(), m.end(), VICTIM, cast.victim_gender, None))
    if c.roles is not None:
        last = 0
        for role_start, end in c.roles.spans(text):
            # "my brother", "her new boyfriend", "Kim's mate": the words before the role are part of the mention.
            lead = _ROLE_LEAD.search(text, max(last, role_start - 64), role_start)
            start = lead.start() if lead else role_start
            last = end
            if _NOUN_USE.match(text, end):
                continue  # "a Snapchat security email", "the school report": a thing, not a person
            written = text[role_start:end]
            role = written.lower()
            gender = c.role_genders.get(role) or c.role_genders.get(written)
            if gender == "p" and _PLACE_BEFORE.search(text, max(0, role_start - 16), role_start):
                continue  # "Male in reception shouting": the place, not the reception staff
            former = (
                cast.partner_suspect
                and role in _PARTNER_ROLES
                and _FORMER.search(text, max(0, role_start - 12), role_start)
                and not _someone_else_named(text, end, cast)
            ) or (
                # "RP states ex-business partner entered gym demanding money": the one suspect, whom she bought out.
                role == "partner"
                and cast.single_suspect
                and _FORMER_BUSINESS.search(text, max(0, role_start - 24), role_start)
                and not _someone_else_named(text, end, cast)
            )
            # "pt's father grabbed my lanyard" where his history makes him the father of a child patient.
            related = role in cast.suspect_relations and bool(
                _USER_BEFORE.search(text, max(0, role_start - 24), role_start) or _OF_USER.match(text, end)
            )
            # "neighbour came to fence holding a garden spade" where the suspect is her neighbour: him, unless the
            # record marks another ("a neighbour", "Neighbour (No.14)", "V1's neighbour") or names him beside it.
            the_neighbour = (
                cast.neighbour_suspect
                and role in ("neighbour", "neighbor")
                and not _ANOTHER_NEIGHBOUR.search(text, max(0, start - 16), start)
                and not _OTHER_NEIGHBOUR_AFTER.match(text, end)
                and not _SUSPECT_NAMED_NEAR.search(_sentence_of(text, sentences(), start))
            )
            his = former or related or the_neighbour
            who = Actor("suspect", default_suspect) if his and default_suspect else THIRD
            if (
                who is THIRD
                and _COPULA_BEFORE.search(text, max(0, start - 24), start)
                and not _ACTS_AFTER.match(text, end)
            ):
                continue
            found.append((start, end, who, gender, None))
    # "Several of her regular clients have followed her": some of the people around her, doing it themselves.
    found.extend((m.start(), m.end(), THIRD, "p", None) for m in _SOME_OF_THEM.finditer(text))
    victims = list(cast.victim_re.finditer(text)) if cast.victim_re is not None else []
    found.extend((m.start(), m.end(), VICTIM, cast.victim_gender, None) for m in victims)
    if cast.others_re is not None:
        for m in cast.others_re.finditer(text):
            if _STREET_AFTER_NAME.search(text, max(0, m.start() - 24), m.end()):
                continue  # "Mill Lane": the street, though a witness is called Kate Lane
            found.append((m.start(), m.end(), THIRD, None, None))
    if cast.names_re is not None:
        for m in cast.names_re.finditer(text):
            sid = cast.suspect_for_name(m.group(0))
            if sid:
                found.append((m.start(), m.end(), Actor("suspect", sid), cast.suspect_gender, None))
    # When the suspects' names are known, another first name as the subject of an act ("Irene gave the ring to
    # Kayleigh", "Liam had turned up at her flat") is someone else doing it.
    named_ones = [*_NAME_TOKEN.finditer(text)]
    if cast.names_re is not None:
        named_ones += list(_NAME_SUBJECT.finditer(text))
    for m in named_ones:
        name = m.group(1)
        # "SUSP's silver Corsa drove into Fenn Street": a thing of his by its make, not another person (unlike
        # "S1's brother Mark").
        owned = _OWNED_THING.search(text, max(0, m.start() - 40), m.start())
        if owned and not any(w in c.role_genders for w in owned.group(1).split()):
            continue
        if (
            name.split()[0].lower() in _NOT_NAMES
            # "In March she texted me": a month or day after a capitalised preposition is no one's name.
            or any(w.lower() in NOT_PERSON_WORDS for w in name.split()[1:])
            or cast.suspect_for_name(name)
            or cast.suspect_for_name(name.split()[0])
            or any(v.start() <= m.start(1) < v.end() for v in victims)
        ):
            continue
        found.append((m.start(), m.end(), THIRD, None, None))
    for m in _PRONOUN_RE.finditer(text):
        word = m.group(1).lower()
        found.append((m.start(), m.end(), None, _SUBJECT_PRONOUNS[word], word))
    found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
    refs: list[Referent] = []
    last_end = -1
    owner_obj = False  # a possessive referent opens a phrase in object position ("to V1's ...")
    for start, end, actor, gender, pronoun in found:
        if start < last_end:
            continue  # overlapping: keep the longest, earliest
        prev = _word_before(text, start) if text[start - 1 : start].isspace() else ""
        if prev and _OWN_NOUN.match(text, start) and _SENTENCE_ENDS.search(text, max(0, start - 8), start):
            prev = ""  # "... I've never seen him hanging about. My wife keeps asking": a new sentence's subject
        nxt = _word_after(text, end)
        # "S1's car"; "I'd mocked his accent" is a contraction: "I" is never possessive.
        possessive = pronoun != "i" and (text[end : end + 2] in ("'s", "’s") or text[end : end + 1] in ("'", "’"))
        # "shouted at V1", "filming V1 over the fence": the person after a verb is its object.
        # ... but not across a clause's comma: in "The night V1 told him she was leaving, S1 put his hands round her
        # throat", S1 is the one who acts.
        # (An apposition straight after a name, "Mohammed, his brother-in-law, turned up", is left as it was.)
        apposition = bool(refs) and not text[refs[-1].end : start].strip(" ,")
        verbal = (apposition or not _CLAUSE_BREAK_BEFORE.search(text, max(0, start - 4), start)) and (
            (prev.endswith("ed") and len(prev) > 3)
            or (prev.endswith("ing") and len(prev) > 4 and prev not in _ING_NOUNS)
        )
        drives = (
            possessive
            and (
                prev in ("", "and", "but", "then", "when", "while", "as")
                or text[max(0, start - 3) : start].rstrip()[-1:] in ":;-–—"
            )
            and bool(_OWNERS_VEHICLE.match(text, end, end + 60))
        )
        phrase_obj = pronoun is None and (
            prev in _OBJECT_WORDS or verbal or bool(_AFTER_PREPOSITION.search(text, max(0, start - 40), start))
        )
        obj = phrase_obj or (possessive and not drives)
        # "saw S1 sitting", "saw S1 smash the windscreen": the seen person is the doer.
        # ... but not the object of a preposition: in "stood over V1 shouting", he is the one shouting.
        # ... but not the one a message went to: in "messaging my clients saying I scam men", the sender says it.
        told = verbal and nxt in _SAYING and prev not in _SEEN_WORDS
        # ... nor the one he went up to: in "S1 approached V1 holding a claw hammer", the hammer is in his hand.
        approached = prev in _APPROACH_VERBS
        part = (
            (nxt.endswith("ing") and prev not in _PREPOSITIONS and not told and not approached)
            or nxt in _AFTER_WORDS
            or prev in _SEEN_WORDS
            or drives
            # "V1 became aware of a man in a black buff running behind her": the one she became aware of acts.
            or bool(_AWARE_OF.search(text, max(0, start - 30), start))
        )
        if refs and refs[-1].object_position and not text[refs[-1].end : start].strip(" ,("):
            obj = True  # "an email to my manager Lorraine", "to her brother (W1)": apposition shares the role
        elif not obj and owner_obj and _OWNED_GAP.fullmatch(text, refs[-1].end, start):
            obj = True  # "to V1's line manager": the owned person stands where the owner's phrase stands
        elif (
            not obj
            and pronoun is None
            and text[end : end + 2].lstrip().startswith(")")
            and _OBJECT_THEN_BRACKET.search(text, max(0, start - 60), start)
        ):
            obj = True  # "Email to the head (W2), copied to all members: repeats that ...": W2 is who it went to
        refs.append(Referent(start, end, actor, gender, pronoun, obj, part))
        owner_obj = possessive and phrase_obj
        last_end = end
    return _named_by_himself(text, refs, cast)


# "A man who gave his name as Glen rang the practice": the caller is the Glen the case lists, not the suspect.
_GAVE_NAME_AS = re.compile(
    r"\s*,?\s*(?:who |and )?(?:gave|gives|giving) (?:his|her|their) name as\s+$"
    r"|\s*,?\s*(?:who )?(?:called|calling|calls) (?:himself|herself|themselves)\s+$"
    r"|\s*,?\s*(?:who )?(?:said|says|saying) (?:his|her) name was\s+$"
)


def _named_by_himself(text: str, refs: list[Referent], cast: Cast) -> list[Referent]:
    """A person the record describes ("a man", "the male") who names himself as one of the case's others is that
    person."""
    for i in range(len(refs) - 1):
        ref, name = refs[i], refs[i + 1]
        if (
            ref.actor is not None
            and ref.actor.role == "suspect"
            and name.actor is THIRD
            and not _SID.fullmatch(text[ref.start : ref.end])
            and not cast.suspect_for_name(text[ref.start : ref.end])
            and _GAVE_NAME_AS.fullmatch(text, ref.end, name.start)
        ):
            refs[i] = Referent(
                ref.start, ref.end, THIRD, ref.gender, ref.pronoun, ref.object_position, ref.participle_subject
            )
    return refs
