"""Victim-care checks: needs assessment, timely updates, referral to specialist advocacy.

The 2017 inspection judged victim care inadequate in 95% of files. Victims of
stalking are usually persistently targeted and so entitled to enhanced
Victims' Code services, with shorter limits; these checks apply the limit the
victim was entitled to, not the standard one.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import ActionCode, Assessment, Case, Category, Incident

from .catalogue import load_catalogue
from .registry import register, result
from .results import CheckResult, Outcome
from .working_days import add_working_days

_INTIMIDATED = frozenset({Category.STALKING_FEAR_OR_DISTRESS, Category.HARASSMENT_FEAR_OF_VIOLENCE})
REFERRAL_FIELD = "specialist_advocacy_referral"


@register("victim-needs-assessment")
def victim_needs_assessment(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Victims' Code Right 4: the victim's needs are assessed."""
    code = "victim-needs-assessment"
    if assessment.classification.category is Category.NO_OFFENCE:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Vigil found no offence, so the Victims' Code does not apply.",
        )
    done = case.handling.victim_needs_assessment if case.handling else None
    evidence = [f"handling.victim_needs_assessment: {'absent' if done is None else str(done).lower()}"]
    if done is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "The case does not record whether the victim's needs were assessed.",
            evidence,
        )
    if done:
        return result(code, Outcome.PASS, "The victim's needs were assessed.", evidence)
    return result(code, Outcome.FAIL, "The victim's needs were not assessed.", evidence)


def enhanced_entitlement(case: Case, assessment: Assessment) -> str | None:
    """Why the victim is entitled to enhanced rights, or None for the standard ones."""
    if assessment.course_of_conduct.present:
        return "persistently targeted (Vigil found a course of conduct)"
    relationship = case.victim.relationship_to_suspect if case.victim else None
    if relationship in load_catalogue().victims_code.domestic_relationships:
        return f"a victim of domestic abuse (the suspect is a {relationship})"
    if assessment.classification.category in _INTIMIDATED:
        return "intimidated (Vigil found fear of violence or serious alarm or distress)"
    return None


def _dated(incidents: list[Incident], as_of: date) -> list[tuple[date, Incident]]:
    out = [(i.when.date(), i) for i in incidents if i.when is not None and i.when.date() <= as_of]
    return sorted(out, key=lambda pair: pair[0])


@register("victim-updates-on-time")
def victim_updates_on_time(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Updates within the Victims' Code limit, timed from the latest incident and from each
    incident after the first update (the case format dates no other event)."""
    code = "victim-updates-on-time"
    if assessment.classification.category is Category.NO_OFFENCE:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Vigil found no offence, so the Victims' Code does not apply.",
        )
    updates = case.handling.victim_updates if case.handling else None
    if updates is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "The case does not record updates to the victim (handling.victim_updates).",
        )
    incidents = _dated(case.incidents, as_of)
    if not incidents:
        return result(
            code,
            Outcome.UNKNOWN,
            "No incident is dated, so there is no event to time the updates from.",
        )
    config = load_catalogue().victims_code
    why = enhanced_entitlement(case, assessment)
    limit = config.update_limits.enhanced if why else config.update_limits.standard
    entitlement = f"enhanced rights, as {why}" if why else "standard rights"
    days = limit.working_days
    span = f"{days} working day{'s' if days != 1 else ''}"
    sent = sorted(d for d in (date.fromisoformat(u[:10]) for u in updates) if d <= as_of)
    due = {incidents[-1][1].id: incidents[-1]}
    if sent:
        due.update({i.id: (d, i) for d, i in incidents if d > sent[0]})
    missed: list[tuple[str, date]] = []
    met = pending = 0
    for day, incident in sorted(due.values(), key=lambda pair: pair[0]):
        deadline = add_working_days(day, days, config.bank_holidays)
        if any(day <= s <= deadline for s in sent):
            met += 1
        elif as_of <= deadline:
            pending += 1
        else:
            missed.append((incident.id, deadline))
    evidence = [i for i, _ in missed] or [i.id for _, i in sorted(due.values(), key=lambda p: p[0])]
    if missed:
        late = ", ".join(f"{i} (due by {d})" for i, d in missed)
        return result(
            code,
            Outcome.FAIL,
            f"The victim has {entitlement}: an update within {span}. No update in time after {late}.",
            evidence,
        )
    if not met:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            f"The victim has {entitlement}: an update within {span}; none is overdue yet.",
            evidence,
        )
    note = f" ({pending} not yet due)" if pending else ""
    return result(
        code,
        Outcome.PASS,
        f"The victim has {entitlement}: updated within {span} each time{note}.",
        evidence,
    )


@register("specialist-advocacy-referral")
def specialist_advocacy_referral(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Where Vigil recommends it, the victim is referred to specialist advocacy."""
    code = "specialist-advocacy-referral"
    actions = [a for a in assessment.actions if a.code is ActionCode.REFER_SPECIALIST_ADVOCACY]
    if not actions:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Vigil does not recommend a referral to specialist advocacy.",
        )
    evidence: list[str] = []
    for action in actions:
        evidence.extend(i for i in action.incident_ids if i not in evidence)
    extra = (case.handling.model_extra or {}) if case.handling else {}
    value = extra.get(REFERRAL_FIELD)
    if isinstance(value, bool):
        evidence.append(f"handling.{REFERRAL_FIELD}: {str(value).lower()}")
        if value:
            return result(
                code,
                Outcome.PASS,
                "Vigil recommends specialist advocacy and the victim was referred.",
                evidence,
            )
        return result(
            code,
            Outcome.FAIL,
            "Vigil recommends specialist advocacy but the victim was not referred.",
            evidence,
        )
    text = case.handling.outcome if case.handling else None
    found = load_catalogue().mentions(text, "advocacy_referral")
    if found:
        terms = ", ".join(f"'{t}'" for t in found)
        return result(
            code,
            Outcome.PASS,
            f"Vigil recommends specialist advocacy; the outcome mentions it ({terms}).",
            [*evidence, "handling.outcome"],
        )
    return result(
        code,
        Outcome.UNKNOWN,
        "Vigil recommends specialist advocacy; the case does not record a referral (the case "
        f"format has no field for it: handling.{REFERRAL_FIELD} or a mention in "
        "handling.outcome).",
        evidence,
    )
