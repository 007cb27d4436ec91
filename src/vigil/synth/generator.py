"""Turn an archetype and a seeded `random.Random` into a `vigil.case/1` document.

Reproducible by construction: every choice comes from the rng passed in (never
the global `random`), and `generate_cases` gives case *i* of a seed its own
rng, so case 17 of seed 1 is the same whether you ask for 20 cases or 20,000.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Iterator
from datetime import date, datetime, time, timedelta
from typing import Any

from . import vocab
from .people import cast
from .scenario import Archetype, Beat, OrderPlan, all_archetypes
from .slots import Filler

_TYPED = {"text-message", "messaging-app", "social-media"}
_NOTES = {
    "text-message": vocab.WRITTEN_NOTES,
    "messaging-app": vocab.WRITTEN_NOTES,
    "social-media": vocab.WRITTEN_NOTES,
    "email": vocab.WRITTEN_NOTES,
    "online-publication": vocab.WRITTEN_NOTES,
    "phone-call": vocab.CALL_NOTES,
    "letter": vocab.LETTER_NOTES,
    "gift-or-item": vocab.GIFT_NOTES,
    "tracking-or-surveillance": vocab.DEVICE_NOTES,
    "other": vocab.ITEM_NOTES,
    "via-third-party": vocab.THIRD_PARTY_NOTES,
}
_TONE_NOTES = {"fear": vocab.FEAR, "dispute": vocab.DISPUTE, "benign": vocab.BENIGN}
_RECORDED = (
    "harassment",
    "harassment",
    "stalking",
    "single-incident",
    "no-offence",
    "other",
    "harassment-fear-of-violence",
    "stalking-fear-or-distress",
)
_OUTCOMES = {
    "fear": (
        "Suspect arrested and interviewed; released under investigation.",
        "NFA: insufficient evidence.",
        "Charged; first hearing at {town} Magistrates' Court.",
        "Ongoing. Suspect not yet located.",
        "Victim withdrew support; case filed.",
    ),
    "dispute": (
        "Words of advice given to both parties.",
        "NFA: insufficient evidence.",
        "Suspect interviewed voluntarily; file with CPS for a charging decision.",
        "Referred to the council's anti-social behaviour team.",
    ),
    "benign": (
        "No crime recorded: no offence disclosed.",
        "Victim advised about civil and family court remedies.",
        "Words of advice given.",
    ),
}
FIRST_DAY = date(2016, 1, 1)
SPAN_DAYS = 9 * 365


def archetype_keys() -> list[str]:
    return list(all_archetypes())


def generate_cases(
    seed: int,
    n: int,
    *,
    n_incidents: int = 8,
    target_chars: int = 4000,
    archetypes: Iterable[str] | None = None,
    prefix: str = "SYN",
) -> Iterator[dict[str, Any]]:
    """Yield `n` cases; case i uses `random.Random("vigil.synth:{seed}:{i}")`, so a seed gives the same cases
    on every run and machine."""
    keys = list(archetypes) if archetypes is not None else None
    for i in range(n):
        rng = random.Random(f"vigil.synth:{seed}:{i}")
        yield generate_case(
            rng,
            f"{prefix}-{seed}-{i + 1:06d}",
            n_incidents=n_incidents,
            target_chars=target_chars,
            archetype=rng.choice(keys) if keys else None,
        )


def generate_case(
    rng: random.Random,
    case_id: str,
    n_incidents: int = 8,
    target_chars: int = 4000,
    archetype: str | None = None,
) -> dict[str, Any]:
    """One realistic case. `target_chars` is the approximate total length of all narratives."""
    if n_incidents < 0:
        raise ValueError(f"n_incidents must be 0 or more, got {n_incidents}")
    known = all_archetypes()
    if archetype is None:
        arch = rng.choices(list(known.values()), weights=[a.weight for a in known.values()])[0]
    elif archetype in known:
        arch = known[archetype]
    else:
        raise ValueError(f"unknown archetype {archetype!r} (known: {', '.join(known)})")
    relationship = rng.choice(arch.relationships)
    start = FIRST_DAY + timedelta(days=rng.randrange(SPAN_DAYS))
    fill = Filler(rng, cast(rng, arch, relationship, start))
    third = _third_parties(fill, arch)
    moments = _moments(rng, arch, start, n_incidents)
    incidents = _incidents(fill, arch, moments, third, target_chars)
    orders = _orders(fill, arch, moments, start)
    case: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": case_id,
        "jurisdiction": "england-and-wales",
        "victim": {
            "id": "V1",
            "relationship_to_suspect": relationship,
            "statement": _statement(fill, arch),
        },
        "suspects": [
            {
                "id": "S1",
                "identifiers": [fill[name] for name in arch.identifiers],
                "history": fill.pick(arch.histories),
            }
        ],
        "incidents": incidents,
        "orders": orders,
        "synthetic": {"generator": "vigil.synth", "archetype": arch.key},
    }
    if third:
        case["third_parties"] = [{"id": tid, "role": role, "description": desc} for role, (tid, desc) in third.items()]
    if rng.random() < 0.6:
        case["handling"] = _handling(fill, arch.tone, moments, orders)
    return case


def _third_parties(fill: Filler, arch: Archetype) -> dict[str, tuple[str, str]]:
    return {role: (f"W{i}", fill.render(desc)) for i, (role, desc) in enumerate(arch.third_parties, 1)}


def _moments(rng: random.Random, arch: Archetype, start: date, n: int) -> list[datetime]:
    """When each incident happened, in order; the archetype decides the pace and the hours."""
    out: list[datetime] = []
    day = start
    lo, hi = arch.hours
    for _ in range(n):
        hour = rng.randrange(lo, hi) % 24
        out.append(datetime.combine(day, time(hour, rng.randrange(60))))
        day += timedelta(days=rng.randint(*arch.gap_days))
    return out


def _pick_beat(rng: random.Random, arch: Archetype, position: float, used: set[str]) -> tuple[Beat, str]:
    """A beat's text for this point in the story, preferring what this case has not told yet."""
    stage = "early" if position < 0.4 else "late" if position >= 0.6 else "any"
    fits = [b for b in arch.beats if b.stage in {"any", stage}] or list(arch.beats)
    fresh = [b for b in fits if any(t not in used for t in b.texts)] or fits
    beat = rng.choice(fresh)
    text = rng.choice([t for t in beat.texts if t not in used] or list(beat.texts))
    used.add(text)
    return beat, text


def _incidents(
    fill: Filler,
    arch: Archetype,
    moments: list[datetime],
    third: dict[str, tuple[str, str]],
    target: int,
) -> list[dict[str, Any]]:
    rng = fill.rng
    low, high = arch.typo_rate
    typo_rate = rng.uniform(low, high)
    written = 0
    used: set[str] = set()
    told: set[str] = set()
    fakes = fill["fakes"].split(", ")
    out: list[dict[str, Any]] = []
    for i, moment in enumerate(moments):
        beat, text = _pick_beat(rng, arch, i / max(len(moments) - 1, 1), told)
        fill["itime"] = f"{moment:%H:%M}"
        fill["later"] = _later(moment)
        fill["fake"] = rng.choice(fakes)
        fill["place"] = rng.choice(vocab.PUBLIC_PLACES)
        fill.typo_rate = typo_rate if beat.channel in _TYPED else 0.0
        core = fill.render(text)
        fill.typo_rate = 0.0
        incident: dict[str, Any] = {"id": f"I{i + 1}"}
        roll = rng.random()
        if roll >= 0.02:
            incident["occurred_at"] = moment.date().isoformat() if beat.date_only or roll < 0.07 else moment.isoformat()
        incident["suspect_id"] = None if beat.anonymous else "S1"
        if beat.actor and beat.actor in third:
            incident["actor_id"] = third[beat.actor][0]
        incident["channel"] = beat.channel
        if beat.account:
            incident["account"] = fill[beat.account]
        if beat.where:
            # A beat whose places line up with its texts keeps each text with its own place.
            aligned = len(beat.where) == len(beat.texts)
            where = beat.where[beat.texts.index(text)] if aligned else rng.choice(beat.where)
            incident["location"] = fill.render(where)
        # Each incident aims at its share of what is left, so early overshoot is paid back later.
        budget = (target - written) // (len(moments) - i)
        incident["narrative"] = _pad(fill, arch, beat, core, budget, used)
        written += len(incident["narrative"])
        out.append(incident)
    return out


def _later(moment: datetime) -> Callable[[random.Random], str]:
    def later(r: random.Random) -> str:
        return f"{moment + timedelta(minutes=r.randrange(10, 120, 5)):%H:%M}"

    return later


def _pad(fill: Filler, arch: Archetype, beat: Beat, core: str, budget: int, used: set[str]) -> str:
    """Add the officer's surrounding notes until the narrative reaches its share of the budget."""
    rng = fill.rng
    pools = (
        vocab.PROCEDURAL,
        _TONE_NOTES[arch.tone],
        _NOTES.get(beat.channel, vocab.IN_PERSON_NOTES),
    )
    parts = [core]
    here: set[str] = set()
    length = len(core)
    while length < budget:
        pool = [t for t in rng.choice(pools) if t not in here]
        if not pool:
            pool = [t for p in pools for t in p if t not in here]
            if not pool:
                break
        template = rng.choice([t for t in pool if t not in used] or pool)
        used.add(template)
        here.add(template)
        sentence = fill.render(template)
        if length + len(sentence) + 1 - budget > budget - length:
            break  # stopping short lands nearer the budget than adding this note would
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def _statement(fill: Filler, arch: Archetype) -> str:
    rng = fill.rng
    impacts = rng.sample(arch.impacts, min(len(arch.impacts), rng.randint(2, 4)))
    return " ".join(fill.render(t) for t in (rng.choice(arch.statements), *impacts))


def _orders(fill: Filler, arch: Archetype, moments: list[datetime], start: date) -> list[dict[str, Any]]:
    rng = fill.rng
    out: list[dict[str, Any]] = []
    for plan in arch.orders:
        if rng.random() >= plan.chance:
            continue
        starts = _order_start(rng, plan, moments, start)
        ends = starts + timedelta(days=rng.randint(*plan.lasts_days)) if plan.lasts_days else None
        out.append(
            {
                "id": f"O{len(out) + 1}",
                "type": rng.choice(plan.types),
                "against": "S1",
                "starts": starts.isoformat(),
                "ends": ends.isoformat() if ends else None,
                "conditions": [_condition(fill, spec) for spec in rng.choice(plan.conditions)],
            }
        )
    return out


def _order_start(rng: random.Random, plan: OrderPlan, moments: list[datetime], start: date) -> date:
    if plan.timing == "middle" and len(moments) >= 2:
        k = rng.randrange(1, len(moments))
        before, after = moments[k - 1].date(), moments[k].date()
        return before + timedelta(days=rng.randint(0, max((after - before).days, 0)))
    first = moments[0].date() if moments else start
    return first - timedelta(days=rng.randint(7, 120))


def _condition(fill: Filler, spec: str) -> dict[str, Any]:
    kind, _, detail = spec.partition(":")
    condition: dict[str, Any] = {"type": kind}
    if kind == "exclusion-zone":
        condition["place"] = fill.render(detail)
    elif kind == "no-approach" and detail:
        condition["metres"] = float(detail)
    elif kind == "other":
        condition["text"] = fill.render(detail)
    return condition


def _handling(fill: Filler, tone: str, moments: list[datetime], orders: list[dict[str, Any]]) -> dict[str, Any]:
    rng = fill.rng
    handling: dict[str, Any] = {"recorded_as": rng.choice(_RECORDED)}
    for flag in ("risk_assessment_completed", "risk_management_plan", "victim_needs_assessment"):
        if rng.random() < 0.6:
            handling[flag] = rng.random() < 0.5
    handling["pin_issued"] = any(o["type"] == "police-information-notice" for o in orders)
    handling["bail_conditions_imposed"] = any(o["type"] == "bail-conditions" for o in orders)
    handling["investigator"] = rng.choice(("detective", "specialist", "uniform", "uniform", "none"))
    if moments and rng.random() < 0.7:
        first = moments[0].date()
        days = sorted(rng.sample(range(1, 120), rng.randint(1, 3)))
        handling["victim_updates"] = [(first + timedelta(days=d)).isoformat() for d in days]
    handling["outcome"] = fill.pick(_OUTCOMES[tone])
    return handling
