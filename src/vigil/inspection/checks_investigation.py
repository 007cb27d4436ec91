"""Investigation checks: who investigated, and were breaches, bail and orders acted on?

The 2017 inspection found three-quarters of cases not handled by a detective
and breaches of orders not treated as further offending; the 2024
super-complaint found SPOs not offered and bail breaches ignored. Free-text
`handling.outcome` is read for mentions only: silence there is a failure when
the outcome is recorded, and unknown when it is not.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import (
    STALKING_CATEGORIES,
    Assessment,
    Case,
    Category,
    Investigator,
    OrderType,
    RiskLevel,
)

from .catalogue import load_catalogue
from .registry import register, result
from .results import CheckResult, Outcome

_SPECIALISTS = frozenset({Investigator.DETECTIVE, Investigator.SPECIALIST})


def _outcome_text(case: Case) -> str | None:
    text = case.handling.outcome if case.handling else None
    return text if text and text.strip() else None


def _quoted(terms: list[str]) -> str:
    return ", ".join(f"'{t.rstrip('*')}'" for t in terms)


@register("specialist-investigator")
def specialist_investigator(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Stalking and high-risk cases are investigated by a detective or specialist."""
    code = "specialist-investigator"
    category = assessment.classification.category
    level = assessment.risk.level
    reasons = []
    if category in STALKING_CATEGORIES:
        reasons.append(f"Vigil classifies it as {category}")
    if level is RiskLevel.HIGH:
        reasons.append("Vigil assesses the risk as high")
    if not reasons:
        return result(code, Outcome.NOT_APPLICABLE, f"Not stalking ({category}) and not high risk ({level}).")
    why = " and ".join(reasons)
    investigator = case.handling.investigator if case.handling else None
    evidence = [f"handling.investigator: {investigator or 'absent'}"]
    if investigator is None:
        return result(code, Outcome.UNKNOWN, f"{why}; the case does not say who investigated.", evidence)
    if investigator in _SPECIALISTS:
        return result(code, Outcome.PASS, f"{why}; investigated by a {investigator}.", evidence)
    who = "no one" if investigator is Investigator.NONE else "a uniformed officer"
    return result(
        code,
        Outcome.FAIL,
        f"{why}, but it was investigated by {who}, not a detective or specialist.",
        evidence,
    )


@register("breaches-investigated")
def breaches_investigated(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """A breach of an order is investigated as part of the pattern, not in isolation."""
    code = "breaches-investigated"
    if not assessment.breaches:
        return result(code, Outcome.NOT_APPLICABLE, "Vigil found no breach of an order.")
    evidence: list[str] = []
    for breach in assessment.breaches:
        for ref in (breach.incident_id, breach.order_id):
            if ref not in evidence:
                evidence.append(ref)
    count = len(assessment.breaches)
    what = f"Vigil found {count} breach{'es' if count > 1 else ''} of an order"
    text = _outcome_text(case)
    if text is None:
        return result(
            code,
            Outcome.UNKNOWN,
            f"{what}; the case records no outcome, so it cannot be told whether it was investigated.",
            evidence,
        )
    found = load_catalogue().mentions(text, "breach")
    if found:
        return result(
            code,
            Outcome.PASS,
            f"{what}; the outcome mentions it ({_quoted(found)}).",
            [*evidence, "handling.outcome"],
        )
    return result(
        code,
        Outcome.FAIL,
        f"{what}; the recorded outcome does not mention any breach, so it was not dealt with.",
        [*evidence, "handling.outcome"],
    )


@register("bail-conditions-considered")
def bail_conditions_considered(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """When a suspect is released, conditions to protect the victim are considered."""
    code = "bail-conditions-considered"
    if assessment.classification.category is Category.NO_OFFENCE:
        return result(code, Outcome.NOT_APPLICABLE, "Vigil found no offence.")
    imposed = case.handling.bail_conditions_imposed if case.handling else None
    bail_orders = [o.id for o in case.orders if o.type is OrderType.BAIL_CONDITIONS]
    flag = "absent" if imposed is None else str(imposed).lower()
    evidence = [*bail_orders, f"handling.bail_conditions_imposed: {flag}"]
    if imposed or bail_orders:
        return result(code, Outcome.PASS, "Bail conditions were imposed.", evidence)
    text = _outcome_text(case)
    if text is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "The case records no outcome, so it cannot be told whether a suspect was released without conditions.",
            evidence,
        )
    released = load_catalogue().mentions(text, "release")
    evidence.append("handling.outcome")
    if not released:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "The recorded outcome mentions no release of a suspect.",
            evidence,
        )
    if imposed is None:
        return result(
            code,
            Outcome.UNKNOWN,
            f"The outcome records a release ({_quoted(released)}) but not whether bail conditions were imposed.",
            evidence,
        )
    return result(
        code,
        Outcome.FAIL,
        f"The suspect was released ({_quoted(released)}) without bail conditions.",
        evidence,
    )


@register("protective-order-considered")
def protective_order_considered(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """In a stalking case an SPO, or a restraining order, is considered."""
    code = "protective-order-considered"
    category = assessment.classification.category
    if category not in STALKING_CATEGORIES:
        return result(code, Outcome.NOT_APPLICABLE, f"Vigil does not classify it as stalking ({category}).")
    catalogue = load_catalogue()
    orders = [o for o in case.orders if o.type in catalogue.protective_order_types]
    if orders:
        kinds = ", ".join(sorted({o.type.value for o in orders}))
        return result(code, Outcome.PASS, f"A protective order is in place ({kinds}).", [o.id for o in orders])
    text = _outcome_text(case)
    if text is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "Stalking, with no SPO or restraining order on the case and no recorded outcome to "
            "show one was considered.",
        )
    found = catalogue.mentions(text, "protective_order")
    if found:
        return result(
            code,
            Outcome.PASS,
            f"The outcome mentions a protective order ({_quoted(found)}).",
            ["handling.outcome"],
        )
    return result(
        code,
        Outcome.FAIL,
        "Stalking, but there is no SPO or restraining order and the recorded outcome does not mention considering one.",
        ["handling.outcome"],
    )
