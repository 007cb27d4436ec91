"""The check functions, registered by the code their definition carries in checks.yaml.

Definitions (what the standard is, where it comes from) are data; the reasoning
is one small typed function per check. Registering by code lets a test prove
that every defined standard has reasoning behind it and nothing else runs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from vigil.contract import Assessment, Case

from .catalogue import Catalogue, InspectionDataError, load_catalogue
from .results import CaseAudit, CheckResult, Outcome

CheckFn = Callable[[Case, Assessment, date], CheckResult]

_REGISTRY: dict[str, CheckFn] = {}


def register(code: str) -> Callable[[CheckFn], CheckFn]:
    def decorate(fn: CheckFn) -> CheckFn:
        if code in _REGISTRY:
            raise ValueError(f"check {code!r} registered twice")
        _REGISTRY[code] = fn
        return fn

    return decorate


def registered() -> dict[str, CheckFn]:
    _load_check_modules()
    return dict(_REGISTRY)


def get_check(code: str) -> CheckFn:
    _load_check_modules()
    return _REGISTRY[code]


def _load_check_modules() -> None:
    # Imported for their @register side effect; kept here so importing the
    # registry alone never misses a check.
    from . import (  # noqa: F401
        checks_investigation,
        checks_pins,
        checks_recording,
        checks_risk,
        checks_victim_care,
    )


def result(code: str, outcome: Outcome, reason: str, evidence: list[str] | None = None) -> CheckResult:
    return CheckResult(code=code, outcome=outcome, reason=reason, evidence=evidence or [])


def case_period(case: Case) -> date | None:
    """The date a case is counted under: its first dated incident.

    The case format records no report date, and the first incident is the
    earliest the force could have known of the course of conduct.
    """
    days = [i.when.date() for i in case.incidents if i.when is not None]
    return min(days) if days else None


def case_team(case: Case) -> str | None:
    team = (case.model_extra or {}).get("team")
    return str(team) if team not in (None, "") else None


def run_checks(
    case: Case,
    assessment: Assessment,
    as_of: date,
    catalogue: Catalogue | None = None,
    where: str | None = None,
) -> CaseAudit:
    """Every defined check, in the catalogue's order, against one case and its assessment."""
    catalogue = catalogue or load_catalogue()
    checks = registered()
    missing = [d.code for d in catalogue.checks if d.code not in checks]
    if missing:
        raise InspectionDataError(
            f"checks.yaml defines checks with no reasoning behind them: {', '.join(missing)}",
            hint="register a function for each code in src/vigil/inspection/checks_*.py",
        )
    results = tuple(checks[d.code](case, assessment, as_of) for d in catalogue.checks)
    return CaseAudit(
        case_id=case.case_id,
        period=case_period(case),
        team=case_team(case),
        category=assessment.classification.category.value,
        risk=assessment.risk.level.value,
        results=results,
        where=where,
    )
