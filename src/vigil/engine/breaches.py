"""Step 4: breaches of orders and bail conditions.

An incident breaches an order only if all three hold:
- it is the conduct of the person the order is against (his own acts, an
  account linked to him, or conduct he procured: PHA 1997 s.7(3A));
- it happened while the order was in force (from `starts` to `ends`, inclusive);
- it violates one of the order's conditions (law/orders.yaml says which acts
  and channels breach each condition; an exclusion zone is matched by place).
A notice (PIN) has no legal force, so nothing breaches it. Precision matters as
much as recall: an unproven breach is not reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from vigil.contract import Behaviour, Breach, Case, Condition, ConditionType, Incident, Order, OrderType
from vigil.law import Law
from vigil.law.models import ConditionDef, OrderDef

from .behaviours import CaseText, her_own_record, not_to_victim
from .conduct import same_event
from .dates import MONTHS, WEEKDAYS, month_number
from .findings import Conduct, Found
from .lexicon import Compiled
from .narrative import Analysis
from .places import WORD, ZONE_EXCEPTION, at_place, inside_zone, measured_distance
from .segments import find_quotes

_IN_PERSON = ("in-person", "other", "gift-or-item", "tracking-or-surveillance")
# "doorbell camera, 27 Tansy Walk (remote)": watched from elsewhere, not there.
_REMOTE = re.compile(r"(?i)\((?:remote|remotely|online)\)|\b(?:viewed|watched|accessed|opened) remotely\b")
_PRESENCE = frozenset(
    {
        Behaviour.TURNING_UP_UNANNOUNCED,
        Behaviour.LOITERING,
        Behaviour.WATCHING_OR_SPYING,
        Behaviour.FOLLOWING,
        Behaviour.CONTACTING,
    }
)


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") else word


_ROLE_OF_PLACE = re.compile(
    r"\b(headteacher|head teacher|principal|head of year|manager|director|secretary|clerk|chair|governors?|"
    r"teacher|SENCO|social worker|practice manager) of (?:the )?(?:[A-Z][\w'’-]*\s?)+"
)
_WHOSE_EITHER = re.compile(r"(?i)\b(?:his|her|their) or (?:the |an? )?[\w-]+['’]s\b")


def _route_words(text: str, ignore: set[str]) -> list[set[str]]:
    """The routes a permission names: "through the parties' solicitors" -> {solicitor}."""
    routes = []
    # "effective against the respondent on personal service": when it binds him, not a route.
    text = _ON_SERVICE.sub(" ", text)
    # "through his or the company's legal representatives": one route, whoever's representatives they are.
    text = _WHOSE_EITHER.sub("his", text)
    # "with the headteacher of Ferncombe Primary": the person is the route; a record calls her "the headteacher".
    text = _ROLE_OF_PLACE.sub(r"\1 ", text)
    # The route ends where its purpose begins: "between the parties' solicitors about the return of property".
    for m in re.finditer(
        # A lookahead, so "in this order prevents ... between the solicitors" still yields the solicitors.
        r"(?=\b(?:through|via|by|using|on|at|in|between|addressed to|sent to|directed to|writ(?:e|es|ing) to|"
        r"letters? to|correspond(?:s|ing|ence)? (?:with|to)|communicat(?:e|es|ing|ion) with)\s+([^,;.]+?)"
        r"(?=,|;|\.|\(|\band\b|\bor\b|\babout\b|\bregarding\b|\bconcerning\b|\bin (?:relation|connection) (?:to|with)\b"
        # "through the court in the family proceedings": the court is the route, the proceedings its occasion (so too
        # "through solicitors in family proceedings").
        r"|\bin (?:(?:the|these|those|any|his|her|their) )?(?:[\w-]+ )?(?:proceedings|case|claim|matter)\b"
        r"|\bfor\b|\bas the\b|\bsolely\b|\bonly\b|\bunder\b|\bwithout\b|\bby (?:train|bus|car|rail|tram|coach)\b"
        # "at the front counter of Ashcombe Police Station as set out in the child arrangements order".
        r"|\bas (?:set out|provided|specified|directed|ordered|agreed|arranged|listed)\b"
        # "by FamilyBridge app messages limited to arrangements for the children": the purpose, not the route.
        r"|\b(?:limited|restricted|confined|relating|related) to\b"
        r"|\bto (?:arrange|discuss|agree|organise|organize|make|sort)\b|$))",
        text.lower(),
    ):
        # "May pass through the Todmorden zone by train": the zone is passed through; the train is the route.
        if text.lower().startswith("through", m.start()) and _MOVING_THROUGH.search(text, 0, m.start()):
            continue
        # "Made without notice on 2 May 2024": a date is when, not a route.
        words = {
            _stem(w) for w in WORD.findall(m.group(1)) if w not in ignore and not w.isdigit() and w not in _MONTH_WORDS
        }
        if words:
            routes.append(words)
    # "through solicitors or Linden Artist Management, solely about ...": the second route too; "She may write about the
    # fee dispute to the firm's complaints address": where she may write is the route.
    for pattern in (_SECOND_ROUTE, _WRITE_TO):
        for m in pattern.finditer(text.lower()):
            words = {_stem(w) for w in WORD.findall(m.group(1)) if w not in ignore and not w.isdigit()}
            if words:
                routes.append(words)
    # "may attend Shree Krishna Mandir, Kenton Lane, for Sunday worship": the place he may attend is the route.
    # (A visit on a named date, "may attend plot 7 on 09/06/2024", is a window checked on its own.)
    dated = re.search(r"\d{1,2}/\d{1,2}", text) is not None
    # With its purpose ("for Sunday worship", "for a gas safety inspection"): the record must show that too.
    # ... or to do something there ("may enter the Grand Clifftop Hotel to work a rostered kitchen shift").
    # "may attend Oakfield Primary to drop off or collect the children": the school run is the purpose (_SCHOOL_RUN).
    for m in re.finditer(
        r"\bmay (?:attend|visit|go to|enter|use) ([^,;.]+?)"
        r"(?=,|;|\.|\bfor\b|\bon\b|\bbetween\b|\bto (?:work|attend|collect|drop|pick)\b|$)"
        r"(?:( ?to (?:drop|pick)\b)"
        r"|,? ?[^;.]*?\b(?:for|to (?:work|attend|collect)) (?:a |an |the )?((?:[a-z'’-]+ ?){1,3}))?",
        "" if dated else text.lower(),
    ):
        purpose = [w for w in WORD.findall(m.group(3) or "") if w not in ignore and w not in ("between", "on", "only")]
        words = {_stem(w) for w in [*WORD.findall(m.group(1)), *purpose[:2]] if w not in ignore and not w.isdigit()}
        if words:
            routes.append(words | ({_SCHOOL_RUN_WORD} if m.group(2) else set()))
    # "... and to attend school events to which parents are invited": a second place or occasion he may attend.
    for m in re.finditer(
        r"\bmay (?:attend|visit|go to|enter)\b[^;.]*?,? and (?:to )?(?:attend|visit|go to) ([^,;.]+?)"
        r"(?=,|;|\.|\bfor\b|\bon\b|\bto which\b|\bwhere\b|\bwhen\b|$)",
        "" if dated else text.lower(),
    ):
        words = {_stem(w) for w in WORD.findall(m.group(1)) if w not in ignore and not w.isdigit()}
        if words:
            routes.append(words)
    # "he may send work emails strictly about work matters": the kind of message is the route.
    for m in re.finditer(
        r"\bmay (?:send|write|exchange) (?:(?:work|business|professional|formal|work-related) )?"
        r"(e-?mails?|letters?|texts?|text messages?)\b",
        text.lower(),
    ):
        routes.append({_CHANNEL_WORD[_stem(m.group(1).split()[0].replace("-", ""))]})
    # "may email office@writtleroad.example.sch.uk about his son's education": the address itself is the route.
    for m in re.finditer(
        r"\bmay (?:e-?mail|write to|text|call|ring|telephone|phone|contact|message)\s+([\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
        text.lower(),
    ):
        routes.append({_stem(w) for w in WORD.findall(m.group(1)) if w not in ignore})
    # "his solicitor may write to the victim": the one allowed to act is the route.
    for m in re.finditer(
        r"\b(?:his|her|their|the respondent'?s|the defendant'?s|the suspect'?s) ([a-z]+(?: [a-z]+)?) may\b",
        text.lower(),
    ):
        words = {_stem(w) for w in WORD.findall(m.group(1)) if w not in ignore}
        if words:
            routes.append(words)
    return routes


# Taking or fetching the children, in the record's words, and occasions a school or club invites parents to.
_CO_PARENT = re.compile(r"(?i)\bco-?parent(?:ing)?\b")
_SCHOOL_RUN_WORD = "schoolrun"
_SCHOOL_RUN = re.compile(
    r"(?i)\b(?:collect\w*|pick(?:ed|ing|s)?(?: \w+){0,3} up|drop(?:ped|ping|s)?(?: \w+){0,3} off|school run)\b"
)
_EVENT_WORD = re.compile(
    r"(?i)\b(?:festival|concert|assembly|nativity|sports day|fair|f[eê]te|parents['’]? evening|open (?:day|evening)|"
    r"performance|ceremony|graduation|prize-?giving|carol service|"
    r"(?:school|end[- ]of[- ](?:year|term)|summer|christmas|talent|dance) (?:show|play|disco|concert))\b"
)
_SECOND_ROUTE = re.compile(
    r"\b(?:through|via) [^,;.]+? or (?:through |via )?([^,;.]+?)(?=,|;|\.|\babout\b|\bsolely\b|\bonly\b|$)"
)
_WRITE_TO = re.compile(
    r"\bmay (?:write|send|complain|e-?mail|apply)\b[^.;]{0,40}? to (?:the )?([^,;.]+?)(?= or\b| and\b|,|;|\.|$)"
)
_ON_SERVICE = re.compile(r"(?i)\b(?:on|upon|from|after) (?:personal |being )?(?:service|served)\b")
_MONTH_WORDS = frozenset({*MONTHS, *(m[:3] for m in MONTHS), "sept"})
_PERMITTED_DAY = re.compile(r"\bon (\d{1,2})/(\d{1,2})/(\d{4})\b")
_PERMITTED_HOURS = re.compile(r"\bbetween (\d{1,2})[:.](\d{2}) and (\d{1,2})[:.](\d{2})\b")


# "on Sundays", "every Sunday", "for Sunday worship between 10:00 and 13:00".
_PERMITTED_WEEKDAY = re.compile(
    r"(?i)\b(?:on|every|for) (" + "|".join(WEEKDAYS) + r")s?\b(?:(?! between\b)[^,;.]){0,30}?(?= between \d|[,;.]|$)"
)


def _within_hours(inc: Incident, text: str) -> bool:
    """Within the hours a permission gives ("between 12:00 and 17:00"); any time when it gives none or the record
    gives no time."""
    hours = _PERMITTED_HOURS.search(text)
    if hours is None or inc.when is None or len(inc.occurred_at or "") <= 10:
        return True
    start = time(int(hours.group(1)), int(hours.group(2)))
    return start <= inc.when.time() <= time(int(hours.group(3)), int(hours.group(4)))


def _on_permitted_weekday(inc: Incident, text: str, weekday: str) -> bool:
    if inc.when is None or inc.when.weekday() != WEEKDAYS.index(weekday.lower()):
        return False
    return _within_hours(inc, text)


def _within_permitted_window(inc: Incident, text: str) -> bool:
    """ "May attend plot 22 on 12/05/2024 between 10:00 and 11:00": an incident on that day (and within those
    hours, when given) keeps to a permission granted for one occasion."""
    day = _PERMITTED_DAY.search(text)
    if day is None or inc.when is None:
        return False
    try:
        allowed = date(int(day.group(3)), int(day.group(2)), int(day.group(1)))
    except ValueError:
        return False
    if inc.when.date() != allowed:
        return False
    return _within_hours(inc, text)


_MAY_MESSAGE = re.compile(
    r"\bmay (?:text|call|phone|telephone|ring|e-?mail|message|write to|contact|speak to) ([A-Z][\w'’-]+)"
    # "Exception: video-call contact with the child Alfie Kershaw as provided by the child arrangements order".
    r"|\b(?:video-?call|telephone|phone|indirect) contact with (?:the child |the children |his son |his daughter )?"
    r"([A-Z][\w'’-]+)"
    # "may text the applicant solely about arrangements for contact with the child Yasmin": her, by her part in it.
    r"|\bmay (?:text|call|phone|telephone|ring|e-?mail|message|write to|contact) (the (?:applicant|protected person|"
    r"complainant|victim|claimant|mother|father|other parent))\b"
)
# The child's call used to reach the other parent: "go and get Mummy, tell her Daddy needs two minutes".
_THROUGH_THE_CHILD = re.compile(
    r"(?i)\b(?:tell|ask|show|give|get|fetch) (?:mummy|mum|your mum|your mother|daddy|dad|your dad|her|him)\b"
)


_WRITTEN = frozenset({"email", "letter", "text-message", "messaging-app"})
_PRESENT_ONLY = frozenset({"in-person", "via-third-party", "tracking-or-surveillance"})
# Channels that never put him anywhere (a GPS tag's alert, filed as "other", does).
_NOT_PRESENT = _WRITTEN | {"phone-call", "social-media", "online-publication", "gift-or-item", "via-third-party"}
# A channel, and an order's word for it, as one route word.
_CHANNEL_WORD = {
    "email": "email",
    "letter": "letter",
    "text": "text",
    "text-message": "text",
    "messaging-app": "message",
}


def _to_permitted_person(inc: Incident, text: str, via: str) -> bool:
    """ "May text Carol Rowley solely to arrange contact": a message (never a visit) to the person the order names,
    by her first name or as the record describes her."""
    named = _MAY_MESSAGE.search(text)
    if named is None or inc.channel is None or inc.channel.value in _IN_PERSON:
        return False
    if named.group(2) and _THROUGH_THE_CHILD.search(inc.narrative):
        return False
    if named.group(3):
        return True  # a message is to her: the permission names her by her part in the proceedings
    first = (named.group(1) or named.group(2)).lower()
    return bool(re.search(rf"\b{re.escape(first)}\b", f"{inc.narrative} {via}", re.I))


_SENT_HIMSELF = re.compile(
    r"(?i)\b(?:directly|himself|herself|from (?:his|her) own (?:address|account|phone|number))\b[^.]{0,80}"
    r"\b(?:copying|copied|cc'?(?:d|ing)?)\b[^.]{0,30}\b(?:solicitors?|lawyers?)\b"
)

_SENT_DIRECT = re.compile(
    r"(?i)\b(?:sent|e-?mailed|written|posted|texted|delivered) (?:direct|directly|straight) to "
    r"(?:V\d+|IP|her|him|the victim)(?:['’]s)?(?: (?:own|personal|private|home|work))? "
    r"(?:address|e-?mail|inbox|phone|number|mobile|door|house)\b"
    # "WhatsApp voice note from S1 direct to V1" (not "sent directly to V1's solicitors").
    r"|\b(?:direct|directly|straight) to (?:V\d+|IP|the victim)\b(?!['’])"
)

_ARRANGED_BY_SOLICITORS = re.compile(
    r"(?i)\b(?:arranged|arrangements?|appointment|agreed|booked|set up)\b[^.]{0,60}\b(?:solicitors?|lawyers?|legal "
    r"representatives?)\b"
)


_SOLICITOR_WORD = re.compile(r"\b(?:solicitors?|lawyers?|legal representatives?)\b", re.I)


def _unquoted(text: str) -> str:
    """The record's own words, with what anyone is quoted as saying blanked out."""
    for start, end in reversed(find_quotes(text)):
        text = text[:start] + " " * (end - start) + text[end:]
    return text


def _uses_permitted_route(  # type: ignore[no-untyped-def]
    inc: Incident,
    found: set[str],
    conds,
    law: Law,
    compiled: Compiled,
    via: str = "",
    stopped: bool = False,
) -> str | None:
    """The permission an incident keeps to, if any; None when it strays or oppresses."""
    spec = law.conditions.get(ConditionType.OTHER)
    perm = spec.permission if spec else None
    if perm is None or found & set(perm.void_if):
        return None
    # The account it came from counts: "OurFamilyWizard: Neil" is the app the order permits.
    record = f"{inc.location or ''} {inc.account or ''} {inc.narrative} {via}".lower()
    have = {_stem(w) for w in WORD.findall(record)}
    if _LAW_FIRM.search(f"{inc.narrative} {via}"):
        have.add("solicitor")  # "Letter from Pennant Law (for S1)": a firm of solicitors by its name
    if inc.channel is not None and inc.channel.value in _WRITTEN:
        have.add(_stem("writing"))  # "may communicate in writing": an email or a letter is in writing
        # "he may send work emails strictly about work matters": the channel itself is the route.
        have.add(_CHANNEL_WORD.get(inc.channel.value, inc.channel.value))
    if (
        _SENT_HIMSELF.search(inc.narrative)
        or _SENT_DIRECT.search(inc.narrative)
        or (
            inc.channel is not None
            and inc.channel.value == "in-person"
            and not _ARRANGED_BY_SOLICITORS.search(inc.narrative)
        )
    ):
        # "Email sent by S1 directly to V1's personal address ..., copying his solicitor", "Email sent direct to
        # V1's personal address: 'Your solicitor can't hide you'": his own message, not one through his solicitors.
        # Nor is his visit in person, though his solicitors later returned what he took (unless they arranged it:
        # "by written appointment made by his solicitor with HR").
        have.discard(_stem("solicitor"))
    # "Direct message: 'Ask your solicitor if you're allowed to wear my ring'": the word in his own message is no route;
    # nor is "V1 has no solicitor".
    if _stem("solicitor") in have:
        unquoted = _DENIED_WORD.sub(" ", _unquoted(inc.narrative))
        named = f"{inc.location or ''} {inc.account or ''} {unquoted} {via}"
        if not _SOLICITOR_WORD.search(named) and not _LAW_FIRM.search(f"{unquoted} {via}"):
            have.discard(_stem("solicitor"))
    if _CO_PARENT.search(record):
        # "CoParent: Kirsty R" is on "the co-parenting app": the app's name is the kind of app it is.
        have |= {_stem(w) for w in ("co", "parent", "parenting", "coparenting", "app")}
    if _SCHOOL_RUN.search(record):
        have.add(_SCHOOL_RUN_WORD)
    if _EVENT_WORD.search(record):
        have.add(_stem("event"))
    if "solicitor" in have:
        # "through his or the company's legal representatives": his solicitors are his legal representatives.
        have |= {_stem(w) for w in ("legal", "representatives", "lawyers")}
    # "Direct email ... Not sent through the court": the route the record denies he used.
    have -= {_stem(w) for w in _NOT_THROUGH.findall(record)}
    affirmed = have - {_stem(w) for w in _DENIED_WORD.findall(record)}
    for cond in conds:
        text = cond.text or ""
        if cond.type is not ConditionType.OTHER or not re.search(perm.words, text, re.I):
            continue
        if (
            "contacting" in found
            and inc.channel is not None
            and inc.channel.value == "in-person"
            and compiled.pattern("silent_on_route").search(text)
        ):
            # "He may attend the gate ... to drop off his daughter ... must not speak to or communicate with Bethan
            # Rhys": the route lets him be there, not speak to her, so "morning gorgeous, miss me?" said there strays
            # from it. (A message on a permitted app is another route the same term may allow.)
            continue
        if _AS_ALLOWED.search(inc.narrative):
            return text  # "by arrangement with the OIC and in line with his bail, escorted S1 to collect his tools"
        if compiled.pattern("court_business_permission").search(text) and compiled.pattern("own_court_business").search(
            inc.narrative
        ):
            return text  # "does not apply when the defendant is required to attend ... proceedings listed that day"
        if compiled.pattern("court_process_permission").search(text) and compiled.pattern(
            "court_process_record"
        ).search(inc.narrative):
            return text  # "does not prevent either party from bringing ... court proceedings": the court's claim form
        # "Must not contact Kai Ashworth. ... Communication through solicitors about the drive is permitted.": only
        # the sentences that permit something name routes.
        text = " ".join(t for t in _TERM_SENTENCE.split(text) if re.search(perm.words, t, re.I)) or text
        if _within_permitted_window(inc, text):
            return text
        if _to_permitted_person(inc, text, via) and _keeps_to_purpose(inc, text, perm):
            # "May message V1 on the app solely about arrangements for the children": to her, and about them.
            return text
        weekly = _PERMITTED_WEEKDAY.search(text)
        if weekly:
            # "He may visit his mother at 5 Tenby Road on Sundays between 12:00 and 17:00": the day and hours
            # limit the route; the route itself is what is left.
            if not _on_permitted_weekday(inc, text, weekly.group(1)):
                continue
            text = _PERMITTED_HOURS.sub(" ", _PERMITTED_WEEKDAY.sub(",", text))
            if (
                _MAY_ATTEND.search(text)
                and inc.channel is not None
                and inc.channel.value == "in-person"
                and not _route_words(text, set(perm.ignore))
                and not _breaks_proviso(text, found, perm)
                and _keeps_to_purpose(inc, text, perm)
            ):
                return cond.text or text  # in the zone on the day and hours it allows, for what it allows
        kinds = set(perm.kinds)
        # Each route with its own purpose: "through Ewa solely to arrange handovers, or through the app about ...",
        # and its own proviso: "...; attendance at work duties, provided he does not speak to her" binds only that.
        # Sentence by sentence as well: "May drive along Moss Lane ... without stopping. Contact through solicitors ...
        # is permitted." are two routes.
        for part in (p for chunk in _ROUTE_SPLIT.split(text) for p in _TERM_SENTENCE.split(chunk)):
            if _breaks_proviso(part, found, perm):
                continue
            if _TRAVEL_PERMISSION.search(part) and (inc.channel is None or inc.channel.value in _NOT_PRESENT):
                continue  # "may travel through Orchard Way on the number 42 bus": no route for a card in the post
            if _ATTENDANCE.search(part) and inc.channel is not None and inc.channel.value in _NOT_PRESENT:
                continue  # "attendance at Hartley House for supervised contact": no route for a call to her desk there
            if stopped and _WITHOUT_STOPPING.search(part):
                continue  # "may drive along Moss Lane without stopping": he stopped
            if _attends_what_it_allows(inc, part, have, perm) and _keeps_to_purpose(inc, part, perm):
                return text  # "may attend handovers and school events": the handover he came to
            # A go-between called by the first word of its name ("Linden Artist Management" as "Linden"), or by the
            # name after its role ("through the nanny, Aoife Brennan," as "Hi Aoife").
            via_at = re.search(r"\b(?:through|via)\b", part, re.I)
            if via_at and _MOVING_THROUGH.search(part, 0, via_at.start()):
                via_at = None  # "may travel through Slackhurst on the A6033": a place passed, not a go-between
            after = _PURPOSE_START.split(part[via_at.end() : via_at.end() + 48])[0] if via_at else ""
            names = _NAME_WORD.findall(after)
            for route in _route_words(part, set(perm.ignore)):
                named = route - kinds
                # A long name given in other words ("the deposit scheme's dispute resolution service", "the
                # tenancy deposit scheme's dispute portal"): most of its words, and at least three, will do, but
                # not words the record denies ("S1 was not rostered").
                most = len(named) >= 4 and len(named & affirmed) >= max(3, -(-len(named) * 2 // 3))
                head = next((w for w in names if _stem(w.lower()) in named), names[0] if names else None)
                by_name = (
                    head is not None
                    and len(named) >= 2
                    and any(
                        not _GIVES_EVIDENCE.match(m.string, m.end())
                        for m in re.finditer(rf"\b{re.escape(head)}\b", f"{inc.narrative} {inc.account or ''} {via}")
                    )
                )
                if _SCHOOL_RUN_WORD in route and _SCHOOL_RUN_WORD not in have:
                    continue  # the school run is the whole purpose: at the school for anything else is not covered
                if (route <= have or (named and named <= have) or most or by_name) and _keeps_to_purpose(
                    inc, part, perm
                ):
                    return text
    return None


# The go-between named as a witness ("Carol (W1) states S1 rang her from 07700 900874"), not as the route taken.
_GIVES_EVIDENCE = re.compile(
    r"\)?(?: \(W\d+\))? (?:states|stated|says|said|reports|reported|confirms|confirmed|recalls|recalled"
    r"|told (?:police|officers|the OIC))\b"
)
_TRAVEL_VERBS = r"(?:travel|drive|pass|walk|cycle|ride|go|run|commute)"
_ATTENDANCE = re.compile(r"(?i)\b(?:attendance|attend|attending|presence|visits?|visiting) (?:at|to)\b")
_TRAVEL_PERMISSION = re.compile(rf"(?i)\bmay {_TRAVEL_VERBS} (?:through|along|past|via|on)\b")
_MOVING_THROUGH = re.compile(rf"(?i)\b{_TRAVEL_VERBS}\w*(?: (?:only|directly|straight))?\s+\Z")
_PURPOSE_START = re.compile(r"(?i)\b(?:about|regarding|concerning|solely|only|as set|for|to (?:arrange|discuss))\b")
# A proper name in an order's words: capitalised, not a sentence's first word or a title.
_NAME_WORD = re.compile(
    r"(?<![.:]\s)(?<!^)\b(?!(?:The|This|That|Exception|Indirect|Contact|Communication|Mr|Mrs|Ms|Miss|Dr)\b)[A-Z][a-z]{3,}\b"
)


_NOT_THROUGH = re.compile(
    r"\b(?:not|never|without|n't)\s+(?:\w+\s+){0,2}?(?:through|via)\s+(?:the\s+|his\s+|her\s+|their\s+)?([a-z]+)", re.I
)
_DENIED_WORD = re.compile(r"\b(?:not|no|never|without|n't)\s+(?:been\s+|be\s+)?([a-z]+)", re.I)


_PROVISO = re.compile(
    r"(?i)\b(?:provided|providing|so long as|as long as|on condition)(?: that)?\b[^.;]*?"
    r"\b(?:does|do|did)(?: not|n['’]t) ([^.;]+)"
)


# "may attend on Thursdays ... solely to collect a food parcel, and must not speak to or approach V1 while there".
# (Not "and must not ask Harlow Lettings to pass messages to V1": what he may not ask of the route, which a message
# that asks nothing keeps to.)
_AND_MUST_NOT = re.compile(
    r"(?i)\b(?:and|but)\s+(?:must|shall|will|is to|may)\s+not\s+"
    r"((?:speak|talk|approach|go near|come near|contact|communicate|make contact)\b[^.;]*)"
)
# A permission to be in the zone itself, with no route named: "Exception to the food bank exclusion zone: may attend
# on Thursdays between 10:00 and 12:00 solely to collect a food parcel".
_MAY_ATTEND = re.compile(r"(?i)\bmay (?:attend|enter|visit|go (?:to|into)|be (?:at|in))\b")
_PERSON_WORD = re.compile(
    r"(?i)\b(?:her|him|them|the (?:protected person|applicant|claimant|complainant|victim)|V\d+|IP)\b"
)


# "may attend handovers and school events as provided in the child arrangements order": what he may be at, named
# by no preposition; each thing named is a route of its own.
_MAY_ATTEND_THINGS = re.compile(
    r"(?i)\bmay (?:attend|be present at|go to)\s+((?:(?!as\b|under\b|provided\b|subject\b|if\b|when\b|where\b|"
    r"at\b|in\b|on\b|with\b|for\b|but\b)[\w'’-]+(?:,?\s+|$)){1,10})"
)
_THINGS_SPLIT = re.compile(r"(?i),\s*|\s+(?:and|or)\s+")


def _attends_what_it_allows(inc: Incident, part: str, have: set[str], perm) -> bool:  # type: ignore[no-untyped-def]
    """He was, in person, at one of the things a permission lets him attend ("handovers", "school events"), and
    nothing he did there breaks a proviso: lawful presence (PHA 1997 s.1(3)(b)), not an approach."""
    if inc.channel is None or inc.channel.value != "in-person" or re.search(r"\d", part):
        return False  # (a permission with a date or hours, "may attend plot 7 on 09/06/2024", is read elsewhere)
    things = _MAY_ATTEND_THINGS.search(part)
    if things is None:
        return False
    for thing in _THINGS_SPLIT.split(things.group(1).strip()):
        words = {_stem(w) for w in WORD.findall(thing.lower())} - {_stem(w) for w in perm.ignore}
        if words and words <= have:
            return True
    return False


def _breaks_proviso(text: str, found: set[str], perm) -> bool:  # type: ignore[no-untyped-def]
    """The incident does what the permission's proviso forbids ("provided he does not approach or communicate
    with her", and he waited at her car and spoke to her)."""
    proviso = _PROVISO.search(text) or _AND_MUST_NOT.search(text)
    if proviso is None:
        return False
    said = proviso.group(1)
    if not _PERSON_WORD.search(said):
        return False  # "provided he does not approach no.31": a place, which the zone and its route decide
    return any(
        re.search(rule.words, said, re.I) and found & {b.value for b in rule.breached_by} for rule in perm.provisos
    )


# A firm's name as records give it: "Whitlock Dunne", "Tarrant & Co", "Brackley Shaw LLP".
_FIRM_NAME = r"[A-Z][\w'’]+(?: (?:&|and) [A-Z][\w'’]+)?(?: [A-Z][\w'’]+)?"
_LAW_FIRM = re.compile(
    r"\b[A-Z][\w'’]+(?: (?:&|and) [A-Z][\w'’]+)?(?: [A-Z][\w'’]+)? (?:Law|LLP|Solicitors|Legal|Law Group)\b"
    r"|\b(?:solicitors?|lawyers?|legal representatives?) (?:for|acting for|instructed by) (?:S\d+|him|her)\b"
    # "Letter to IP from Whitlock Dunne (acting for S1)": a firm named with whom it acts for.
    rf"|\b{_FIRM_NAME} \((?:acting |solicitors )?(?:for|on behalf of) S\d+\)"
)
_TO_HER_SOLICITORS = re.compile(
    r"\bto (?:V\d+|IP|her|the victim|the complainant|the applicant)['’]?s? (?:own )?"
    r"(?:solicitors?|lawyers?|legal team)\b",
    re.I,
)
_ROUTE_SPLIT = re.compile(
    r";|,?\s+\bor\b(?=\s+(?:through|via|by|using|on|at|in|between)\b)|,?\s+\band\b(?=\s+may\b)", re.I
)


def _keeps_to_purpose(inc: Incident, text: str, perm) -> bool:  # type: ignore[no-untyped-def]
    """A permission for one purpose only ("solely about arrangements for Alfie") covers messages about it:
    its own words ("Alfie") or the everyday words of such arrangements (collect, Saturday, school)."""
    stated = re.search(perm.purpose, text, re.I) if perm.purpose else None
    if stated is None:
        return True
    subject = next((g for g in stated.groups() if g), "")
    words = {_stem(w) for w in WORD.findall(subject.lower()) if w not in perm.ignore and len(w) > 3}
    # Where it happened is part of what it was about: "St Aldhelm's Hospital, MSK seminar room" for their work there.
    written = f"{inc.narrative} {inc.location or ''}"
    said = written.lower()
    # In the record's own case, so that "Nothing about Alfie" still reads a name.
    if perm.off_purpose and re.search(perm.off_purpose, written, re.I):
        return False
    if perm.purpose_topics and re.search(perm.purpose_topics, said, re.I):
        return True
    return bool(words & {_stem(w) for w in WORD.findall(said)})


# "advertised as featuring the protected person" / "advertised ... 'with special guest QuietCal'"
# Words that name an event only with the word before them ("club night", "training session").
_GENERIC_EVENT = frozenset({"night", "session", "meeting", "day", "evening"})
_BILLED = re.compile(r"(?i)\b(?:advertis\w*|billed|featuring|special guest|headlin\w*|line-?up)\b")
_PERFORMANCE = re.compile(r"(?i)\b(?:concerts?|gigs?|shows?|performances?|sets?)\b")
_HER_SET = re.compile(
    r"(?i)\b(?:(?:V\d+|IP|her|his)['’]?s? (?:[\w-]+ )?(?:set|gig|concert|show|performance)|was billed)\b"
)
_AS_ALLOWED = re.compile(
    r"(?i)\b(?:in line with|in accordance with|as (?:allowed|permitted) by|within the terms of) (?:his|her|their|the) "
    r"(?:bail|bail conditions|order|conditions|injunction|licence)\b"
    # "Handover of Ella at Greenway Leisure Centre reception as the child arrangements order provides."
    r"|\bas (?:the|his|her|their) (?:child arrangements order|CAO|contact order|family court order|court order) "
    r"(?:provides|allows|permits|directs|sets out|requires)\b|\bthe (?:one )?(?:escorted |accompanied )?visit "
    r"(?:his|her|the) (?:bail|order|conditions) (?:allows?|permits?)\b"
)
_TRAVEL_WINDOW = re.compile(
    r"(?i)\bmust not (?:travel|board|use|take|ride)\b[^.;]*?\bbetween (\d{1,2})[:.](\d{2}) and (\d{1,2})[:.](\d{2})\b"
)
_TERM_WORDS = frozenset({"Must", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})
_BOARDED = re.compile(r"(?i)\b(?:boarded|got on|travelled on|took the|was on the|caught the)\b")
_WITHOUT_STOPPING = re.compile(r"(?i)\bwithout (?:stopping|parking|waiting|getting off|alighting)\b")
_TERM_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
# "Moss Lane between the cattle grid and Moss End Farm": the lane, whichever stretch of it.
_BETWEEN = re.compile(r"(?i)\b(lane|road|street|avenue|drive|way|track)\s+(?:between|from)\s.+$")
_LINGERING = frozenset({Behaviour.LOITERING, Behaviour.WATCHING_OR_SPYING})
# "the exclusion zone marked on the plan around Marlow Field Laboratories": the place is what the zone is around.
_ZONE_WORDS = re.compile(
    r"(?i)^(?:the |an? )?(?:exclusion )?(?:zone|area)(?: (?:marked|shown|drawn|edged \w+))?(?: on the (?:plan|map))?"
    r"(?: (?:around|at|of|surrounding))?\s+"
)


# The record puts her elsewhere: "Faculty office confirms V1 was on annual leave and off campus all day".
_VICTIM_AWAY = re.compile(
    r"(?i)\b(?:V\d+|IP|the victim) (?:was|had been) (?:on (?:annual |sick )?leave|off (?:campus|site|work|shift)|away"
    r"|abroad|on holiday|not (?:there|present|at home|on site|on campus|in the building))\b"
)


_PROHIBITS = re.compile(r"\s*(?:not to|must not|shall not|is not to|will not|he (?:must|shall) not)\b", re.I)


def _other_term_breached(
    inc: Incident,
    text: str,
    types: set[Behaviour],
    spec: ConditionDef | None,
    compiled: Compiled,
) -> str | None:
    """Why an incident breaks a term written in the order's own words, if it does.

    A term of several sentences ("Not to stop or park on Moss Lane. May drive along Moss Lane without stopping.")
    is read sentence by sentence: a sentence with an exception is a permission, the others are prohibitions."""
    sentences = [t for t in _TERM_SENTENCE.split(text) if t.strip()]
    if len(sentences) > 1:
        for sentence in sentences:
            why = _other_term_breached(inc, sentence, types, spec, compiled)
            if why:
                return why
        return None
    if spec and spec.permission and re.search(spec.permission.words, text, re.I):
        # A term with an exception ("save that he may protest there on Tuesdays") is read as a permission: what
        # keeps to it is no breach, and the prohibition around it is not judged here ...
        head = re.split(spec.permission.words, text, maxsplit=1, flags=re.I)[0]
        if _PROHIBITS.match(head) and compiled.pattern("exception_unmet").search(inc.narrative):
            # ... unless the record says the exception was not met: "Not to enter 4B Tanner's Yard except on 24
            # hours' written notice ..." and "no notice was given and no emergency reported".
            return _other_term_breached(inc, head.strip(" ,;"), types, spec, compiled)
        return None
    why = (
        _travelled_in_window(inc, text) or _on_named_service(inc, text) or _stopped_in_place(inc, text, types, compiled)
    )
    if why:
        return why
    named = compiled.pattern("place_condition").search(text)
    channel = inc.channel.value if inc.channel is not None else None
    event = compiled.pattern("event_condition").search(text)
    if event and channel == "in-person":
        what = next((g for g in event.groups() if g), event.group(0))
        billed = _BILLED.search(what)
        # "any concert or public event at which V1 is performing": a record of her concert meets either word.
        words = [what.lower().split()[0]] if billed else [part.split()[-1] for part in what.lower().split(" or ")]
        stems = [re.escape(_stem(w).rstrip("e")) for w in words]
        # "club nights": a night alone is any evening, so the word before it must be there too.
        stems = [
            rf"{re.escape(part.split()[-2])} {s}" if len(part.split()) > 1 and s in _GENERIC_EVENT else s
            for part, s in zip(what.lower().split(" or "), stems, strict=False)
        ]
        record = f"{inc.narrative} {inc.location or ''}"
        # Her performance goes by the words of a night's music: "the whole of V1's set", "V1 was billed for the 19:30
        # slot".
        staged = bool(_PERFORMANCE.search(what) and _HER_SET.search(record)) or bool(
            billed and _BILLED.search(inc.narrative)
        )
        if staged or any(re.search(rf"\b{s}", record, re.I) for s in stems):
            return f"was at the {what} the order keeps him from"
    place = _ZONE_WORDS.sub("", named.group(1).strip(" .,")) if named else ""
    if named and channel in ("in-person", "other") and at_place(inc, place, compiled):
        return f"was at {place}, which the order forbids"
    for rule in spec.wording if spec else []:
        if rule.about and re.search(rule.words, text, re.I):
            # The term forbids publishing some things only: the record must speak of them.
            hit = sorted(b.value for b in types & set(rule.breached_by))
            if hit and _speaks_of(rule.about, inc.narrative, compiled):
                return f"breaks the condition '{text}' ({', '.join(hit)})"
            return None
        if rule.failed_if and re.search(rule.words, text, re.I):
            unmet = compiled.pattern(rule.failed_if).search(inc.narrative)
            if unmet:
                return f"did not meet the requirement '{text}' ({unmet.group(0)})"
        hit = sorted(b.value for b in types & set(rule.breached_by))
        if hit and re.search(rule.words, text, re.I):
            return f"breaks the condition '{text}' ({', '.join(hit)})"
    return None


def _speaks_of(pattern: str, narrative: str, compiled: Compiled) -> bool:
    """The record names the thing ("her street name"), not only to say it is absent ("no mention of where she
    lives"): a negation earlier in the clause, within 60 characters, denies it."""
    negation = compiled.cue("negation")

    def denied(start: int) -> bool:
        clause = max(narrative.rfind(p, 0, start) for p in ".;!?") + 1
        return negation.search(narrative, max(clause, start - 60), start) is not None

    return any(not denied(m.start()) for m in re.finditer(pattern, narrative, re.I))


def _travelled_in_window(inc: Incident, text: str) -> str | None:
    """ "Must not travel on any Southern service departing Haywards Heath between 07:30 and 08:15": he boarded the
    07:48 there."""
    window = _TRAVEL_WINDOW.search(text)
    if not window or inc.when is None or inc.channel is None or inc.channel.value != "in-person":
        return None
    lo, hi = (int(window.group(g)) * 60 + int(window.group(g + 1)) for g in (1, 3))
    minute = inc.when.hour * 60 + inc.when.minute
    places = {w for w in re.findall(r"\b[A-Z][a-z]{2,}\b", text[: window.start(1)]) if w not in _TERM_WORDS}
    said = f"{inc.location or ''} {inc.narrative}"
    if lo <= minute <= hi and any(p in said for p in places) and _BOARDED.search(said):
        return f"travelled in the hours the order forbids ('{text}')"
    return None


def _on_named_service(inc: Incident, text: str) -> str | None:
    """ "Must not travel on the 07:42 Elmbridge Parkway to Cannon Wharf service": he travelled on the 07:42."""
    if inc.channel is None or inc.channel.value != "in-person":
        return None
    said = f"{inc.location or ''} {inc.narrative}"
    route = _NAMED_ROUTE.search(text)
    if route is not None:
        number = re.escape(route.group(1))
        on_it = re.search(rf"(?i)\b(?:route|number|no\.?|the) ?{number}\b(?! (?:minutes?|mins?|metres?|yards?))", said)
        if on_it and _BOARDED.search(said):
            return f"travelled on the route {route.group(1)} the order forbids ('{text}')"
    named = _NAMED_SERVICE.search(text)
    if not named:
        return None
    departs = named.group(1).replace(".", ":")
    if re.search(rf"(?<![\d:.]){re.escape(departs)}(?![\d])", said.replace(".", ":")) and _BOARDED.search(said):
        return f"travelled on the {departs} service the order forbids ('{text}')"
    return None


# "CCTV shows he was already in the shop when V1 came in, and he left within 30 seconds of seeing her"; "he was in
# the store before V1 arrived, left within 30 seconds of seeing her".
_CHANCE_MEETING = re.compile(
    r"(?i)\b(?:he|she|S\d+|SUSP) (?:was|were) (?:already (?:there|inside|in the \w+)|(?:there|inside|in the \w+) "
    r"before (?:V\d+|IP|she|he|the victim) (?:arrived|came in|got there|walked in|entered))\b[^.]{0,80}?"
    r"\b(?:left|walked out|walked away|went out)\b"
)
# "He saw her, turned and walked out by the other exit ... CCTV shows he never moved towards her": he moved off.
_TURNED_AWAY = re.compile(
    r"(?i)\b(?:saw|noticed|spotted|seen) (?:her|V\d+|IP|the victim)\b[^.]{0,30}?\b(?:turned|walked|went|left)\b"
    r"[^.]{0,40}?\b(?:away|out|the other way|other exit|far exit|opposite direction)\b"
)
_NEVER_TOWARDS = re.compile(
    r"(?i)\b(?:never|did not|didn'?t|without) (?:once )?(?:mov|walk|go|went|com|came|step|approach)\w* "
    r"(?:(?:any )?(?:towards|near|nearer|closer|up to|over to) )?(?:her|V\d+|IP|the victim)\b"
    # "turned round and walked straight out of the store without speaking"
    r"|\bwithout (?:speaking|a word|saying (?:a word|anything))\b"
)
_NAMED_SERVICE = re.compile(r"(?i)\bmust not (?:travel|ride|be) (?:on|aboard) (?:the )?(\d{1,2}[:.]\d{2})\b")
# "Not to travel on any Citylink route 17 bus": a bus route by its number.
_NAMED_ROUTE = re.compile(
    r"(?i)\b(?:not to|must not|shall not) (?:travel|ride|be) (?:on|aboard) (?:any |the |a )?(?:[A-Z][\w&-]* )?"
    r"(?:route |number |no\.? ?)(\d{1,3}[A-Z]?)\b(?: (?:bus|buses|service|services|coach|tram))?"
)


def _stopped_in_place(inc: Incident, text: str, types: set[Behaviour], compiled: Compiled) -> str | None:
    """ "Not to stop or park on Moss Lane": broken by stopping there (or lingering), not by driving through."""
    stop = compiled.pattern("stop_condition").search(text)
    if not stop or inc.channel is None or inc.channel.value != "in-person":
        return None
    place = _BETWEEN.sub(r"\1", stop.group(1).strip(" .,"))
    stopped = compiled.pattern("stopped_there").search(inc.narrative) or types & _LINGERING
    return f"stopped at {place}, which the order forbids" if stopped and at_place(inc, place, compiled) else None


def _go_betweens(case: Case, inc: Incident) -> str:
    """Who the record says carried the contact ("email from W2", or by the name the case gives them: "Tarrant & Co
    to Garside Webb"), as the case describes them ("Tarrant & Co, S1's solicitors"), so a route named in an order
    can be recognised."""
    return " ".join(
        t.description or ""
        for t in case.third_parties
        if t.id == inc.actor_id
        or any(
            not _GIVES_EVIDENCE.match(inc.narrative, m.end())
            for m in re.finditer(rf"(?<![\w]){re.escape(t.id)}(?![\w])", inc.narrative)
        )
        or any(re.search(rf"(?<![\w]){re.escape(name)}(?![\w])", inc.narrative) for name in _described_names(t))
    )


# "Tarrant & Co, S1's solicitors; Garside Webb LLP, V1's solicitors": the names a description opens with.
_DESCRIBED_NAME = re.compile(r"(?:^|;\s*)([A-Z][\w'’.-]*(?: (?:&|and) [A-Z][\w'’.-]*| [A-Z][\w'’.-]*){0,3}),")


def _described_names(t) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.group(1) for m in _DESCRIBED_NAME.finditer(t.description or "") if len(m.group(1)) > 3]


_SERVED_BY_COURT = re.compile(
    r"(?i)\b(?:served|sent|issued|posted|delivered)\b[^.;]{0,60}?\bby the (?:county |family |magistrates['’]? |civil "
    r"|employment |first-tier |property )?(?:court|tribunal)\b"
)


def _conditions_breached(
    case: Case,
    inc: Incident,
    found: list[Found],
    order_conditions,  # type: ignore[no-untyped-def]
    law: Law,
    analysis: Analysis,
    permitted: str | None,
    bound: str | None = None,
    her_firms: frozenset[str] = frozenset(),
) -> list[tuple[ConditionType, str]]:
    compiled = analysis.compiled
    types = {b.type for b in found}
    codes = {t.value for t in types}
    channel = inc.channel.value if inc.channel is not None else None
    # "The appeal was addressed to HR, not to V1": the channel alone is not contact with her.
    about_someone_else = any(
        not m.hypothetical and m.actor.role != "victim" for m in analysis.cue_matches("not_about_victim")
    )
    elsewhere = about_someone_else
    # "Letter from Brannigan Legal (S1's solicitors) to V1's solicitors": litigation correspondence between their
    # lawyers, not contact with her.
    # ... or a court application served through her own firm: "C100 application ... served on V1 via Harland & Webb".
    via_her_firm = any(re.search(rf"\b(?:via|through|to|c/o) {re.escape(f)}\b", inc.narrative) for f in her_firms)
    # Papers in his claim that the court or tribunal itself served ("notice of S1's claim ... served on the nursery by
    # the tribunal"): the court's process, not his contact with her.
    court_served = channel in _WRITTEN and bool(_SERVED_BY_COURT.search(_unquoted(inc.narrative)))
    # "Letter from S1's solicitors to Ofsted's legal team ... Not addressed or copied to V1": not to her at all.
    not_to_her = not_to_victim(analysis)
    if (
        (_LAW_FIRM.search(inc.narrative) and _TO_HER_SOLICITORS.search(inc.narrative))
        or via_her_firm
        or court_served
        or not_to_her
    ):
        elsewhere = True
        types.discard(Behaviour.CONTACTING)
    # "V1 is not on Facebook and was not tagged": a public post that never went to her is not contact with her;
    # nor is his call to the police ("101 log: S1 rang to report ...").
    elsewhere = elsewhere or (
        bool(analysis.cue_matches("not_sent_to_victim") or analysis.cue_matches("to_police"))
        and Behaviour.CONTACTING not in types
    )
    # "IP rang S1 at 07:15 from her own mobile": her call, filed against him, is no contact by him.
    elsewhere = elsewhere or (her_own_record(analysis) and Behaviour.CONTACTING not in types)
    # A zone keeps him out: a friend he sent to sit in the street is procured watching, not his presence.
    # So is a second suspect he sent (his brother parked in the street): the zone binds only the one it names.
    by_agent = (bool(inc.actor_id) and case.suspect(inc.actor_id) is None) or (
        bound is not None and inc.suspect_id is not None and inc.suspect_id != bound
    )
    # A term against contacting her family or employer is broken by contacting them, message or none.
    about_others = set(types)
    # The record says who was contacted: a third party, and nothing shows the words were for her.
    to_someone_else = "third-party-contact" in codes and "contacting" not in codes
    # "Craig rang me ... He didn't give me any message for her": the call the channel shows went to someone else.
    no_message = bool(analysis.cue_matches("no_message_for_victim"))
    if no_message and (
        all(b.source == "channel" for b in found if b.type is Behaviour.CONTACTING)
        or Behaviour.THIRD_PARTY_CONTACT in types
    ):
        to_someone_else = True
        types.discard(Behaviour.CONTACTING)
    if to_someone_else and (no_message or analysis.cue_matches("not_passed_on")):
        # Asked about her and passed nothing on, or words only for the one contacted ("watch yourself mate" to
        # her partner, nothing addressed to her): not contact with her, whatever a term about third parties says.
        types.discard(Behaviour.THIRD_PARTY_CONTACT)
        if no_message:
            types -= {b.type for b in found if b.source == "narrative" and b.type is not Behaviour.THIRD_PARTY_CONTACT}
    if by_agent and not analysis.cue_matches("pass_on"):
        # Someone he sent to watch or follow her is his conduct (s.7(3A)), but contact with her only when they
        # carry words from him ("Tell her I said hi"); being near her is theirs, and a zone binds only him.
        types -= _PRESENCE
    # "Parked opp her house ... No contact made with IP": his presence, with no words, knock or approach, is not
    # contact with her, though it may break a zone or a distance.
    # So is presence the record says involved nothing towards her ("filling up ... did not look across, approach, or
    # enter the yard").
    no_contact_made = bool(compiled.pattern("no_contact_made").search(inc.narrative)) or any(
        not m.hypothetical for m in analysis.cue_matches("no_conduct")
    )
    other_spec = law.conditions.get(ConditionType.OTHER)
    out: list[tuple[ConditionType, str]] = []
    for cond in order_conditions:
        spec = law.conditions.get(cond.type)
        # "The exclusion zone does not apply to attending appointments ...": it lifts the zone only, so a note he
        # leaves with the receptionist at that appointment is still contact.
        if (
            permitted
            and other_spec
            and other_spec.permission
            and cond.type in other_spec.permission.exempts
            and (not _ZONE_ONLY.search(permitted) or cond.type is ConditionType.EXCLUSION_ZONE)
        ):
            continue
        if cond.type is ConditionType.EXCLUSION_ZONE:
            present = (
                channel in _IN_PERSON
                and not by_agent
                and not _REMOTE.search(f"{inc.location or ''} {inc.narrative}")
                and not compiled.pattern("brought_there").search(inc.narrative)
            )
            why = inside_zone(inc, cond.place or "", compiled) if present else None
            if why is None and cond.metres and channel in _IN_PERSON and not by_agent:
                # "22 Kestrel Way" with a 100-metre radius: "about 60 metres from number 22" is inside it.
                distance = measured_distance(inc)
                if distance is not None and distance <= cond.metres:
                    why = f"about {distance:g} metres from {cond.place}, inside the {cond.metres:g}-metre zone"
            if why:
                out.append((cond.type, why))
            continue
        if cond.type is ConditionType.OTHER:
            why = _other_term_breached(inc, cond.text or "", types, other_spec, compiled)
            if why:
                out.append((cond.type, why))
            continue
        if spec is None:
            continue
        if spec.distance_based and _VICTIM_AWAY.search(inc.narrative):
            continue  # "V1 was on annual leave and off campus all day": he came nowhere near her
        if spec.distance_based and cond.metres and channel in _IN_PERSON:
            distance = measured_distance(inc)
            chance = _CHANCE_MEETING.search(inc.narrative) or (
                _TURNED_AWAY.search(inc.narrative) and _NEVER_TOWARDS.search(inc.narrative)
            )
            if distance is not None and chance:
                continue  # he was there first and left on seeing her: a chance meeting, not an approach
            if distance is not None:
                if distance <= cond.metres:
                    out.append((cond.type, f"about {distance:g} metres away, within {cond.metres:g}"))
                continue
        by_channel = channel in spec.breached_by_channels or (channel in spec.directed_channels and bool(types))
        publication = cond.type is ConditionType.NO_ONLINE_PUBLICATION
        if by_channel and (to_someone_else or elsewhere) and not (publication and not about_someone_else):
            # A call to her mother is not contact with her unless a message is passed on. (A post about her on his
            # story, never sent to her, still breaks a term against publishing about her online; a post about
            # someone else does not.)
            by_channel = False
        used = about_others if cond.type is ConditionType.NO_THIRD_PARTY_CONTACT else types
        if cond.type is ConditionType.NO_CONTACT and no_contact_made:
            used = used - _PRESENCE
            # "taking photos of the house ... He did not approach or speak to her": sent there, but nothing reached her;
            # contact read from the channel alone is not contact the record shows.
            # ... and a record whose only contact is its channel ("Civil claim settled at mediation ... No contact
            # since"): the letter is the record's form, not a message from him.
            nothing_said = all(b.source == "channel" for b in found)
            by_channel = by_channel and channel not in _PRESENT_ONLY and not nothing_said
            if channel in _PRESENT_ONLY or nothing_said:
                said = {b.type for b in found if b.source != "channel"}
                used = used - ({b.type for b in found if b.source == "channel"} - said)
        if spec.distance_based and channel == "tracking-or-surveillance":
            used = set()  # watching her through an app or a camera is not coming near her
        hit = [] if channel in spec.not_breached_on else sorted(b.value for b in used & set(spec.breached_by))
        if by_channel or hit:
            why = f"{channel} contact" if by_channel and channel else ", ".join(hit)
            out.append((cond.type, why))
    return out


# "served on 14/04/2026", "personally served 08/08/2025 at 08:10", "personal service on 13/03 at 17:40",
# "had been served on S1 on 11/06", "served on S1 by process server at 1100hrs 04/06/2025", "not served on SUSP
# until 1100hrs 04/06": when a record says he was served, and (if it says) at what time.
def _time(n: str) -> str:
    """ "at 19:20", "@ 0810", "at 1100hrs" or "1100hrs": hour and minute in groups named for this place."""
    return (
        rf"(?:(?:at |@ )(?P<h{n}>\d{{1,2}})[:.]?(?P<m{n}>\d{{2}})(?:\s?hrs)?"
        rf"|(?P<H{n}>\d{{1,2}})[:.]?(?P<M{n}>\d{{2}})\s?hrs)"
    )


_SERVED_ON = re.compile(
    # ... "W3 had personally served S1 with the order at 18:50 on 5 June"
    r"(?i)\b(?:served|service)\b(?: (?:(?:on|upon) )?(?:him|her|the respondent|the defendant|the suspect|S\d+|SUSP))?"
    r"(?: (?:personally|in person|by hand))?"
    # "was served personally on S1 at 14:20 on 10 May"
    r"(?: (?:on|upon) (?:him|her|the respondent|the defendant|the suspect|S\d+|SUSP))?"
    # "served on him personally at home on 16/09/2025"
    # ... "at his brother's address in Saundersfoot on 21 March 2025 at 14:05"
    r"(?: at (?:[\w'’-]+ ){0,3}?(?:home|address|house|flat|door|court|station|police station|hospital|workplace|work)"
    r"(?: in [A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?)?)?"
    r"(?: with (?:the |an? |his |her )?(?:[\w-]+ ){0,3}(?:order|NMO|SPO|DAPO|injunction))?"
    r"(?: by (?:a |the )?(?:process server|bailiff|court|police|officers?|(?:PC|DC|PS|DS|Sgt|PCSO) [\w'’-]+|hand))?"
    # ... "served personally by PC 4471 at her home on 19/02", "served personally by PC Dhillon at 18:20 on 19 May"
    r"(?: at (?:[\w'’-]+ ){0,3}?(?:home|address|house|flat|door|court|station|police station|hospital|workplace|work))?"
    r"(?P<until> until| till)?"
    # "(certificate of service: 17:40, 9 May 2024)"
    r"(?::? ?(?P<h3>\d{1,2}):(?P<m3>\d{2}),)?"
    # ... "not served on S1 until 10:15 on 26/04"
    rf"(?: {_time('1')}| (?P<h5>\d{{1,2}}):(?P<m5>\d{{2}})(?= on\b))?(?: on)?"
    r"(?: (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday))?"
    r" (?P<day>\d{1,2})(?:st|nd|rd|th)?(?:/|\s+|-)(?P<month>\d{1,2}|[a-z]{3,9})"
    # (not the hour of "until 14/10 14:30")
    r"(?:(?:/|\s+|-)(?P<year>\d{4}|\d{2})(?![:.]\d))?\b"
    rf"(?:,? {_time('2')}|,? (?P<h4>\d{{1,2}}):(?P<m4>\d{{2}})\b)?"
)
# The date first: "could not locate S1 until 14/03/25 08:20, when he was personally served at his workplace".
_SERVED_WHEN = re.compile(
    r"(?i)\b(?:until|on) (?P<day>\d{1,2})/(?P<month>\d{1,2})(?:/(?P<year>\d{4}|\d{2}))?"
    r"(?: (?:at )?(?P<h1>\d{1,2})[:.](?P<m1>\d{2}))?,? when (?:he|she|S\d+|SUSP|the respondent) was "
    r"(?:personally |finally )?served\b"
)
_NOT_SERVED = re.compile(r"(?i)\b(?:not|never|yet to be|unable to)\b[^.;]{0,20}$")
_ORDER_WORD = re.compile(r"(?i)\b(?:order|NMO|SPO|ISPO|DAPO|DVPO|injunction)\b")
_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


@dataclass(frozen=True)
class _Service:
    """A record that an order was served: the date as written (the year may be missing) and the sentence."""

    day: int
    month: int
    year: int | None
    hour: int | None
    minute: int | None
    sentence: str
    before: str = ""  # the sentence before it ("Interim SPO made in his absence. Served on him in person on 9/5.")

    def when(self, near: date) -> datetime | None:
        """The date and time; a missing year is read as the one that puts the date nearest `near` (the day of the
        record that mentions it, or the day the order was made)."""
        years = [self.year if self.year >= 100 else 2000 + self.year] if self.year is not None else []
        years = years or [near.year - 1, near.year, near.year + 1]
        found: list[datetime] = []
        for year in years:
            try:
                found.append(datetime(year, self.month, self.day))
            except ValueError:
                continue
        if not found:
            return None
        when = min(found, key=lambda d: abs((d.date() - near).days))
        if self.hour is not None and self.minute is not None:
            when = when.replace(hour=self.hour % 24, minute=self.minute % 60)
        return when


def _services(text: str) -> list[_Service]:
    out = []
    for m in [*_SERVED_ON.finditer(text), *_SERVED_WHEN.finditer(text)]:
        if m.re is _SERVED_ON and not m.group("until") and _NOT_SERVED.search(text, max(0, m.start() - 40), m.start()):
            continue  # "had not been served on 12 March" (but "not served until 4 June" says when it was)
        word = m.group("month").lower()
        month = int(word) if word.isdigit() else month_number(word)
        if not 1 <= month <= 12:
            continue
        groups = m.groupdict()
        hour = next((groups[g] for g in ("h1", "H1", "h2", "H2", "h3", "h4", "h5") if groups.get(g)), None)
        minute = next((groups[g] for g in ("m1", "M1", "m2", "M2", "m3", "m4", "m5") if groups.get(g)), None)
        ends = [e.end() for e in _SENTENCE_END.finditer(text, 0, m.start())]
        begin = ends[-1] if ends else 0
        stop = _SENTENCE_END.search(text, m.end())
        out.append(
            _Service(
                int(m.group("day")),
                month,
                int(m.group("year")) if m.group("year") else None,
                int(hour) if hour else None,
                int(minute) if minute else None,
                text[begin : stop.start() if stop else len(text)],
                text[ends[-2] if len(ends) > 1 else 0 : begin],
            )
        )
    return out


def _kinds_named(sentence: str, law: Law) -> set[str]:
    """The kinds of order a sentence names, each by a name that no longer name of another kind contains
    ("the interim SPO" names the interim order, not the full SPO)."""
    lower = sentence.lower()
    spans = [
        (code, m.span())
        for code, d in law.orders.items()
        for n in d.written_as
        for m in re.finditer(rf"(?<![\w-]){re.escape(n.lower())}(?![\w-])", lower)
    ]
    return {
        code
        for code, (a, b) in spans
        if not any(other != code and x <= a and b <= y and (y - x) > (b - a) for other, (x, y) in spans)
    }


def _served_from(case: Case, order: Order, compiled: Compiled, law: Law) -> datetime | None:
    """When the record says this order was served, if after it was made: it binds him from then, since he cannot
    keep to an order he does not know of (FLA 1996 s.42A(2); 'without reasonable excuse', SPA 2019 s.8).

    The order's own terms speak of it. Elsewhere, a record of service is about this order when its sentence
    names its kind, or, naming no kind, says "order" and this is the order made most recently before then."""
    if order.start_day is None:
        return None
    # Its own terms speak of this order; a without-notice order's service may be in his history too.
    own = [c.text or "" for c in order.conditions]
    history = [s.history or "" for s in case.suspects if s.id == order.against]
    if compiled.pattern("without_notice").search(" ".join(own)):
        own += history
    for when in sorted(w for t in own for sv in _services(t) if (w := sv.when(order.start_day)) is not None):
        if when.date() >= order.start_day:
            return when
    statement = case.victim.statement or "" if case.victim else ""
    texts = [(t, order.start_day) for t in (*history, statement)]
    texts += [(i.narrative, i.when.date() if i.when else order.start_day) for i in case.incidents]
    forceful = [(o, law.orders[o.type]) for o in case.orders if o.type in law.orders and law.orders[o.type].legal_force]
    found: list[datetime] = []
    for text, near in texts:
        for service in _services(text):
            kinds = _kinds_named(service.sentence, law)
            if not kinds and not _ORDER_WORD.search(service.sentence):
                kinds = _kinds_named(service.before, law)  # "Interim SPO made in his absence. ... served on 9/5."
            named = [(o, d) for o, d in forceful if d.code in kinds]
            if not named and not _ORDER_WORD.search(service.sentence):
                continue  # "divorce papers served on 3 May" is not this order
            when = service.when(near)
            if when is None or when.date() < order.start_day:
                continue
            candidates = [o for o, _ in (named or forceful) if o.start_day is not None and o.start_day <= when.date()]
            latest = max((o.start_day for o in candidates), default=None)
            if latest is not None and order in candidates and order.start_day == latest:
                found.append(when)
    return min(found) if found else None


def _known_from(case: Case, order: Order, compiled: Compiled, law: Law) -> datetime | None:
    """An order binds him from when he knew of it. Where the record says when it was served, after it was made,
    from then (to the minute when it gives the time). An order made without notice binds him only once he knows
    of it (Family Law Act 1996 s.42A(2)): from the first record that shows he had been served or told, and if
    none does, not at all. None: no such limit."""
    served = _served_from(case, order, compiled, law)
    if served is not None:
        return served
    terms = " ".join(c.text or c.place or "" for c in order.conditions)
    if not compiled.pattern("without_notice").search(terms):
        return None
    known = [
        datetime.combine(inc.when.date(), time.min)
        for inc in case.incidents
        if inc.when is not None and compiled.pattern("order_served").search(inc.narrative)
    ]
    return min(known) if known else datetime.max


def _in_force(case: Case, conduct: Conduct, law: Law) -> Iterator[tuple[Order, OrderDef, Incident, date]]:
    """Each incident by the person an order binds, while the order is in force (from `starts` to `ends`)."""
    for order in sorted(case.orders, key=lambda o: o.id):
        spec = law.orders.get(order.type)
        if spec is None or not spec.legal_force or not order.conditions or order.start_day is None:
            continue
        for inc in case.incidents:
            if order.against and conduct.attributed.get(inc.id) != order.against:
                continue
            if inc.when is None:
                continue
            day = inc.when.date()
            if order.start_day <= day and (order.end_day is None or day <= order.end_day):
                yield order, spec, inc, day


def _by_incident(behaviours: list[Found]) -> dict[str, list[Found]]:
    by_incident: dict[str, list[Found]] = {}
    for b in behaviours:
        if b.incident_id:
            by_incident.setdefault(b.incident_id, []).append(b)
    return by_incident


# An account that is itself a service (a dispute portal, a co-parenting app), not a person's own address.
_SERVICE_ACCOUNT = re.compile(r"\b(?:portal|app|platform|service|website|case \d)", re.I)


# "Represented by Whitlock Dunne solicitors", "Letter from Whitlock Dunne (acting for S1)": the firms the case names as
# acting for a suspect, so a later "Email from Whitlock Dunne to IP" is known as his solicitors' letter.
_FIRM_ACTING = re.compile(
    rf"\b({_FIRM_NAME}) (?:\((?:acting |solicitors )?(?:for|on behalf of) S\d+\)|solicitors\b|\(S\d+['’]s solicitors\))"
)
_REPRESENTED = re.compile(
    r"\b(?:[Rr]epresented by|[Ii]nstructed|[Hh]is solicitors(?: are|,)?) ([A-Z][\w'’]+(?: [A-Z][\w'’]+)?)"
)


def _his_solicitors(case: Case) -> set[str]:
    # ... and the case's own list of people: "W1: Hartley & Co solicitors, acting for S1 in the dissolution".
    texts = [s.history or "" for s in case.suspects] + [i.narrative for i in case.incidents]
    texts += [t.description or "" for t in case.third_parties if _ACTS_FOR_HIM.search(t.description or "")]
    return _firms(texts, _FIRM_ACTING, _REPRESENTED)


def _firms(texts: list[str], *patterns: re.Pattern[str]) -> set[str]:
    names = {m.group(1) for p in patterns for t in texts for m in p.finditer(t)}
    # "Brackley Shaw LLP (S1's solicitors)", later just "Brackley Shaw letter to ...": the firm without its suffix.
    names |= {bare for n in names if (bare := _FIRM_SUFFIX.sub("", n)) != n}
    return {n for n in names if n.split()[0] not in _NOT_FIRM and len(n) > 3 and not re.search(r"['’]s?$", n)}


_FIRM_SUFFIX = re.compile(r"\s+(?:LLP|Solicitors|Law|Legal|Ltd)$")
_ACTS_FOR_HIM = re.compile(r"\b(?:acting|instructed) (?:for|by|on behalf of) S\d+\b|\bS\d+['’]s solicitors\b")
# "Harland & Webb (V1's solicitors)", "Garside Webb LLP, V1's solicitors".
_HER_FIRM = re.compile(rf"\b({_FIRM_NAME}),? \(?(?:acting for )?(?:V\d+|IP)['’]s solicitors\b")


def _her_solicitors(case: Case) -> set[str]:
    return _firms([i.narrative for i in case.incidents] + [t.description or "" for t in case.third_parties], _HER_FIRM)


_NOT_FIRM = frozenset({"His", "Her", "Their", "The", "V1", "IP", "Own", "New", "Both", "Family", "Duty"})


_BY_ARRANGEMENTS = re.compile(
    r"\b(?:permitted|allowed|provided for|required) by (?:any|the) child arrangements order\b", re.I
)


def _permission_terms(case: Case, order: Order) -> list[Condition]:
    """An order's conditions, with the terms of the case's child arrangements order where it permits "contact
    permitted by any child arrangements order": the routes that order sets ("only through the Kidsync app") are
    the ones this one allows.

    An exception written on another term ("no-contact: save for communication about arrangements for Leo through
    the FamLink app") is read as a permission too: where the record puts the words does not change what they allow."""
    conditions = list(order.conditions)
    conditions += [
        Condition(type=ConditionType.OTHER, text=c.text)
        for c in order.conditions
        if c.type is not ConditionType.OTHER and c.text
    ]
    # ... or on the zone's place: "Elm Park Community Centre, save for Saturday handovers under the child arrangements
    # order" lets him be there for those.
    conditions += [
        Condition(type=ConditionType.OTHER, text=f"May attend {c.place}")
        for c in order.conditions
        if c.type is ConditionType.EXCLUSION_ZONE and c.place and ZONE_EXCEPTION.search(c.place)
    ]
    if any(c.text and _BY_ARRANGEMENTS.search(c.text) for c in order.conditions):
        conditions += [
            c
            for o in case.orders
            if o.type.value == "child-arrangements-order" and o.against == order.against and o.id != order.id
            for c in o.conditions
            if c.text
        ]
    return conditions


def kept_to_permission(
    case: Case, conduct: Conduct, behaviours: list[Found], law: Law, compiled: Compiled
) -> dict[tuple[str, str], str]:
    """(order id, incident id) -> the permission kept to: incidents by the person an order binds, while it is in
    force, that keep to a route it permits (contact about the children on the named app), which is lawful
    conduct (PHA 1997 s.1(3)(b), (c)) and breaches none of the conditions the permission exempts."""
    found = _by_incident(behaviours)
    out: dict[tuple[str, str], str] = {}
    later: list[tuple[Order, Incident, set[str], bool, str]] = []
    routes: dict[tuple[str, str], Incident] = {}
    firms = _his_solicitors(case)
    conditions = {o.id: _permission_terms(case, o) for o in case.orders}
    for order, _spec, inc, _day in _in_force(case, conduct, law):
        codes = {b.type.value for b in found.get(inc.id, [])}
        stopped = bool(compiled.pattern("stopped_there").search(inc.narrative))
        go_betweens = _go_betweens(case, inc)
        if any(re.search(rf"(?<![\w]){re.escape(f)}(?![\w])", inc.narrative) for f in firms):
            go_betweens += " his solicitors"
        kept = _uses_permitted_route(inc, codes, conditions[order.id], law, compiled, go_betweens, stopped)
        if kept:
            out[(order.id, inc.id)] = kept
            if inc.account:
                routes.setdefault((order.id, inc.account.lower()), inc)
        elif inc.account and _SERVICE_ACCOUNT.search(inc.account):
            later.append((order, inc, codes, stopped, go_betweens))
    # The same portal account as a record that shows it is the permitted route ("TDS dispute portal case
    # 88-41207"): a later notification from it that names the route less fully is on it too.
    for order, inc, codes, stopped, go_betweens in later:
        shown = routes.get((order.id, (inc.account or "").lower()))
        if shown is None:
            continue
        via = f"{go_betweens} {shown.location or ''} {shown.narrative}"
        kept = _uses_permitted_route(inc, codes, conditions[order.id], law, compiled, via, stopped)
        if kept:
            out[(order.id, inc.id)] = kept
    return out


_NAMES_VICTIM = re.compile(r"\b(?:V\d+|IP|the victim|the complainant)\b(?!['’]s)")
# "(V1's mother)", "V1 is not a protected person under this order": the victim named only to say she is not the one.
_VICTIM_NOT_PROTECTED = re.compile(
    r"\b(?:V\d+|IP|the victim|the complainant) is not (?:a |the )?(?:protected|named|covered)\b[^.;]*"
    # "It does not name V1 or anyone else", "protected person: Denise Sayle (his former wife), not V1".
    r"|\b(?:does|did|do) not (?:name|cover|protect|mention|include|extend to) (?:V\d+|IP|the victim|the complainant)\b"
    r"[^.;]*|,? not (?:V\d+|IP|the victim|the complainant)\b",
    re.I,
)
# A third party the record describes as the one an order protects: "Lorna Pike, S1's former wife, the person
# protected by the 2024 restraining order", "Carla Benn, the person protected by O1".
_PROTECTED_THIRD_PARTY = re.compile(
    r"\bthe (?:person|party|woman|man|one|people|persons) (?:protected|named) (?:by|under|in) (?:the |that |this |his |"
    r"her |their )?(?:\d{4} )?(?P<order>O\d+|[\w-]+ (?:order|injunction)|order|injunction)\b",
    re.I,
)


def _protects_someone_else(case: Case, order: Order, texts: CaseText) -> str | None:
    """The person an order says it protects, where the record shows that is someone other than this victim.

    Why: an old restraining order "protecting Denise Farrow only" does not forbid contact with the new neighbour he
    now pursues; the terms of an order decide whom it protects. The record must show the other person is someone
    else (a third party, an earlier victim in his history, or "(not V1)"), so an order naming the victim by a name
    the engine does not know is never set aside.
    """
    compiled = texts.compiled
    named = compiled.pattern("protects_another")
    marked = compiled.pattern("someone_else_marked")
    victim_re = texts.cast.victim_re
    against = case.suspect(order.against) if order.against else None
    known = " ".join(
        [t.description or "" for t in case.third_parties] + ([against.history or ""] if against is not None else [])
    )
    for tp in case.third_parties:
        said = _PROTECTED_THIRD_PARTY.search(tp.description or "")
        if said is None:
            continue
        which = said.group("order")
        if re.fullmatch(r"O\d+", which, re.I):
            if which.upper() != order.id.upper():
                continue
        elif len(case.orders) > 1 and not re.search(order.type.value.replace("-", "[ -]"), which, re.I):
            continue
        name = (tp.description or "").split(",")[0].strip()
        if victim_re is None or not victim_re.search(name):
            return name or tp.id
    for cond in order.conditions:
        if not cond.text:
            continue
        text = cond.text
        for m in named.finditer(text):
            name = m.group("name")
            rest = text[m.end() :]
            alone = marked.match(rest)
            others = _VICTIM_NOT_PROTECTED.sub(" ", text[: m.start()] + (rest[alone.end() :] if alone else rest))
            if _NAMES_VICTIM.search(others):
                return None  # "Protected persons: Jane Smith and V1": the victim too
            if victim_re is not None and victim_re.search(name):
                return None
            if alone or name in known or _VICTIM_NOT_PROTECTED.search(text):
                return name
    # His history, where it speaks of this order: "The order protects Ms Dunmore only ... V1 is not named in the order".
    history = against.history if against is not None else None
    if history and (len(case.orders) == 1 or re.search(rf"\b{re.escape(order.id)}\b", history)):
        for m in named.finditer(history):
            name = m.group("name")
            if victim_re is not None and victim_re.search(name):
                continue
            if marked.match(history[m.end() :]) or _VICTIM_NOT_PROTECTED.search(history):
                return name
    return None


def _message_for_protected(order: Order, person: str, analysis: Analysis) -> str | None:
    """His words for the person the order protects, sent through this victim: indirect contact with her.

    Why: "Tell Claire she's hearing from me about Easter", texted to her new husband, is an attempt to reach the
    protected person through someone else; the order's no-contact term forbids it "directly or indirectly", whether or
    not the message is passed on. Only his own words count (a victim's "I told Claire" is not his act), and only an
    order with a no-contact term."""
    if not any(c.type is ConditionType.NO_CONTACT for c in order.conditions):
        return None
    first = re.split(r"[\s,(]", person.strip(), maxsplit=1)[0]
    if not first or not first[0].isupper():
        return None
    relay = analysis.compiled.pattern("message_for_protected")
    text = analysis.text
    for m in re.finditer(rf"\b{re.escape(first)}\b", text):
        asked = relay.search(text, max(0, m.start() - 40), m.start())
        if asked is None:
            continue
        q = analysis.quote_at(m.start())
        if q is None or q.speaker.role != "suspect" or analysis.negated(m.start(), m.end()):
            continue
        words = analysis.words(asked.start(), m.end())
        return f"a message for {person}, whom the order protects, sent through the victim ({words!r})"
    return None


def orders_for_someone_else(case: Case, texts: CaseText) -> dict[str, str]:
    """Orders whose terms or record show they protect someone other than this victim (order id -> that person)."""
    out: dict[str, str] = {}
    for order in case.orders:
        other = _protects_someone_else(case, order, texts)
        if other:
            out[order.id] = other
    return out


def _index_conduct(case: Case, conduct: Conduct, order: Order, day: date) -> bool:
    """Bail is granted after the arrest for what he did: conduct on the day bail began, where the record shows none of
    his before it, is what he was arrested for, not a breach of the bail it led to."""
    if order.type is not OrderType.BAIL_CONDITIONS or order.start_day != day:
        return False
    his = [i for i in case.incidents if conduct.attributed.get(i.id) == order.against and i.when is not None]
    return all(i.when.date() >= day for i in his)  # type: ignore[union-attr]


def find_breaches(
    case: Case,
    conduct: Conduct,
    behaviours: list[Found],
    law: Law,
    texts: CaseText,
    kept: dict[tuple[str, str], str],
    for_others: dict[str, str],
) -> list[Breach]:
    """`for_others`: the orders made for someone else (orders_for_someone_else), worked out once for the breaches
    and the actions."""
    found = _by_incident(behaviours)
    aware: dict[str, datetime | None] = {}
    her_firms = frozenset(_her_solicitors(case))
    out: list[Breach] = []
    for order, spec, inc, day in _in_force(case, conduct, law):
        if order.id not in aware:
            aware[order.id] = _known_from(case, order, texts.compiled, law)
        aware_from = aware[order.id]
        if aware_from is not None and (inc.when or datetime.combine(day, time.min)) < aware_from:
            continue
        if texts.compiled.pattern("not_yet_known").search(inc.narrative):
            continue  # "Sent three days after the order was made and four days before it was served"
        if _index_conduct(case, conduct, order, day):
            continue  # the knife at 02:05 that got him arrested and bailed later that day
        bound_from = max(aware_from or datetime.min, datetime.combine(order.start_day or day, time.min))
        if any(
            other.when is not None and other.when < bound_from and _records_again(inc, other, texts)
            for other in case.incidents
            if other.id != inc.id
        ):
            continue  # the victim showing police, after the order, the message he sent before it
        other_person = for_others.get(order.id)
        conditions = order.conditions
        if other_person:
            # Made for someone else: only its zones bind him here, not its terms about contact with a person.
            conditions = [c for c in order.conditions if c.type is ConditionType.EXCLUSION_ZONE]
        hits = _conditions_breached(
            case,
            inc,
            found.get(inc.id, []),
            conditions,
            law,
            texts.incidents[inc.id],
            kept.get((order.id, inc.id)),
            order.against,
            her_firms,
        )
        if other_person and inc.suspect_id == order.against:
            relayed = _message_for_protected(order, other_person, texts.incidents[inc.id])
            if relayed:
                hits.append((ConditionType.NO_CONTACT, relayed))
        if not hits:
            continue
        ends = order.end_day.isoformat() if order.end_day else "no end date"
        detail = (
            f"{inc.id} on {day.isoformat()} ({conduct.how.get(inc.id, '')}) breaches {order.id} ({spec.title}, "
            f"in force {order.start_day.isoformat() if order.start_day else ''} to {ends}): "
            + "; ".join(f"{c.value}: {why}" for c, why in hits)
            + "."
        )
        if spec.breach_offence:
            detail += f" Breach is an offence ({spec.breach_offence.value})."
        elif spec.breach_is_arrest_ground:
            detail += " Not an offence in itself, but a ground for arrest (PACE 1984 s.46A(1A))."
        out.append(
            Breach(
                order_id=order.id,
                incident_id=inc.id,
                condition=hits[0][0],
                detail=detail,
                conditions=[c for c, _ in hits],
            )
        )
    # One event in two records is one breach, listed at the record the other points back to: the officer's
    # statement "about the same incident as the 999 call", a note of attending "re I1". (Two acts on one occasion,
    # a visit and the email about it next morning, are two breaches.)
    incidents = {i.id: i for i in case.incidents}
    return [
        b
        for b in out
        if not any(
            p.order_id == b.order_id
            and p.incident_id != b.incident_id
            and _records_again(incidents[b.incident_id], incidents[p.incident_id], texts)
            for p in out
        )
    ]


_ZONE_ONLY = re.compile(r"(?i)\b(?:the )?exclusion(?: zone)?\b[^.;]{0,60}?\b(?:does|shall|will) not apply\b")


def _records_again(later: Incident, first: Incident, texts: CaseText) -> bool:
    """The later record says it is a record of the first one's event, and the two are one event."""
    compiled = texts.compiled
    says = (
        compiled.pattern("same_event").search(later.narrative)
        or compiled.pattern("earlier_record").search(later.narrative)
        or re.search(rf"\b{re.escape(first.id)}\b", later.narrative)
    )
    return bool(says) and same_event(first, later, texts)
