"""Internal findings passed between engine steps.

Each carries the incident ids and the words it rests on, so the final
assessment can always say why.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from vigil.contract import Behaviour


@dataclass(frozen=True, slots=True)
class Found:
    """One behaviour found in one text."""

    type: Behaviour
    incident_id: str | None
    evidence: str
    source: str  # narrative | channel | victim.statement | suspects[S1].history | structure
    actor: str | None  # suspect id, or None when the actor is unknown


@dataclass(frozen=True, slots=True)
class Cue:
    """A lexicon cue (fear, fixation, grievance ...) with where it was found."""

    name: str
    incident_id: str | None
    source: str
    words: str
    sentence: str


@dataclass
class Occasion:
    """One event: one or more incident records describing the same conduct."""

    incident_ids: list[str]
    actor: str | None
    when: object = None  # datetime | None (kept loose to avoid import cycles)


@dataclass
class Conduct:
    """Whose conduct each incident is, and the occasions per person."""

    attributed: dict[str, str | None] = field(default_factory=dict)  # incident id -> suspect id
    how: dict[str, str] = field(default_factory=dict)  # incident id -> why attributed
    occasions: dict[str, list[Occasion]] = field(default_factory=dict)  # person -> occasions
    principal: str | None = None  # the person with the course of conduct
    proxies: dict[str, str] = field(default_factory=dict)  # proxy suspect -> principal
