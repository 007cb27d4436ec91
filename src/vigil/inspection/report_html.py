"""The audit as one self-contained HTML page: charts as inline SVG, no CDN, no script.

A supervisor may open it on a locked-down force laptop with no internet, or
attach it to an email, so everything it needs is in the file. Every chart has
the same figures in a table next to it, and every outcome is written as a
word; colour never carries meaning on its own.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape

from .caseload import RunStats
from .catalogue import Catalogue
from .results import RAG_WORDS, CaseAudit, Outcome
from .summary import Summary, Tally, overall

OUTCOME_WORDS = {
    Outcome.PASS: "Pass",
    Outcome.FAIL: "Fail",
    Outcome.UNKNOWN: "Unknown",
    Outcome.NOT_APPLICABLE: "N/A",
}
BAR_ORDER = (Outcome.PASS, Outcome.FAIL, Outcome.UNKNOWN, Outcome.NOT_APPLICABLE)


@dataclass(frozen=True)
class Segment:
    outcome: str
    word: str
    count: int
    x: float
    width: float


@dataclass(frozen=True)
class StackedBar:
    label: str
    segments: list[Segment]
    note: str


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    text: str


def _pct(value: float | None) -> str:
    return "no data" if value is None else f"{value * 100:.0f}%"


def stacked(label: str, tally: Tally, width: float, note: str) -> StackedBar:
    segments: list[Segment] = []
    x = 0.0
    total = tally.total or 1
    for outcome in BAR_ORDER:
        n = tally.counts[outcome]
        w = width * n / total
        segments.append(Segment(outcome.value, OUTCOME_WORDS[outcome], n, x, w))
        x += w
    return StackedBar(label, segments, note)


def _passed_of_applicable(tally: Tally) -> Bar:
    value = tally.of_applicable(Outcome.PASS)
    return Bar("", value, _pct(value))


def _trend(table: dict[str, dict[str, Tally]]) -> list[dict[str, Any]]:
    rows = []
    for key, tallies in table.items():
        pooled = overall(tallies)
        bar = _passed_of_applicable(pooled)
        rows.append(
            {
                "label": key,
                "value": bar.value,
                "text": bar.text,
                "pass": pooled.counts[Outcome.PASS],
                "fail": pooled.counts[Outcome.FAIL],
                "unknown": pooled.counts[Outcome.UNKNOWN],
                "applicable": pooled.applicable,
                "cases": max((t.total for t in tallies.values()), default=0),
            }
        )
    return rows


def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("vigil.inspection", "templates"),
        autoescape=select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["pct"] = _pct
    return env


def render_html(
    summary: Summary,
    audits: list[CaseAudit],
    stats: RunStats,
    meta: dict[str, Any],
    catalogue: Catalogue,
    case_link: str | None = None,
    shown_limit: int | None = None,
) -> str:
    """Render the report; `audits` may be the first `shown_limit` cases of a larger run."""
    bar_width = 280.0
    check_bars = [stacked(c.definition.title, c.tally, bar_width, _pct(c.tally.not_met)) for c in summary.checks]
    comparison = [
        {
            "label": comp.figure.label,
            "inspection": comp.figure.rate,
            "caseload": comp.vigil_rate,
            "failed_only": comp.vigil_fail_rate,
            "applicable": comp.tally.applicable,
            "note": comp.figure.note,
            "sources": [catalogue.sources[s] for s in comp.figure.sources],
        }
        for comp in summary.comparison
    ]
    links = {}
    if case_link:
        links = {a.case_id: case_link.replace("{case_id}", a.case_id) for a in audits}
    return (
        _environment()
        .get_template("report.html.j2")
        .render(
            summary=summary,
            stats=stats,
            meta=meta,
            catalogue=catalogue,
            check_bars=check_bars,
            bar_width=bar_width,
            comparison=comparison,
            months=_trend(summary.by_month),
            teams=_trend(summary.by_team),
            audits=audits,
            shown_limit=shown_limit,
            links=links,
            rag_words=RAG_WORDS,
            outcome_words={o.value: w for o, w in OUTCOME_WORDS.items()},
            outcomes=[o.value for o in BAR_ORDER],
            Outcome=Outcome,
        )
    )
