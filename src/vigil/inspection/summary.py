"""Aggregate per-case results into rates: per check, per group, by month, by team.

Built to stream: `SummaryBuilder.add` takes one case at a time and keeps only
counts, so a million-case file needs no more memory than eight. Rates are
given both over all cases and over the cases a check applies to, because the
2017 inspection's figures are shares of files and a force needs to see both.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .catalogue import Catalogue, CheckDef, Group, InspectionFigure, load_catalogue
from .results import CaseAudit, Outcome, Rag, combine

UNDATED = "undated"
NO_TEAM = "(no team)"


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Tally:
    """How many cases had each outcome for one check (or one group of checks)."""

    counts: dict[Outcome, int] = field(default_factory=lambda: dict.fromkeys(Outcome, 0))

    def add(self, outcome: Outcome) -> None:
        self.counts[outcome] += 1

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def applicable(self) -> int:
        return self.total - self.counts[Outcome.NOT_APPLICABLE]

    def rate(self, outcome: Outcome) -> float | None:
        """Share of all cases."""
        return _ratio(self.counts[outcome], self.total)

    def of_applicable(self, outcome: Outcome) -> float | None:
        """Share of the cases the standard applies to (pass, fail and unknown sum to 1)."""
        if outcome is Outcome.NOT_APPLICABLE:
            raise ValueError("not-applicable cases are outside the applicable share")
        return _ratio(self.counts[outcome], self.applicable)

    @property
    def not_met(self) -> float | None:
        """Failed or without evidence, over applicable: how the inspectorate read a file."""
        return _ratio(self.counts[Outcome.FAIL] + self.counts[Outcome.UNKNOWN], self.applicable)

    def as_dict(self) -> dict[str, Any]:
        return {
            "counts": {o.value: n for o, n in self.counts.items()},
            "total": self.total,
            "applicable": self.applicable,
            "rates": {o.value: self.rate(o) for o in Outcome},
            "of_applicable": {o.value: self.of_applicable(o) for o in Outcome if o is not Outcome.NOT_APPLICABLE},
            "not_met": self.not_met,
        }


@dataclass(frozen=True)
class CheckSummary:
    definition: CheckDef
    tally: Tally

    def as_dict(self) -> dict[str, Any]:
        d = self.definition
        return {"code": d.code, "title": d.title, "group": d.group.value, **self.tally.as_dict()}


@dataclass(frozen=True)
class Comparison:
    """One published 2017 rate beside the same measure for this caseload."""

    figure: InspectionFigure
    tally: Tally

    @property
    def vigil_rate(self) -> float | None:
        return self.tally.not_met

    @property
    def vigil_fail_rate(self) -> float | None:
        return self.tally.of_applicable(Outcome.FAIL)

    def as_dict(self) -> dict[str, Any]:
        f = self.figure
        return {
            "code": f.code,
            "label": f.label,
            "inspection_2017": f.rate,
            "measure": {"check": f.check} if f.check else {"group": str(f.group)},
            "this_caseload": self.vigil_rate,
            "this_caseload_failed_only": self.vigil_fail_rate,
            "applicable": self.tally.applicable,
            "sources": list(f.sources),
            "note": f.note,
        }


@dataclass(frozen=True)
class Summary:
    cases: int
    checks: list[CheckSummary]
    groups: dict[Group, Tally]
    rag: dict[Rag, int]
    by_month: dict[str, dict[str, Tally]]
    by_team: dict[str, dict[str, Tally]]
    comparison: list[Comparison]
    catalogue_version: str

    def check(self, code: str) -> CheckSummary:
        for c in self.checks:
            if c.definition.code == code:
                return c
        raise KeyError(code)

    def as_dict(self) -> dict[str, Any]:
        def nested(table: dict[str, dict[str, Tally]]) -> dict[str, Any]:
            return {k: {code: t.as_dict() for code, t in v.items()} for k, v in table.items()}

        return {
            "cases": self.cases,
            "catalogue_version": self.catalogue_version,
            "rag": {r.value: n for r, n in self.rag.items()},
            "checks": [c.as_dict() for c in self.checks],
            "groups": {g.value: t.as_dict() for g, t in self.groups.items()},
            "by_month": nested(self.by_month),
            "by_team": nested(self.by_team),
            "inspection_2017": [c.as_dict() for c in self.comparison],
        }


def overall(tallies: dict[str, Tally]) -> Tally:
    """All check results of one month or team pooled: the share of applicable checks passed."""
    pooled = Tally()
    for tally in tallies.values():
        for outcome, n in tally.counts.items():
            pooled.counts[outcome] += n
    return pooled


class SummaryBuilder:
    """Accumulates counts case by case; `build` turns them into a Summary."""

    def __init__(self, catalogue: Catalogue | None = None) -> None:
        self.catalogue = catalogue or load_catalogue()
        self._codes = [c.code for c in self.catalogue.checks]
        self._group_of = {c.code: c.group for c in self.catalogue.checks}
        self.cases = 0
        self._checks = {code: Tally() for code in self._codes}
        self._groups = {g: Tally() for g in Group}
        self._rag = dict.fromkeys(Rag, 0)
        self._by_month: dict[str, dict[str, Tally]] = {}
        self._by_team: dict[str, dict[str, Tally]] = {}
        self._any_team = False

    def _slot(self, table: dict[str, dict[str, Tally]], key: str) -> dict[str, Tally]:
        if key not in table:
            table[key] = {code: Tally() for code in self._codes}
        return table[key]

    def add(self, audit: CaseAudit) -> None:
        self.cases += 1
        self._rag[audit.rag] += 1
        month = self._slot(self._by_month, audit.month or UNDATED)
        self._any_team |= audit.team is not None
        team = self._slot(self._by_team, audit.team or NO_TEAM)
        per_group: dict[Group, list[Outcome]] = {g: [] for g in Group}
        for r in audit.results:
            self._checks[r.code].add(r.outcome)
            month[r.code].add(r.outcome)
            team[r.code].add(r.outcome)
            per_group[self._group_of[r.code]].append(r.outcome)
        for group, outcomes in per_group.items():
            self._groups[group].add(combine(outcomes))

    def build(self) -> Summary:
        checks = [CheckSummary(d, self._checks[d.code]) for d in self.catalogue.checks]
        comparison = [
            Comparison(f, self._checks[f.check] if f.check else self._groups[f.group])  # type: ignore[index]
            for f in self.catalogue.inspection_2017
        ]
        return Summary(
            cases=self.cases,
            checks=checks,
            groups=dict(self._groups),
            rag=dict(self._rag),
            by_month=dict(sorted(self._by_month.items())),
            by_team=dict(sorted(self._by_team.items())) if self._any_team else {},
            comparison=comparison,
            catalogue_version=self.catalogue.version,
        )


def summarise(results: Iterable[CaseAudit], catalogue: Catalogue | None = None) -> Summary:
    builder = SummaryBuilder(catalogue)
    for audit in results:
        builder.add(audit)
    return builder.build()
