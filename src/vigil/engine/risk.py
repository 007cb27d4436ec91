"""Step 3: the risk level, as a floor for professional judgement.

Each screening item (law/<jurisdiction>/risk.yaml) that applies sets a floor
(raises_to) and carries its source; the level is the highest floor. Items only
ever raise the level: a person may raise it further, and may lower it only
with a supervisor and a recorded reason (outside the engine).
"""

from __future__ import annotations

from vigil.contract import Behaviour, Category, Risk, RiskFactor, RiskLevel
from vigil.law import Law

from .behaviours import CaseText, history_matches
from .classify import Verdict
from .escalation import EscalationResult
from .facts import THREATS, VIOLENT, Facts
from .findings import Found
from .lexicon import compile_law

_PAST = {Behaviour.PHYSICAL_VIOLENCE, Behaviour.STRANGULATION, Behaviour.THREAT_TO_KILL, Behaviour.COERCIVE_CONTROL}


class _Factors:
    def __init__(self, law: Law) -> None:
        self.law = law
        self.items: dict[str, RiskFactor] = {}

    def add(self, code: str, ids: list[str], detail: str) -> None:
        item = self.law.risk_items[code]
        if code in self.items:
            cur = self.items[code]
            cur.incident_ids.extend(i for i in ids if i not in cur.incident_ids)
            return
        self.items[code] = RiskFactor(
            code=code,
            incident_ids=list(dict.fromkeys(ids)),
            detail=detail,
            source=item.source,
            raises_to=item.raises_to,
        )

    def level(self) -> RiskLevel:
        best = RiskLevel.STANDARD
        for f in self.items.values():
            if f.raises_to and f.raises_to.rank > best.rank:
                best = f.raises_to
        return best


def _first(found: list[Found]) -> str:
    return f'"{found[0].evidence[:140]}"'


def assess_risk(f: Facts, v: Verdict, esc: EscalationResult, breach_ids: list[str], law: Law, texts: CaseText) -> Risk:
    fx = _Factors(law)
    t = f.types
    past = history_matches(texts, compile_law(law), _PAST)
    past_by: dict[Behaviour, list[Found]] = {}
    for p in past:
        past_by.setdefault(p.type, []).append(p)
    if f.all_cleared():
        # Enquiries found every record innocent (a teenager's AirTag, not his): his history is on record, but
        # nothing here is current conduct by him to rate.
        past_by = {}
        t = {b: [x for x in xs if x.incident_id] for b, xs in t.items()}
        t = {b: xs for b, xs in t.items() if xs}
    only_red = v.category is Category.NO_OFFENCE
    if Behaviour.THREAT_TO_KILL in t:
        fx.add(
            "threat-to-kill", f.ids(Behaviour.THREAT_TO_KILL), f"Threat to kill: {_first(t[Behaviour.THREAT_TO_KILL])}."
        )
    elif Behaviour.THREAT_TO_KILL in past_by:
        fx.add(
            "threat-to-kill",
            [],
            f"Past threat to kill ({past_by[Behaviour.THREAT_TO_KILL][0].source}): "
            f"{_first(past_by[Behaviour.THREAT_TO_KILL])}.",
        )
    strangled = t.get(Behaviour.STRANGULATION) or past_by.get(Behaviour.STRANGULATION)
    if strangled:
        fx.add(
            "strangulation", f.ids(Behaviour.STRANGULATION), f"Strangulation, now or in the past: {_first(strangled)}."
        )
    prior_violence = past_by.get(Behaviour.PHYSICAL_VIOLENCE) or past_by.get(Behaviour.STRANGULATION)
    if Behaviour.WEAPON in t:
        # DASH asks it of partner abuse and S-DASH of stalking; a customer's one broken bottle over a fare, with no
        # course of conduct and no violence in his past, is a floor for judgement (medium), not a red flag.
        one_off = not (v.stalking or f.partners or f.course or prior_violence)
        fx.add(
            "weapon-outside-stalking" if one_off else "weapon",
            f.ids(Behaviour.WEAPON),
            f"Weapon: {_first(t[Behaviour.WEAPON])}.",
        )
    current_violence = [b for b in t.get(Behaviour.PHYSICAL_VIOLENCE, []) if b.incident_id]
    if current_violence:
        # S-DASH asks it of stalkers and DASH of partner abuse, where violence now predicts worse to come; a
        # stranger's or a neighbour's one shove is a floor for judgement, not on its own a red flag.
        fx.add(
            "violence-in-episode" if v.stalking or f.partners else "violence-outside-stalking",
            f.ids(Behaviour.PHYSICAL_VIOLENCE),
            f"Violence in this episode: {_first(current_violence)}.",
        )
    if Behaviour.TRACKING_DEVICE in t:
        fx.add(
            "tracking-surveillance",
            f.ids(Behaviour.TRACKING_DEVICE),
            f"Tracking: {_first(t[Behaviour.TRACKING_DEVICE])}.",
        )
    sexual = [b for b in t.get(Behaviour.SEXUAL_THREAT, []) if b.incident_id]
    if sexual and v.stalking:
        # "I'd love to hear you scream": a stalker who threatens sexual violence is a red flag, like a threat to kill.
        fx.add("sexual-threat-stalking", f.ids(Behaviour.SEXUAL_THREAT), f"Sexual threat: {_first(sexual)}.")
    threats = [b for c in THREATS for b in t.get(c, [])]
    if breach_ids and threats:
        fx.add(
            "breach-with-threats", breach_ids + f.ids(*THREATS), "An order or bail was breached and threats were made."
        )
    if esc.detected and not only_red:
        kinds = set(esc.kinds)
        if "after-police-action" in kinds:
            fx.add("contact-after-police", esc.incident_ids, next(d for d in esc.details if "police" in d))
        # Rising frequency, severity or proximity is a red flag; so is any escalation by a former
        # partner (separation as a trigger) or a stalker who breaches an order.
        violent = bool(f.ids(*VIOLENT))
        obsessive = bool(f.cue("fixation") or f.volume)
        if kinds == {"frequency"} and not violent and not breach_ids and not obsessive:
            # Contact more often, but no threats, violence, breach, defiance of the police, fixation or flood of
            # messages: a reason to look closer, not a red flag on its own.
            fx.add("rising-contact", esc.incident_ids, " ".join(esc.details))
        elif kinds - {"after-police-action"} or f.partners or (v.stalking and breach_ids):
            # The red flag is the research's: partner abuse that escalates, or stalking that escalates while she
            # fears violence or is seriously alarmed. A stalker she is not afraid of, or a feud, that grows is a
            # floor for judgement.
            fear = v.category in (Category.STALKING_FEAR_OR_DISTRESS, Category.HARASSMENT_FEAR_OF_VIOLENCE) or bool(
                f.cue("fear_of_violence")
            )
            unafraid = bool(f.cue("no_fear")) and not fear  # "I'm not scared of her, she's tiny"
            if (f.partners and not unafraid) or (v.stalking and fear):
                code = "escalation"
            else:
                code = "escalation-without-fear" if v.stalking else "escalating-dispute"
            fx.add(code, esc.incident_ids, " ".join(esc.details))
    separation = {c.incident_id for c in f.cue("separation") if c.incident_id}
    at_separation = [iid for iid in f.ids(*THREATS, Behaviour.PHYSICAL_VIOLENCE) if iid in separation]
    past_threat = [
        p for p in past_by.get(Behaviour.THREAT_TO_KILL, []) if f.cue("separation") and "leav" in p.evidence.lower()
    ]
    if (at_separation or past_threat) and f.partners:
        # Separation is the trigger the homicide research names for a former partner, not a fight "separated by
        # stockmen" or a man who "walked out".
        fx.add("threats-at-separation", at_separation, "Threats or violence linked to the victim leaving.")
    if v.stalking and f.partners and prior_violence:
        fx.add(
            "ex-partner-prior-violence",
            [],
            f"Stalking by a former partner with past violence: {_first(prior_violence)}.",
        )
    if only_red:
        return _risk(fx, esc)
    if Behaviour.THREAT_OF_VIOLENCE in t or Behaviour.SEXUAL_THREAT in t:
        found = t.get(Behaviour.THREAT_OF_VIOLENCE) or t[Behaviour.SEXUAL_THREAT]
        fx.add(
            "threat-of-violence",
            f.ids(Behaviour.THREAT_OF_VIOLENCE, Behaviour.SEXUAL_THREAT),
            f"Threats: {_first(found)}.",
        )
    if f.cue("fear_of_violence"):
        c = f.cue("fear_of_violence")[0]
        fx.add(
            "victim-very-frightened",
            [x.incident_id for x in f.cue("fear_of_violence") if x.incident_id],
            f'The victim is frightened: "{c.sentence[:140]}".',
        )
    if v.substantial_effect or (f.cue("substantial_effect") and not f.cue("no_effect") and v.harassment):
        c = f.cue("substantial_effect")[0]
        fx.add(
            "substantial-effect",
            [c.incident_id] if c.incident_id else [],
            f'The victim has changed their life: "{c.sentence[:140]}".',
        )
    if f.has(Behaviour.TURNING_UP_UNANNOUNCED, Behaviour.LOITERING) and f.course:
        fx.add(
            "loitering-visits",
            f.ids(Behaviour.TURNING_UP_UNANNOUNCED, Behaviour.LOITERING),
            "Turning up or waiting at places the victim lives, works or goes.",
        )
    if Behaviour.PROPERTY_DAMAGE in t:
        fx.add(
            "property-damage",
            f.ids(Behaviour.PROPERTY_DAMAGE),
            f"Property damaged: {_first(t[Behaviour.PROPERTY_DAMAGE])}.",
        )
    if Behaviour.THIRD_PARTY_CONTACT in t:
        fx.add("third-parties-targeted", f.ids(Behaviour.THIRD_PARTY_CONTACT), "Third parties contacted or used.")
    if Behaviour.PROXY_STALKING in t or f.conduct.proxies:
        fx.add("proxy-stalking", f.ids(Behaviour.PROXY_STALKING), "Others are acting for the suspect (s.7(3A)).")
    if prior_violence and not (v.stalking and f.partners):
        fx.add("prior-violence", [], f"Past violence: {_first(prior_violence)}.")
    if Behaviour.THREAT_OF_SUICIDE in t:
        fx.add(
            "suicide-threat",
            f.ids(Behaviour.THREAT_OF_SUICIDE),
            f"Suicide threat: {_first(t[Behaviour.THREAT_OF_SUICIDE])}.",
        )
    if v.stalking:
        fx.add("stalking-course", f.course_ids, "A course of conduct amounting to stalking.")
        if f.cue("fixation"):
            c = f.cue("fixation")[0]
            fx.add("fixation", [c.incident_id] if c.incident_id else [], f'Fixation: "{c.sentence[:140]}".')
    if breach_ids:
        fx.add("breach", breach_ids, "An order or bail conditions were breached.")
    coercive = t.get(Behaviour.COERCIVE_CONTROL) or past_by.get(Behaviour.COERCIVE_CONTROL)
    if coercive:
        fx.add("coercive-control", f.ids(Behaviour.COERCIVE_CONTROL), f"Controlling behaviour: {_first(coercive)}.")
    if Behaviour.INTIMATE_IMAGE_ABUSE in t:
        fx.add("intimate-image-threat", f.ids(Behaviour.INTIMATE_IMAGE_ABUSE), "Intimate images shared or threatened.")
    return _risk(fx, esc)


def _risk(fx: _Factors, esc: EscalationResult) -> Risk:
    order = {RiskLevel.HIGH: 0, RiskLevel.MEDIUM: 1, RiskLevel.STANDARD: 2}
    factors = sorted(fx.items.values(), key=lambda r: order[r.raises_to or RiskLevel.STANDARD])
    return Risk(level=fx.level(), factors=factors, escalation=esc.to_contract())
