"""Load and validate checks.yaml: the standards, their sources and the figures beside them.

The standards change when guidance changes; keeping them as data lets a legal
reviewer diff them without reading Python. Validation happens once, here, so a
typo in the YAML is a clear error at start-up rather than a wrong audit.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from vigil.contract import OrderType, Relationship
from vigil.errors import VigilError


class InspectionDataError(VigilError):
    """checks.yaml is missing or malformed: a packaging or authoring error, not a user's."""


class Group(StrEnum):
    RECORDING = "recording"
    RISK = "risk"
    INVESTIGATION = "investigation"
    PINS = "pins"
    VICTIM_CARE = "victim-care"


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Data):
    kind: str
    title: str
    url: str = Field(pattern=r"^https?://")
    note: str | None = None


class CheckDef(_Data):
    code: str = Field(pattern=r"^[a-z0-9-]+$")
    title: str
    group: Group
    standard: str
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None
    in_force_from: date | None = None


class UpdateLimit(_Data):
    working_days: int = Field(ge=0)
    sources: tuple[str, ...] = Field(min_length=1)


class UpdateLimits(_Data):
    enhanced: UpdateLimit
    standard: UpdateLimit


class VictimsCode(_Data):
    update_limits: UpdateLimits
    domestic_relationships: frozenset[Relationship]
    bank_holidays: str


class InspectionFigure(_Data):
    """One published 2017 rate and the Vigil measure that sits beside it."""

    code: str
    label: str
    rate: float = Field(ge=0, le=1)
    check: str | None = None
    group: Group | None = None
    sources: tuple[str, ...] = Field(min_length=1)
    note: str | None = None

    @model_validator(mode="after")
    def _one_measure(self) -> InspectionFigure:
        if (self.check is None) == (self.group is None):
            raise ValueError(f"{self.code}: give exactly one of `check` or `group`")
        return self


class Catalogue(_Data):
    format: str = Field(pattern=r"^vigil\.inspection-checks/1$")
    version: str
    sources: dict[str, Source]
    checks: tuple[CheckDef, ...]
    victims_code: VictimsCode
    pin_order_types: frozenset[OrderType]
    protective_order_types: frozenset[OrderType]
    outcome_terms: dict[str, tuple[str, ...]]
    inspection_2017: tuple[InspectionFigure, ...]

    @model_validator(mode="after")
    def _references_resolve(self) -> Catalogue:
        codes = [c.code for c in self.checks]
        dupes = {c for c in codes if codes.count(c) > 1}
        if dupes:
            raise ValueError(f"duplicate check codes: {sorted(dupes)}")
        cited = [s for c in self.checks for s in c.sources]
        cited += [s for f in self.inspection_2017 for s in f.sources]
        limits = self.victims_code.update_limits
        cited += [*limits.enhanced.sources, *limits.standard.sources]
        missing = sorted(set(cited) - set(self.sources))
        if missing:
            raise ValueError(f"sources cited but not defined: {missing}")
        for figure in self.inspection_2017:
            if figure.check is not None and figure.check not in codes:
                raise ValueError(f"inspection_2017 {figure.code}: unknown check {figure.check!r}")
        return self

    def check(self, code: str) -> CheckDef:
        for definition in self.checks:
            if definition.code == code:
                return definition
        raise KeyError(code)

    def mentions(self, text: str | None, term_set: str) -> list[str]:
        """The outcome terms of one set that occur in free text (whole words, any case)."""
        if not text:
            return []
        return [t for t in self.outcome_terms[term_set] if _term_pattern(t).search(text)]


@lru_cache(maxsize=256)
def _term_pattern(term: str) -> re.Pattern[str]:
    stem = term[:-1] if term.endswith("*") else term
    tail = r"\w*" if term.endswith("*") else ""
    return re.compile(rf"(?<!\w){re.escape(stem)}{tail}(?!\w)", re.IGNORECASE)


def parse_catalogue(data: Any, where: str = "checks.yaml") -> Catalogue:
    try:
        return Catalogue.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "$"
        raise InspectionDataError(
            f"{where}: {loc}: {first['msg']}",
            hint="fix the inspection check definitions (src/vigil/inspection/checks.yaml)",
            path=loc,
        ) from exc


@lru_cache(maxsize=1)
def load_catalogue() -> Catalogue:
    """The packaged check definitions (cached: read-only)."""
    path = resources.files(__package__) / "checks.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise InspectionDataError(f"checks.yaml cannot be read: {exc}") from exc
    return parse_catalogue(data)
