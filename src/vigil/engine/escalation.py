"""Escalation: rising frequency, rising severity, moving from online to physical
presence, and conduct continuing after police action or an order.

Monckton Smith et al. (2017) found escalation in 79% of homicides after
stalking; DASH (2009) asks whether the abuse is happening more often or getting
worse. Each kind is reported with the incidents it rests on.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from vigil.contract import Behaviour, Channel, Escalation, Incident
from vigil.law import Law

from .facts import THREATS, Facts
from .lexicon import Compiled

REMOTE = frozenset(
    {
        Channel.PHONE_CALL,
        Channel.TEXT_MESSAGE,
        Channel.EMAIL,
        Channel.SOCIAL_MEDIA,
        Channel.MESSAGING_APP,
        Channel.LETTER,
        Channel.ONLINE_PUBLICATION,
    }
)


@dataclass
class EscalationResult:
    detected: bool = False
    kinds: list[str] = field(default_factory=list)
    details: list[str] = field(default_factory=list)
    incident_ids: list[str] = field(default_factory=list)

    def add(self, kind: str, detail: str, ids: list[str]) -> None:
        self.detected = True
        self.kinds.append(kind)
        self.details.append(detail)
        self.incident_ids.extend(i for i in ids if i not in self.incident_ids)

    def to_contract(self) -> Escalation:
        detail = " ".join(self.details) if self.details else "No escalation in frequency, severity or proximity found."
        return Escalation(detected=self.detected, detail=detail, incident_ids=self.incident_ids, kinds=self.kinds)


def detect(f: Facts, law: Law) -> EscalationResult:
    out = EscalationResult()
    if not f.course or len(f.occasions) < 2:
        return out
    occ = [o for o in f.occasions if o.when is not None]
    occ.sort(key=lambda o: o.when)  # type: ignore[arg-type,return-value]
    incidents = {i.id: i for i in f.case.incidents}
    ids = [o.incident_ids[0] for o in occ]
    # Frequency: the later gaps are much shorter than the earlier ones.
    if len(occ) >= 4:
        gaps = [(b.when - a.when).total_seconds() for a, b in itertools.pairwise(occ)]  # type: ignore[operator]
        half = len(gaps) // 2
        early, late = sum(gaps[:half]) / half, sum(gaps[half:]) / (len(gaps) - half)
        # ... and the latest gap with them: one burst in the middle is not contact becoming more frequent now.
        if early > 0 and late <= early * 0.5 and gaps[-1] <= early * 0.75:
            out.add(
                "frequency",
                f"Contact is becoming more frequent: the average gap fell from {early / 86400:.1f} "
                f"to {late / 86400:.1f} days.",
                ids,
            )
    # Severity: the most recent occasions are clearly more serious than the first ones.
    sev = [_severity(f, o.incident_ids, law) for o in occ]
    if len(sev) >= 3:
        first = max(sev[: max(1, len(sev) // 3)])
        # The worst of the later half, not only the very last: a threat to kill followed by one more text is
        # still a course that has got worse.
        later = range(len(sev) // 2, len(sev))
        peak = max(later, key=lambda n: (sev[n], n))
        if sev[peak] >= first + 2 and sev[peak] >= 3:
            out.add(
                "severity",
                f"Severity is rising: a later occasion ({ids[peak]}) is more serious than the first ({ids[0]}).",
                [ids[0], ids[peak]],
            )
    # Threats first, then the violence or weapon they promised ("two grand by Friday or I'll smash your face in",
    # then grabbed by the collar and pushed against a car): words have become acts.
    acted = [_any_of(f, o.incident_ids, _ACTS) for o in occ]
    if "severity" not in out.kinds and any(acted):
        k = acted.index(True)
        threatened = [n for n in range(k) if _any_of(f, occ[n].incident_ids, THREATS)]
        if k >= 1 and threatened:
            out.add(
                "severity",
                f"Threats ({', '.join(ids[n] for n in threatened)}) have been followed by violence or a weapon "
                f"({ids[k]}).",
                [ids[threatened[0]], ids[k]],
            )
    # Proximity: online or remote contact first, then physical presence.
    physical = [_physical(f, o.incident_ids, incidents, law) for o in occ]
    # He need not be at her door on the very last occasion: remote contact, then turning up twice, then a
    # voicemail is still a course that has come closer.
    # Nor is the move undone by one message after it ("Next stop Hever, I've entered too").
    if len(physical) >= 3 and (physical[-1] or sum(physical) >= 2 or (len(physical) >= 4 and physical[-2])):
        first_physical = physical.index(True)
        if first_physical >= 2:
            out.add(
                "proximity",
                "The conduct has moved from remote contact "
                f"({', '.join(ids[:first_physical])}) to physical presence "
                f"({', '.join(ids[first_physical:])}).",
                ids,
            )
    # Her home put online after messages ("a photograph of the front door of her building with the house number
    # visible"): the conduct has moved towards where she lives even if he has not yet been there.
    doxxed = [n for n, o in enumerate(occ) if _her_home_published(f, o.incident_ids)]
    if doxxed and doxxed[0] >= 2 and not any(physical[: doxxed[0]]) and "proximity" not in out.kinds:
        out.add(
            "proximity",
            f"The conduct has moved from remote contact ({', '.join(ids[: doxxed[0]])}) to publishing where she "
            f"lives ({ids[doxxed[0]]}).",
            ids,
        )
    # Proximity: from public places to her home (following her on a run, then at her window, then her door).
    # (A letter he brought to her door himself counts here: it shows he has found where she lives; beside remote
    # contact it is still a letter, so it does not make calls-then-letters-then-visits any less a move closer.)
    by_hand = [p or _brought_by_hand(o.incident_ids, incidents) for o, p in zip(occ, physical, strict=True)]
    places = [
        (o, any(_at_home(incidents[i], f.texts.compiled) for i in o.incident_ids))
        for o, p in zip(occ, by_hand, strict=True)
        if p
    ]
    neighbours = f.case.victim is not None and f.case.victim.relationship_to_suspect == "neighbour"
    # (A message that shows he saw her at work, "Saw you at work today", is away from her home too.)
    first_away = (
        bool(places)
        and all(
            incidents[i].location or (incidents[i].channel is not None and incidents[i].channel.value in _REMOTE)
            for i in places[0][0].incident_ids
        )
        and not places[0][1]
    )
    if (
        len(places) >= 2
        and len(occ) >= 3
        and "proximity" not in out.kinds
        and not neighbours
        and first_away
        and places[-1][1]
    ):
        out.add(
            "proximity",
            f"The conduct has moved from public places ({places[0][0].incident_ids[0]}) to the victim's home "
            f"({', '.join(o.incident_ids[0] for o, home in places if home)}).",
            [o.incident_ids[0] for o, _ in places],
        )
    # Volume: many more contacts per occasion than at the start ("a text a week" to "forty a day").
    counts = [_count(incidents, o.incident_ids, f.texts.compiled) for o in occ]
    if len(counts) >= 3 and counts[-1] >= 10 and counts[-1] >= 3 * max(counts[0], 1) and "frequency" not in out.kinds:
        out.add(
            "frequency",
            f"Contact is becoming more intense: from {counts[0]} to {counts[-1]} contacts an occasion "
            f"({ids[0]} to {ids[-1]}).",
            [ids[0], ids[-1]],
        )
    # After police action, a notice or an order.
    police_days = sorted(
        incidents[c.incident_id].when.date()
        for c in f.cue("after_police")
        if c.incident_id and incidents[c.incident_id].when is not None
    )
    after: list[str] = []
    for o in occ:
        for iid in o.incident_ids:
            inc = incidents[iid]
            day = inc.when.date() if inc.when else None
            after_action = bool(day and police_days and day > police_days[0])
            under_order = day is not None and any(
                order.against in (None, f.principal)
                and order.start_day
                and day >= order.start_day
                and (order.end_day is None or day <= order.end_day)  # an order that has run out is not defied
                for order in f.case.orders
            )
            if after_action or under_order:
                after.append(iid)
    if after:
        out.add(
            "after-police-action",
            f"Conduct continued after police action, a notice or an order ({', '.join(sorted(set(after)))}).",
            sorted(set(after)),
        )
    return out


def _count(incidents: dict, iids: list[str], compiled: Compiled) -> int:  # type: ignore[type-arg]
    """The most calls or messages any record of the occasion says were sent ("40 missed calls")."""
    best = 1
    for iid in iids:
        for m in compiled.pattern("message_count").finditer(incidents[iid].narrative):
            best = max(best, int(m.group(1)))
    return best


_ACTS = (Behaviour.PHYSICAL_VIOLENCE, Behaviour.STRANGULATION, Behaviour.WEAPON)


def _any_of(f: Facts, iids: list[str], codes: tuple[Behaviour, ...]) -> bool:
    return any(b.incident_id in iids for code in codes for b in f.types.get(code, []))


def _severity(f: Facts, iids: list[str], law: Law) -> int:
    best = 0
    for code, found in f.types.items():
        if any(b.incident_id in iids for b in found):
            best = max(best, law.behaviours[code].severity)
    return best


def _at_home(inc: Incident, compiled: Compiled) -> bool:
    """Where the record places the incident at the victim's home (its location, or the narrative's)."""
    where = inc.location or ""
    if where:
        return bool(compiled.pattern("home_location").search(where)) or bool(
            compiled.pattern("watching_her_home").search(inc.narrative)
        )
    return bool(compiled.pattern("at_her_home").search(inc.narrative))


_HAND_DELIVERED = re.compile(
    r"(?i)\b(?:hand[- ]delivered|delivered by hand|by hand|no stamp|no postmark|unstamped|(?:pushed|put|posted) "
    r"(?:it )?through (?:her|my|the|V\d+['’]s|IP['’]s) (?:letterbox|letter box|door))\b"
)
_REMOTE = frozenset({"text-message", "phone-call", "email", "social-media", "messaging-app", "online-publication"})


def _physical(f: Facts, iids: list[str], incidents: dict, law: Law) -> bool:  # type: ignore[type-arg]
    """He was there in person, or placed something there. Watching her through a camera app, or a message that
    shows he saw the yard on camera, is remote however close it feels; a tracker hidden on her car is not."""
    for iid in iids:
        inc = incidents[iid]
        channel = inc.channel.value if inc.channel is not None else None
        if channel in ("in-person", "gift-or-item") and any(
            b.incident_id == iid for found in f.types.values() for b in found
        ):
            return True  # not a record in which nothing was done ("drove past on her way to work, did not slow")
        if channel == "tracking-or-surveillance":
            if any(b.incident_id == iid for b in f.types.get(Behaviour.TRACKING_DEVICE, [])):
                return True
            continue
        for code, found in f.types.items():
            if not law.behaviours[code].physical_presence:
                continue
            for b in found:
                # A message can show he was there ("a photo of her front door taken from the pavement at night"),
                # unless what it shows came through a camera or an app.
                if b.incident_id == iid and not (channel in _REMOTE and _THROUGH_A_SCREEN.search(b.evidence)):
                    return True
    return False


def _brought_by_hand(iids: list[str], incidents: dict) -> bool:  # type: ignore[type-arg]
    """ "Hand-delivered envelope (no stamp, no postmark) found on V1's doormat": he came to her door with it."""
    return any(
        incidents[i].channel is not None
        and incidents[i].channel.value == "letter"
        and bool(_HAND_DELIVERED.search(incidents[i].narrative))
        for i in iids
    )


def _her_home_published(f: Facts, iids: list[str]) -> bool:
    return any(
        b.incident_id in iids and _HER_HOME_SHOWN.search(b.evidence) for b in f.types.get(Behaviour.PUBLISHING, [])
    )


_HER_HOME_SHOWN = re.compile(
    r"\b(?:(?:home |her |IP'?s |V\d'?s )?address|front door|house number|postcode|street name|"
    r"where (?:she|IP|V\d) lives|flat \d+|\d+ [A-Z][a-z]+ (?:Road|Street|Lane|Avenue|Close|Drive|Way))\b",
    re.I,
)
_THROUGH_A_SCREEN = re.compile(
    r"\b(?:cameras?|cctv|feeds?|live view|webcam|doorbell|app|snap ?map|location|online|screenshot)\b", re.I
)
