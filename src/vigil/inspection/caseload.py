"""Audit a caseload read from `vigil.case/1` files: filter, assess, check, sample.

One case at a time: cases are read, validated, filtered and assessed as a
stream, and only the counts (and, when sampling, the sample) are kept, so a
force can audit a year's export on a laptop. A case that cannot be read or
assessed is reported, never silently dropped.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from pydantic import ValidationError

from vigil.casefiles import read_cases
from vigil.contract import AssessmentError, Case, Category, case_error_line
from vigil.services.assessing import assess_document

from .catalogue import Catalogue, load_catalogue
from .registry import case_period, case_team, run_checks
from .results import CaseAudit

T = TypeVar("T")
MAX_ERRORS_KEPT = 1000


@dataclass(frozen=True)
class AuditFilter:
    """Which cases to audit. Period bounds are inclusive and apply to a case's first incident."""

    date_from: date | None = None
    date_to: date | None = None
    classifications: frozenset[Category] = frozenset()
    teams: frozenset[str] = frozenset()

    def admits_case(self, case: Case) -> bool:
        if self.teams and case_team(case) not in self.teams:
            return False
        if self.date_from is None and self.date_to is None:
            return True
        period = case_period(case)
        if period is None:
            return False
        if self.date_from is not None and period < self.date_from:
            return False
        return not (self.date_to is not None and period > self.date_to)

    def admits_category(self, category: Category) -> bool:
        return not self.classifications or category in self.classifications

    def as_dict(self) -> dict[str, Any]:
        return {
            "from": self.date_from.isoformat() if self.date_from else None,
            "to": self.date_to.isoformat() if self.date_to else None,
            "classification": sorted(c.value for c in self.classifications),
            "team": sorted(self.teams),
        }


@dataclass(frozen=True)
class CaseProblem:
    """A case that could not be audited, and why."""

    where: str
    case_id: str | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"where": self.where, "case_id": self.case_id, "message": self.message}


@dataclass
class RunStats:
    """What happened to every case read, so the report accounts for all of them."""

    read: int = 0
    excluded: int = 0
    audited: int = 0
    problem_count: int = 0
    problems: list[CaseProblem] = field(default_factory=list)

    def problem(self, item: CaseProblem) -> None:
        self.problem_count += 1
        if len(self.problems) < MAX_ERRORS_KEPT:
            self.problems.append(item)

    def as_dict(self) -> dict[str, Any]:
        return {
            "read": self.read,
            "excluded_by_filters": self.excluded,
            "audited": self.audited,
            "could_not_audit": self.problem_count,
        }


def _problem_from(error: AssessmentError, where: str) -> CaseProblem:
    path = f" at {error.error.path}" if error.error.path and error.error.path != "$" else ""
    return CaseProblem(where=where, case_id=error.case_id, message=f"{error.error.message}{path}")


def audit_documents(
    raws: Iterable[Any],
    as_of: date,
    filters: AuditFilter,
    stats: RunStats,
    catalogue: Catalogue | None = None,
) -> Iterator[CaseAudit]:
    """Yield the audit of each admitted case; problems go to `stats`, never raise."""
    catalogue = catalogue or load_catalogue()
    for raw in raws:
        stats.read += 1
        if raw.error:
            stats.problem(CaseProblem(where=raw.where, case_id=None, message=raw.error))
            continue
        doc = raw.data
        try:
            case = Case.model_validate(doc)
        except ValidationError as exc:
            stats.problem(_problem_from(case_error_line(exc, doc), raw.where))
            continue
        if not filters.admits_case(case):
            stats.excluded += 1
            continue
        try:
            assessment = assess_document(doc, as_of, raw.where)
        except Exception as exc:  # an engine fault on one case must not stop a whole audit
            fault = f"{type(exc).__name__}: {exc}"
            message = f"Vigil could not assess this case (internal error: {fault})"
            stats.problem(CaseProblem(where=raw.where, case_id=case.case_id, message=message))
            continue
        if isinstance(assessment, AssessmentError):
            stats.problem(_problem_from(assessment, raw.where))
            continue
        if not filters.admits_category(assessment.classification.category):
            stats.excluded += 1
            continue
        stats.audited += 1
        yield run_checks(case, assessment, as_of, catalogue, where=raw.where)


def audit_paths(
    paths: list[Path],
    as_of: date,
    filters: AuditFilter,
    stats: RunStats,
    catalogue: Catalogue | None = None,
) -> Iterator[CaseAudit]:
    """Audit every case in files, folders or .jsonl (raises UsageError for a missing path)."""
    return audit_documents(read_cases(paths), as_of, filters, stats, catalogue)


def reservoir_sample(items: Iterable[T], size: int, seed: int) -> list[T]:
    """A uniform random sample of `size` items in one pass, returned in input order.

    Reservoir sampling keeps at most `size` items in memory whatever the
    population, and the same seed over the same input gives the same sample,
    so an audit panel can re-draw it.
    """
    if size < 1:
        raise ValueError("sample size must be at least 1")
    rng = random.Random(seed)
    kept: list[tuple[int, T]] = []
    for index, item in enumerate(items):
        if index < size:
            kept.append((index, item))
        else:
            slot = rng.randint(0, index)
            if slot < size:
                kept[slot] = (index, item)
    return [item for _, item in sorted(kept, key=lambda pair: pair[0])]
