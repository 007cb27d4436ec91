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
from collections.abc import Callable
from dataclasses import dataclass, field

from vigil.contract import Case, Incident, Suspect

from .behaviours import CaseText
from .lexicon import Compiled
from .people import Cast
from .segments import find_quotes, split_sentences

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
    v = value.strip().lower().replace("(0)", "")
    if re.fullmatch(r"\d{1,3}(?:\.\d{1,3}){3}", v):
        return v  # an IP address, not a phone number
    digits = re.sub(r"\D", "", v)
    if len(digits) >= 10 and not re.search(r"[a-z@]", v):
        if digits.startswith("44"):
            digits = "0" + digits[2:]
        return digits
    return v


_CARD_ENDING = re.compile(r"(?i)(?:[\w ]{0,20}\s)?card ending (?:in )?(\d{4})")
_BANK_ACCOUNT = re.compile(r"(?i)\b(?:account|acc|a/c)\b\D{0,12}?(\d{2}-\d{2}-\d{2})\D{0,12}?\bending (\d{4,8})\b")
_ATOMS = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|@\w[\w.]*|\b\d{1,3}(?:\.\d{1,3}){3}\b|\+?\d[\d\s-]{8,}\d")


def identifier_atoms(ident: str) -> list[str]:
    """The parts of an identifier that can be matched: "home broadband 198.51.100.23" -> the IP address."""
    card = _CARD_ENDING.fullmatch(ident.strip())
    if card:
        return [f"ending {card.group(1)}"]  # the card's last four digits, only where they are given as a card's
    bank = _BANK_ACCOUNT.search(ident)
    if bank:
        # "Northbank account 20-41-77 ending 4471": written in a demand as "acc 20-41-77 4471" or "acc 4471".
        return [bank.group(1) + bank.group(2), bank.group(2)]
    atoms = [a.strip() for a in _ATOMS.findall(ident.replace("(0)", ""))]  # "+44 (0)7700 ..." is one number
    # "Snapchat: joshcarver_", "OurFamilyWizard: liam.dunne": the handle after the platform's name.
    # ... or before a note of what it is: "adrian_v (RoomMatch profile)".
    handle = (
        _PLATFORM_HANDLE.match(ident)
        or _NOTED_HANDLE.match(ident)
        or _PLATFORM_ID.match(ident)
        or _DISPLAY_NAME.match(ident)
    )
    if not atoms and handle:
        return [handle.group(1), ident]
    return atoms or [ident]


_PLATFORM_HANDLE = re.compile(r"^\s*[A-Za-z][\w ]{1,24}:\s*([\w.@-]{4,})\s*$")
# "Lumen: Phil, 41", "Reviewly: P. Whitcombe": a profile's display name (a dating profile's name and age, an initial
# and surname), written alone in the record ("the banned account 'Phil, 41'", "the 'P. Whitcombe' review").
_DISPLAY_NAME = re.compile(r"^\s*[A-Za-z][\w ]{1,24}:\s*([A-Z][\w'’-]+,\s*\d{2}|[A-Z]\.\s?[A-Z][\w'’-]+)\s*$")
_NOTED_HANDLE = re.compile(r"^\s*([\w.@-]*[_.@\d][\w.@-]*)\s*\([^)]*\)\s*$")
# "Zoomr rider R-40211", "Deliveroo rider ID 88123": a platform's own account number, written alone in the record
# ("banned account R-40211").
_PLATFORM_ID = re.compile(r"^\s*[A-Za-z][\w&' ]{1,30}?\s+((?=[\w-]*\d)[A-Za-z]{0,3}[-_]?\d[\w-]{3,})\s*$")


def _identifier_in(text: str, ident: str, *, names: bool = False) -> bool:
    """The identifier stands in the text as a whole token (so @dan_k is not found in @dan_k_88)."""
    return any(_atom_in(text, atom, names=names) for atom in identifier_atoms(ident))


def _identifier_at(text: str, ident: str, *, names: bool = False) -> int:
    """Roughly where in the text the identifier stands (-1 if absent), to pair it with the nearest account."""
    if not _identifier_in(text, ident, names=names):
        return -1
    low = text.lower()
    for atom in identifier_atoms(ident):
        tail = atom.lower().replace("(0)", "").strip()[-6:]
        pos = low.find(tail)
        if pos >= 0:
            return pos
    return 0


_ALL_OF_THEM = re.compile(r"\b(?:both|all|each|all three|all of them|these accounts|the accounts)\b", re.I)


def _atom_in(text: str, ident: str, *, names: bool = False) -> bool:
    norm = normalise_identifier(ident)
    if norm.isdigit():
        flat = text.replace("(0)", "").replace("+44 ", "0").replace("+44", "0")
        digits = re.sub(r"(?<=\d)[\s-]+(?=\d)", "", flat)
        intl = "44" + norm[1:] if norm.startswith("0") else norm
        return re.search(rf"(?<!\d)(?:{norm}|{intl})(?!\d)", digits) is not None
    if len(norm) < 4 or (re.fullmatch(r"[a-z'’-]+(?: [a-z'’-]+)+", norm) and not names):
        return False
    local, at, domain = norm.partition("@")
    # "g.petch58+snap@example.com" delivers to g.petch58@example.com: a plus-tag is the same mailbox.
    body = rf"{re.escape(local)}(?:\+[\w.-]+)?@{re.escape(domain)}" if local and at else re.escape(norm)
    return re.search(rf"(?<![\w@.]){body}(?![\w@])", text.lower()) is not None


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _content_tokens(text: str) -> list[str]:
    return [_stem(w) for w in _WORD.findall(text.lower()) if w not in _STOP and not _DIGITS.search(w)]


def _bigrams(text: str) -> set[tuple[str, str]]:
    quotes = _quoted(text, 8) or [text]
    grams: set[tuple[str, str]] = set()
    for q in quotes:
        toks = _content_tokens(q)
        grams.update(itertools.pairwise(toks))
        # A gap of one word still counts:
        # "everyone knows what you really are" ~ "everyone should know what she really is".
        grams.update(zip(toks, toks[2:], strict=False))
    return grams


_CHAT = re.compile(r"^\s*(?:\[[^\]]+\]\s*)?[^:\n]{1,40}:\s+(.+)$", re.M)
_COMMON_ADDRESS = frozenset(
    {"please", "answer", "hello", "hi", "hey", "why", "what", "you", "your", "sorry", "ok", "okay", "yes", "no"}
    | {"thanks", "thank", "love", "lol", "haha", "just", "still", "now", "really", "again", "the", "this", "that"}
    # Ordinary first and last words, not names for her: "Does anyone know...", "...the truth", "...your job".
    | {"anyone", "everyone", "someone", "nobody", "know", "truth", "job", "here", "there", "today", "tonight", "soon"}
    | {"back", "out", "all", "done", "did", "does", "well", "too", "yet", "ever", "never", "always", "everything"}
)


def _quoted(text: str, min_len: int) -> list[str]:
    """The quoted passages of a record (an apostrophe inside a word, "you're", does not end one)."""
    return [text[a:b] for a, b in find_quotes(text) if b - a >= min_len]


def _messages(text: str) -> list[str]:
    """The words actually written: quoted text, else chat lines, else the whole narrative."""
    return _quoted(text, 3) or _CHAT.findall(text) or [text]


def _ngrams(text: str, n: int, min_len: int) -> set[tuple[str, ...]]:
    """n-word runs of the written words holding at least one word of min_len letters that is not a stop word."""
    grams: set[tuple[str, ...]] = set()
    for msg in _messages(text):
        toks = re.findall(r"[a-z0-9']+", msg.lower())
        for i in range(len(toks) - n + 1):
            gram = tuple(toks[i : i + n])
            if any(len(t) >= min_len and t not in _STOP for t in gram):
                grams.add(gram)
    return grams


def _four_grams(text: str) -> set[tuple[str, ...]]:
    return _ngrams(text, 4, 4)


def _long_trigrams(text: str) -> set[tuple[str, ...]]:
    """Three-word runs holding a long, unusual word ("you will definately"): shared spelling habits."""
    return _ngrams(text, 3, 8)


_COMMON_ENDINGS = frozenset(
    {"to you", "you know", "thank you", "with you", "for you", "at all", "the truth", "right now"}
)


def _sign_offs(text: str) -> set[str]:
    """How messages end ("...just saying..."), when the ending is more than a word or two of punctuation."""
    ends = set()
    for msg in _messages(text):
        toks = re.findall(r"[a-z']+", msg.lower())
        if len(toks) >= 3:
            end = " ".join(toks[-2:])
            if end not in _COMMON_ENDINGS:
                ends.add(end)
    return ends


# The sender says he is the one she blocked: "New number, same me", "You can't block what's meant to be"; and the
# record that she blocked someone ("V1 blocked 07700 900512 that evening").
_EVADES_BLOCK = re.compile(
    r"(?i)\bnew (?:number|account|profile|phone|sim),? same (?:me|person|guy|girl)\b"
    r"|\b(?:you|u) (?:can['’]?t|cannot|can not) block (?:me|what|this|us)\b"
    r"|\b(?:blocking|block) me (?:won['’]?t|doesn['’]?t|does not|will not|wont) (?:work|stop)\b"
)
_SHE_BLOCKED = re.compile(r"(?i)\b(?:V\d+|IP|she|he|I) (?:had |has |then )?blocked\b")
# A record that the message was signed with a name: "New WhatsApp number ... signed 'Richard'".
# "an account created on 15/08/2020, the day after IP blocked S1's own Instagram".
_CREATED_AFTER_BLOCK = re.compile(
    r"(?i)\bcreated\b[^.;]{0,60}?\b(?:the day|the same day|the morning|the evening|hours?|minutes?"
    r"|(?:a|one|two|three|\d+) days?) after (?:V\d+|IP|she|he|the victim) (?:had )?blocked (S\d+|him|her|his|SUSP)\b"
)
# "profile picture is a cockapoo - IP says it is Natasha's dog, Biscuit", "Profile picture is a ginger cat ...
# That's Biscuit, Kirsty's cat".
_HIS_PET_PICTURED = re.compile(
    r"(?i)\bprofile (?:picture|photo|pic|image)\b[^.;]{0,80}?(?:[.;-]\s*)?[^.;]{0,60}?\b([A-Z][a-z]+)['’]s "
    r"(?:dog|cat|puppy|kitten|horse|pony|rabbit)\b"
)
# "the email header shows it was sent from Southvale Rail's staff Wi-Fi at Kingsbridge depot": a network the record
# names; it points to him when his identifiers or history place him there (one likeness: others use it too).
_SENT_FROM_NETWORK = re.compile(
    r"\b(?i:sent|posted|made|created|logged in|accessed|registered|came|originated) (?i:from|via|through|over|on) "
    r"(?i:the |an? )?((?:[A-Z][\w'’&-]+ ){0,3}[A-Z][\w'’&-]+?)(?:['’]s)? "
    r"(?i:(?:staff |guest |office |depot |work |corporate |internal |employee |member )?(?:wi-?fi|network|broadband|"
    r"ip address|computers?|pcs?|terminals?|server))\b"
)
_SAME_MAST = re.compile(r"(?i)\bsame (?:phone )?(?:mast|cell|cell site|cell tower)\b")
_CLAUSE = re.compile(r"[.;](?:\s|$)")
# "market CCTV shows S1 photographing the stall at 10:20 on 9 May from the position the photo was taken from".
_CAUGHT_TAKING = re.compile(
    r"(?i)\b(?:CCTV|footage|camera|video|doorbell)\b[^.;]{0,20}?\b(?:shows?|showed|captured|captures|recorded) "
    r"(S\d+) (?:photographing|filming|taking (?:photos|pictures|a photo|a picture|video))\b[^.;]{0,80}?"
    r"\b(?:from the (?:same )?(?:position|spot|place|angle|point)|at the (?:same )?(?:time|moment|minute))\b"
)
# "the rota and door log show S1 was the only member of staff on site then": the one who could have made it.
_ONLY_ONE_THERE = re.compile(
    r"(?i)\b(S\d+|SUSP|he|she) was the only (?:member of staff|staff member|person|one|employee|member|user|worker)"
    r"(?: [\w-]+){0,3}? (?:on site|in the building|on shift|present|there|logged in|in the office|with access)\b"
)
_SIGNED_NAME = re.compile(r"\bsign(?:ed|s)(?: off)?(?: (?:as|with))? ['‘\"“]?([A-Z][a-z]{2,})\b")
# A message signed off with a lone initial ("... like old times? N x").
# "... night night to Rexy. C x'" at a message's end, or the record's "Later texts signed 'C'".
_INITIAL_SIGN_OFF = re.compile(r"[.!?,]\s+([A-Z])(?:\s*x+)?\s*['’\"”]|\bsigned ['‘\"“]([A-Z])\.?['’\"”]")
_PROPER = re.compile(r"(?<=[a-z,;] )([A-Z][a-z]{3,})\b")


def _proper_names(text: str) -> set[str]:
    """Capitalised names used mid-sentence in the messages ("killed my Bonnie", "Bonnie would have been 11")."""
    names: set[str] = set()
    for msg in _messages(text):
        names.update(m.group(1) for m in _PROPER.finditer(msg))
        first = re.match(r"\s*([A-Z][a-z]{3,})\b", msg)
        if first and first.group(1).lower() not in _STOP:
            names.add(first.group(1))
    return {n for n in names if n.lower() not in _STOP and n.lower() not in _COMMON_ADDRESS}


def _address_terms(text: str) -> set[str]:
    """Words used to address someone at the start or end of a message ("Bubs please", "looking good bubs")."""
    terms: set[str] = set()
    for msg in _messages(text):
        toks = re.findall(r"[a-z]+", msg.lower())
        for t in (toks[:1] + toks[-1:]) if toks else []:
            if len(t) >= 3 and t not in _STOP and t not in _COMMON_ADDRESS:
                terms.add(t)
    return terms


_BOTH_ACCOUNTS = re.compile(r"\b(?:both|the two|all (?:three|the)) (?:accounts|profiles|numbers|handles)\b", re.I)


def same_maker_accounts(case: Case, compiled: Compiled) -> dict[str, str]:
    """Unattributed accounts the record shows one person made or used ("both accounts were created on the same
    handset", "@b was made on the same device as @a"): account -> the first of its group. One maker is one actor
    for the course of conduct (s.7(3)), whoever that turns out to be."""
    accounts = sorted({i.account for i in case.incidents if i.account and i.suspect_id is None})
    if len(accounts) < 2:
        return {}
    parent = {a: a for a in accounts}

    def root(a: str) -> str:
        while parent[a] != a:
            a = parent[a]
        return a

    same_maker = compiled.pattern("same_maker")
    for inc in case.incidents:
        for sentence in re.split(r"(?<=[.!?;])\s+", inc.narrative):
            if not same_maker.search(sentence):
                continue
            named = [a for a in accounts if a.lower() in sentence.lower()]
            if len(named) < 2 and _BOTH_ACCOUNTS.search(sentence) and len(accounts) == 2:
                named = accounts
            elif len(named) == 1 and inc.account in parent and named[0] != inc.account:
                named = [inc.account, named[0]]  # the record's own account and the one it names
            for a, b in itertools.pairwise(named):
                parent[root(b)] = root(a)
    return {a: root(a) for a in accounts}


def identified_by_record(inc: Incident, texts: CaseText) -> tuple[str, str] | None:
    """The suspect id a record identifies as the doer ("a fingerprint inside the envelope flap matches S1's prints",
    "(subscriber: S1)") and the words that do, unless the record also clears him."""
    if texts.incidents[inc.id].cue_matches("exculpation"):
        return None
    hit = texts.compiled.pattern("identified_as").search(inc.narrative)
    sid = next((g for g in hit.groups() if g), None) if hit else None
    return (sid, hit.group(0)) if hit is not None and sid is not None else None


def link_accounts(case: Case, texts: CaseText) -> list[Link]:
    suspects = {s.id: s for s in case.suspects}
    if not suspects:
        return []
    known = {normalise_identifier(i): (s.id, i) for s in case.suspects for i in s.identifiers}
    by_account: dict[str, list[Incident]] = defaultdict(list)
    links: dict[tuple[str, str], Link] = {}
    for inc in case.incidents:
        if texts.acting_alone(inc):
            continue  # the record shows whose account it is, acting on their own: nothing to link to him
        if inc.suspect_id is None and any(
            not m.negated for m in texts.incidents[inc.id].cue_matches("not_his_account")
        ):
            continue  # "registered to a 16-year-old (W2), who admitted sending it": someone else's account
        if inc.suspect_id is None and inc.account:
            own_id = known.get(normalise_identifier(inc.account))
            if own_id is not None:
                sid, listed = own_id
                link = links.setdefault((inc.account, sid), Link(inc.account, sid, strong=True))
                why = f"it is {sid}'s own listed identifier {listed}, written differently"
                if why not in link.reasons:
                    link.reasons.append(why)
                link.incident_ids.append(inc.id)
            else:
                by_account[inc.account].append(inc)
    if not by_account:
        return list(links.values())

    def add(account: str, sid: str, reason: str, iids: list[str], strong: bool = False) -> None:
        link = links.setdefault((account, sid), Link(account, sid))
        iids = iids or [i.id for i in by_account.get(account, [])]
        # One kind of likeness is one reason: a second "new account after contact" or "same phrasing" (found again
        # once another account joins his pool) is not a second, independent reason.
        kind = _kind(reason)
        if reason not in link.reasons and (
            strong or not kind.startswith(_LIKENESSES) or all(_kind(r) != kind for r in link.reasons)
        ):
            link.reasons.append(reason)
        link.incident_ids.extend(i for i in iids if i not in link.incident_ids)
        link.strong |= strong

    # The same account on a record that is attributed to him ("Caller: 'It's Stuart'", from the number that sent
    # the unsigned text a month before) is his account.
    attributed: dict[str, tuple[str, str]] = {}
    for inc in case.incidents:
        if inc.suspect_id in suspects and inc.account and not texts.acting_alone(inc):
            attributed.setdefault(normalise_identifier(inc.account), (inc.suspect_id, inc.id))
    for account in by_account:
        hit = attributed.get(normalise_identifier(account))
        if hit is not None:
            sid, iid = hit
            add(account, sid, f"the same account sent {iid}, which the record attributes to {sid}", [], strong=True)
    # His own message owns the number: "Email from S1: 'Yes the 914 number is mine. I got it so you would read ...'".
    for inc in case.incidents:
        if inc.suspect_id not in suspects or texts.acting_alone(inc):
            continue
        for m in _OWNS_NUMBER.finditer(inc.narrative):
            tail = m.group(1)
            for account in by_account:
                digits = re.sub(r"\D", "", account)
                if len(digits) >= 7 and digits.endswith(tail):
                    add(
                        account,
                        inc.suspect_id,
                        f'{inc.suspect_id} owns it in {inc.id}: "{m.group(0)}"',
                        [],
                        strong=True,
                    )
    # Forensic identification on the item itself ("ridge detail on the inside of this letter identified as S1's left
    # thumb", "(subscriber: S1)") ties the account that sent it, unless the record also clears him.
    for account, incs in by_account.items():
        for inc in incs:
            named = identified_by_record(inc, texts)
            if named is not None and named[0] in suspects:
                add(account, named[0], f'{inc.id} identifies {named[0]}: "{named[1]}"', [inc.id], strong=True)
    # (a) the record ties the account to a suspect's own identifier (each identifier goes with the
    # nearest account named before it in the sentence; a denial such as "unconnected to S1" ties nothing).
    # Disclosures are also written into a suspect's history or the victim's statement.
    records: list[tuple[str, str, Incident | None]] = [(inc.id, inc.narrative, inc) for inc in case.incidents]
    records += [(f"suspects[{s.id}].history", s.history, None) for s in case.suspects if s.history]
    if case.victim and case.victim.statement:
        records.append(("victim.statement", case.victim.statement, None))
    # ... and into the force's own note of what it did ("OIC note: platform disclosure shows ... recovery number").
    if case.handling and case.handling.outcome:
        records.append(("handling.outcome", case.handling.outcome, None))
    derived: dict[str, list[tuple[str, str]]] = {sid: [(i, "") for i in s.identifiers] for sid, s in suspects.items()}
    # "The gamertag is on the same Microsoft account email as SxD_Reaper": an account the records show him using
    # ties others to him as his listed identifiers do.
    for inc in case.incidents:
        if inc.suspect_id in derived and inc.account and inc.account.lower() not in by_account:
            used = (inc.account, f"the account {inc.suspect_id} used in {inc.id}")
            if all(normalise_identifier(x) != normalise_identifier(inc.account) for x, _ in derived[inc.suspect_id]):
                derived[inc.suspect_id].append(used)
    businesses = _businesses(case)
    for _round in range(2):
        # Round two: identifiers the record gives for an account already tied to a suspect ("registered to
        # his number and the email x@y") tie other accounts that use them (links are transitive).
        found_more = _tie_accounts(
            records, by_account, derived, add, texts.compiled, _owner_by_name(texts.cast), businesses
        )
        derived = {sid: [x for x in found_more.get(sid, []) if x[0].lower() not in by_account] for sid in suspects}
        # "@lycra_grass_watch was registered with the email roadtruth99@example.net", roadtruth99 tied to him: an
        # account he is shown to hold ties the accounts the record registers with it.
        for (account, sid), lk in sorted(links.items()):
            if lk.strong and sid in derived and all(x != account for x, _ in derived[sid]):
                derived[sid].append((account, _LINKED + account))
        if not any(derived.values()):
            break
    for account, incs in by_account.items():
        for inc in incs:
            _same_identifier(account, inc, texts, add)
    own: dict[str, list[Incident]] = defaultdict(list)
    for inc in case.incidents:
        if inc.suspect_id:
            own[inc.suspect_id].append(inc)
    # What the suspect calls her is the same for every account and round: read it once.
    names = pet_names(texts)
    # Accounts already tied to a suspect lend their words to the comparison (links are transitive).
    for _ in range(3):
        before = {k for k, lk in links.items() if lk.strong or len(lk.reasons) >= 2}
        pool = {sid: list(incs) for sid, incs in own.items()}
        for account, sid in sorted(before):  # a set: sorted, so the pooled text (and result) never depends on hashing
            pool.setdefault(sid, []).extend(by_account[account])
        for account, incs in by_account.items():
            _weak_reasons(account, incs, suspects, pool, texts, add, names)
        after = {k for k, lk in links.items() if lk.strong or len(lk.reasons) >= 2}
        if after == before:
            break
    # "Platform disclosure: ... no identifier in common with S1": enquiries that found nothing to connect the account
    # outweigh likenesses of wording or timing (a link the record ties stays).
    unconnected = texts.compiled.pattern("no_link_found")
    cleared = {
        account
        for account, incs in by_account.items()
        if any(
            _NO_LINK_TO_HIM.search(m.group(0) + inc.narrative[m.end() : m.end() + 60])
            for inc in incs
            for m in unconnected.finditer(inc.narrative)
        )
    }
    # "OIC check: verified account of a DJ called Nathan Ilori ... Not S1.": the account's own record says it is not
    # his, which outweighs even a tie by his name (a namesake).
    not_him = texts.compiled.pattern("account_not_suspect")
    disowned = {
        (account, m.group("sid"))
        for account, incs in by_account.items()
        for inc in incs
        for m in not_him.finditer(inc.narrative)
    }
    return [
        lk
        for lk in links.values()
        if (lk.account, lk.suspect_id) not in disowned
        and (lk.strong or (len(lk.reasons) >= 2 and lk.account not in cleared))
    ]


# "the 914 number is mine", "the number ending 914 is mine", "that 914 number was me".
_OWNS_NUMBER = re.compile(
    r"\b(?:the |that )?(?:number ending (?:in )?)?(\d{3,4})(?: number)? (?:is|was) "
    r"(?:mine|me|my (?:number|phone|new number))\b",
    re.I,
)
_CREATED_IN = re.compile(
    r"(?i)\b(?:account|profile|page|handle|channel) (?:was )?(?:created|set up|opened|registered|active)"
    r"(?: in| since)? (?:\w+ )?((?:19|20)\d\d)\b|\b(?:active|posting|posted|used|run|operated|existing)"
    r"(?: by [\w ]{1,30}?| about [\w ]{1,40}?)? since ((?:19|20)\d\d)\b"
)
# Likenesses that say the same thing however often they are found (unlike two of his identifiers in the record).
_LIKENESSES = (
    "a new account that appeared",
    "uses the same phrasing",
    "knew details only",
    "addresses the victim as",
    "signs off as",
    "refers to the same names",
    "its profile shows",
)


def _kind(reason: str) -> str:
    """What sort of likeness a reason states, without its particulars (words quoted, days, incidents)."""
    return re.split(r"[(\"]|\d", reason, maxsplit=1)[0].strip()


_SOON_AFTER_BLOCK_DAYS = 7
_BLOCKED = re.compile(r"\b(?:V\d|IP|she|he|I) (?:then )?blocked (?:him|her|it|them|the account|the number|S\d)\b", re.I)
_LINKED = "linked:"
_THAT_ONE = re.compile(
    r"(?i)\b(?:opened|created|registered|set up|verified|made) (?:with|using|on|to|from) (?:that|this) "
    r"(?:SIM|number|phone|handset|mobile)\b"
)
_SHOWS_HIM = re.compile(r"\s+(?:is|was|shows|showed|is of|was of|is a (?:photo|picture|selfie) of) (S\d+)\b")
# What a tying sentence gives for an account, to tie others that share it: an email, a phone number, a device ID or
# the card that paid for it ("opened on device ID d7f3-91ac and paid with card ending 4471").
_CONTACT_ID = re.compile(
    r"[\w.+-]+@[\w-]+\.[\w.]+|\+?\d[\d ]{8,}\d|\bdevice (?:ID|id) (?=[\w-]*\d)[\w-]{6,}|\bcard ending (?:in )?\d{4}\b"
)


# ... "pay as you go SIM registered 18/04/2025 in the name 'D Marsh' at 22 Orme Street".
# ... "the IP address used belongs to the home broadband account of B. Quigley".
_IN_THE_NAME_OF = re.compile(
    r"\b(?:in (?:the )?name(?: of)?|registered to|belonging to|held by"
    r"|belongs to(?: the (?:[\w-]+ ){0,2}(?:account|line|connection|subscription|contract) of)?)"
    r" ['‘\"“]?(?:Mr|Mrs|Ms|Miss|Dr)?\.? ?"
    r"([A-Z][A-Za-z'’-]*\.?(?: [A-Z](?:[A-Za-z'’-]*[A-Za-z])?)+)"
)


_NO_LINK_TO_HIM = re.compile(r"\b(?:S\d+|him|her|his|the suspect|SUSP|the defendant)\b")
_HISTORY_OF = re.compile(r"suspects\[(\w+)\]\.history$")
_HIS_CONTACT = re.compile(
    r"\b(?:his|her|their) (?:own |current |new |usual |contact |mobile |phone |home |personal )*"
    r"(?:number|mobile|phone number|e-?mail(?: address)?|handle|username|profile)s? (?:is|are|was|as|:)"
)
# In a suspect's own history, "Interview 15/05: admitted 'quietobserver_77'", "admitted running @fenwick_truth":
# the accounts named in what he admits, up to a denial or another clause ("... no comment to the rest").
_ADMITTED = re.compile(
    r"\b(?:admitted|admits|accepted|accepts|conceded|concedes)\b(?! (?:nothing|none)\b)"
    # "Spoken to by PC Grant: confirmed 'kev.free.bird' is his account: 'yeah that's me'".
    r"|\bconfirm(?:ed|s)\b(?=(?:[^.;]|\.(?=\w))*\b(?:is|was) (?:his|hers)\b)",
    re.I,
)
_NAMED_ADMITS = re.compile(
    r"\b(S\d+) (?:has |had )?(?:admitted|admits|accepted|accepts|conceded|concedes)"
    r"(?: (?:that )?(?:he|she) (?:had |has )?(?:created|set up|made|ran|runs|run|opened|used|operated|sent from))?"
    r"\b(?! (?:nothing|none)\b)",
    re.I,
)
# A sentence that takes up the device or connection the sentence before tied to him: "... belongs to the home
# broadband account of B. Quigley. The same IP address sent the emails from openeyes@example.net."
# ... or the handset seized from him: "a second handset was seized from S1's jacket; it held the SIM for 07700 900588".
_SAME_AS_BEFORE = re.compile(
    r"^\W*(?:the|that|this) same (?:IP(?: address)?|device|handset|phone|mobile|SIM(?: card)?|connection|router|laptop"
    r"|computer|tablet|broadband(?: account| connection| line)?|wi-?fi(?: network)?)\b"
    r"|^\W*(?:it|which|the (?:handset|phone|mobile|device)) (?:held|holds|contained|contains|had) (?:the |a )?SIM\b",
    re.I,
)
_ADMISSION_ENDS = re.compile(r"[;:]|\b(?:but|denied|denies|no comment|not|never)\b|\.\s", re.I)
_CONTACT_US = re.compile(
    r"(?i)\b(?:text|call|ring|phone|contact|e-?mail|message|whats-?app|reach) (?:us|me|him|her|the office|our team) "
    r"(?:on|at|via)\s+(?=['‘\"“]?[\w.+@-]*\d)"
    # His own complaint signs off with it: "Please review. Contact number 07700 900835."
    r"|\b(?:my |our )?(?:contact|mobile|phone|tel\.?|telephone) (?:number|no\.?|num)(?: is)?:?\s+(?=\+?\d)"
)
_SAVED_AS = re.compile(
    r"\b(?:labelled|labeled|(?:saved|stored)(?: in (?:his|her|their|W\d+'s) (?:phone|contacts|mobile))? (?:as|under)|"
    r"listed as|comes up as|shows (?:up )?as|"
    r"contact name)\s+['‘\"“]?([A-Z][a-z]+(?: [A-Z][a-z]+)?)['’\"”]?(?![ -][A-Z])"
)


# "Photos the same as on Aaron's Bumble profile: ... the red Mini with the same registration", "gives the same mule
# account (sort code and number) that 'Richard' supplied": the record says the account shares an identifier with a
# named suspect.
_SAME_IDENTIFIER = re.compile(
    r"\bsame (?:[\w'’-]+ ){0,3}?(?:registration|number plate|VRM|bank account|mule account|account number|"
    r"sort code|IP address|device ID|IMEI|recovery e-?mail|e-?mail address|phone number|mobile number|"
    # "logged in from the same device as S1's own Snapchat account".
    r"(?:device|handset)(?= as (?:S\d+|SUSP|the suspect)['’]s\b))\b",
    re.I,
)
_DENIED = re.compile(r"\b(?:not|no|never|nothing|different)\b|n['’]t\b", re.I)
_SUSPECT_ID = re.compile(r"\bS\d+\b")


def _same_identifier(account: str, inc: Incident, texts: CaseText, add: Callable[..., None]) -> None:
    """A record that the account shares an identifier with a suspect it names is as good as his identifier in it:
    the tie is strong, unlike a likeness of words or timing."""
    text = inc.narrative
    starts = split_sentences(text)
    for sentence in (text[a:b] for a, b in zip(starts, [*starts[1:], len(text)], strict=True)):
        m = _SAME_IDENTIFIER.search(sentence)
        if m is None or _DENIED.search(sentence, max(0, m.start() - 40), m.start()):
            continue  # "was not created from the same IP address"
        words = {re.sub(r"['’]s$", "", w.strip("'’.,:;()")).lower() for w in sentence.split()}
        named = {s.suspect_id for s in texts.cast.suspects if words & {*s.first_names, *s.surnames}}
        named |= {x for x in _SUSPECT_ID.findall(sentence) if any(s.suspect_id == x for s in texts.cast.suspects)}
        if len(named) == 1:
            sid = next(iter(named))
            add(
                account,
                sid,
                f'the record says it has the {m.group(0)} as {sid} ("{sentence.strip()[:160]}")',
                [inc.id],
                strong=True,
            )


def _owner_by_name(cast: Cast) -> Callable[..., str | None]:
    """The suspect a written name is: his surname, with his first name or its initial ("Mr C ALMOND")."""

    def owner(written: str, first_only: bool = False) -> str | None:
        words = [w.strip(".'’").lower() for w in written.split()]
        first, surname = words[0], words[-1]
        if first_only:
            # One suspect with that first name (a contact saved as "Darren" on his mother's phone), or its short form
            # ("Kels" for Kelsey).
            found = {
                s.suspect_id
                for s in cast.suspects
                if len(words) == 1
                and (first in s.first_names or (len(first) >= 3 and any(f.startswith(first) for f in s.first_names)))
            }
        else:
            found = {
                s.suspect_id
                for s in cast.suspects
                if surname in s.surnames
                # "Bev Crane" for Beverley Crane: a first name, its initial, or its short form.
                and any(
                    f == first or (len(first) == 1 and f[0] == first) or (len(first) >= 3 and f.startswith(first))
                    for f in s.first_names
                )
            }
        return next(iter(found)) if len(found) == 1 else None

    return owner


# "Owner of Mawby's Pizza, Station Parade": a business his history says is his.
_OWNS_BUSINESS = re.compile(
    r"\b(?:[Oo]wner|[Pp]roprietor|[Ll]icensee|[Mm]anaging director) of ((?:[A-Z][\w'’&-]*)(?: (?:[A-Z][\w'’&-]*|&))*)"
    r"|\b(?:owns|runs) ((?:[A-Z][\w'’&-]*)(?: (?:[A-Z][\w'’&-]*|&))*)"
)
# "... lists 07700 900311 as the 'owner's mobile' for delivery queries".
_OWNERS_LINE = re.compile(
    r"(?i)\b(?:owner|proprietor|licensee)['’]?s?['’]? (?:mobile|number|phone|contact|e-?mail)|\bowner contact\b"
)


_SIGNED_WITH = re.compile(r"(?i)\bsign(?:ed|s|s off|ed off)\b")


def _mention_at(low: str, account: str) -> int:
    """Where a sentence names the account: as written, or a handle without its "@" where it is distinctive (it has a
    digit, "_" or ".": "HeavenlyHarmony77 on YouTube")."""
    key = account.lower()
    at = low.find(key)
    if at >= 0 or not key.startswith("@") or len(key) < 7 or not re.search(r"[\d_.]", key[1:]):
        return at
    bare = re.search(rf"(?<![\w@]){re.escape(key[1:])}(?!\w)", low)
    return bare.start() if bare else -1


def _businesses(case: Case) -> dict[str, list[str]]:
    """The businesses each suspect's history says he owns or runs, by name."""
    out: dict[str, list[str]] = {}
    for s in case.suspects:
        names = [g for m in _OWNS_BUSINESS.finditer(s.history or "") for g in m.groups() if g and len(g) > 3]
        if names:
            out[s.id] = names
    return out


def _tie_accounts(  # type: ignore[no-untyped-def]
    records, by_account, idents, add, compiled: Compiled, owner_named, businesses=None
) -> dict[str, list[tuple[str, str]]]:
    """Link accounts the record ties to a suspect's identifiers; return the other identifiers those
    tying sentences give (an account's registration email), for a further round."""
    more: dict[str, list[tuple[str, str]]] = defaultdict(list)

    def one_suspect(sid: str | None) -> str | None:
        """Police shorthand "SUSP's name", or "his car", stands for the suspect when the case has only one."""
        return next(iter(idents)) if sid in ("SUSP", "his") and len(idents) == 1 else sid

    compared, this_account = compiled.pattern("compared_with"), compiled.pattern("this_account")
    unconnected, linking = compiled.pattern("no_link_found"), compiled.pattern("linking_evidence")
    owned = compiled.pattern("owned_by_suspect")
    same_device = compiled.pattern("same_device_as")
    shows_itself = compiled.pattern("profile_shows")

    def named_owners(sentence: str) -> list[tuple[int, str | None, str]]:
        """Who a sentence says owns something: "topped up with a card in S1's name", "top-ups paid with a debit card
        in the name of Mr C ALMOND" (his name, or his initial and surname), "the broadband account of B. Quigley"."""
        return [
            (m.start(), one_suspect(next((g for g in m.groups() if g), None)), "") for m in owned.finditer(sentence)
        ] + [
            (m.start(), owner_named(m.group(1)), f' by name ("{m.group(1)}")')
            for m in _IN_THE_NAME_OF.finditer(sentence)
        ]

    for where_from, text, inc in records:
        carried: tuple[str, str] | None = None  # the suspect the sentence before tied a device to, and that sentence
        for sentence in re.split(r"(?<=[.!?;])(?<!\b[A-Z]\.)\s+", text):  # not after an initial ("P. Hollins")
            before, carried = carried, None
            low = sentence.lower()
            # "from the same broadband connection as @X": X is what it is compared with, not the account described.
            mentions = sorted(
                (at, a) for a in by_account if (at := _mention_at(low, a)) >= 0 and not compared.search(low, 0, at)
            )
            own = inc is not None and inc.account in by_account and inc.suspect_id is None
            if own and (not mentions or this_account.search(low)) and all(a != inc.account for _, a in mentions):
                here = this_account.search(low)
                mentions = sorted([*mentions, (here.start() if here else 0, inc.account)])
            if unconnected.search(sentence):
                continue
            if not mentions:
                sid = next((who for _, who, _ in named_owners(sentence) if who in idents), None)
                carried = (sid, sentence.strip()) if sid else None
                continue
            tied = bool(linking.search(sentence))
            quoted = f'({where_from}: "{sentence.strip()[:160]}")'
            iids = [inc.id] if inc is not None else []
            tied_here: set[tuple[str, str]] = set()
            if before is not None and _SAME_AS_BEFORE.match(sentence):
                sid, said = before
                why = f'the record ties it to {sid} ({where_from}: "{said[:120]}" ... "{sentence.strip()[:120]}")'
                add(mentions[0][1], sid, why, iids, strong=True)
                tied_here.add((mentions[0][1], sid))

            # "registered at S1's bail address, topped up with a card in S1's name", "the mobile S1 gave them".
            owners = named_owners(sentence)
            # In a suspect's own history, "the repairs log lists his contact number as 07700 900918": his.
            whose = _HISTORY_OF.match(where_from)
            if whose is not None:
                owners += [(m.start(), whose.group(1), "") for m in _HIS_CONTACT.finditer(sentence)]
                for m in _ADMITTED.finditer(sentence):
                    stop = _ADMISSION_ENDS.search(low, m.end())
                    end = stop.start() if stop else len(low)
                    for pos, account in mentions:
                        if m.end() <= pos < end and whose.group(1) in idents:
                            add(account, whose.group(1), f"{whose.group(1)} admitted it {quoted}", iids, strong=True)
                            tied_here.add((account, whose.group(1)))
            # In any record, a named suspect's admission: "S1 admitted he had created @em.reads.books".
            for m in _NAMED_ADMITS.finditer(sentence):
                sid = m.group(1).upper()
                stop = _ADMISSION_ENDS.search(low, m.end())
                end = stop.start() if stop else len(low)
                for _, account in mentions:
                    # (the account may be named again after the admission, not only where it first appears)
                    if m.end() <= _mention_at(low[m.end() : end], account) + m.end() < end and sid in idents:
                        add(account, sid, f"{sid} admitted it {quoted}", iids, strong=True)
                        tied_here.add((account, sid))
            # His own notice or letter gives it as his line: "company contact details including 'text us on X'".
            if inc is not None and inc.suspect_id in idents and inc.account not in by_account:
                owners += [
                    (m.end(), inc.suspect_id, f" as the number {inc.id} gives to reach him")
                    for m in _CONTACT_US.finditer(sentence)
                ]
            # A supplier's record of "Mawby's Pizza" giving the number as the "owner's mobile", where his history says
            # he owns Mawby's Pizza.
            line = _OWNERS_LINE.search(sentence)
            if line is not None:
                owners += [
                    (line.start(), sid, f" as the owner's line of {name}, which his history says he owns")
                    for sid, names in (businesses or {}).items()
                    for name in names
                    if name in sentence
                ]
            # His own message signed with the handle: "Signed 'Corinne (HeavenlyHarmony77 on YouTube) xx'".
            if inc is not None and inc.suspect_id in idents and _SIGNED_WITH.search(sentence):
                signed = f" as {inc.id}, his own message, is signed with it"
                owners += [(pos, inc.suspect_id, signed) for pos, _ in mentions]
            # "W1's own call log shows calls from that number labelled 'Darren'": saved under his first name.
            owners += [
                (
                    m.start(),
                    owner_named(m.group(1), first_only=" " not in m.group(1)),
                    f' by the name it is saved under ("{m.group(1)}")',
                )
                for m in _SAVED_AS.finditer(sentence)
            ]
            for start, sid, how in owners:
                if sid in idents:
                    before_it = [a for pos, a in mentions if pos <= start] or [mentions[0][1]]
                    add(before_it[-1], sid, f"the record ties it to {sid}{how} {quoted}", iids, strong=True)
                    tied_here.add((before_it[-1], sid))
            # "The profile photo is S1 (recognised by V and the OIC)": the account shows him. A likeness again.
            shown = shows_itself.search(sentence) if own and not tied else None
            him = _SHOWS_HIM.match(sentence, shown.end()) if shown else None
            if him is not None and him.group(1) in idents:
                add(inc.account, him.group(1), f"its profile shows {him.group(1)} himself {quoted}", iids)
            for sid, pairs in idents.items():
                for ident, via in pairs:
                    where = _identifier_at(sentence, ident, names=tied)
                    if where < 0 and via.startswith(_LINKED) and inc is not None and inc.account == ident:
                        # In the record of the number itself: "... were both opened with that SIM".
                        that = _THAT_ONE.search(sentence)
                        where = that.start() if that else -1
                    # "Profile photo shows a white van with 'Tasker Plastering' livery": the account shows itself
                    # as his. A likeness, not proof (anyone can copy a photo), so it needs a second reason.
                    if where < 0 and own and not via and not tied and shows_itself.search(sentence):
                        if _identifier_in(sentence, ident, names=True):
                            add(inc.account, sid, f"its profile shows {sid}'s identifier {ident} {quoted}", iids)
                        continue
                    linked_account = via.startswith(_LINKED)
                    if where < 0 or (ident.lower() in {a.lower() for _, a in mentions} and not linked_account):
                        continue
                    if linked_account:
                        via = via.removeprefix(_LINKED) + f" ({sid}'s)"
                        others = [(pos, a) for pos, a in mentions if a.lower() != ident.lower()]
                        if tied and not others and own and inc.account.lower() != ident.lower():
                            # The record of the account itself: "Platform return: registered with
                            # concerned.parent.2025@example.com" (an address already tied to him).
                            others = [(0, inc.account)]
                        if not tied or not others:
                            continue
                        before_it = [a for pos, a in others if pos <= where] or [others[0][1]]
                        for account in before_it[-1:]:
                            add(account, sid, f"tied in the record to {ident}, {via} {quoted}", iids, strong=True)
                        continue
                    before_it = [a for pos, a in mentions if pos <= where]
                    if _ALL_OF_THEM.search(sentence):
                        accounts = before_it or [a for _, a in mentions]  # "both registered with ..."
                    else:
                        accounts = [before_it[-1] if before_it else mentions[0][1]]
                    how = "tied in the record to" if tied else "mentioned in the record with"
                    whose = f"{sid}'s identifier {ident}" if not via else f"{ident}, which the record gives for {via}"
                    for account in accounts:
                        add(account, sid, f"{how} {whose} {quoted}", iids, strong=tied)
                        if tied:
                            tied_here.add((account, sid))
                            for m in _CONTACT_ID.finditer(sentence):
                                other = m.group(0).strip()
                                if normalise_identifier(other) != normalise_identifier(ident):
                                    more[sid].append((other, f"{account} ({sid}'s)"))
            # "... created from the same device as @X": an account on the same device as one tied to him is his too.
            for account, sid in sorted(tied_here):
                for other in by_account:
                    at = low.find(other.lower())
                    if other == account or at < 0 or not same_device.search(low, 0, at):
                        continue
                    add(
                        other,
                        sid,
                        f"made or used on the same device or connection as {account}, which is {sid}'s {quoted}",
                        [i.id for i in by_account[other]],
                        strong=True,
                    )
    return more


_NOT_PET = frozenset(
    {"names", "every", "all", "the", "a", "an", "at", "on", "in", "back", "up", "again", "and", "from"}
)


def _victim_names(texts: CaseText) -> set[str]:
    """Capitalised words at the start of the victim's statement (her own and family names, places)."""
    st = texts.statement.original if texts.statement else ""
    return set(re.findall(r"\b[A-Z][a-z]{3,}\b", st[:200]))


# "MG11 from Kai DONOVAN (19)", "Sarah Jones": a first name the record gives with a surname.
_FULL_NAME = re.compile(r"\b([A-Z][a-z]{2,})\s+(?:[A-Z]{2,}|[A-Z][a-z]+)\b")


def _first_names(texts: CaseText) -> set[str]:
    """First names the record gives people by (lower case): calling her by her own name, as anyone who knows
    her would, is no sign of who wrote a message, unlike a pet name."""
    out: set[str] = set()
    for _iid, _source, analysis in texts.all():
        out.update(m.group(1).lower() for m in _FULL_NAME.finditer(analysis.original))
    return out


def pet_names(texts: CaseText) -> set[str]:
    """What the suspect calls the victim, from her statement ("he always called me Bumble") or a record that says
    so ("'Strong & Sassy' is what S1 calls V1 in front of colleagues")."""
    pattern = texts.compiled.pattern("pet_name")
    names = {
        next(g for g in m.groups() if g).lower() for _iid, _src, a in texts.all() for m in pattern.finditer(a.original)
    }
    return names - _NOT_PET


def _his_places(suspect: Suspect) -> set[str]:
    """Capitalised words of a suspect's identifiers and history ("Southvale Rail guard", "based at Kingsbridge
    depot"): the places and employers the record gives him."""
    words: set[str] = set()
    for text in (*suspect.identifiers, suspect.history or ""):
        words.update(w for w in _CAPITAL_WORD.findall(text) if w.lower() not in _NOT_PLACE_WORDS)
    return words


_CAPITAL_WORD = re.compile(r"\b[A-Z][a-z'’-]{3,}\b")
_NOT_PLACE_WORDS = frozenset({"this", "that", "with", "from", "previous", "convictions", "aged", "since"})


def _named_for(name: str, places: set[str]) -> bool:
    return any(w in places for w in _CAPITAL_WORD.findall(name))


def _weak_reasons(account, incs, suspects, pool, texts, add, names) -> None:  # type: ignore[no-untyped-def]
    acc_text = " ".join(i.narrative for i in incs)
    acc_ids = [i.id for i in incs]
    victim_words = _victim_names(texts)
    first_names = _first_names(texts)
    used = sorted(n for n in names if re.search(rf"\b{re.escape(n)}\b", acc_text, re.I))
    if used and len(suspects) == 1:
        sid = next(iter(suspects))
        add(account, sid, f'uses the name {sid} calls the victim ("{used[0]}")', acc_ids)
    for sid in suspects:
        initials = {n[0] for sn in texts.cast.suspects if sn.suspect_id == sid for n in sn.first_names if n}
        signed = [m for m in _INITIAL_SIGN_OFF.finditer(acc_text) if (m.group(1) or m.group(2)).lower() in initials]
        if signed:
            add(account, sid, f'signed with {sid}\'s initial ("{signed[0].group(0).strip()}")', acc_ids)
        firsts = {n for sn in texts.cast.suspects if sn.suspect_id == sid for n in sn.first_names}
        by_name = [m for m in _SIGNED_NAME.finditer(acc_text) if m.group(1).lower() in firsts]
        if by_name:
            add(account, sid, f'signed with the name {sid} uses ("{by_name[0].group(0).strip()}")', acc_ids)
        # "New number, same me. You can't block what's meant to be": a sender who says he is the one she blocked,
        # where the record shows she blocked this suspect.
        evading = _EVADES_BLOCK.search(acc_text)
        if evading and any(_SHE_BLOCKED.search(i.narrative) for i in pool.get(sid, []) if i.account != account):
            add(
                account,
                sid,
                f'says it is a new number or account after she blocked {sid} ("{evading.group(0)}")',
                acc_ids,
            )
        after_block = _CREATED_AFTER_BLOCK.search(acc_text)
        if after_block and (after_block.group(1).upper() == sid or not after_block.group(1).upper().startswith("S")):
            add(account, sid, f'created just after she blocked {sid} ("{after_block.group(0).strip()[:100]}")', acc_ids)
        # "cell site data puts 07700 900947 and S1's own phone on the same mast at 01:22".
        mast = next(
            (
                s
                for s in _CLAUSE.split(acc_text)
                if _SAME_MAST.search(s) and re.search(rf"\b{sid}['’]s (?:own )?(?:phone|mobile|handset)\b", s)
            ),
            None,
        )
        if mast is not None:
            add(account, sid, f'its phone was where {sid}\'s phone was ("{mast.strip()[:100]}")', acc_ids)
        caught = _CAUGHT_TAKING.search(acc_text)
        if caught and caught.group(1).upper() == sid:
            add(account, sid, f'{sid} was seen taking what it posted ("{caught.group(0).strip()[:100]}")', acc_ids)
        alone = _ONLY_ONE_THERE.search(acc_text)
        if alone and alone.group(1).upper() in (sid, "SUSP", "HE", "SHE"):
            add(account, sid, f'made when only {sid} was there ("{alone.group(0).strip()[:100]}")', acc_ids)
        places = _his_places(suspects[sid])
        network = next((m for m in _SENT_FROM_NETWORK.finditer(acc_text) if _named_for(m.group(1), places)), None)
        if network is not None:
            add(
                account,
                sid,
                f'sent from a network the record places {sid} at ("{network.group(0).strip()[:100]}")',
                acc_ids,
            )
        pets = [m for m in _HIS_PET_PICTURED.finditer(acc_text) if m.group(1).lower() in firsts]
        if pets:
            add(account, sid, f'its profile picture is {sid}\'s own pet ("{pets[0].group(0).strip()[:80]}")', acc_ids)
        theirs = [i for i in pool.get(sid, []) if i.account != account]
        # "the profile opens as that contact (07700 900588)": the record gives an account already tied to him.
        tied = sorted({i.account for i in theirs if i.account and i.suspect_id is None})
        given = [a for a in tied if any(_atom_in(inc.narrative, a) for inc in incs)]
        if given:
            add(account, sid, f"the record gives {given[0]}, an account tied to {sid}, for it", acc_ids)
        if theirs:
            their_text = " ".join(i.narrative for i in theirs)
            shared = _bigrams(acc_text) & _bigrams(their_text)
            grams = (_four_grams(acc_text) & _four_grams(their_text)) | (
                _long_trigrams(acc_text) & _long_trigrams(their_text)
            )
            if len(shared) >= 2 or grams:
                words = " ".join(sorted(grams)[0]) if grams else ", ".join(sorted({w for g in shared for w in g})[:6])
                add(account, sid, f'uses the same phrasing as {sid}\'s messages ("{words}")', acc_ids)
            terms = _address_terms(acc_text) & _address_terms(their_text) - first_names
            if terms:
                add(account, sid, f'addresses the victim as {sid} does ("{sorted(terms)[0]}")', acc_ids)
            ends = _sign_offs(acc_text) & _sign_offs(their_text)
            if ends:
                add(account, sid, f'signs off as {sid} does ("{sorted(ends)[0]}")', acc_ids)
            # The same word is one likeness: a name already counted as how he addresses her is not a second reason.
            names = _proper_names(acc_text) & _proper_names(their_text) - victim_words
            names = {n for n in names if n.lower() not in terms}
            if names:
                add(
                    account,
                    sid,
                    f"refers to the same names or details as {sid} ({', '.join(sorted(names)[:3])})",
                    acc_ids,
                )
        if len(suspects) != 1:
            continue
        # (c) knowledge only the suspect had, in the record of the account or in the victim's statement about it.
        st = texts.statement
        if st is not None and account.lower().lstrip("@") in st.original.lower():
            for m in st.cue_matches("private_knowledge"):
                add(
                    account,
                    sid,
                    f'knew details only {sid} was likely to know (statement: "{m.sentence[:160]}")',
                    acc_ids,
                )
                break
        for inc in incs:
            for m in texts.incidents[inc.id].cue_matches("recognised"):
                if not m.negated and not m.hypothetical:
                    add(account, sid, f'recognised as {sid} ({inc.id}: "{m.sentence[:160]}")', [inc.id])
                    break
            for m in texts.incidents[inc.id].cue_matches("private_knowledge"):
                add(
                    account,
                    sid,
                    f'knew details only {sid} was likely to know ({inc.id}: "{m.sentence[:160]}")',
                    [inc.id],
                )
                break
        # (d) a new account appearing soon after the suspect's own contact.
        first = min((i for i in incs if i.when), key=lambda i: i.when, default=None)  # type: ignore[arg-type,return-value]
        mine = pool.get(sid, [])
        if first is not None and first.when is not None:
            earlier = [i for i in mine if i.when and i.when <= first.when and i.account != account]
            # ... or one that first writes after she blocked the last account he wrote from ("V1 replied 'no
            # thanks' and blocked him").
            from_accounts = [i for i in earlier if i.account]
            last_account = max(from_accounts, key=lambda i: i.when) if from_accounts else None  # type: ignore[arg-type,return-value]
            is_new = any(texts.incidents[i.id].cue_matches("new_account") for i in incs) or bool(
                last_account is not None
                and last_account.when is not None
                and (first.when - last_account.when).days <= _SOON_AFTER_BLOCK_DAYS
                and _BLOCKED.search(last_account.narrative)
            )
            # "Account created 2019, mostly posts about Leeds United": an old account, whatever else it says.
            years = [int(m.group(1) or m.group(2)) for i in incs for m in _CREATED_IN.finditer(i.narrative)]
            if years and first.when is not None and max(years) < first.when.year:
                is_new = False
            if earlier and is_new:
                last = max(earlier, key=lambda i: i.when)  # type: ignore[arg-type,return-value]
                gap = first.when - last.when  # type: ignore[operator]
                if gap.days <= WINDOW_DAYS:
                    when = f"{gap.days} days" if gap.days else f"{int(gap.total_seconds() // 60)} minutes"
                    add(
                        account,
                        sid,
                        f"a new account that appeared {when} after contact in {last.id}",
                        [first.id, last.id],
                    )
