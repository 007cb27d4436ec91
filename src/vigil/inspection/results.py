"""What one check says about one case, and what all the checks say about it.

Outcomes are four, not two, because an audit that counts missing data as
compliance flatters the force: the 2017 inspection read "no evidence of a plan"
as no plan. `unknown` keeps that gap visible without calling it a failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any


class Outcome(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    NOT_APPLICABLE = "not-applicable"
    UNKNOWN = "unknown"


class Rag(StrEnum):
    """A case's overall rating, always shown with its word, never by colour alone."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"
    NONE = "none"


RAG_WORDS = {
    Rag.RED: "Red: a standard was not met",
    Rag.AMBER: "Amber: no failure, but evidence missing",
    Rag.GREEN: "Green: every applicable standard met",
    Rag.NONE: "No standard applies",
}


@dataclass(frozen=True, slots=True)
class CheckResult:
    code: str
    outcome: Outcome
    reason: str
    evidence: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "outcome": self.outcome.value,
            "reason": self.reason,
            "evidence": list(self.evidence),
        }


@dataclass(frozen=True, slots=True)
class CaseAudit:
    """Every check's result for one case, with what the summary groups it by."""

    case_id: str
    period: date | None
    team: str | None
    category: str
    risk: str
    results: tuple[CheckResult, ...]
    where: str | None = None

    @property
    def month(self) -> str | None:
        return self.period.strftime("%Y-%m") if self.period else None

    def result(self, code: str) -> CheckResult:
        for r in self.results:
            if r.code == code:
                return r
        raise KeyError(code)

    @property
    def rag(self) -> Rag:
        outcomes = {r.outcome for r in self.results}
        if Outcome.FAIL in outcomes:
            return Rag.RED
        if Outcome.UNKNOWN in outcomes:
            return Rag.AMBER
        if Outcome.PASS in outcomes:
            return Rag.GREEN
        return Rag.NONE

    def as_dict(self) -> dict[str, Any]:
        return {
            "case_id": self.case_id,
            "where": self.where,
            "period": self.period.isoformat() if self.period else None,
            "team": self.team,
            "category": self.category,
            "risk": self.risk,
            "rag": self.rag.value,
            "results": [r.as_dict() for r in self.results],
        }


def combine(outcomes: list[Outcome]) -> Outcome:
    """Several checks read as one standard (e.g. victim care): any failure fails it.

    With no failure, any missing evidence leaves it unknown; it passes only when
    every applicable part passed.
    """
    present = set(outcomes)
    for outcome in (Outcome.FAIL, Outcome.UNKNOWN, Outcome.PASS):
        if outcome in present:
            return outcome
    return Outcome.NOT_APPLICABLE
