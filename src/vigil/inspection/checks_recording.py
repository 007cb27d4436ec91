"""Recording checks: was the course of conduct recorded, and as the right offence?

The 2017 inspection found stalking recorded as harassment or not at all, and
incidents dealt with one by one; under-recording hides the risk from everyone
who reads the record later. Vigil's classification is the yardstick here, so
these checks only apply where Vigil found a course of conduct.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import (
    COURSE_CATEGORIES,
    STALKING_CATEGORIES,
    Assessment,
    Case,
    Category,
    RecordedAs,
    Relationship,
)

from .catalogue import load_catalogue
from .registry import register, result
from .results import CheckResult, Outcome

_STALKING_RECORDS = frozenset({RecordedAs.STALKING, RecordedAs.STALKING_FEAR_OR_DISTRESS})
_HARASSMENT_RECORDS = frozenset({RecordedAs.HARASSMENT, RecordedAs.HARASSMENT_FEAR_OF_VIOLENCE})
_NOT_A_COURSE = frozenset({RecordedAs.SINGLE_INCIDENT, RecordedAs.NO_OFFENCE})


def _recorded_as(case: Case) -> RecordedAs | None:
    return case.handling.recorded_as if case.handling else None


def _course_evidence(assessment: Assessment) -> list[str]:
    return list(assessment.course_of_conduct.incident_ids)


@register("recorded-correctly")
def recorded_correctly(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Stalking recorded as stalking; any course of conduct recorded as a crime (HOCR 8Q/8L)."""
    code = "recorded-correctly"
    category = assessment.classification.category
    if category not in COURSE_CATEGORIES:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            f"Vigil found no course of conduct ({category}), so the stalking and harassment "
            "recording standard does not apply.",
        )
    recorded = _recorded_as(case)
    evidence = _course_evidence(assessment)
    if recorded is None:
        return result(
            code,
            Outcome.UNKNOWN,
            f"Vigil classifies the course of conduct as {category}, but the case does not say how "
            "the force recorded it (handling.recorded_as is absent).",
            evidence,
        )
    evidence = [*evidence, f"handling.recorded_as: {recorded}"]
    wanted = "stalking" if category in STALKING_CATEGORIES else "harassment"
    if recorded in _NOT_A_COURSE:
        return result(
            code,
            Outcome.FAIL,
            f"A course of conduct amounting to {category} was recorded as {recorded}: not recorded "
            f"as a crime of {wanted}, the incidents were dealt with in isolation.",
            evidence,
        )
    if recorded is RecordedAs.OTHER:
        return result(
            code,
            Outcome.FAIL,
            f"A course of conduct amounting to {category} was recorded as another offence, not as "
            f"{wanted}. (Since May 2023 a more serious principal crime may be recorded instead; "
            f"{wanted} should then still be searchable as an included classification.)",
            evidence,
        )
    if category in STALKING_CATEGORIES:
        if recorded in _HARASSMENT_RECORDS:
            return result(
                code,
                Outcome.FAIL,
                f"Stalking recorded as harassment: Vigil classifies the course of conduct as "
                f"{category}, the force recorded {recorded}.",
                evidence,
            )
        note = ""
        if recorded != category:
            note = f" Vigil's classification is {category}; check the aggravated form was considered."
        return result(code, Outcome.PASS, f"Stalking recorded as stalking ({recorded}).{note}", evidence)
    if recorded in _STALKING_RECORDS:
        return result(
            code,
            Outcome.PASS,
            f"Recorded as {recorded}: at least as serious as Vigil's classification ({category}); "
            "the stalking-first approach allows this.",
            evidence,
        )
    return result(code, Outcome.PASS, f"Harassment recorded as harassment ({recorded}).", evidence)


def _latest_incident_day(case: Case) -> date | None:
    days = [i.when.date() for i in case.incidents if i.when is not None]
    return max(days) if days else None


@register("former-partner-recorded-as-stalking")
def former_partner_recorded_as_stalking(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """HOCR April 2020: a former partner's course of conduct is recorded as stalking by default."""
    code = "former-partner-recorded-as-stalking"
    definition = load_catalogue().check(code)
    category = assessment.classification.category
    if category not in COURSE_CATEGORIES:
        return result(code, Outcome.NOT_APPLICABLE, f"Vigil found no course of conduct ({category}).")
    relationship = case.victim.relationship_to_suspect if case.victim else None
    if relationship in (None, Relationship.UNKNOWN):
        return result(
            code,
            Outcome.UNKNOWN,
            "The victim's relationship to the suspect is not recorded, so it cannot be told "
            "whether the former-partner recording rule applies.",
            _course_evidence(assessment),
        )
    if relationship is not Relationship.EX_PARTNER:
        return result(code, Outcome.NOT_APPLICABLE, f"The suspect is not a former partner ({relationship}).")
    evidence = [*_course_evidence(assessment), "victim.relationship_to_suspect: ex-partner"]
    latest = _latest_incident_day(case)
    start = definition.in_force_from
    if latest is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "No incident is dated, so it cannot be told whether the April 2020 rule was in force.",
            evidence,
        )
    if start is not None and latest < start:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            f"The course of conduct ended on {latest}, before the rule took effect on {start}.",
            evidence,
        )
    recorded = _recorded_as(case)
    if recorded is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "A former partner's course of conduct, but the case does not say how the force "
            "recorded it (handling.recorded_as is absent).",
            evidence,
        )
    evidence.append(f"handling.recorded_as: {recorded}")
    if recorded in _STALKING_RECORDS:
        return result(
            code,
            Outcome.PASS,
            "A former partner's course of conduct recorded as stalking.",
            evidence,
        )
    harassment_only = category in {Category.HARASSMENT, Category.HARASSMENT_FEAR_OF_VIOLENCE}
    tail = (
        " Vigil also finds harassment rather than stalking: the record must say why it is harassment in law only."
        if harassment_only
        else f" Vigil classifies it as {category}."
    )
    return result(
        code,
        Outcome.FAIL,
        f"A course of conduct by a former partner was recorded as {recorded}, not stalking; "
        f"that needs a recorded finding that it is harassment in law only.{tail}",
        evidence,
    )
