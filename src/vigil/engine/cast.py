"""Who is who in a case: suspects' names and the likely pronouns of suspect and victim.

Pronoun genders are guessed from the texts themselves (a first-person victim
statement's "he" is nearly always the suspect), because the case format has no
gender field and a wrong guess only makes the actor search fall back to the
incident's own actor.
"""

from __future__ import annotations

import re
from collections import Counter

from vigil.contract import Case

from .lexicon import Compiled
from .narrative import Cast, SuspectNames
from .people import NOT_PERSON_WORDS, STREET_WORDS

# Police records often write surnames in capitals ("Darren PYBUS"): a name either way.
# "Gavin Hurst", "Mr P. Lowe" and also a name he went by, quoted: "'Col. Richard Haines' (name used, believed false)".
_NAME_ID = re.compile(
    r"^['‘\"“]?(?:(?:Mr|Mrs|Ms|Miss|Dr)\.?\s*|(?:Col|Capt|Sgt|Lt|Maj|Major|Rev|Prof|Sir)\.?\s+)?"
    r"([A-Z][a-z'’-]+(?:\s+[A-Z](?:[a-z'’-]+|[A-Z'’-]+))*)['’\"”]?(?:\s*\(.*\))?$"
)
_ORG = re.compile(
    r"\b(?:ltd|limited|plc|llp|council|agency|recovery|services|solicitors|group|company|bank|trust)\b", re.I
)
_HE = re.compile(r"(?<![\w])(?<![\w]['’])(?:he|him|his|himself)(?![\w'’])", re.I)
_SHE = re.compile(r"(?<![\w])(?<![\w]['’])(?:she|her|hers|herself)(?![\w'’])", re.I)
# In a sentence that names one party, "he"/"she" and "his" are usually that party; "him" is usually the
# other one ("V1 had not given him this address"); "her" may be either, so it does not vote there.
_SAME_M = re.compile(r"(?<![\w])(?<![\w]['’])(?:he|his|himself)(?![\w'’])", re.I)
_SAME_F = re.compile(r"(?<![\w])(?<![\w]['’])(?:she|hers|herself)(?![\w'’])", re.I)
_OTHER_M = re.compile(r"(?<![\w])(?<![\w]['’])him(?![\w'’])", re.I)
_OPENING_QUOTE = re.compile(r"(?:^|(?<=[\s:,(]))['‘\"“]")
# "her" as an object only ("did not touch her.", "walked up to her and said"), not "her boyfriend", which may be his.
_OTHER_F = re.compile(
    r"(?<![\w])(?<![\w]['’])her(?=\s*(?:[,.;:!?]|$)|\s+(?:to|on|at|in|from|with|and|then|again|as|until|while|when"
    r"|before|after|for|off|out|up|down|away|back|alone)\b)",
    re.I,
)
_VICTIM_SAYS = re.compile(
    r"\b(?:IP|V\d+|the victim|the complainant|RP)(?: (?:also|then|now))? (?:says|states|stated|said|reports|reported|"
    r"explains|explained|describes|described|believes|disclosed|discloses|told \w+) (?:that )?(he|she)\b",
    re.I,
)
_REPORTER = re.compile(
    r"(?<![\w])(he|she) (?:says|states|stated|reports|reported|explains|explained|describes|"
    r"described|believes|disclosed|discloses)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"(?<![\w])(?<![\w]['’])(?:I|my|me)(?![\w'’])")
_ROLE_GENDER = {
    "wife": "f",
    "husband": "m",
    "girlfriend": "f",
    "boyfriend": "m",
    "mother": "f",
    "father": "m",
    "son": "m",
    "daughter": "f",
    "brother": "m",
    "sister": "f",
    "mum": "f",
    "dad": "m",
    "mam": "f",
    "aunt": "f",
    "nan": "f",
    "gran": "f",
    "uncle": "m",
}
_APPOSITION = re.compile(
    r"\b(?:the suspect|S1|SUSP|suspect)\s*,?\s*(?:his|her|their|the victim'?s|V1'?s|IP'?s)\s+"
    r"(?:former |ex-?|estranged |late |younger |older )?"
    r"(wife|husband|girlfriend|boyfriend|mother|father|son|daughter|brother|sister)\b",
    re.I,
)
_OWN_SPOUSE = re.compile(r"(?i)\bmy (husband|wife|boyfriend|girlfriend)\b")
_PARTNER_NOUN = re.compile(r"\b(?:my|his|her) (?:former |ex-?|estranged )?(wife|husband|girlfriend|boyfriend)\b", re.I)
_HIS_RELATIVE = re.compile(
    r"\b(?:his|her|their) (mum|mother|mam|sister|wife|girlfriend|daughter|aunt|nan|gran|dad|father|brother|husband|"
    r"boyfriend|son|uncle)\b",
    re.I,
)
# "Message from S1's boyfriend (W1) on his own account": the "his" is the boyfriend's, not the suspect's.
_SUSPECTS_RELATIVE = re.compile(
    r"\b(?:S\d+|SUSP|the suspect)['’]s (?:new |ex-?|former )?(mum|mother|mam|sister|wife|girlfriend|daughter|aunt|nan|"
    r"gran|dad|father|brother|husband|boyfriend|son|uncle)\b",
    re.I,
)
_TITLE = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][A-Za-z'’-]+)")
_TITLE_GENDER = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}
_GENDERED_REF = re.compile(r"\b(?:male|female|man|woman)\b", re.I)
_SENT = re.compile(r"[^.!?]+[.!?]?")


def suspect_names(case: Case) -> tuple[SuspectNames, ...]:
    out = []
    for s in case.suspects:
        full, first, last = [], [], []
        for ident in s.identifiers:
            m = _NAME_ID.match(ident.strip())
            if not m or _ORG.search(ident):
                continue
            parts = m.group(1).rstrip("'’").split()
            full.append(" ".join(parts).lower())
            first.append(parts[0].lower())
            if len(parts) > 1:
                last.append(parts[-1].lower())
            if parts[0].lower() in _NICKNAMES:
                first.extend(_NICKNAMES[parts[0].lower()])
        out.append(SuspectNames(s.id, tuple(full), tuple(first), tuple(last)))
    return tuple(out)


# Common short forms, so "Dan" is found for "Daniel". Small on purpose: names
# are data, but this list only widens matching of a suspect's own name.
_NICKNAMES = {
    "daniel": ("dan", "danny"),
    "richard": ("rick", "rich", "dick"),
    "andrew": ("andy", "drew"),
    "michael": ("mike", "mick"),
    "william": ("will", "bill", "billy"),
    "robert": ("rob", "bob", "bobby"),
    "thomas": ("tom", "tommy"),
    "james": ("jim", "jimmy", "jamie"),
    "christopher": ("chris",),
    "matthew": ("matt",),
    "joseph": ("joe",),
    "anthony": ("tony", "ant"),
    "stephen": ("steve",),
    "steven": ("steve",),
    "edward": ("ed", "eddie"),
    "samuel": ("sam",),
    "benjamin": ("ben",),
    "jonathan": ("jon", "jonny"),
    "nicholas": ("nick",),
    "alexander": ("alex",),
    "elizabeth": ("liz", "beth", "lizzie"),
    "jennifer": ("jen", "jenny"),
    "katherine": ("kate", "kath", "katie"),
    "catherine": ("kate", "cath", "katie"),
    "rebecca": ("becky", "becca"),
    "victoria": ("vicky", "tori"),
    "samantha": ("sam",),
    "gary": ("gaz",),
    "craig": (),
    "peter": ("pete",),
    "david": ("dave", "davey"),
    "philip": ("phil",),
    "phillip": ("phil",),
    "timothy": ("tim",),
    "kenneth": ("ken", "kenny"),
    "patrick": ("pat", "paddy"),
    "gavin": ("gav",),
    "joshua": ("josh",),
    "raymond": ("ray",),
    "ronald": ("ron", "ronnie"),
    "charles": ("charlie",),
    "nicola": ("nicky", "nic"),
    "susan": ("sue",),
    "deborah": ("debbie", "deb"),
    "margaret": ("maggie", "peggy"),
    "patricia": ("pat", "trish"),
}


def _names_re(names: tuple[SuspectNames, ...]) -> re.Pattern[str] | None:
    words = sorted(
        {w for s in names for w in (*s.full_names, *s.first_names, *s.surnames) if len(w) >= 3},
        key=len,
        reverse=True,
    )
    if not words:
        return None
    return re.compile(r"(?<![\w])(?<![\w]['’])(?:" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.I)


_CAPITALISED = re.compile(r"\b([A-Z][a-z'’-]{2,})\b")
_NOT_A_NAME = frozenset(
    {
        "the",
        "his",
        "her",
        "their",
        "mrs",
        "mr",
        "ms",
        "miss",
        "dr",
        "ip",
        "victim",
        "suspect",
        "partner",
        "friend",
        "brother",
        "sister",
        "mother",
        "father",
        "neighbour",
        "colleague",
        "manager",
        "new",
        "former",
        "old",
        "best",
    }
)


_ADDRESS = re.compile(
    rf"\b\d+[A-Za-z]?,? (?:[A-Z][\w'’-]+ ){{1,3}}(?:{STREET_WORDS})\b(?:,? [A-Z][a-z]+(?: [A-Z][a-z]+)?)?"
)


# ... "Head coach of Dunmere Aquatics, V1's new club": the club, not the coach's name.
_WORKPLACE = re.compile(r"\b(?:(?:of|at|in|from|for) the|at|of) (?:[A-Z][\w'’&-]*(?:,? |$|(?=[.;)])))+")
# "Cpl Mark Ashby, duty NCO, Kestlebury Camp", "Duty manager, Ironworks Gym": a place named by what it is (not
# "Ji-woo Park" or "Mark Hall", which are surnames as often as places).
_NAMED_PLACE = re.compile(
    r"\b(?:[A-Z][\w'’-]+ ){1,3}(?:Camp|Barracks|Hospital|Infirmary|Clinic|Surgery|School|Academy|College|University|"
    r"Station|Chapel|Mosque|Temple|Synagogue|Gurdwara|Centre|Library|Museum|Stadium|Prison|Airport|Harbour|"
    r"Gym|Club|Pool|Lido|Store|Supermarket|Market|Hotel|Theatre|Cinema|Arena)\b"
    # ... or by a lower-case word for what it is: "Duty manager, Goalzone 5-a-side centre".
    r"|\b[A-Z][\w'’-]+ (?:[\w-]+ )?(?:centre|center|gym|club|pool|stadium|arena|pitches|store|shop|market|cafe|café|pub"
    r"|restaurant|hotel|salon|studio|surgery|clinic|library|school|college|academy|depot|warehouse)\b"
)

# "a stranger who answered the fake Kindred profile": an app or site named before its thing, not a person.
_PLATFORM_THING = re.compile(
    r"\b[A-Z][\w-]+ (?=(?:profile|account|app|page|group|chat|handle|username|server|channel|listing|post|message|"
    r"match|advert|ad)s?\b)"
)


def _others_re(case: Case, suspects: tuple[SuspectNames, ...]) -> re.Pattern[str] | None:
    """Names and ids of the third parties the case lists ("Jordan, IP's partner", W1), so their acts are not
    the suspect's."""
    own = {w for s in suspects for w in (*s.first_names, *s.surnames)}
    words = set()
    for t in case.third_parties:
        words.add(t.id)
        # "current occupiers of 12 Mill Lane, Tadcaster": an address names a place, not a person.
        description = _ADDRESS.sub(" ", t.description or "")
        # "Mr Lau, manager of the Golden Wok": the business is where they work, not a name.
        description = _WORKPLACE.sub(" ", description)
        description = _NAMED_PLACE.sub(" ", description)
        description = _PLATFORM_THING.sub(" ", description)
        for m in _CAPITALISED.finditer(description):
            w = m.group(1).lower()
            if w not in _NOT_A_NAME and w not in own and w not in NOT_PERSON_WORDS:
                words.add(m.group(1))
    return _any_word(words)


def _shared_surnames(case: Case, names: tuple[SuspectNames, ...]) -> set[str]:
    """A surname the victim's statement gives its maker in its heading ("MG11 - Daniel OKAFOR, 41" in his
    ex-wife Samantha Okafor's case): the surname alone then does not say which of them is meant."""
    heading = (case.victim.statement or "")[:160] if case.victim else ""
    shared: set[str] = set()
    for sn in names:
        firsts = set(sn.first_names)
        for surname in sn.surnames:
            for m in re.finditer(rf"\b([A-Z][a-z'’-]+)\s+{re.escape(surname)}\b", heading, re.I):
                if m.group(1)[0].isupper() and m.group(1).lower() not in firsts | _NOT_FIRST_NAMES:
                    shared.add(surname)
    return shared


_NOT_FIRST_NAMES = frozenset({"mr", "mrs", "ms", "miss", "dr", "the", "and", "of", "by", "to", "from", "with", "said"})


def build_cast(case: Case, compiled: Compiled) -> Cast:
    names = suspect_names(case)
    shared = _shared_surnames(case, names)
    if shared:
        names = tuple(
            SuspectNames(n.suspect_id, n.full_names, n.first_names, tuple(x for x in n.surnames if x not in shared))
            for n in names
        )
    suspect_votes: Counter[str] = Counter()
    victim_votes: Counter[str] = Counter()
    statement = case.victim.statement if case.victim and case.victim.statement else ""
    # A statement in her own words ("he follows me") speaks of the suspect as he or she; sentences without
    # "I" or "me" ("IP states she ...", an officer's summary) speak of her, so only first-person sentences vote.
    # "She states he ..." is someone taking her account: the one reporting is the victim ("he told me" is not).
    # "His mum is lovely. She stopped me in the car park ...": after a sentence that brings in a woman (or a man)
    # of the family, "she" (or "he") is that person, not the suspect.
    other_person: str | None = None
    for sent in _SENT.findall(statement):
        # An officer's summary: "IP states she was frightened he was going to grab her".
        for m in _VICTIM_SAYS.finditer(sent):
            victim_votes["m" if m.group(1).lower() == "he" else "f"] += 2
        relative = _HIS_RELATIVE.search(sent)
        here = _ROLE_GENDER.get(relative.group(1).lower()) if relative else None
        if _FIRST_PERSON.search(sent):
            for m in _REPORTER.finditer(sent):
                victim_votes["m" if m.group(1).lower() == "he" else "f"] += 1
            rest = _REPORTER.sub(" ", sent)
            if "m" not in (other_person, here):
                suspect_votes["m"] += len(_SAME_M.findall(rest))
            if "f" not in (other_person, here):
                suspect_votes["f"] += len(_SAME_F.findall(rest))
        other_person = here
    sus_ref = compiled.cue("suspect_refs")
    vic_ref = compiled.cue("victim_refs")
    names_re = _names_re(names)
    for inc in case.incidents:
        for sent in _SENT.findall(inc.narrative):
            ref = sus_ref.search(sent)
            has_s = bool(ref or (names_re and names_re.search(sent)))
            # "MALE WALKED APPROX 10M BEHIND CALLER": the word that refers to him says which he is.
            said = _GENDERED_REF.search(ref.group(0)) if ref else None
            if said:
                suspect_votes["f" if said.group(0).lower() in ("female", "woman") else "m"] += 2
            has_v = bool(vic_ref.search(sent))
            he, she, him = len(_SAME_M.findall(sent)), len(_SAME_F.findall(sent)), len(_OTHER_M.findall(sent))
            if has_s and not has_v:
                kin = _SUSPECTS_RELATIVE.search(sent)
                kin_gender = _ROLE_GENDER.get(kin.group(1).lower()) if kin else None
                suspect_votes["m"] += he if kin_gender != "m" else 0
                suspect_votes["f"] += she if kin_gender != "f" else 0
                victim_votes["m"] += him
                # "S1 did not touch her", "He walked up to her": in his sentence, the "her" he acts on is the victim
                # (where no "she" in it could be someone else).
                # (Not inside a quote: in "'Pay her back you thieving scrote'", sent by the seller's boyfriend, "her"
                # is the seller.)
                if not she:
                    victim_votes["f"] += len(_OTHER_F.findall(_OPENING_QUOTE.split(sent)[0]))
            elif has_v and not has_s:
                victim_votes["m"] += he
                victim_votes["f"] += she
                suspect_votes["m"] += him
    for s in case.suspects:
        hist = (s.history or "")[:120].lower()
        for role, gender in compiled.role_genders.items():
            if gender in ("m", "f") and re.search(rf"\b{re.escape(role.lower())}\b", hist):
                suspect_votes[gender] += 2
                break
    for text in [statement] + [i.narrative for i in case.incidents]:
        for m in _APPOSITION.finditer(text):
            g = _ROLE_GENDER.get(m.group(1).lower())
            if g:
                suspect_votes[g] += 3
        for m in _TITLE.finditer(text):
            # "Ms Venn's liability hearing" names the suspect, not the victim (who may share the surname, so it is
            # no vote for the suspect either: "Mr Grant" is the ex-husband of Louise Grant).
            surname = re.sub(r"['’]s?$", "", m.group(2).lower())
            if not any(surname in (*s.surnames, *s.full_names) for s in names):
                victim_votes[_TITLE_GENDER[m.group(1).lower()]] += 2
    partner = case.victim and case.victim.relationship_to_suspect in ("ex-partner", "current-partner")
    if partner and statement:
        for m in _PARTNER_NOUN.finditer(statement):
            suspect_votes[_ROLE_GENDER[m.group(1).lower()]] += 2
    elif statement:
        # "I'm married ... My husband answered the door": when the suspect is not her partner, her own spouse says
        # something of her (a vote, not a rule: not every husband has a wife).
        for m in _OWN_SPOUSE.finditer(statement):
            victim_votes["f" if m.group(1).lower() in ("husband", "boyfriend") else "m"] += 2
    for s in case.suspects:
        for ident in s.identifiers:
            m = _TITLE.match(ident.strip())
            if m:
                suspect_votes[_TITLE_GENDER[m.group(1).lower()]] += 5
    suspect_gender = _decide(suspect_votes)
    victim_gender = _decide(victim_votes)
    if victim_gender == suspect_gender and victim_votes[victim_gender or ""] <= suspect_votes[suspect_gender or ""]:
        other = {"m": "f", "f": "m"}.get(suspect_gender or "")
        # One stray "him" in a sentence about him ("does not want him to lose contact") is no evidence that the
        # victim shares his gender; a man stalked by a man is spoken of as "he" more than once.
        same = victim_gender if victim_votes[victim_gender or ""] >= 2 else None
        victim_gender = other if other and victim_votes[other] else same
    return Cast(
        suspects=names,
        primary_suspect=case.suspects[0].id if case.suspects else None,
        suspect_gender=suspect_gender,
        victim_gender=victim_gender,
        names_re=names_re,
        others_re=_others_re(case, names),
        victim_re=_victim_re(case, names),
        identifiers={re.sub(r"[\s()-]", "", i.lower()): s.id for s in case.suspects for i in s.identifiers},
        partner_suspect=bool(partner),
        suspect_relations=_relations_to_service_user(case),
        neighbour_suspect=bool(case.victim and case.victim.relationship_to_suspect == "neighbour"),
    )


# "Father of a child patient", "Partner of a postnatal patient; father of the baby", "Husband and main carer of
# Margaret Hurrell (district nursing patient)": his relation to the one the victim looks after or serves.
_RELATION_TO_USER = re.compile(
    r"\b(father|mother|dad|mum|parent|partner|husband|wife|son|daughter|brother|sister|boyfriend|girlfriend|carer|"
    r"relative)(?: and [\w ]{1,20}?)? of (?:a|an|the|her|his|their|[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?) ?"
    r"(?:\((?:[\w-]+ ){0,3})?"
    r"(?:[\w-]+ )?(?:patient|pupil|client|customer|resident|student|service user|passenger|child|baby)\b",
    re.I,
)


def _relations_to_service_user(case: Case) -> frozenset[str]:
    if len(case.suspects) != 1:
        return frozenset()
    return frozenset(m.group(1).lower() for m in _RELATION_TO_USER.finditer(case.suspects[0].history or ""))


# "Spoke to the nanny, Aoife BRENNAN (V1), at length ... Aoife says: '...'": the record names the victim.
_VICTIM_NAMED = re.compile(r"\b([A-Z][a-z'’-]{2,})(?:\s+([A-Z][A-Za-z'’-]{2,}))?,?\s*\((?:V1|IP)\)")


def _victim_re(case: Case, suspects: tuple[SuspectNames, ...]) -> re.Pattern[str] | None:
    texts = [case.victim.statement or ""] if case.victim else []
    texts += [i.narrative for i in case.incidents]
    words: set[str] = set()
    for text in texts:
        for m in _VICTIM_NAMED.finditer(text):
            for w in m.groups():
                if (
                    w
                    and w.lower() not in NOT_PERSON_WORDS
                    and not any(w.lower() in (*s.surnames, *s.full_names, *s.first_names) for s in suspects)
                ):
                    words.add(w)
    return _any_word(words, after=r"(?![\w'’])")


def _any_word(words: set[str], after: str = r"(?![\w])") -> re.Pattern[str] | None:
    """One pattern for any of the words as a whole word, longest first so "Ann Marie" wins over "Ann"."""
    if not words:
        return None
    return re.compile(
        r"(?<![\w])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")" + after
    )


def _decide(votes: Counter[str]) -> str | None:
    m, f = votes["m"], votes["f"]
    if m == f:
        return None
    return "m" if m > f else "f"
