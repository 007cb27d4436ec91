"""Step 2b: classify the conduct, giving the legal reasons.

Order of questions, as the law asks them:
1. Is there a course of conduct (s.7(3))? If not: single incident.
2. Does it amount to harassment (s.1(1), (2))? Unwanted, and oppressive
   rather than reasonable, lawful or welcomed (s.1(3)). If not: no offence.
3. Think stalking first: is it also stalking (s.2A)? FOUR (fixated,
   obsessive, unwanted, repeated) with acts associated with stalking
   (s.2A(3)), unless it is a dispute about one grievance. Between former
   partners, stalking unless it is harassment in law only (HOCR, April 2020).
4. Fear of violence on two occasions (s.4 / s.4A(1)(b)(i)), or for stalking
   serious alarm or distress with a substantial adverse effect on usual
   day-to-day activities (s.4A(1)(b)(ii)).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigil.contract import Behaviour, Breach, Category, Four, Relationship

from .facts import BEYOND_GRIEVANCE, OPPRESSIVE, STALKING_ACTS, VIOLENT, Facts
from .findings import Cue

# Channels that carry words, not presence: a go-between using them relays a message.
_MESSAGE_CHANNELS = frozenset({"text-message", "messaging-app", "email", "letter", "phone-call", "social-media"})


@dataclass
class Verdict:
    category: Category
    four: Four
    rationale: list[str] = field(default_factory=list)
    why_not_stalking: str | None = None
    harassment: bool = False
    stalking: bool = False
    fear_twice: bool = False
    substantial_effect: bool = False
    lawful: bool = False  # the course has a lawful purpose (s.1(3)): no offence


def _ids(ids: list[str], limit: int = 12) -> str:
    """Incident ids for a sentence: all of them, or the first few and how many in all."""
    if len(ids) <= limit:
        return ", ".join(ids)
    return ", ".join(ids[:limit]) + f" … ({len(ids)} in all)"


def _quote(words: str, limit: int = 120) -> str:
    words = words.strip()
    return f'"{words[:limit]}{"…" if len(words) > limit else ""}"'


# Conduct that may be an offence on its own, whoever did it (an anonymous abusive or threatening message).
_OFFENCE_ON_ITS_OWN = VIOLENT | {
    Behaviour.ABUSIVE_CONTENT,
    Behaviour.PROPERTY_DAMAGE,
    Behaviour.INTIMATE_IMAGE_ABUSE,
    Behaviour.THREAT_TO_EXPOSE,
}


def _offence_outside_course(f: Facts, v: Verdict) -> Verdict:
    """The suspect's course is not harassment, but a record outside it may still be an offence by someone not
    yet identified ("a Snapchat calling her a slag" from an account nobody has tied to him): one incident."""
    course = set(f.course_ids)
    outside = sorted(
        {
            b.incident_id
            for b in f.behaviours
            if b.incident_id and b.incident_id not in course and b.type in _OFFENCE_ON_ITS_OWN
        }
    )
    if not outside:
        return v
    v.category = Category.SINGLE_INCIDENT
    v.rationale.append(
        f"{_ids(outside)} may be an offence on its own (for example Malicious Communications Act 1988 s.1) by a "
        "person not yet shown to be the suspect: record it as a single incident so that later conduct can be linked."
    )
    return v


_BENIGN = frozenset(
    {
        Behaviour.CONTACTING,
        Behaviour.WATCHING_OR_SPYING,
        Behaviour.FOLLOWING,
        Behaviour.LOITERING,
        Behaviour.TURNING_UP_UNANNOUNCED,
        Behaviour.UNWANTED_GIFTS,
    }
)


_REVIEW = re.compile(r"\breview(?:s|ed)?\b", re.I)
# Relationships that come about through her work or by chance, where her home is no part of what he holds against her.
_MET_THROUGH_WORK = frozenset({Relationship.CLIENT_OR_CUSTOMER, Relationship.COLLEAGUE, Relationship.STRANGER})
_AT_HER_HOME = re.compile(
    r"\b(?:V\d+|IP|the victim|her)['’]s? (?:own |new |family )?(?:house|home|flat|front (?:door|window|garden))\b", re.I
)


def _lawful_cues(f: Facts) -> list[Cue] | bool:
    """What shows a lawful purpose: the records' and statement's words, or an order that requires the contact."""
    # A suspect's own role, set out in his history ("Designated Safeguarding Lead ... acting in her role under the
    # school's safeguarding and attendance policies"), is a lawful purpose the records are read against.
    return f.cue("lawful_purpose") + f.cue("journalism") + f.cue("campaign") + f.role or any(
        o.type.value == "child-arrangements-order" for o in f.case.orders
    )


def _lawful_purpose(f: Facts, lawful: list[Cue] | bool, fixation: list[Cue], breached: list[str]) -> str | None:
    """The words that show the course has a lawful purpose (PHA 1997 s.1(3)), when nothing threatening, abusive
    or fixated goes with it; None when it has none."""
    journalism = f.cue("journalism") + f.cue("campaign")
    # Every occasion keeps to a route an order permits (and the route is void for threats or abuse).
    # (A record that he did nothing towards her, such as his son's match on his contact weekend, strays from nothing.)
    within_order = any(i in f.permitted for i in f.course_ids) and all(
        i in f.permitted or i in f.idle_ids for i in f.course_ids
    )
    benign = set(_BENIGN)
    if journalism:
        benign.add(Behaviour.PUBLISHING)  # the story or the campaign, when nothing threatening or abusive goes with it
    # A customer's review of the firm ("Slow, expensive, and the complaints partner did not reply for weeks") is
    # comment a complaint may lawfully make, when nothing false, threatening or abusive goes with it.
    # A publication the record itself shows to be lawful ("uploaded to the Pubwatch members' app under the scheme's
    # data-sharing agreement") is part of that lawful purpose.
    lawful_ids = {c.incident_id for c in lawful if c.incident_id} if isinstance(lawful, list) else set()
    if all(
        _REVIEW.search(b.evidence) or (b.incident_id is not None and b.incident_id in lawful_ids)
        for b in f.types.get(Behaviour.PUBLISHING, [])
    ):
        benign.add(Behaviour.PUBLISHING)
    # The records show an official or a party acting lawfully: the victim calling him "obsessed" in her statement
    # does not make it otherwise, nor her view that the story about her is untrue; what the records show does.
    recorded_lawful = within_order or (
        isinstance(lawful, list) and any(c.incident_id or c.source.endswith(".history") for c in lawful)
    )
    kinds = {
        code
        for code, found in f.types.items()
        # A go-between the order permits (his solicitors) is the route itself, not targeting those around her; so
        # are papers served by a process server or a solicitor's letter on a record that shows the lawful purpose.
        if (
            code is not Behaviour.THIRD_PARTY_CONTACT
            # (her statement's summary, "he emailed my agent", is the same contact the lawful records show)
            or any(
                b.incident_id not in lawful_ids and b.incident_id not in f.permitted
                for b in found
                if b.incident_id or not lawful_ids
            )
        )
        and (not within_order or any(b.incident_id in f.permitted for b in found))
        and (not recorded_lawful or any(b.incident_id for b in found))
    }
    fixated_in_records = [c for c in fixation if c.incident_id] if recorded_lawful else fixation
    # A lawful letter to the court about her case does not cover following him to the station or sending him a book
    # of poems on other days: acts of pursuit away from the records that show the lawful purpose.
    pursuit = {
        b.incident_id
        for code in (Behaviour.FOLLOWING, Behaviour.UNWANTED_GIFTS)
        for b in f.types.get(code, [])
        if b.incident_id and lawful_ids and b.incident_id not in lawful_ids and b.incident_id not in f.permitted
    }
    # Many emails from a campaign's supporters are many people's protest, not one person's flood of messages.
    flood = f.volume and not f.cue("campaign")
    if not (lawful or within_order) or not kinds <= benign or fixated_in_records or flood or breached or pursuit:
        return None
    if within_order:
        first = next(i for i in f.course_ids if i in f.permitted)
        return f"every occasion keeps to what the order allows: {_quote(f.permitted[first], 100)}"
    # The records' own words explain it best; the victim's statement only if they say nothing.
    best = next((c for c in lawful if c.incident_id), lawful[0]) if isinstance(lawful, list) and lawful else None
    return _quote(best.sentence) if best is not None else "an order requires it"


def _nothing_done(f: Facts, v: Verdict, cleared: list[Cue]) -> bool:
    """No course, and nothing in the records done towards her: "no offence" (not "single incident"), with the
    records that show it. Never where an order was breached: a breach is an act towards her."""
    n = len(f.case.incidents)
    if f.all_cleared():
        # "The car is a carer's; the man walks his dog; neither knows her": her fear is real, but nobody has
        # done anything towards her.
        first = {c.incident_id: c for c in reversed(f.innocent_cues())}
        first = {i.id: first[i.id] for i in f.case.incidents if i.id in first}
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            "No offence shown: enquiries found an innocent explanation for every record "
            f"({'; '.join(f'{i}: {_quote(c.sentence, 100)}' for i, c in list(first.items())[:3])}), so no one "
            "is shown to have done anything towards the victim. Keep the record so later conduct can be linked."
        )
        return True
    idle = [c for name in ("not_about_victim", "no_conduct") for c in f.texts.cues(name) if c.incident_id]
    if idle and not any(b.incident_id for b in f.behaviours):
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            "No offence shown: the records describe nothing done towards the victim "
            f"({'; '.join(f'{c.incident_id}: {_quote(c.sentence, 100)}' for c in idle[:3])}). Keep the record "
            "so later conduct can be linked."
        )
        return True
    if not f.behaviours and cleared:
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            f"No offence shown: the records describe no act by the suspect, and {cleared[0].incident_id} found "
            f"nothing to connect him ({_quote(cleared[0].sentence)}). Keep the record so later conduct can be "
            "linked."
        )
        return True
    if n > 1 and not any(b.incident_id for b in f.behaviours) and len(f.occasions) > 1:
        # "1-star rating. Complaint: 'Food cold'" every Friday: several occasions, none with anything done
        # towards her that the records show.
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            f"No offence shown: {len(f.occasions)} occasions are recorded, but none shows anything done towards "
            "the victim (no contact, threat, abuse or act of stalking is found in them). Keep the record so "
            "later conduct can be linked."
        )
        return True
    acts = {b.type for b in f.behaviours if b.incident_id}
    recorded = [i for occ in f.occasions for i in occ.incident_ids]
    if (
        any(i in f.permitted for i in recorded)
        and all(i in f.permitted or i in f.idle_ids for i in recorded)
        # (Another suspect's act, his brother's abuse at the checkout, is not what the order allows.)
        and all(i.id in recorded or f.texts.acting_alone(i) for i in f.case.incidents)
        and {b.type for b in f.behaviours if b.incident_id in f.permitted} <= {Behaviour.CONTACTING}
    ):
        # A message on the children's app the order permits, and his being at the gala it lets him attend without
        # going near her: what an order allows, and nothing else done towards her, is no offence.
        kept = [i for i in recorded if i in f.permitted]
        idle = sorted(i for i in recorded if i in f.idle_ids)
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            f"No offence shown: {_ids(kept)} {'keeps' if len(kept) == 1 else 'keep'} to what the order allows "
            f"({_quote(f.permitted[kept[0]], 100)})"
            + (
                f" and {_ids(idle)} {'shows' if len(idle) == 1 else 'show'} nothing done towards the victim"
                if idle
                else ""
            )
            + ". Keep the record so later conduct can be linked."
        )
        return True
    if len(f.occasions) > 1 and f.idle_ids and acts <= {Behaviour.CONTACTING}:
        # A polite note, then her reports to the council and a planning objection: only one occasion shows
        # anything done towards her, and that one is contact with nothing threatening or abusive in it.
        done = [i for occ in f.occasions for i in occ.incident_ids if i not in f.idle_ids]
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            f"No offence shown: {len(f.occasions)} occasions are recorded, but {_ids(sorted(f.idle_ids))} "
            f"show nothing done towards the victim, and the contact on {_ids(done)} carries no threat, abuse or "
            "act of stalking, so there is no course of conduct (PHA 1997 s.7(3)) and nothing that is an offence "
            "on its own. Keep the record so later conduct can be linked."
        )
        return True
    return False


# "Convicted 20 June 2024 ... of harassment (PHA 1997 s.2) of the victim": the order he now defies was made on it.
_CONVICTED_OF_HARASSING = re.compile(r"(?i)\bconvicted\b[^.;]{0,80}?\b(?:harass|stalk)")


def classify(f: Facts, breaches: list[Breach] | None = None) -> Verdict:
    if not f.case.incidents:
        return Verdict(
            Category.NO_OFFENCE,
            Four(fixated=False, obsessive=False, unwanted=False, repeated=False),
            ["No incidents are recorded, so there is no conduct to assess."],
        )
    repeated = f.course
    welcomed = [c for c in f.cue("welcomed") if c.source == "victim.statement" or c.incident_id]
    stop = f.cue("stop_requests")
    # Having split up is not asking him to stop when she says, in her own words, that she wants the contact now.
    split = {(c.sentence, c.words) for c in f.cue("separation")}
    asked = [c for c in stop if (c.sentence, c.words) not in split]
    own_welcome = [c for c in welcomed if c.source == "victim.statement"]
    unwanted = not (welcomed and not (asked if own_welcome else stop))
    fixation = f.cue("fixation")
    if f.cue("grievance"):
        # "£3,100 back or I keep going ... I'm not going anywhere": persistence in the dispute, not fixation on her.
        holding_out = f.texts.compiled.pattern("grievance_persistence")
        fixation = [c for c in fixation if not holding_out.search(c.words)]
    stalking_acts = sorted({b for b in f.types if b in STALKING_ACTS}, key=lambda b: b.value)
    fixated = bool(fixation) or bool({Behaviour.TRACKING_DEVICE, Behaviour.MONITORING_COMMUNICATIONS} & set(f.types))
    # A post that makes a false allegation ("a post in the village group calling him a nonce") is one act, not two
    # kinds of act that show a pattern.
    posted = {b.incident_id for b in f.types.get(Behaviour.PUBLISHING, []) if b.incident_id}
    kinds = [
        code
        for code in stalking_acts
        if not (
            code is Behaviour.FALSE_ALLEGATIONS
            and all(b.incident_id in posted for b in f.types.get(Behaviour.FALSE_ALLEGATIONS, []))
        )
    ]
    # Two kinds of act on one occasion ("waiting by the stewards' car park, he walked alongside V1 to his car
    # shouting") are one act with two names; a pattern needs them on more than one occasion.
    occasions_with_acts = {b.incident_id for code in kinds for b in f.types.get(code, []) if b.incident_id}
    # Going on, on two or more occasions, against the restraining order made when he was convicted of harassing her is
    # persistence despite sanction: the "obsessive" of FOUR (a former student back at her building and her car a year
    # after his conviction).
    convicted = any(_CONVICTED_OF_HARASSING.search(s.history or "") for s in f.case.suspects)
    restraining = {o.id for o in f.case.orders if o.type.value == "restraining-order"}
    defied_ids = sorted({b.incident_id for b in breaches or [] if b.order_id in restraining}) if convicted else []
    defied = len(defied_ids) >= 2
    obsessive = bool(fixation) or bool(f.volume) or (len(kinds) >= 2 and len(occasions_with_acts) >= 2) or defied
    four = Four(fixated=fixated, obsessive=obsessive, unwanted=unwanted, repeated=repeated)
    v = Verdict(Category.SINGLE_INCIDENT, four)
    if not f.course:
        n = len(f.case.incidents)
        cleared = [c for c in f.cue("exculpation") if c.incident_id]
        if not breaches and _nothing_done(f, v, cleared):
            return v
        # Say why: one event recorded several times, or records nobody has tied to the suspect yet.
        alone = [i.id for i in f.case.incidents if f.texts.acting_alone(i)]
        loose = [
            i.id for i in f.case.incidents if i.account and not f.conduct.attributed.get(i.id) and i.id not in alone
        ]
        # "The 4 records describe one occasion" would be wrong where they describe several, most of which do not
        # count: say which.
        aside: dict[str, list[str]] = {}
        for i, reason in f.set_aside.items():
            if i not in alone:
                aside.setdefault(reason, []).append(i)
        several = len(f.occasions) > 1 and bool(aside)
        set_aside = (
            "; ".join(f"{_ids(ids)} {'is' if len(ids) == 1 else 'are'} {reason}" for reason, ids in aside.items())
            + ", which leaves one occasion"
        )
        if n <= 1:
            why = "one incident is recorded."
        elif alone and not loose:
            # "His wife rang back from the same phone to apologise": her own act, not his (s.7(3A)).
            one = len(alone) == 1
            rest = n - len(alone)
            why = (
                f"{_ids(alone)} {'was' if one else 'were'} another person's own act, not done at his request "
                "(s.7(3A))"
                + (
                    f"; of the other records, {set_aside}."
                    if several
                    else f", and the other {rest} records describe one occasion."
                    if rest > 1
                    else "."
                )
            )
        elif loose:
            one = len(loose) == 1
            why = (
                f"no two occasions are by one person, and {len(loose)} of the {n} records ({_ids(loose)}) "
                f"{'comes from an account' if one else 'come from accounts'} not tied to anyone; "
                f"{'it' if one else 'they'} would count only once linked to the same person."
            )
        elif several:
            why = f"the records describe {len(f.occasions)} occasions, but {set_aside}."
        elif cleared_of := sorted({c.incident_id for c in cleared if c.incident_id and c.incident_id not in alone}):
            # "PNC: the keeper is a neighbour's visitor with no link to S1": not his conduct at all.
            one = len(cleared_of) == 1
            rest = n - len(cleared_of)
            first = next(c for c in cleared if c.incident_id in cleared_of)
            why = (
                f"enquiries found {_ids(cleared_of)} {'was' if one else 'were'} nothing to do with the suspect "
                f"({_quote(first.sentence, 100)})"
                + (f", and the other {rest} records describe one occasion." if rest > 1 else ".")
            )
        else:
            why = f"the {n} records describe one occasion."
        v.rationale.append(
            "No course of conduct: PHA 1997 s.7(3) needs conduct on at least two occasions by the same person; "
            + why
            + " Other offences may still apply; record it so later conduct can be linked."
        )
        return v
    ids = _ids(f.course_ids)
    who = f.principal or ""
    who = f"the unidentified user of {who.removeprefix('account:')}" if who.startswith("account:") else who
    who = "an unidentified person" if who == "unknown" else who
    v.rationale.append(f"Course of conduct: {len(f.occasions)} occasions by {who} ({ids}) (PHA 1997 s.7(3)).")
    # 2. Harassment?
    oppressive = sorted({b for b in f.types if b in OPPRESSIVE}, key=lambda b: b.value)
    # Posts about her with nothing abusive, false, threatening or private in them (a critic's reviews, a trader's
    # reply to a complaint) are comment, not oppression; with any of those beside them they are.
    published_only = oppressive == [Behaviour.PUBLISHING]
    if published_only:
        oppressive = []
    breached = sorted({b.incident_id for b in breaches or []})
    if not unwanted:
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            "Not harassment: the victim welcomes the contact "
            f"({_quote(welcomed[0].sentence)}), so it is not unwanted (FOUR 'U'; PHA 1997 s.1(2))."
        )
        return v
    lawful = _lawful_cues(f)
    source = _lawful_purpose(f, lawful, fixation, breached)
    if source is not None:
        v.category = Category.NO_OFFENCE
        v.lawful = True
        v.rationale.append(
            f"Not harassment: the conduct has a lawful purpose ({source}) and involves no threats, abuse or "
            "fixation, so it falls within PHA 1997 s.1(3) (preventing or detecting crime, a rule of law, or "
            "reasonable in the circumstances)."
        )
        return _offence_outside_course(f, v)
    complied = f.cue("complied")
    if not oppressive and not fixation and complied and not breached:
        v.category = Category.NO_OFFENCE
        v.rationale.append(
            f"Not harassment: the contact stopped when the victim asked ({_quote(complied[0].sentence)}), so it is "
            "not a persistent, oppressive course of conduct (PHA 1997 s.1(2); Majrowski [2006] UKHL 34)."
        )
        return _offence_outside_course(f, v)
    if (
        not oppressive
        and not fixation
        and not breached
        and not f.volume
        # Conduct that put her in fear of violence twice is oppressive whatever words it used (s.4(1)).
        and len(f.fear_occasions) < 2
        and (lawful or f.polite_share >= 0.5 or f.organisation or not stop)
    ):
        v.category = Category.NO_OFFENCE
        why = []
        if lawful:
            source = _quote(lawful[0].sentence) if isinstance(lawful, list) else "an order requires it"
            why.append(f"it has a lawful purpose ({source})")
        if f.polite_share >= 0.5:
            why.append("the messages are brief and polite")
        if published_only:
            posts = _ids(sorted({b.incident_id for b in f.types[Behaviour.PUBLISHING] if b.incident_id}))
            why.append(
                f"what was published ({posts or 'the posts'}) carries no threat, abuse, false claim or private detail"
            )
        if not stop:
            why.append("nothing shows the suspect was asked to stop")
        v.rationale.append(
            "Not harassment: a reasonable person would not think this oppressive or unacceptable "
            f"(PHA 1997 s.1(2); Majrowski [2006] UKHL 34): {'; '.join(why)}. Conduct that is reasonable, or "
            "pursued under a rule of law, is outside s.1 (s.1(3)(b), (c))."
        )
        return _offence_outside_course(f, v)
    v.harassment = True
    basis = [b.value for b in oppressive] or ["repeated unwanted contact"]
    if breached:
        basis.append(f"contact a court order forbids ({_ids(breached)})")
    v.rationale.append(
        f"Amounts to harassment (PHA 1997 s.1(1), s.2): unwanted and oppressive conduct ({', '.join(basis)})"
        + (f"; it is plainly unwanted ({_quote(stop[0].sentence, 100)})" if stop else "")
        + "."
    )
    # 3. Stalking first.
    grievance = f.cue("grievance")
    # Sending someone with a message about the grievance ("Lee wants his money") is procured contact within it;
    # sending someone to watch or follow her goes beyond it.
    # So is a go-between's own message passing his words on ("Voice note from Pete: 'Sharon's asked me to tell you
    # ...'").
    relayed = {
        i.id
        for i in f.case.incidents
        if i.channel is not None
        and (i.channel.value == "via-third-party" or (i.actor_id and i.channel.value in _MESSAGE_CHANNELS))
    }
    # Her statement's account of the same thing ("he sent his brother to my work") is not another act.
    recorded = [p for p in f.types.get(Behaviour.PROXY_STALKING, []) if p.incident_id]
    messenger = bool(recorded) and all(p.incident_id in relayed for p in recorded)
    # Posing as her to her bank in a dispute about money is fraud for the money, not an act beyond the grievance.
    money = f.texts.compiled.pattern("financial_impersonation")
    posed = f.types.get(Behaviour.IMPERSONATION, [])
    fraud_only = bool(grievance) and bool(posed) and all(money.search(b.evidence) for b in posed)
    # Following him out of the hall, or standing at his car window, to shout the grievance at him is the confrontation
    # itself, not pursuit beyond it: the same words carry the abuse.
    shouted = {
        (b.incident_id, b.evidence)
        for code in (Behaviour.ABUSIVE_CONTENT, Behaviour.THREAT_OF_VIOLENCE)
        for b in f.types.get(code, [])
    }
    confronting = {
        code
        for code in (Behaviour.FOLLOWING, Behaviour.LOITERING)
        if f.types.get(code) and all((b.incident_id, b.evidence) in shouted for b in f.types[code])
    }
    beyond = sorted(
        {
            b
            for b in stalking_acts
            if b in BEYOND_GRIEVANCE
            and not (b is Behaviour.PROXY_STALKING and messenger)
            and not (b is Behaviour.IMPERSONATION and fraud_only)
            and not (grievance and b in confronting)
        },
        key=lambda b: b.value,
    )
    # A grudge from her work ("You're the one who got me done") carried to her home: standing outside her house at
    # night filming the window is fixation on her as a person, which the grievance does not explain.
    if grievance and f.relationship in _MET_THROUGH_WORK:
        where = {i.id: f"{i.location or ''} {i.narrative}" for i in f.case.incidents}
        if any(
            b.incident_id and _AT_HER_HOME.search(where.get(b.incident_id, ""))
            for b in f.types.get(Behaviour.WATCHING_OR_SPYING, [])
        ):
            beyond = sorted({*beyond, Behaviour.WATCHING_OR_SPYING}, key=lambda b: b.value)
    # A court has already made a stalking protection order for her against him (SPA 2019 s.2: acts associated with
    # stalking, and a risk from him): a grudge he holds does not make his conduct mere harassment.
    spo = any(o.against == f.principal for o in f.stalking_orders_for_her)
    grievance_led = bool(grievance) and not fixation and not beyond and not f.partners and not spo
    # Abuse for what she is (her race or religion), with nothing covert and no fixation on her as a person, is
    # hate-motivated harassment (CDA 1998 s.32), not stalking.
    # (When one grievance already explains it, the grievance is the reason given.)
    hostility = [] if grievance_led else f.texts.cues("racial_hostility")
    # An object left as a taunt ("a banana ... 'lunch for Kwame'") is part of the abuse, not a suitor's gift.
    taunts = [b for b in beyond if b is not Behaviour.UNWANTED_GIFTS]
    hostility_led = bool(hostility) and not fixation and not taunts and not f.partners
    grievance_led = grievance_led or hostility_led
    # Calling her a thief over the money he says she owes restates the grievance; it is not an act beyond it.
    acts_beyond_words = [b for b in stalking_acts if not (grievance and b is Behaviour.FALSE_ALLEGATIONS)]
    partners_rule = f.partners and not (grievance and not acts_beyond_words and not fixation)
    if (stalking_acts or fixation or partners_rule) and (fixated or obsessive or partners_rule) and not grievance_led:
        v.stalking = True
        acts = ", ".join(b.value for b in stalking_acts) or "repeated contact"
        marks = [
            n
            for n, on in (
                ("fixated", four.fixated),
                ("obsessive", four.obsessive),
                ("unwanted", four.unwanted),
                ("repeated", four.repeated),
            )
            if on
        ]
        v.rationale.append(
            f"Stalking (PHA 1997 s.2A): harassment involving acts associated with stalking ({acts}; s.2A(3)); "
            f"the FOUR pattern shows it is {', '.join(marks)}."
        )
        if fixation:
            v.rationale.append(
                f"Fixation in the record: {_quote(fixation[0].sentence)} "
                f"({fixation[0].incident_id or fixation[0].source})."
            )
        elif defied:
            v.rationale.append(
                f"Obsession in the record: it went on against the restraining order made on his conviction on "
                f"{len(defied_ids)} occasions ({_ids(defied_ids)})."
            )
        if f.partners:
            v.rationale.append(
                "Between former or current partners a course of conduct is recorded as stalking unless it is "
                "harassment in law only (Home Office Counting Rules, April 2020)."
            )
    else:
        if hostility_led:
            v.why_not_stalking = (
                "The conduct is hostility towards the victim's race or religion "
                f"({_quote(hostility[0].sentence, 100)}), not fixation on the victim as a person, and nothing "
                "covert goes with it, so the FOUR pattern (fixated, obsessive) is missing: racially or religiously "
                "aggravated harassment (CDA 1998 s.32)."
            )
        elif grievance_led:
            v.why_not_stalking = (
                f"The conduct is driven by one grievance ({_quote(grievance[0].sentence, 100)}) and stays within it: "
                "no fixation on the victim as a person, no covert or identity-based acts, so the FOUR pattern "
                "(fixated, obsessive) is missing."
            )
        elif not stalking_acts and not fixation:
            v.why_not_stalking = (
                "No acts associated with stalking beyond the contact itself (s.2A(3)) and no sign of fixation or "
                "obsession with the victim: FOUR is not met."
            )
        else:
            v.why_not_stalking = "The acts found do not show fixation or obsession with the victim (FOUR)."
        v.rationale.append("Not stalking (think stalking first): " + v.why_not_stalking)
    # 4. Fear of violence / serious alarm or distress.
    v.fear_twice = len(f.fear_occasions) >= 2
    effect = [c for c in f.cue("substantial_effect")]
    no_effect = f.cue("no_effect")
    v.substantial_effect = bool(effect) and not no_effect
    if v.fear_twice:
        occ = "; ".join(f"{i}: {why}" for i, why in list(f.fear_occasions.items())[:3])
        v.rationale.append(
            f"Fear of violence on at least two occasions ({occ}) (PHA 1997 s.4(1)"
            + (", s.4A(1)(b)(i))." if v.stalking else ").")
        )
    elif f.fear_occasions:
        only = next(iter(f.fear_occasions))
        v.rationale.append(f"Fear of violence on one occasion only ({only}); s.4 and s.4A(1)(b)(i) need at least two.")
    if v.stalking and v.substantial_effect:
        v.rationale.append(
            f"Serious alarm or distress with a substantial adverse effect on usual day-to-day activities: "
            f"{_quote(effect[0].sentence)} (PHA 1997 s.4A(1)(b)(ii))."
        )
    elif v.stalking and effect and no_effect:
        v.rationale.append(
            f"Some change is described, but the victim also says {_quote(no_effect[0].sentence, 80)}: "
            "s.4A(1)(b)(ii) is not made out on this evidence."
        )
    if v.stalking:
        v.category = Category.STALKING_FEAR_OR_DISTRESS if (v.fear_twice or v.substantial_effect) else Category.STALKING
    else:
        v.category = Category.HARASSMENT_FEAR_OF_VIOLENCE if v.fear_twice else Category.HARASSMENT
        if effect and not v.fear_twice and not no_effect:
            v.rationale.append(
                "The victim describes changes to daily life, but s.4A(1)(b)(ii) applies only to stalking."
            )
    return v
