"""Facts the legal steps reason over, gathered once from behaviours and cues.

Keeping them in one typed object means classification, risk and actions read
the same facts, and each fact keeps the incident ids and words it rests on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from vigil.contract import Behaviour, Case, Order, OrderType, Relationship

from .behaviours import CaseText, not_to_victim
from .conduct import course_people
from .findings import Conduct, Cue, Found, Occasion

# A tuple, most serious first: iterating it picks evidence in the same order in every process (a frozenset's
# order follows string hashing, which changes from run to run).
THREATS = (Behaviour.THREAT_TO_KILL, Behaviour.THREAT_OF_VIOLENCE, Behaviour.SEXUAL_THREAT, Behaviour.WEAPON)
VIOLENT = frozenset(THREATS) | {Behaviour.PHYSICAL_VIOLENCE, Behaviour.STRANGULATION}
# Acts that point to stalking rather than a dispute: the s.2A(3) acts beyond
# plain contact, and the technology-enabled equivalents.
STALKING_ACTS = frozenset(
    {
        Behaviour.FOLLOWING,
        Behaviour.LOITERING,
        Behaviour.WATCHING_OR_SPYING,
        Behaviour.TURNING_UP_UNANNOUNCED,
        Behaviour.MONITORING_COMMUNICATIONS,
        Behaviour.TRACKING_DEVICE,
        Behaviour.ACCOUNT_INTRUSION,
        Behaviour.PUBLISHING,
        Behaviour.IMPERSONATION,
        Behaviour.FAKE_ACCOUNT,
        Behaviour.PROXY_STALKING,
        Behaviour.UNWANTED_GIFTS,
        Behaviour.INTERFERING_WITH_PROPERTY,
        Behaviour.FALSE_ALLEGATIONS,
    }
)
# Acts that a grievance does not explain: covert or identity-based. A new number after a block, or a post
# naming her as a bad payer, still pursues the grievance.
BEYOND_GRIEVANCE = frozenset(
    {
        Behaviour.FOLLOWING,
        Behaviour.TRACKING_DEVICE,
        Behaviour.MONITORING_COMMUNICATIONS,
        Behaviour.ACCOUNT_INTRUSION,
        Behaviour.IMPERSONATION,
        Behaviour.PROXY_STALKING,
        Behaviour.UNWANTED_GIFTS,
    }
)
OPPRESSIVE = (
    VIOLENT
    | STALKING_ACTS
    | {
        Behaviour.ABUSIVE_CONTENT,
        Behaviour.PROPERTY_DAMAGE,
        Behaviour.INTIMATE_IMAGE_ABUSE,
        Behaviour.THREAT_TO_EXPOSE,
        Behaviour.THIRD_PARTY_CONTACT,
        Behaviour.COERCIVE_CONTROL,
        Behaviour.THREAT_OF_SUICIDE,
    }
) - {Behaviour.UNWANTED_GIFTS}
# Cues that only count in the victim's (or recorder's) own words, never in a suspect's quote.
VICTIM_VOICE = frozenset(
    {"substantial_effect", "no_effect", "no_fear", "welcomed", "stop_requests", "children", "fear_for_others"}
)
PARTNERS = frozenset({Relationship.EX_PARTNER, Relationship.CURRENT_PARTNER})
# "Ex-partner (six years; two children)": his record is where a force often notes the children they share.
_CUE_SOURCES = {"children": ("narrative", "victim.statement", "history")}


@dataclass
class Facts:
    case: Case
    texts: CaseText
    behaviours: list[Found]
    conduct: Conduct
    principal: str | None = None
    occasions: list[Occasion] = field(default_factory=list)
    course: bool = False
    course_ids: list[str] = field(default_factory=list)
    types: dict[Behaviour, list[Found]] = field(default_factory=dict)
    cues: dict[str, list[Cue]] = field(default_factory=dict)
    fear_occasions: dict[str, str] = field(default_factory=dict)  # incident id -> why
    volume: list[tuple[str, str]] = field(default_factory=list)  # (incident id, words)
    polite_share: float = 0.0
    organisation: bool = False
    # Incidents that keep to a route an order permits (incident id -> the permission), from the breaches step.
    permitted: dict[str, str] = field(default_factory=dict)
    # Orders made for someone else (order id -> the person protected), from the breaches step: they do not protect her.
    for_someone_else: dict[str, str] = field(default_factory=dict)
    # Records of occasions on which he did nothing towards her ("stayed at the far end of the touchline, did not
    # look at or speak to her"): reports in the course, not acts in it.
    idle_ids: set[str] = field(default_factory=set)
    # Occasions that do not count towards a course: reports of him doing nothing towards her, and steps an order or
    # the law allows beside conduct that strays from them. Kept so the rationale can name them.
    set_aside: dict[str, str] = field(default_factory=dict)  # incident id -> why it does not count
    # The lawful purpose his own role gives, from his history ("process server instructed in the divorce").
    role: list[Cue] = field(default_factory=list)

    def has(self, *codes: Behaviour) -> bool:
        return any(c in self.types for c in codes)

    def ids(self, *codes: Behaviour) -> list[str]:
        out: list[str] = []
        # Callers unpack frozensets, whose order changes with the process's string hashing.
        for c in sorted(set(codes), key=lambda b: b.value):
            for f in self.types.get(c, []):
                if f.incident_id and f.incident_id not in out:
                    out.append(f.incident_id)
        return out

    def innocent_cues(self) -> list[Cue]:
        """Records' own words clearing them: enquiries found it was someone else, or not about her."""
        return [c for c in self.cue("exculpation") + self.cue("not_about_victim") if c.incident_id]

    def all_cleared(self) -> bool:
        """No record is attributed to a suspect and enquiries found an innocent explanation for every one."""
        incidents = self.case.incidents
        if not incidents or any(i.suspect_id for i in incidents):
            return False
        innocent = {c.incident_id for c in self.innocent_cues()}
        # "It concerns the same AirTag as I1; no new event": a record that refers to a cleared one goes with it.
        innocent |= {
            i.id for i in incidents if any(re.search(rf"\b{re.escape(c)}\b", i.narrative) for c in innocent if c)
        }
        return bool(innocent) and innocent >= {i.id for i in incidents}

    def cue(self, name: str) -> list[Cue]:
        return self.cues.get(name, [])

    @property
    def relationship(self) -> Relationship | None:
        return self.case.victim.relationship_to_suspect if self.case.victim else None

    @property
    def partners(self) -> bool:
        """The victim's relationship is with the first suspect: a second suspect (his new partner) whose course
        this is was never her partner."""
        first = self.case.suspects[0].id if self.case.suspects else None
        return self.relationship in PARTNERS and (self.principal is None or self.principal == first)

    @property
    def stalking_orders_for_her(self) -> list[Order]:
        """The SPOs and interim SPOs in the case that protect this victim (not those made for someone else): a
        court's own finding of acts associated with stalking (Stalking Protection Act 2019 s.2(1))."""
        return [o for o in self.case.orders if o.type in STALKING_ORDERS and o.id not in self.for_someone_else]


# "Process server instructed by Blake & Co Solicitors, acting for S1", "S1's solicitors": someone acting for him.
_HIS_AGENT = re.compile(
    r"\b(?:acting|instructed|working|engaged|hired) (?:for|by|on behalf of) (?:S\d+|the suspect)\b"
    r"|\b(?:S\d+|the suspect)['’]s (?:solicitors?|lawyers?|agents?|representatives?|barristers?|counsel)\b"
)
# "Harlow Legal, solicitors acting for Tidewater Marine": acting for the firm his identifiers name.
_ACTING_FOR = re.compile(
    r"\b(?:acting|instructed|working|engaged) (?:for|by|on behalf of) ((?:[A-Z][\w&'’-]*\s?){1,3})"
)


def _acts_for_suspect(description: str, case: Case) -> bool:
    """A third party who acts for the suspect: by his id, or for a name or firm among his identifiers."""
    if _HIS_AGENT.search(description):
        return True
    mine = " ".join(i for s in case.suspects for i in s.identifiers).lower()
    names = (m.group(1).strip().lower() for m in _ACTING_FOR.finditer(description))
    return any(len(name) >= 4 and re.search(rf"\b{re.escape(name)}\b", mine) for name in names)


STALKING_ORDERS = frozenset({OrderType.STALKING_PROTECTION_ORDER, OrderType.INTERIM_STALKING_PROTECTION_ORDER})
# Being where she is: the acts a record that he did nothing towards her (or that she welcomed him) undoes.
PRESENCE = frozenset({Behaviour.TURNING_UP_UNANNOUNCED, Behaviour.LOITERING})
# What lawful contact itself consists of: a letter or a call, sent through others where the law provides.
_ORDINARY = frozenset({Behaviour.CONTACTING, Behaviour.THIRD_PARTY_CONTACT})
_HOSTILE = VIOLENT | {Behaviour.ABUSIVE_CONTENT, Behaviour.PROPERTY_DAMAGE, Behaviour.THREAT_TO_EXPOSE}


def gather(
    case: Case, texts: CaseText, behaviours: list[Found], conduct: Conduct, permitted: set[str] | None = None
) -> Facts:
    f = Facts(case=case, texts=texts, behaviours=behaviours, conduct=conduct)
    people = course_people(conduct)
    f.principal = conduct.principal
    f.occasions = conduct.occasions.get(conduct.principal or "", [])
    f.course = bool(people) and conduct.principal in people
    if not f.course and people:
        f.principal = people[0]
        f.occasions = conduct.occasions[people[0]]
        f.course = True
    # A report about him that shows him doing nothing ("he has taken the same bus since 2020 and has not spoken to
    # her") is not an occasion of conduct towards her (s.7(3)); an event whose words were missed still counts.
    channel = {i.id: i.channel.value if i.channel else "other" for i in case.incidents}
    before = {i.id for i in case.incidents if texts.incidents[i.id].cue_matches("within_relationship")}
    # "He collected his prescription, did not ask for V1 and was polite throughout", "it does not mention V1": the
    # record itself says nothing was done towards her (lawful conduct is still conduct, so not that).
    idle = {
        i.id
        for i in case.incidents
        if any(texts.incidents[i.id].cue_matches(c) for c in ("no_conduct", "not_about_victim"))
        # "Email from S1 to the payroll mailbox (not to V1)": sent to someone else about his own affairs.
        or not_to_victim(texts.incidents[i.id])
        # "101 call from S1 reporting livestock worrying": his own report to the police, nothing towards her.
        or any(not m.negated for m in texts.incidents[i.id].cue_matches("to_police"))
    }
    # "He came into the store, used the self-checkout, did not approach her till or look towards her", "stood on
    # the pavement with other parents ... did not look for or speak to V1": being where she is, when the record
    # says he did nothing towards her, is not an act towards her.
    acted = {b.incident_id for b in behaviours if b.incident_id and not (b.type in PRESENCE and b.incident_id in idle)}
    reports = [
        occ
        for occ in f.occasions
        if all((channel[i] == "other" or i in before or i in idle) and i not in acted for i in occ.incident_ids)
    ]
    f.idle_ids = {i for occ in reports for i in occ.incident_ids}
    # Contact an order expressly allows ("contact necessary in the course of their employment": one clinical
    # question in a team meeting) is lawful (s.1(3)(c)) and no occasion of a course against her beside conduct that
    # strays from it (a personal message through a colleague). When nothing strays, the course stays whole and
    # classify finds it lawful.
    # So is a step the record shows the law or a court requires ("letter from S1's solicitors proposing a contact
    # schedule, as the court directed") beside a threat in the court corridor.
    # What strays is oppressive conduct in a record that shows no lawful purpose (a process server's visits stay
    # within theirs).
    lawful_cued = {
        i.id
        for i in case.incidents
        for cue in ("lawful_purpose", "journalism", "campaign")
        if any(not m.negated for m in texts.incidents[i.id].cue_matches(cue))
    }
    # A suspect whose role is itself lawful (a process server instructed in the divorce) is judged on the whole
    # course, in classify; this is for a lawful step beside conduct that is not.
    f.role = texts.cues("lawful_purpose", sources=("history",))
    lawful_role = bool(f.role)
    lawful = {
        i
        for i in lawful_cued
        if not lawful_role and not any(b.incident_id == i and b.type not in _ORDINARY for b in behaviours)
    }
    by_order = [occ for occ in f.occasions if permitted and all(i in permitted for i in occ.incident_ids)]
    by_law = [occ for occ in f.occasions if occ not in by_order and all(i in lawful for i in occ.incident_ids)]
    allowed = by_order + by_law
    oppressive = {b.incident_id for b in behaviours if b.incident_id and b.type in OPPRESSIVE}
    # Beside a lawful step only threats, violence or abuse stray from it (a published story after the request for
    # comment is the journalism itself).
    hostile = {b.incident_id for b in behaviours if b.incident_id and b.type in _HOSTILE}
    rest = [i for occ in f.occasions if occ not in allowed for i in occ.incident_ids if i not in lawful_cued]
    if by_order and any(i in oppressive for i in rest):
        reports += [occ for occ in by_order if occ not in reports]
    if by_law and any(i in hostile for i in rest):
        reports += [occ for occ in by_law if occ not in reports]
    for occ in f.occasions:
        if occ not in reports:
            continue
        ids = occ.incident_ids
        why = (
            "contact an order allows"
            if occ in by_order
            else "a step the law allows"
            if occ in by_law
            else "conduct while they were together"
            if any(i in before for i in ids)
            else "a record of nothing done towards the victim"
        )
        f.set_aside.update({i: why for i in ids})
    if f.course and len(f.occasions) - len(reports) < 2:
        f.course = False
    f.course_ids = [i for occ in f.occasions for i in occ.incident_ids]
    relevant = set(f.course_ids) if f.course_ids else {i.id for i in case.incidents}
    for b in behaviours:
        if b.incident_id is None or b.incident_id in relevant:
            f.types.setdefault(b.type, []).append(b)
    for name in (
        "fixation",
        "rejected_suitor",
        "grievance",
        "lawful_purpose",
        "journalism",
        "campaign",
        "welcomed",
        "stop_requests",
        "substantial_effect",
        "no_effect",
        "no_fear",
        "after_police",
        "children",
        "separation",
        "complied",
        "fear_for_others",
    ):
        f.cues[name] = texts.cues(
            name,
            keep_negated=name in ("no_fear", "no_effect", "welcomed"),
            victim_voice=name in VICTIM_VOICE,
            witnesses_in_statement=name == "substantial_effect",
            sources=_CUE_SOURCES.get(name, ("narrative", "victim.statement")),
        )
    # "My ex Jo messaged me to see how I was, thats fine, we're friends, thats nothing to do with this": she sets
    # the sentence apart from the case, so the welcome is not of the suspect's contact.
    aside = {(c.incident_id, c.source, c.sentence) for c in texts.cues("aside", keep_negated=True)}
    # "Pauline (his mother) brought the passport round, as V1 had asked her": she welcomed the mother's help, which
    # says nothing of the suspect's conduct.
    others = {i.id for i in case.incidents if texts.acting_alone(i)}
    # "While we were together we shared our locations. I set that up, both ways, and I was happy with it. I turned
    # mine off the day I left": a paragraph about the relationship welcomes what went on in it, not what came after.
    together = _relationship_paragraphs(texts)
    f.cues["welcomed"] = [
        c
        for c in f.cues["welcomed"]
        if (c.incident_id, c.source, c.sentence) not in aside
        and c.incident_id not in others
        and not (c.source == "victim.statement" and any(c.sentence in p for p in together))
    ]
    # "Email from W1 (HR) inviting her to a grievance meeting": another's lawful step, taken on their own, gives his
    # course no lawful purpose (his agent's does: "process server instructed by Blake & Co, acting for S1").
    agents = {t.id for t in case.third_parties or [] if _acts_for_suspect(t.description or "", case)}
    own_steps = {i.id for i in case.incidents if i.id in others and i.actor_id not in agents}
    for name in ("lawful_purpose", "journalism", "campaign"):
        f.cues[name] = [c for c in f.cues[name] if c.incident_id not in own_steps]
    f.cues["fear_of_violence"] = texts.cues("fear_of_violence", victim_voice=True, keep_hypothetical=True)
    for name in ("witness", "serious_harm", "exculpation", "not_about_victim"):
        f.cues[name] = texts.cues(name, keep_negated=True)
    # What another suspect's records say (his contact-centre card, his grievance) says nothing of this course.
    others = {i for i, who in conduct.attributed.items() if who is not None and who != f.principal}
    # ... nor what an account the record shows is someone else's says ("The account is the business page of Fable
    # Bakehouse; its owner confirmed she wrote it"): its words are that person's.
    others |= {
        i.id
        for i in case.incidents
        if i.account
        and conduct.attributed.get(i.id) is None
        and any(not m.negated for m in texts.incidents[i.id].cue_matches("not_his_account"))
    }
    if others:
        f.cues = {name: [c for c in cues if c.incident_id not in others] for name, cues in f.cues.items()}
    f.fear_occasions = _fear_occasions(f)
    mutual = bool(f.cues["welcomed"])
    for inc in case.incidents:
        if mutual:
            break
        for m in texts.compiled.pattern("message_volume").finditer(inc.narrative):
            if m.group(1) is None or int(m.group(1)) >= 10:
                f.volume.append((inc.id, m.group(0)))
    f.polite_share = _polite_share(f)
    if not f.cues["complied"] and f.polite_share < 0.5:
        f.cues["fixation"] = f.cues["fixation"] + f.cues["rejected_suitor"]  # he would not take no for an answer
    principal = case.suspect(f.principal)
    f.organisation = bool(
        principal and any(texts.compiled.pattern("organisation").search(i) for i in principal.identifiers)
    )
    return f


def _relationship_paragraphs(texts: CaseText) -> list[str]:
    """Paragraphs of a statement of several that open by saying they are about the time the two were together."""
    statement = texts.statement.original if texts.statement else ""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", statement) if p.strip()]
    if len(paragraphs) < 2:
        return []
    within = texts.compiled.cue("within_relationship")
    return [p for p in paragraphs if within.search(re.split(r"(?<=[.!?])\s", p, maxsplit=1)[0])]


def _fear_occasions(f: Facts) -> dict[str, str]:
    """Occasions on which the victim feared violence (PHA 1997 s.4(1), s.4A(1)(b)(i)).

    Stated fear counts. A threat, weapon or violence on an occasion counts too,
    since a reasonable person would fear it (s.4(2)), unless the victim says
    she was not in fear; then only stated fear counts.
    """
    denied = bool(f.cue("no_fear"))
    out: dict[str, str] = {}
    for cue in f.cue("fear_of_violence"):
        if cue.incident_id and cue.incident_id in f.course_ids:
            out.setdefault(cue.incident_id, f'fear stated: "{cue.sentence[:160]}"')
    if not denied:
        for code in (*THREATS, Behaviour.PHYSICAL_VIOLENCE, Behaviour.STRANGULATION):
            for b in f.types.get(code, []):
                if b.incident_id and b.incident_id in f.course_ids:
                    out.setdefault(b.incident_id, f'{b.type.value}: "{b.evidence[:160]}"')
    # Records of one occasion count once.
    seen: dict[str, str] = {}
    for occ in f.occasions:
        hit = next((i for i in occ.incident_ids if i in out), None)
        if hit:
            seen[hit] = out[hit]
    return seen


def _polite_share(f: Facts) -> float:
    polite = 0
    total = 0
    for iid in f.course_ids:
        analysis = f.texts.incidents[iid]
        total += 1
        if analysis.cue_matches("polite"):
            polite += 1
    return polite / total if total else 0.0
