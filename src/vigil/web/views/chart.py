"""A small inline SVG of how the conduct develops: contacts per week, and severity over time.

Contacts are the case's dated incidents counted per week (per month when the
case spans more than two years, so bars stay readable). Severity per incident is
the highest severity, in the law data, of the behaviours the engine found in
it: the chart draws Vigil's findings, it does not judge them. A data table
with the same figures goes alongside for screen readers and print.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from markupsafe import Markup, escape

from vigil.law import Law

WIDTH, HEIGHT, PAD_L, PAD_B, PAD_T = 640, 180, 34, 26, 10
MAX_SEVERITY = 5


@dataclass(frozen=True)
class Bucket:
    start: date
    count: int


@dataclass(frozen=True)
class Point:
    when: datetime
    severity: int
    incident_id: str


@dataclass(frozen=True)
class Chart:
    unit: str
    buckets: list[Bucket]
    points: list[Point]
    svg: Markup


def severities(findings: Iterable[dict[str, Any]], law: Law) -> dict[str, int]:
    """Incident id -> highest severity of the behaviours found in it."""
    out: dict[str, int] = {}
    for f in findings:
        iid = f.get("incident_id")
        beh = law.behaviours.get(f.get("type"))  # type: ignore[call-overload]
        if iid and beh is not None:
            out[iid] = max(out.get(iid, 0), beh.severity)
    return out


def _week(d: date) -> date:
    return d - timedelta(days=d.weekday())


def _month(d: date) -> date:
    return d.replace(day=1)


def _next_month(d: date) -> date:
    return (d.replace(day=28) + timedelta(days=4)).replace(day=1)


def buckets(moments: Sequence[datetime]) -> tuple[str, list[Bucket]]:
    """Counts per week (or per month over long spans), including the empty ones between."""
    if not moments:
        return "week", []
    first, last = min(moments).date(), max(moments).date()
    by_month = (last - first).days > 730
    key = _month if by_month else _week
    counts = Counter(key(m.date()) for m in moments)
    out: list[Bucket] = []
    cur = key(first)
    while cur <= last:
        out.append(Bucket(cur, counts.get(cur, 0)))
        cur = _next_month(cur) if by_month else cur + timedelta(days=7)
    return ("month" if by_month else "week"), out


def build(incidents: Iterable[tuple[str, datetime | None]], sev: dict[str, int]) -> Chart:
    dated = sorted((when, iid) for iid, when in incidents if when is not None)
    unit, bars = buckets([w for w, _ in dated])
    points = [Point(w, sev.get(iid, 0), iid) for w, iid in dated]
    return Chart(unit, bars, points, _svg(unit, bars, points))


def _svg(unit: str, bars: list[Bucket], points: list[Point]) -> Markup:
    if not bars:
        return Markup("")
    plot_w, plot_h = WIDTH - PAD_L - 8, HEIGHT - PAD_B - PAD_T
    top = max(b.count for b in bars) or 1
    step = plot_w / len(bars)
    span_start = datetime.combine(bars[0].start, datetime.min.time())
    span_end = datetime.combine(
        bars[-1].start + (timedelta(days=7) if unit == "week" else timedelta(days=31)),
        datetime.min.time(),
    )
    total = (span_end - span_start).total_seconds() or 1.0
    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="chart-title chart-desc" preserveAspectRatio="xMidYMid meet">',
        f'<title id="chart-title">Contacts per {unit} (bars) and severity of each incident '
        f"(line, 0 to {MAX_SEVERITY})</title>",
        f'<desc id="chart-desc">{len(points)} dated incidents from {bars[0].start:%d %b %Y} to '
        f"{bars[-1].start:%d %b %Y}; the busiest {unit} had {top}.</desc>",
        f'<line x1="{PAD_L}" y1="{PAD_T + plot_h}" x2="{WIDTH - 8}" y2="{PAD_T + plot_h}" class="axis"/>',
        f'<text x="2" y="{PAD_T + 8}" class="tick">{top}</text>',
        f'<text x="2" y="{PAD_T + plot_h}" class="tick">0</text>',
    ]
    for i, b in enumerate(bars):
        h = plot_h * b.count / top
        if b.count:
            parts.append(
                f'<rect class="bar" x="{PAD_L + i * step + step * 0.1:.1f}" '
                f'y="{PAD_T + plot_h - h:.1f}" width="{max(step * 0.8, 1):.1f}" height="{h:.1f}">'
                f"<title>{unit.title()} of {b.start:%d %b %Y}: {b.count} contact"
                f"{'s' if b.count != 1 else ''}</title></rect>"
            )
    coords = []
    for p in points:
        x = PAD_L + plot_w * (p.when - span_start).total_seconds() / total
        y = PAD_T + plot_h - plot_h * p.severity / MAX_SEVERITY
        coords.append((x, y, p))
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
        parts.append(f'<polyline class="severity" points="{path}"/>')
    for x, y, p in coords:
        parts.append(
            f'<circle class="dot" cx="{x:.1f}" cy="{y:.1f}" r="3"><title>'
            f"{escape(p.incident_id)} on {p.when:%d %b %Y}: severity {p.severity}</title></circle>"
        )
    parts.append(
        f'<text x="{PAD_L}" y="{HEIGHT - 6}" class="tick">{bars[0].start:%d %b %Y}</text>'
        f'<text x="{WIDTH - 8}" y="{HEIGHT - 6}" class="tick" text-anchor="end">'
        f"{bars[-1].start:%d %b %Y}</text></svg>"
    )
    return Markup("".join(parts))
