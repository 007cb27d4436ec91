"""Human-readable output of `vigil assess` (Rich), for an officer on a bad day.

Most important first: what it is, how risky, what to do now; then why.
Risk is always written as a word, never shown by colour alone.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from vigil.contract import Assessment, AssessmentError

CATEGORY_WORDS = {
    "stalking-fear-or-distress": "Stalking involving fear of violence or serious alarm or distress (s.4A)",
    "stalking": "Stalking (s.2A)",
    "harassment-fear-of-violence": "Harassment: putting people in fear of violence (s.4)",
    "harassment": "Harassment (s.2)",
    "single-incident": "Single incident: no course of conduct",
    "no-offence": "No harassment offence",
}
RISK_STYLE = {"high": "bold white on red", "medium": "bold black on yellow", "standard": "bold"}


def render_one(console: Console, a: Assessment) -> None:
    level = a.risk.level.value
    head = Table.grid(padding=(0, 2))
    head.add_row("[bold]Classification[/]", CATEGORY_WORDS[a.classification.category.value])
    head.add_row("[bold]Risk[/]", f"[{RISK_STYLE[level]}] {level.upper()} [/]  (a floor for professional judgement)")
    coc = a.course_of_conduct
    head.add_row("[bold]Course of conduct[/]", ("yes: " + ", ".join(coc.incident_ids)) if coc.present else "no")
    if a.classification.offences:
        head.add_row("[bold]Offences[/]", "; ".join(f"{o.code.value} {o.title}" for o in a.classification.offences))
    if a.risk.escalation.detected:
        head.add_row("[bold]Escalation[/]", a.risk.escalation.detail)
    console.print(Panel(head, title=f"Case {a.case_id}", expand=False))
    if a.actions:
        console.print("[bold]Do now[/]")
        for x in a.actions:
            console.print(f"  • [bold]{x.code.value}[/]: {x.reason}")
    if a.breaches:
        console.print("[bold]Breaches[/]")
        for br in a.breaches:
            console.print(f"  • {br.order_id} / {br.incident_id}: {br.detail}")
    console.print("[bold]Why[/]")
    for line in a.classification.rationale:
        console.print(f"  • {line}")
    if a.risk.factors:
        console.print("[bold]Risk factors[/]")
        for f in a.risk.factors:
            ids = f" [{', '.join(f.incident_ids)}]" if f.incident_ids else ""
            console.print(f"  • {f.code} ({f.raises_to.value if f.raises_to else ''}){ids}: {f.detail}")
    if a.linked_accounts:
        console.print("[bold]Linked accounts[/]")
        for lk in a.linked_accounts:
            console.print(f"  • {lk.account} → {lk.suspect_id}: " + "; ".join(lk.reasons))
    if a.behaviours:
        table = Table(title="Behaviours and the words they rest on", show_lines=False, expand=True)
        table.add_column("Incident", no_wrap=True)
        table.add_column("Behaviour", no_wrap=True)
        table.add_column("Words")
        for b in a.behaviours:
            table.add_row(b.incident_id or b.source, b.type.value, b.evidence)
        console.print(table)
    console.print()


def render_text(results: Iterable[Assessment | AssessmentError]) -> bool:
    console = Console()
    failed = False
    for r in results:
        if isinstance(r, AssessmentError):
            failed = True
            where = f" at {r.error.path}" if r.error.path else ""
            console.print(f"[bold red]Case {r.case_id or '?'}: cannot assess[/]{where}: {r.error.message}")
            continue
        render_one(console, r)
    return failed
