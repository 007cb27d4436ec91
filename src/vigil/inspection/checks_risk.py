"""Risk checks: was the risk assessed, screened for stalking, and managed?

The 2017 inspection found no initial risk assessment in 46% of files and no
risk management plan in 61%; where risk was assessed it was haphazard and often
skipped the stalking questions. These checks read what the force recorded in
`handling` against the risk Vigil found.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import Assessment, Case, Category, RiskLevel

from .registry import register, result
from .results import CheckResult, Outcome

_FEAR_CATEGORIES = frozenset({Category.STALKING_FEAR_OR_DISTRESS, Category.HARASSMENT_FEAR_OF_VIOLENCE})
SCREENING_FIELD = "stalking_screening_completed"


def _flag(value: bool | None) -> str:
    return "absent" if value is None else str(value).lower()


def _risk_evidence(case: Case, assessment: Assessment) -> list[str]:
    """The incidents the risk factors rest on, in the case's own order."""
    cited = {i for factor in assessment.risk.factors for i in factor.incident_ids}
    ordered = [i.id for i in case.incidents if i.id in cited]
    return ordered + sorted(cited - set(ordered))


@register("initial-risk-assessment")
def initial_risk_assessment(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Every stalking or harassment report gets an initial risk assessment."""
    code = "initial-risk-assessment"
    if assessment.classification.category is Category.NO_OFFENCE:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Vigil found no offence, so no risk assessment is required.",
        )
    done = case.handling.risk_assessment_completed if case.handling else None
    evidence = [f"handling.risk_assessment_completed: {_flag(done)}"]
    if done is None:
        return result(
            code,
            Outcome.UNKNOWN,
            "The case does not record whether a risk assessment was done.",
            evidence,
        )
    if done:
        return result(code, Outcome.PASS, "An initial risk assessment was done.", evidence)
    return result(code, Outcome.FAIL, "No initial risk assessment was done.", evidence)


def _screening_triggers(case: Case, assessment: Assessment) -> list[str]:
    triggers: list[str] = []
    if len(case.incidents) >= 2:
        triggers.append(f"{len(case.incidents)} incidents")
    if assessment.classification.category in _FEAR_CATEGORIES:
        triggers.append(
            f"Vigil found fear of violence or serious alarm or distress "
            f"({assessment.classification.category}), read as a very frightened victim"
        )
    return triggers


@register("stalking-screening")
def stalking_screening(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """S-DASH is used when there are two or more incidents or the victim is very frightened."""
    code = "stalking-screening"
    if assessment.classification.category is Category.NO_OFFENCE:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Vigil found no offence, so the incidents are not stalking or harassment.",
        )
    triggers = _screening_triggers(case, assessment)
    if not triggers:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            "Fewer than two incidents and no finding that the victim is very frightened.",
        )
    why = "; ".join(triggers)
    evidence = [i.id for i in case.incidents]
    extra = (case.handling.model_extra or {}) if case.handling else {}
    if SCREENING_FIELD in extra:
        value = extra[SCREENING_FIELD]
        evidence.append(f"handling.{SCREENING_FIELD}: {value!r}")
        if not isinstance(value, bool):
            return result(
                code,
                Outcome.UNKNOWN,
                f"Screening indicated ({why}), but handling.{SCREENING_FIELD} is not true or false.",
                evidence,
            )
        if value:
            return result(
                code,
                Outcome.PASS,
                f"Screening indicated ({why}) and the stalking screening was used.",
                evidence,
            )
        return result(
            code,
            Outcome.FAIL,
            f"Screening indicated ({why}) but the stalking screening was not used.",
            evidence,
        )
    done = case.handling.risk_assessment_completed if case.handling else None
    evidence.append(f"handling.risk_assessment_completed: {_flag(done)}")
    proxy = (
        "The case format has no field for the stalking screening, so the general risk assessment "
        "(handling.risk_assessment_completed) is read in its place"
    )
    if done is None:
        return result(
            code,
            Outcome.UNKNOWN,
            f"Screening indicated ({why}). {proxy}, and it is not recorded.",
            evidence,
        )
    if done:
        return result(
            code,
            Outcome.PASS,
            f"Screening indicated ({why}). {proxy}: a risk assessment was done; whether it "
            "used the stalking questions is not recorded.",
            evidence,
        )
    return result(
        code,
        Outcome.FAIL,
        f"Screening indicated ({why}). {proxy}: no risk assessment was done.",
        evidence,
    )


@register("risk-management-plan")
def risk_management_plan(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """Medium or high risk needs a plan that says how the risk will be managed."""
    code = "risk-management-plan"
    level = assessment.risk.level
    if level is RiskLevel.STANDARD:
        return result(code, Outcome.NOT_APPLICABLE, "Vigil assesses the risk as standard.")
    plan = case.handling.risk_management_plan if case.handling else None
    evidence = [*_risk_evidence(case, assessment), f"handling.risk_management_plan: {_flag(plan)}"]
    if plan is None:
        return result(
            code,
            Outcome.UNKNOWN,
            f"Risk is {level}; the case does not record whether there is a risk management plan.",
            evidence,
        )
    if plan:
        return result(code, Outcome.PASS, f"Risk is {level} and a risk management plan is in place.", evidence)
    return result(code, Outcome.FAIL, f"Risk is {level} but there is no risk management plan.", evidence)
