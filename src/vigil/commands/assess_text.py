"""Human-readable output of `vigil assess` (Rich): readable on a bad day."""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console

from vigil.contract import Assessment, AssessmentError


def render_text(results: Iterable[Assessment | AssessmentError]) -> bool:
    console = Console()
    failed = False
    for r in results:
        if isinstance(r, AssessmentError):
            failed = True
            console.print(f"[bold red]Case {r.case_id or '?'}: cannot assess[/] — {r.error.message}")
            continue
        console.print(f"[bold]Case {r.case_id}[/]: {r.classification.category.value}, risk {r.risk.level.value}")
    return failed
