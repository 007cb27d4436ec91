"""The `vigil.case/1` format as Pydantic models.

Unknown extra fields are kept (the contract allows optional additions), and
`occurred_at` keeps the caller's exact string, so a case read and written back
is byte-for-byte the same data: storage and export depend on that.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from functools import cached_property
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from .codes import (
    Channel,
    ConditionType,
    Investigator,
    Jurisdiction,
    OrderType,
    RecordedAs,
    Relationship,
    ThirdPartyRole,
)

CASE_FORMAT = "vigil.case/1"


def parse_when(value: str) -> datetime:
    """Parse an ISO 8601 date or date-time into a naive local datetime.

    The contract says a time without a zone is local time; a zoned time is
    converted to UTC and the zone dropped, so all times in one case compare.
    """
    text = value.strip()
    try:
        if len(text) == 10:
            return datetime.combine(date.fromisoformat(text), datetime.min.time())
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError as exc:
        raise ValueError(
            f"{value!r} is not an ISO 8601 date or date-time (e.g. 2024-03-01 or 2024-03-01T21:14:00)"
        ) from exc
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC).replace(tzinfo=None)
    return moment


def _check_when(value: str) -> str:
    parse_when(value)
    return value


IsoWhen = Annotated[str, AfterValidator(_check_when)]


def _check_day(value: str) -> str:
    try:
        date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise ValueError(f"{value!r} is not an ISO 8601 date (e.g. 2024-03-14)") from exc
    return value


IsoDay = Annotated[str, AfterValidator(_check_day)]


class _Open(BaseModel):
    """Base for case objects: extra fields are preserved, never dropped."""

    model_config = ConfigDict(extra="allow", populate_by_name=True)


class Victim(_Open):
    id: str | None = None
    relationship_to_suspect: Relationship | None = None
    statement: str | None = None


class Suspect(_Open):
    id: str
    identifiers: list[str] = Field(default_factory=list)
    history: str | None = None


class ThirdParty(_Open):
    id: str
    role: ThirdPartyRole | None = None
    description: str | None = None


class Incident(_Open):
    id: str
    occurred_at: IsoWhen | None = None
    suspect_id: str | None = None
    actor_id: str | None = None
    channel: Channel | None = None
    account: str | None = None
    location: str | None = None
    narrative: str = ""

    @cached_property
    def when(self) -> datetime | None:
        """occurred_at as a datetime (parsed once: the engine asks for it often)."""
        return parse_when(self.occurred_at) if self.occurred_at else None


class Condition(_Open):
    type: ConditionType
    place: str | None = None
    metres: float | None = None
    text: str | None = None


class Order(_Open):
    id: str
    type: OrderType
    against: str | None = None
    starts: IsoDay | None = None
    ends: IsoDay | None = None
    conditions: list[Condition] = Field(default_factory=list)

    @property
    def start_day(self) -> date | None:
        return date.fromisoformat(self.starts[:10]) if self.starts else None

    @property
    def end_day(self) -> date | None:
        return date.fromisoformat(self.ends[:10]) if self.ends else None


class Handling(_Open):
    recorded_as: RecordedAs | None = None
    risk_assessment_completed: bool | None = None
    risk_management_plan: bool | None = None
    victim_needs_assessment: bool | None = None
    pin_issued: bool | None = None
    bail_conditions_imposed: bool | None = None
    investigator: Investigator | None = None
    victim_updates: list[IsoDay] | None = None
    outcome: str | None = None


class Case(_Open):
    format: Literal["vigil.case/1"]
    case_id: str = Field(min_length=1)
    jurisdiction: Jurisdiction = Jurisdiction.ENGLAND_AND_WALES
    victim: Victim | None = None
    suspects: list[Suspect] = Field(default_factory=list)
    third_parties: list[ThirdParty] = Field(default_factory=list)
    incidents: list[Incident]
    orders: list[Order] = Field(default_factory=list)
    handling: Handling | None = None

    @field_validator("suspects", "third_parties", "orders", mode="before")
    @classmethod
    def _null_is_empty(cls, value: object) -> object:
        return [] if value is None else value

    def suspect(self, suspect_id: str | None) -> Suspect | None:
        return next((s for s in self.suspects if s.id == suspect_id), None)
