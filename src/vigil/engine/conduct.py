"""Step 2a: whose conduct each incident is, and whether it is a course of conduct.

PHA 1997 s.7(3): a course of conduct needs conduct on at least two occasions.
We count occasions, not records: a 999 log and next-day statement of the same
minutes at the same door are one occasion. s.7(3A): conduct a person aided,
counselled or procured is his conduct too, so a proxy's incidents count for
the person who sent him once the record shows he did.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import datetime, timedelta

from vigil.contract import Case, Incident

from .accounts import Link, identified_by_record, same_maker_accounts
from .behaviours import CaseText
from .dates import MONTHS, WEEKDAYS, month_number
from .findings import Conduct, Occasion

SAME_EVENT_WINDOW = timedelta(minutes=60)
_RECORD_ID = re.compile(r"\b(I\d+)\b")
_DAY_MONTH = re.compile(r"\b(?:on|of|dated) (\d{1,2})/(\d{1,2})\b")
# "about the incident at about 10:45 on 4 March": the day a record names in words.
_DAY_NAMED = re.compile(r"\b(?:on|of|dated) (\d{1,2})(?:st|nd|rd|th)? (?:of )?([A-Z][a-z]{2,8})\b")
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b", re.I)
_DAY = timedelta(days=1)  # date-only records can be the same event within a day
# "at about 15:30", "at approx. 09:05": a clock time a record gives for the event it reports.
_ABOUT = r"(?:about |around |approx\.? |approximately )?"
_WORD = re.compile(r"[a-z]{4,}")
UNKNOWN_ACTOR = "unknown"


def _similar(a: str, b: str) -> float:
    wa, wb = set(_WORD.findall(a.lower())), set(_WORD.findall(b.lower()))
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


_RECORDED_AT = re.compile(r"(?i)\b(?:control room|call cent(?:re|er)|contact cent(?:re|er)|police station|by phone)\b")


def _same_place(a: Incident, b: Incident) -> bool:
    # Where a record was made is not where it happened: "BTP control room" for an assault on a train.
    if not a.location or not b.location or _RECORDED_AT.search(a.location) or _RECORDED_AT.search(b.location):
        return True
    wa, wb = set(_WORD.findall(a.location.lower())), set(_WORD.findall(b.location.lower()))
    return bool(wa & wb) or a.location.strip().lower() == b.location.strip().lower()


def _says_it_is(a: Incident, b: Incident, said: re.Pattern[str]) -> bool:
    """One record says it is the same event as the other, by its id ("Same email as I2, not a further
    communication"): a letter a week later about that email is still that one email."""
    for x, y in ((a, b), (b, a)):
        for m in said.finditer(x.narrative):
            if re.search(rf"\b{re.escape(y.id)}\b", x.narrative[m.start() : m.end() + 40]):
                return True
    return False


def _reports_earlier(a: Incident, b: Incident, texts: CaseText) -> bool:
    """A report that dates the event it reports to the other record's day and names its kind ("report by IP on
    12/03 of an email sent to her employer on 10/03" beside the email of 10/03) is a record of that event. In the
    same channel only when it says it is a record ("101 log ... repeats the text of his email of 05/11"): an
    email about 'my email of 10/03' is another email."""
    for report, event in ((a, b), (b, a)):
        if report.when is None or event.when is None or event.channel is None or report.when < event.when:
            continue
        if report.channel == event.channel and not texts.incidents[report.id].cue_matches("record_of_event"):
            continue
        if (
            report.account
            and report.channel is not None
            and report.channel != event.channel
            and report.channel.value in _SENT_CHANNELS
        ):
            # "Public post from @northgate_truth ... 'worst kept secret' appears in S1's email of 2 March (I1)": a
            # post sent from an account is an act of its own, whatever earlier message the record compares it to.
            continue
        day, month = event.when.day, event.when.month
        dated = re.search(rf"\b(?:on|of|dated) 0?{day}/0?{month}(?:/(?:\d{{4}}|\d{{2}}))?\b", report.narrative)
        # "Statement ... about the evening of 29/08 at about 18:10", "Statement taken on 5 March about the incident at
        # about 10:45 on 4 March": its day and its minute, whatever it is called.
        name = MONTHS[month - 1]
        named_day = re.search(
            rf"\b0?{day}(?:st|nd|rd|th)? (?:of )?{name[:3]}(?:{name[3:]}|\.)?\b", report.narrative, re.I
        )
        if (dated or named_day) and _at_the_minute(report.narrative, event.when):
            return True
        # "an MG11 taken the next day: 'At about 21:38 on Sunday 19 July I heard knocking'"; "Statement of V1, 21/07:
        # 'Aaron came round at half one on Sunday morning ... banging on the door'": the weekday of an event in the
        # week before.
        weekday = 0 < (report.when.date() - event.when.date()).days < 7 and re.search(
            rf"\b{WEEKDAYS[event.when.weekday()]}\b", report.narrative, re.I
        )
        # A statement that names the day is a record of the event there ("MG11 of V1 taken 14/06: 'About ten to
        # midnight on Friday ...'", beside the log outside the same bar), whatever words it uses for it; not a log's
        # passing "Previous on 10/11".
        # ("Statement of IP taken 15/11 about the incident at Gate 4 in the early hours of 14/11": its date.)
        if (
            (dated or named_day or weekday)
            and _STATEMENT.search(report.narrative)
            and _same_named_place(report, event)
            and report.channel == event.channel
        ):
            return True
        kind = _CHANNEL_WORDS.get(event.channel.value)
        if kind is None or not re.search(kind, report.narrative, re.I):
            continue
        if dated or named_day or weekday:
            return True
    return False


_STATEMENT = re.compile(r"\b(?:MG ?11|statement)\b", re.I)
_SENT_CHANNELS = frozenset({"social-media", "email", "text-message", "messaging-app", "online-publication"})
_CLOCK = re.compile(rf"\b(?:at {_ABOUT})?(\d{{1,2}}):(\d{{2}})\b", re.I)


def _at_the_minute(text: str, when: datetime) -> bool:
    """The text gives a clock time within the same-event window of when."""
    for m in _CLOCK.finditer(text):
        hour, minute = int(m.group(1)), int(m.group(2))
        if hour < 24 and minute < 60 and abs(when - when.replace(hour=hour, minute=minute)) <= SAME_EVENT_WINDOW:
            return True
    return False


def _points_back(a: Incident, b: Incident, texts: CaseText) -> bool:
    """'PCSO notebook, the morning after: V1 names the man from last night's 999 call': the next day's record of the
    previous day's event at the same place."""
    if a.when is None or b.when is None or not _same_place(a, b):
        return False
    earlier, later = (a, b) if a.when <= b.when else (b, a)
    if (later.when.date() - earlier.when.date()).days != 1:
        return False
    return bool(texts.compiled.pattern("earlier_record").search(later.narrative))


_CHANNEL_WORDS = {
    "in-person": (
        r"\b(?:visit\w*|knock\w*|bang\w*|came to|at (?:her|my|the|IP'?s|V\d'?s) (?:front )?door|turned up|doorstep)"
    ),
    "email": r"\be-?mail",
    "text-message": r"\btext",
    "letter": r"\bletter",
    "phone-call": r"\b(?:call|rang|phoned)",
    "social-media": r"\b(?:post|comment|message)",
}


def same_event(a: Incident, b: Incident, texts: CaseText) -> bool:
    """Two records of one event: same channel and place, within an hour, describing the same thing."""
    said = texts.compiled.pattern("same_event")
    if _says_it_is(a, b, said) or _reports_earlier(a, b, texts) or _points_back(a, b, texts):
        return True
    if a.when is None or b.when is None:
        return False
    if _same_message(a, b):
        return True
    if _logged_later_today(a, b, texts) or _logged_later_today(b, a, texts):
        return True
    if not _same_place(a, b):
        return False
    said_so = bool(said.search(a.narrative) or said.search(b.narrative))
    # A steward's log at 17:50 of what went on "from about 15:30", beside her statement of "15:30 to 17:45": two
    # records of one afternoon at one place, each giving the other's time.
    records = [bool(texts.incidents[i.id].cue_matches("record_of_event")) for i in (a, b)]
    both_records, record_cue = all(records), any(records)
    if (
        both_records
        and a.when.date() == b.when.date()
        and (_at_the_minute(a.narrative, b.when) or _at_the_minute(b.narrative, a.when))
    ):
        return True
    date_only = len(a.occurred_at or "") == 10 or len(b.occurred_at or "") == 10
    if said_so or date_only:
        # A later report the record itself calls the same event ("a report of the event in I1") may be hours on, or
        # the next morning ("PC 2291 statement about the same incident as the 999 call", written at 09:15).
        if abs((_event_time(a).date() - _event_time(b).date()).days) > (1 if said_so else 0):
            return False
    elif abs(_event_time(a) - _event_time(b)) > SAME_EVENT_WINDOW:
        return False
    if said_so:
        return True  # the record itself says so ("Same incident as 999 call at 23:17")
    if any(texts.compiled.pattern("returned").search(i.narrative) for i in (a, b)):
        return False  # "he came back to the shop": a second visit, however alike the records read
    if a.channel != b.channel and not record_cue:
        return False
    sim = _similar(a.narrative, b.narrative)
    if sim >= 0.45 or (record_cue and sim >= 0.1):
        return True
    # A 101 call made while it was happening, three minutes after the statement's time, in a log's few words
    # ("reports drunk male at church door threatening the verger"): a record within minutes at the same place.
    if record_cue and sim >= 0.05 and abs(_event_time(a) - _event_time(b)) <= _SAME_MINUTE:
        return True
    # A call log in shorthand and the attending officer's note share few words, but both are records, of one
    # named place, within the hour, and neither speaks of a return: one event.
    # (An officer's note of attending is often filed as "other": "PC 882 Lomas: spoke to IP at the door".)
    kinds = {c.value for c in (a.channel, b.channel) if c is not None}
    return both_records and (a.channel == b.channel or "other" in kinds) and _same_named_place(a, b)


_STATED_TODAY = re.compile(
    # ("... threatened her at Lakeside Homes reception approx 1120 hrs today".)
    rf"\b(?:at {_ABOUT}|approx\.? |approximately )(\d{{1,2}})[:.]?(\d{{2}})(?: ?hrs)? today\b"
    rf"|\btoday at {_ABOUT}(\d{{1,2}})[:.]?(\d{{2}})\b",
    re.I,
)
_STATED_LAST_NIGHT = re.compile(
    rf"\bat {_ABOUT}(\d{{1,2}})[:.](\d{{2}})(?: ?hrs)? (?:last night|yesterday evening)\b", re.I
)


def _logged_later_today(report: Incident, event: Incident, texts: CaseText) -> bool:
    """An officer's log later that day (or next morning) of what happened at the other record's minute ("attended
    Harbour Office re threats on N Quay at approx 0730 today", beside the witness's account of 07:30 on North Quay):
    one event, though the log names where the officer went."""
    if report.when is None or event.when is None or report.when <= event.when:
        return False
    stated = _event_time(report)  # the record's own time when it states none
    # (A note the next morning of "the voicemail left at 21:14 last night" states the night before.)
    if stated.date() != event.when.date() or stated == report.when:
        return False
    return abs(stated - event.when) <= _SAME_MINUTE and bool(texts.incidents[report.id].cue_matches("record_of_event"))


_SAME_MINUTE = timedelta(minutes=10)


def _event_time(inc: Incident) -> datetime:
    """When the event happened: a call log timed at the call says when it was ("reports her son was punched ... at
    about 15:30 today", logged 16:42); a statement taken next morning says "at about 23:40 last night"."""
    assert inc.when is not None
    today = _STATED_TODAY.search(inc.narrative)
    night = None if today else _STATED_LAST_NIGHT.search(inc.narrative)
    m = today or night
    if m is None:
        return inc.when
    hour, minute = (int(g) for g in (m.group(1, 2) if m.group(1) else m.group(3, 4)))
    if hour > 23 or minute > 59:
        return inc.when
    stated = inc.when.replace(hour=hour, minute=minute)
    if night is not None:
        # Only a record made the next day says so: one already timed at the event ("23:28 ... at about 23:30
        # last night", logged next morning but dated to the night) is left as it is.
        return stated - _DAY if stated - inc.when > timedelta(hours=3) else inc.when
    return stated if stated <= inc.when else inc.when


def _same_message(a: Incident, b: Incident) -> bool:
    """The post, the moderator's screenshot of it and the officer's note of the disclosure, all timed 01:12 from
    @vane_c: records of one message carry its own minute, channel and account, wherever each record was made."""
    timed = len(a.occurred_at or "") > 10 and len(b.occurred_at or "") > 10
    return timed and a.when == b.when and a.channel == b.channel and bool(a.account) and a.account == b.account


def _same_named_place(a: Incident, b: Incident) -> bool:
    return bool(a.location and b.location) and a.location.strip().lower() == (b.location or "").strip().lower()


def procured_by(case: Case, texts: CaseText) -> dict[str, str]:
    """Second suspects shown to act for the first (s.7(3A)): proxy id -> principal id."""
    if len(case.suspects) < 2:
        return {}
    principal = case.suspects[0].id
    evidence = [c for c in texts.cues("procurement")]
    if not evidence:
        return {}
    return {s.id: principal for s in case.suspects[1:]}


def _identified(inc: Incident, case: Case, texts: CaseText) -> str | None:
    """A record with no named actor or account that identifies him ("a fingerprint inside the envelope flap matches
    S1's prints", "(subscriber: S1)"), unless it also clears him."""
    if inc.account or inc.actor_id:
        return None
    named = identified_by_record(inc, texts)
    return named[0] if named is not None and case.suspect(named[0]) is not None else None


def attribute(case: Case, texts: CaseText, links: list[Link]) -> Conduct:
    conduct = Conduct()
    linked = {lk.account: lk.suspect_id for lk in links}
    conduct.proxies = procured_by(case, texts)
    police = {inc.id for inc in case.incidents if texts.incidents[inc.id].cue_matches("police_contact")}
    hers = {inc.id for inc in case.incidents if texts.incidents[inc.id].cue_matches("victims_own_contact")}
    for inc in case.incidents:
        if texts.acting_alone(inc):
            # Someone else acting on their own: not the suspect's conduct unless he procured it (s.7(3A)).
            conduct.attributed[inc.id] = None
            conduct.how[inc.id] = f"by {inc.actor_id}, acting on their own (s.7(3A) needs procurement)"
        elif inc.id in police:
            # "PC 4410 rang S1 ...": the police acting, not another occasion of his conduct towards her.
            conduct.attributed[inc.id] = None
            conduct.how[inc.id] = "a police record of contacting him, not conduct by him"
        elif inc.id in hers:
            # "IP states she sent SUSP a Facebook message herself": her act, not his (an order binds only him).
            conduct.attributed[inc.id] = None
            conduct.how[inc.id] = "the victim's own message to him, not conduct by him"
        elif inc.suspect_id:
            sid = conduct.proxies.get(inc.suspect_id, inc.suspect_id)
            conduct.attributed[inc.id] = sid
            conduct.how[inc.id] = (
                f"by {inc.suspect_id}, acting for {sid} (s.7(3A))" if sid != inc.suspect_id else f"by {sid}"
            )
        elif inc.account and inc.account in linked:
            conduct.attributed[inc.id] = linked[inc.account]
            conduct.how[inc.id] = f"from {inc.account}, linked to {linked[inc.account]}"
        elif (who := _identified(inc, case, texts)) is not None:
            conduct.attributed[inc.id] = who
            conduct.how[inc.id] = f"identified in the record as {who}"
        else:
            conduct.attributed[inc.id] = None
            conduct.how[inc.id] = "actor not identified"
    by_person: dict[str, list[Incident]] = defaultdict(list)
    makers = same_maker_accounts(case, texts.compiled)
    for inc in case.incidents:
        person = conduct.attributed[inc.id]
        if person is None and texts.acting_alone(inc):
            person = f"third:{inc.actor_id}"
        elif inc.id in police:
            person = "third:police"
        elif person is None:
            # One unknown account is one actor (as are accounts one person is shown to have made); unnamed actors
            # are one person only if the record says so.
            account = makers.get(inc.account or "", inc.account)
            person = f"account:{account}" if account else UNKNOWN_ACTOR
        by_person[person].append(inc)
    for person, incs in by_person.items():
        if person == UNKNOWN_ACTOR and len(incs) > 1 and not _same_unknown_person(incs, texts):
            conduct.occasions[person] = [Occasion([i.id], None, i.when) for i in incs][:1]
            continue
        conduct.occasions[person] = _occasions(
            incs, texts, None if person.startswith(("account:", UNKNOWN_ACTOR)) else person
        )
    named = {p: o for p, o in conduct.occasions.items() if not p.startswith(("account:", UNKNOWN_ACTOR, "third:"))}
    pool = named or conduct.occasions
    if pool:
        conduct.principal = max(pool, key=lambda p: (len(pool[p]), p == (case.suspects[0].id if case.suspects else "")))
    return conduct


def _same_unknown_person(incs: list[Incident], texts: CaseText) -> bool:
    pattern = re.compile(r"\b(?:the same|same) (?:man|male|woman|female|person|car|vehicle|van)\b", re.I)
    return any(pattern.search(texts.incidents[i.id].text) for i in incs)


def _occasions(incs: list[Incident], texts: CaseText, actor: str | None) -> list[Occasion]:
    """Group records into occasions: any two records of the same event join (transitively).

    Records are sorted by time and only records within a day of each other are compared, so
    a case of thousands of imported incidents stays close to linear.
    """
    ordered = sorted(incs, key=lambda i: (i.when is None, i.when or datetime.min, i.id))
    parent = list(range(len(ordered)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(ordered):
        if a.when is None:
            continue
        for j in range(i + 1, len(ordered)):
            b = ordered[j]
            if b.when is None or b.when - a.when > _DAY:
                break  # sorted: nothing later can be the same event
            if root(i) != root(j) and same_event(a, b, texts):
                parent[root(j)] = root(i)
    # A record may name, by id or by date, a record of the same event days before ("Same email as I2", "report on
    # 12/03 of an email sent on 10/03"): only those records are compared, so this stays linear too.
    position = {inc.id: n for n, inc in enumerate(ordered)}
    on_day: dict[tuple[int, int], list[int]] = defaultdict(list)
    for n, inc in enumerate(ordered):
        if inc.when is not None:
            on_day[(inc.when.day, inc.when.month)].append(n)
    for i, a in enumerate(ordered):
        named = [position[m] for m in _RECORD_ID.findall(a.narrative) if m in position]
        days = [(int(d), int(mth)) for d, mth in _DAY_MONTH.findall(a.narrative)]
        days += [(int(d), month_number(mth)) for d, mth in _DAY_NAMED.findall(a.narrative) if month_number(mth)]
        # "came round at half one on Sunday morning", in a statement taken that Tuesday: the Sunday before.
        if a.when is not None:
            for word in _WEEKDAY.findall(a.narrative):
                back = (a.when.weekday() - WEEKDAYS.index(word.lower())) % 7
                if back:
                    earlier = a.when - timedelta(days=back)
                    days.append((earlier.day, earlier.month))
        dated = [n for day in days for n in on_day.get(day, [])]
        for j in {*named, *dated} - {i}:
            if root(i) != root(j) and same_event(a, ordered[j], texts):
                parent[root(j)] = root(i)
    groups: dict[int, list[Incident]] = {}
    for i, inc in enumerate(ordered):
        groups.setdefault(root(i), []).append(inc)
    return [Occasion([i.id for i in g], actor, g[0].when) for g in groups.values()]


def course_people(conduct: Conduct) -> list[str]:
    """People (or accounts) with conduct on at least two occasions."""
    return [p for p, occ in conduct.occasions.items() if len(occ) >= 2]
