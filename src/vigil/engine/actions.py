"""Step 6: the actions owed, each following from findings and giving its reason.

The failures of the 2017 inspection ('Living in fear') are the checklist: no
risk management plan, no specialist investigator, stalking recorded as
harassment, PINs instead of investigation, breaches not enforced, bail
conditions not imposed, victims not assessed or referred.
"""

from __future__ import annotations

from vigil.contract import (
    COURSE_CATEGORIES,
    STALKING_CATEGORIES,
    Action,
    ActionCode,
    Behaviour,
    Breach,
    Category,
    Channel,
    LinkedAccount,
    Offence,
    OrderType,
    Relationship,
    Risk,
    RiskLevel,
)
from vigil.law import Law

from .classify import Verdict
from .facts import THREATS, Facts

DIGITAL_CHANNELS = frozenset(
    {
        Channel.TEXT_MESSAGE,
        Channel.EMAIL,
        Channel.SOCIAL_MEDIA,
        Channel.MESSAGING_APP,
        Channel.PHONE_CALL,
        Channel.ONLINE_PUBLICATION,
        Channel.TRACKING_OR_SURVEILLANCE,
    }
)
DIGITAL_BEHAVIOURS = frozenset(
    {
        Behaviour.TRACKING_DEVICE,
        Behaviour.ACCOUNT_INTRUSION,
        Behaviour.MONITORING_COMMUNICATIONS,
        Behaviour.FAKE_ACCOUNT,
        Behaviour.PUBLISHING,
        Behaviour.IMPERSONATION,
        Behaviour.INTIMATE_IMAGE_ABUSE,
    }
)
DOMESTIC = frozenset({Relationship.CURRENT_PARTNER, Relationship.EX_PARTNER, Relationship.FAMILY})


def _known_sender(f: Facts, iid: str) -> bool:
    """An account the record itself identifies as someone else's (the club secretary's e-mail)."""
    return bool(f.texts.compiled.pattern("official_sender").search(f.texts.incidents[iid].original))


def _ruled_out(f: Facts, iid: str) -> bool:
    """The record says the account was checked and is not connected to the suspect."""
    return bool(f.texts.incidents[iid].cue_matches("exculpation"))


# Recorded as stalking where the record also shows s.4A is already a stalking crime. Recorded as harassment where it
# shows fear of violence is not: s.4 is a different, more serious notifiable offence than s.2, to be recorded as such.
_FAMILIES = ({"stalking", "stalking-fear-or-distress"},)


def _same_family(recorded: str | None, cat: Category) -> bool:
    """Recorded as stalking where the record also shows s.4A: already a stalking crime, so the aggravated
    form is for charging (the offences list says so), not a re-recording."""
    return recorded is not None and any(recorded in fam and cat.value in fam for fam in _FAMILIES)


def _bail_lapsed(f: Facts) -> bool:
    """Bail conditions were imposed but have ended while the conduct goes on: fresh ones are needed."""
    bail = [o for o in f.case.orders if o.type is OrderType.BAIL_CONDITIONS]
    latest = max((i.when.date().isoformat() for i in f.case.incidents if i.when), default=None)
    return bool(bail) and latest is not None and all(o.ends is not None and o.ends < latest for o in bail)


def recommend(
    f: Facts,
    v: Verdict,
    risk: Risk,
    breaches: list[Breach],
    links: list[LinkedAccount],
    offences: list[Offence],
    law: Law,
) -> list[Action]:
    out: dict[ActionCode, Action] = {}
    handling = f.case.handling

    def add(code: ActionCode, reason: str, ids: list[str] | None = None) -> None:
        if code not in out:
            out[code] = Action(code=code, reason=reason, incident_ids=list(dict.fromkeys(ids or [])))

    cat = v.category
    high = risk.level is RiskLevel.HIGH
    medium_plus = risk.level.rank >= RiskLevel.MEDIUM.rank
    offence = cat in COURSE_CATEGORIES
    recorded = handling.recorded_as.value if handling and handling.recorded_as else None
    if cat in STALKING_CATEGORIES and recorded not in ("stalking", "stalking-fear-or-distress"):
        add(
            ActionCode.RECORD_AS_STALKING,
            "The course of conduct is stalking (PHA 1997 s.2A)"
            + (
                f"; it is recorded as '{recorded}'."
                if recorded and recorded not in ("stalking", "stalking-fear-or-distress")
                else "."
            ),
            f.course_ids,
        )
    elif offence and recorded != cat.value and not _same_family(recorded, cat):
        add(
            ActionCode.RECORD_CRIME,
            f"Record the course of conduct as {cat.value} ({offences[0].code.value if offences else ''})"
            + (f"; it is recorded as '{recorded}'." if recorded else "; no recording is shown."),
            f.course_ids,
        )
    elif cat is Category.SINGLE_INCIDENT and any(o.code.value not in ("PHA1997-s2",) for o in offences):
        add(
            ActionCode.RECORD_CRIME,
            "Record the incident and the offence it discloses, so later conduct can be linked.",
            [i.id for i in f.case.incidents],
        )
    if offence and len(offences) > 1:
        add(
            ActionCode.RECORD_ADDITIONAL_OFFENCES,
            "The facts also disclose: " + ", ".join(o.code.value for o in offences[1:]) + ".",
        )
    if offence:
        add(
            ActionCode.DO_NOT_ISSUE_PIN,
            "A course of conduct amounting to harassment or stalking must be investigated; PINs and harassment "
            "warnings are not appropriate (HMIC/HMCPSI 2017; NPCC-CPS protocol 2018)"
            + (
                ". A PIN was issued in this case."
                if (handling and handling.pin_issued)
                or any(
                    o.type in (OrderType.POLICE_INFORMATION_NOTICE, OrderType.EARLY_HARASSMENT_NOTICE)
                    for o in f.case.orders
                )
                else "."
            ),
        )
    # A single incident rated high (a threat with a bottle at a wake) needs a plan as much as a course of conduct.
    if ((offence and medium_plus) or high) and not (handling and handling.risk_management_plan):
        add(ActionCode.RISK_MANAGEMENT_PLAN, f"Risk is {risk.level.value}: a risk management plan is owed.")
    if offence and (cat in STALKING_CATEGORIES or high):
        inv = handling.investigator.value if handling and handling.investigator else None
        if inv not in ("detective", "specialist"):
            add(
                ActionCode.ALLOCATE_SPECIALIST_INVESTIGATOR,
                ("Stalking" if cat in STALKING_CATEGORIES else "High-risk harassment")
                + f" needs a detective or specialist investigator{f' (handled by: {inv})' if inv else ''}.",
            )
    if offence and (cat in STALKING_CATEGORIES or high):
        add(ActionCode.REFER_SPECIALIST_ADVOCACY, "Offer referral to an independent stalking advocate (ISAC) or IDVA.")
    if offence and not (handling and handling.victim_needs_assessment):
        add(
            ActionCode.VICTIMS_CODE_NEEDS_ASSESSMENT,
            "Assess the victim's needs under the Victims' Code (Right 4); persistently targeted victims are "
            "entitled to enhanced services.",
        )
    harmful = f.has(*THREATS, Behaviour.PHYSICAL_VIOLENCE, Behaviour.PROPERTY_DAMAGE, Behaviour.STRANGULATION)
    single_harm = cat is Category.SINGLE_INCIDENT and (harmful or f.partners)
    if (offence or single_harm) and not (handling and handling.risk_assessment_completed):
        add(
            ActionCode.COMPLETE_RISK_ASSESSMENT,
            "Complete a risk assessment, using the stalking screening questions where there are two or more incidents.",
        )
    threats = f.has(*THREATS) or f.has(Behaviour.PHYSICAL_VIOLENCE)
    if breaches:
        ids = [b.incident_id for b in breaches]
        add(
            ActionCode.INVESTIGATE_BREACH,
            f"{len(breaches)} breach(es) of an order or bail: investigate and link to the course of conduct.",
            ids,
        )
        add(ActionCode.CONSIDER_ARREST, "Breach of an order or bail conditions gives a power of arrest.", ids)
    if cat is not Category.NO_OFFENCE and (high or (threats and len(f.fear_occasions) >= 1) or v.fear_twice):
        add(
            ActionCode.CONSIDER_ARREST,
            f"Risk is {risk.level.value}" + (" and threats were made" if threats else "") + ": consider arrest.",
        )
    persisted = [x for x in risk.factors if x.code == "contact-after-police"]
    if cat in STALKING_CATEGORIES and persisted:
        # Stalking that carried on after a warning, a notice or an arrest: words have not stopped him, so
        # arrest is the question to ask, whatever the screening level (PACE 1984 s.24(5)(c)(i), (e)).
        add(
            ActionCode.CONSIDER_ARREST,
            "The stalking continued after police action: consider arrest to protect the victim.",
            persisted[0].incident_ids,
        )
    released = any(c.incident_id for c in f.cue("after_police")) or (
        handling and handling.bail_conditions_imposed is False
    )
    if (
        offence
        and not (handling and handling.bail_conditions_imposed and not _bail_lapsed(f))
        and (ActionCode.CONSIDER_ARREST in out or released)
    ):
        add(
            ActionCode.CONSIDER_BAIL_CONDITIONS,
            "If the suspect is released, impose bail conditions to protect the victim (no contact, exclusion zone).",
        )
    # An SPO that expired before the latest conduct (one that protected a former partner until 2025) protects
    # nobody now, nor does one made for someone else: apply for one for her.
    latest = max((i.when.date() for i in f.case.incidents if i.when is not None), default=None)
    if cat in STALKING_CATEGORIES and not any(
        not (o.end_day is not None and latest is not None and o.end_day < latest) for o in f.stalking_orders_for_her
    ):
        add(
            ActionCode.APPLY_STALKING_PROTECTION_ORDER,
            "Apply for a stalking protection order (Stalking Protection Act 2019): it needs no conviction "
            "and suits stalking outside a domestic setting too.",
        )
    if offence:
        add(
            ActionCode.REQUEST_RESTRAINING_ORDER,
            "On conviction (or acquittal), ask the court for a restraining order "
            "(Sentencing Act 2020 s.360; PHA 1997 s.5A).",
        )
    if cat is Category.NO_OFFENCE or (cat in (Category.HARASSMENT,) and not high):
        add(
            ActionCode.ADVISE_CIVIL_REMEDIES,
            "Advise on other routes: a civil injunction (PHA 1997 s.3), the family court, "
            "or the organisation's complaints process.",
        )
    elif cat is Category.SINGLE_INCIDENT and not high and f.has(Behaviour.FALSE_ALLEGATIONS):
        # One post calling her a thief: no course of conduct, but the false claim itself may be defamation.
        add(
            ActionCode.ADVISE_CIVIL_REMEDIES,
            "Advise on civil routes for the false claims made about the victim (defamation), and on asking the "
            "platform to remove the post; record it so any further conduct can be linked.",
        )
    digital = [i.id for i in f.case.incidents if i.channel in DIGITAL_CHANNELS and i.id in (f.course_ids or [i.id])]
    unattributed = [
        i
        for i in f.case.incidents
        if i.suspect_id is None
        and i.account
        and not i.actor_id  # the record names who did it
        and not _known_sender(f, i.id)
        and not _ruled_out(f, i.id)
    ]
    # An account still to be attributed needs its posts and platform data kept, whatever the category so far.
    if (cat is not Category.NO_OFFENCE and (digital or f.has(*DIGITAL_BEHAVIOURS))) or unattributed:
        add(
            ActionCode.PRESERVE_DIGITAL_EVIDENCE,
            "Preserve digital evidence (messages, call logs, accounts, devices, platform data) before it is lost.",
            digital + f.ids(*DIGITAL_BEHAVIOURS) + [i.id for i in unattributed if i.id not in digital],
        )
    if unattributed:
        add(
            ActionCode.ATTRIBUTE_ACCOUNTS,
            "Obtain subscriber and platform data to attribute the accounts"
            + (f" (linked so far: {', '.join(lk.account for lk in links)})" if links else "")
            + ".",
            [i.id for i in unattributed],
        )
    if high and (f.relationship in DOMESTIC or f.partners) and cat is not Category.NO_OFFENCE:
        add(
            ActionCode.MARAC_REFERRAL,
            "High-risk domestic abuse or stalking by a partner or family member: refer to MARAC.",
        )
    children = f.cue("children")
    # A child arrangements order means the parties share a child, whatever the narratives say.
    cao = [o.id for o in f.case.orders if o.type is OrderType.CHILD_ARRANGEMENTS_ORDER]
    if (children or cao) and medium_plus and cat is not Category.NO_OFFENCE:
        why = (
            f'Children are involved ("{children[0].sentence[:100]}")'
            if children
            else f"The parties share a child (child arrangements order {', '.join(cao)})"
        )
        add(ActionCode.SAFEGUARD_CHILDREN, f"{why}: consider a referral to children's services.")
    named_others = any(
        t.role and t.role.value in ("new-partner", "family", "friend", "colleague") for t in f.case.third_parties
    )
    # "I'm scared for myself and for the kids who train with us", after threats.
    fears_for = f.cue("fear_for_others") if f.has(*THREATS) else []
    if cat is not Category.NO_OFFENCE and (
        f.has(Behaviour.THIRD_PARTY_CONTACT, Behaviour.PROXY_STALKING)
        or (high and (children or f.cue("separation")))
        or (named_others and f.has(*THREATS))
        or fears_for
    ):
        add(
            ActionCode.SAFEGUARD_THIRD_PARTIES,
            "People around the victim are involved or at risk: safeguard them"
            + (f' ("{fears_for[0].sentence.strip()[:100]}").' if fears_for else "."),
            f.ids(Behaviour.THIRD_PARTY_CONTACT, Behaviour.PROXY_STALKING),
        )
    order = list(ActionCode)
    return sorted(out.values(), key=lambda a: order.index(a.code))
