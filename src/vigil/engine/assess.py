"""`assess(case, law, as_of)`: the whole pipeline, pure.

behaviours -> accounts -> conduct -> facts -> classify -> breaches ->
escalation -> risk -> offences -> actions. Output is deterministic and does
not depend on the order incidents arrive in.
"""

from __future__ import annotations

import re
from datetime import date, datetime

from vigil.contract import (
    Assessment,
    Behaviour,
    BehaviourFinding,
    Case,
    Classification,
    CourseOfConduct,
    LinkedAccount,
)
from vigil.law import Law

from .accounts import Link, link_accounts
from .actions import recommend
from .behaviours import CaseText, acts_lawfully, analyse_case, dedupe, find_behaviours
from .breaches import find_breaches, kept_to_permission, orders_for_someone_else
from .classify import classify
from .conduct import attribute
from .escalation import EscalationResult, detect
from .facts import PRESENCE, STALKING_ACTS, gather
from .findings import Conduct, Found
from .lexicon import Compiled, compile_law
from .offences import disclose
from .places import passed_without_stopping
from .risk import assess_risk


def _sorted_case(case: Case) -> Case:
    """Incidents in time order (then id), so input order never changes the result."""
    incidents = sorted(case.incidents, key=lambda i: (i.when or datetime.min, i.id))
    return case.model_copy(update={"incidents": incidents})


_COVERT_LOCATION = frozenset({Behaviour.TRACKING_DEVICE, Behaviour.MONITORING_COMMUNICATIONS})


def _structural(case: Case, conduct: Conduct, links: list[Link], found: list[Found], texts: CaseText) -> list[Found]:
    """Behaviours shown by the pattern, not by words: fake accounts and proxies."""
    out: list[Found] = []
    known = {i.strip().lower() for s in case.suspects for i in s.identifiers}
    for lk in links:
        if lk.account.strip().lower() not in known:
            for iid in lk.incident_ids:
                inc = next((i for i in case.incidents if i.id == iid), None)
                if inc is not None and inc.account == lk.account:
                    out.append(
                        Found(
                            Behaviour.FAKE_ACCOUNT,
                            iid,
                            f"{lk.account} is not one of {lk.suspect_id}'s known identifiers but is linked to "
                            f"{lk.suspect_id}: {lk.reasons[0]}",
                            "structure",
                            lk.suspect_id,
                        )
                    )
    present = {(b.incident_id, b.type) for b in found}
    compiled = texts.compiled
    # "Partner's ex at the door" in the call log, "S1 knocks ... 'just here for the kids like we said'" on the doorbell
    # clip: the visit was expected, whichever record of it says so.
    invited = {i.id for i in case.incidents if compiled.pattern("invited").search(i.narrative)}
    expected = {
        iid
        for occasions in conduct.occasions.values()
        for occ in occasions
        if invited.intersection(occ.incident_ids)
        for iid in occ.incident_ids
    }
    for inc in case.incidents:
        if (
            inc.channel is not None
            and inc.channel.value == "in-person"
            and texts.incidents[inc.id].default_actor.role == "suspect"
            and not (case.victim and case.victim.relationship_to_suspect == "neighbour")
            and (
                (inc.location and compiled.pattern("victims_place").search(inc.location))
                or compiled.pattern("at_her_door").search(inc.narrative)
                # "outside W1's house" where the record says "outside her mother's house": where she is staying.
                or (
                    inc.location
                    and _WITNESS_HOME.search(inc.location)
                    and compiled.pattern("victims_place").search(inc.narrative)
                )
            )
            and (inc.id, Behaviour.TURNING_UP_UNANNOUNCED) not in present
            and inc.id not in invited
            and inc.id not in expected
            # an enforcement agent's visit, a handover the order provides for, an insurer's surveillance
            and not acts_lawfully(texts.incidents[inc.id])
            and not texts.incidents[inc.id].cue_matches("within_relationship")
            and not passed_without_stopping(inc, compiled)  # "driving slowly past V1's house ... It did not stop"
        ):
            out.append(
                Found(
                    Behaviour.TURNING_UP_UNANNOUNCED,
                    inc.id,
                    f"in person at {inc.location}: {inc.narrative.strip()[:140]}",
                    "structure",
                    inc.suspect_id,
                )
            )
    for inc in case.incidents:
        third_hand = (inc.channel is not None and inc.channel.value == "via-third-party") or inc.actor_id
        if (
            third_hand
            and inc.suspect_id
            and (compiled.pattern("sent_with_message").search(inc.narrative) or (inc.actor_id and texts.procured))
            and not compiled.pattern("own_initiative").search(inc.narrative)
            and not acts_lawfully(texts.incidents[inc.id])
            and (inc.id, Behaviour.PROXY_STALKING) not in present
        ):
            out.append(
                Found(
                    Behaviour.PROXY_STALKING,
                    inc.id,
                    f"sent through another person at {inc.suspect_id}'s request "
                    f"(PHA 1997 s.7(3A)): {inc.narrative.strip()[:140]}",
                    "structure",
                    inc.suspect_id,
                )
            )
    # A tracker or spyware on her, and him appearing where she had told no one she would be ("small world"): he
    # followed her, by electronic means if not on foot (PHA 1997 s.2A(3)(a)).
    trackers = {b.actor for b in found if b.type in _COVERT_LOCATION and b.actor}
    for inc in case.incidents:
        if (
            inc.channel is not None
            and inc.channel.value == "in-person"
            and inc.suspect_id in trackers
            and texts.incidents[inc.id].default_actor.role == "suspect"
            and (inc.id, Behaviour.FOLLOWING) not in present
            and compiled.pattern("unforeseeable_place").search(inc.narrative)
        ):
            out.append(
                Found(
                    Behaviour.FOLLOWING,
                    inc.id,
                    f"appeared where only tracking her could have told him she would be: {inc.narrative.strip()[:140]}",
                    "structure",
                    inc.suspect_id,
                )
            )
    stalking_by_incident = {(b.incident_id, b.type) for b in found if b.type in STALKING_ACTS}
    for inc in case.incidents:
        principal = conduct.proxies.get(inc.suspect_id or "")
        if principal and any(iid == inc.id for iid, _ in stalking_by_incident):
            out.append(
                Found(
                    Behaviour.PROXY_STALKING,
                    inc.id,
                    f"{inc.suspect_id} acted for {principal} (PHA 1997 s.7(3A)): {inc.narrative.strip()[:140]}",
                    "structure",
                    principal,
                )
            )
    return out


_WITNESS_HOME = re.compile(r"\bW\d+['’]s (?:house|home|flat|address)\b")
_WELCOME_UNDOES = PRESENCE | {Behaviour.UNWANTED_GIFTS}


def assess(case: Case, law: Law, as_of: date) -> Assessment:
    """Assess one case under the given law, as on `as_of` (never the clock)."""
    compiled = compile_law(law)
    with compiled.analyses.lock:
        return _assess(_sorted_case(case), law, compiled, as_of)


def _assess(case: Case, law: Law, compiled: Compiled, as_of: date) -> Assessment:
    texts = analyse_case(case, compiled)
    found = find_behaviours(case, texts, compiled)
    links = link_accounts(case, texts)
    conduct = attribute(case, texts, links)
    found = dedupe(found + _structural(case, conduct, links, found, texts))
    kept = kept_to_permission(case, conduct, found, law, compiled)
    facts = gather(case, texts, found, conduct, {iid for _order, iid in kept})
    for (_order, iid), permission in kept.items():
        facts.permitted.setdefault(iid, permission)
    facts.for_someone_else = orders_for_someone_else(case, texts)
    breaches = find_breaches(case, conduct, found, law, texts, kept, facts.for_someone_else)
    verdict = classify(facts, breaches)
    if not verdict.four.unwanted:
        # "I asked him to send me the scarf pattern": a present she welcomes is not an unwanted gift, nor is a visit
        # she welcomes turning up ("he waits in the car park because I give him a lift home").
        found = [b for b in found if b.type not in _WELCOME_UNDOES]
    elif verdict.lawful:
        # "She came round my house with a woman from early help": the records show a visit by appointment, for a
        # lawful purpose; her summary of it is not turning up unannounced.
        found = [b for b in found if not (b.incident_id is None and b.type in PRESENCE)]
    escalation = detect(facts, law) if verdict.harassment else EscalationResult()
    risk = assess_risk(facts, verdict, escalation, [b.incident_id for b in breaches], law, texts)
    offences = disclose(facts, verdict, breaches, law)
    linked = [
        LinkedAccount(account=lk.account, suspect_id=lk.suspect_id, reasons=lk.reasons, incident_ids=lk.incident_ids)
        for lk in sorted(links, key=lambda x: (x.account, x.suspect_id))
    ]
    actions = recommend(facts, verdict, risk, breaches, linked, offences, law)
    order = {i.id: n for n, i in enumerate(case.incidents)}
    behaviours = sorted(
        (
            BehaviourFinding(
                type=b.type, incident_id=b.incident_id, evidence=b.evidence, source=b.source, actor=b.actor
            )
            for b in found
        ),
        key=lambda b: (order.get(b.incident_id or "", len(order)), b.source, b.type.value),
    )
    occasions = facts.occasions
    return Assessment(
        case_id=case.case_id,
        as_of=as_of.isoformat(),
        law_version=law.version,
        course_of_conduct=CourseOfConduct(
            present=facts.course,
            incident_ids=facts.course_ids if facts.course else [],
            reason=verdict.rationale[0] if verdict.rationale else "",
            occasions=[o.incident_ids for o in occasions],
        ),
        classification=Classification(
            category=verdict.category,
            offences=offences,
            four=verdict.four,
            rationale=verdict.rationale,
            why_not_stalking=verdict.why_not_stalking,
        ),
        behaviours=behaviours,
        risk=risk,
        breaches=breaches,
        linked_accounts=linked,
        actions=actions,
    )
