"""The terminal summary of an audit (Rich): where the force stands, at a glance.

Outcomes are printed as words and numbers; colour only repeats what the words
say, so the table reads the same on a monochrome terminal or in a log file.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .caseload import RunStats
from .results import RAG_WORDS, Outcome
from .summary import Summary


def pct(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:.0f}%"


def render_summary(console: Console, summary: Summary, stats: RunStats, meta: dict[str, Any]) -> None:
    console.print(f"[bold]Vigil case-handling audit[/] as of {meta['as_of']}")
    line = f"{summary.cases} case(s) audited; {stats.read} read"
    if stats.excluded:
        line += f", {stats.excluded} outside the filters"
    if stats.problem_count:
        line += f", {stats.problem_count} could not be audited"
    console.print(line + ".")
    sample = meta.get("sample")
    if sample:
        console.print(
            f"Random sample of {sample['size']} from {sample['population']} "
            f"(seed {sample['seed']}: the same seed over the same cases draws the same sample)."
        )
    for rag, n in summary.rag.items():
        console.print(f"  {RAG_WORDS[rag]}: {n}")

    table = Table(
        title="Per check. Failed % and Not met % (failed or no evidence) are of the cases the check applies to"
    )
    for heading, justify in [
        ("Check", "left"),
        ("Group", "left"),
        ("Pass", "right"),
        ("Fail", "right"),
        ("Unknown", "right"),
        ("N/A", "right"),
        ("Failed %", "right"),
        ("Not met %", "right"),
    ]:
        table.add_column(heading, justify=justify)  # type: ignore[arg-type]
    for check in summary.checks:
        t = check.tally
        c = t.counts
        table.add_row(
            check.definition.title,
            check.definition.group.value,
            str(c[Outcome.PASS]),
            f"[red]{c[Outcome.FAIL]}[/]" if c[Outcome.FAIL] else "0",
            f"[yellow]{c[Outcome.UNKNOWN]}[/]" if c[Outcome.UNKNOWN] else "0",
            str(c[Outcome.NOT_APPLICABLE]),
            pct(t.of_applicable(Outcome.FAIL)),
            pct(t.not_met),
        )
    console.print(table)

    versus = Table(title="Against the 2017 inspection (Living in fear, HMIC/HMCPSI)")
    for heading in ("Finding", "2017", "This caseload", "Cases counted"):
        versus.add_column(heading, justify="left" if heading == "Finding" else "right")
    for comp in summary.comparison:
        versus.add_row(
            comp.figure.label,
            pct(comp.figure.rate),
            pct(comp.vigil_rate),
            str(comp.tally.applicable),
        )
    console.print(versus)
    console.print("This caseload: failed or without evidence, as a share of the cases the standard applies to.")
    for problem in stats.problems[:20]:
        console.print(f"[bold red]Could not audit[/] {problem.where}: {problem.message}")
    if stats.problem_count > 20:
        console.print(f"… and {stats.problem_count - 20} more (use --format json for all).")
