"""The shape of a scenario archetype: what kind of story a synthetic case tells.

An archetype is data: the relationship, the beats an incident can be drawn
from (channel, words, where, which account), the victim's statement, the
suspect's history and the orders a court or custody sergeant might have made.
The generator (generator.py) turns one into a case; phrase banks live in
the archetypes_*.py modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Stage = Literal["early", "any", "late"]
Tone = Literal["fear", "dispute", "benign"]


@dataclass(frozen=True)
class Beat:
    """One kind of incident. `account` names a slot (phone, email, handle, fake, app, ref)."""

    channel: str
    texts: tuple[str, ...]
    where: tuple[str, ...] = ()
    account: str | None = None
    stage: Stage = "any"
    anonymous: bool = False
    actor: str | None = None
    date_only: bool = False


@dataclass(frozen=True)
class OrderPlan:
    """An order the archetype may carry. Condition specs: `type` or `type:detail` (templated)."""

    chance: float
    types: tuple[str, ...]
    conditions: tuple[tuple[str, ...], ...] = ((),)
    timing: Literal["before", "middle"] = "before"
    lasts_days: tuple[int, int] | None = (365, 730)


@dataclass(frozen=True)
class Archetype:
    key: str
    relationships: tuple[str, ...]
    tone: Tone
    beats: tuple[Beat, ...]
    statements: tuple[str, ...]
    impacts: tuple[str, ...]
    histories: tuple[str, ...]
    weight: int = 2
    identifiers: tuple[str, ...] = ("sfull", "phone")
    third_parties: tuple[tuple[str, str], ...] = ()
    orders: tuple[OrderPlan, ...] = ()
    gap_days: tuple[int, int] = (1, 8)
    hours: tuple[int, int] = (7, 23)
    female_victim: float = 0.8
    female_suspect: float = 0.25
    company: bool = False
    typo_rate: tuple[float, float] = (0.0, 0.25)


def all_archetypes() -> dict[str, Archetype]:
    """Every archetype by key, in a fixed order (generation must not depend on import order)."""
    from .archetypes_dispute import DISPUTE_ARCHETYPES
    from .archetypes_personal import PERSONAL_ARCHETYPES
    from .archetypes_strangers import STRANGER_ARCHETYPES

    everything = (*PERSONAL_ARCHETYPES, *STRANGER_ARCHETYPES, *DISPUTE_ARCHETYPES)
    out = {a.key: a for a in everything}
    return dict(sorted(out.items()))
