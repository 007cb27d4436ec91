"""Victims' Code deadlines, read from victims_code.yaml (the limits and their source)."""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict


class DutyDef(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    code: str
    title: str
    right: str
    working_days: int
    enhanced_working_days: int
    citation: str
    met_by: str


class VictimsCode(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    source: dict[str, Any]
    enhanced_entitlement: dict[str, Any]
    duties: list[DutyDef]

    def duty(self, code: str) -> DutyDef:
        return next(d for d in self.duties if d.code == code)


@lru_cache(maxsize=1)
def victims_code() -> VictimsCode:
    text = (resources.files("vigil.victims") / "victims_code.yaml").read_text(encoding="utf-8")
    return VictimsCode.model_validate(yaml.safe_load(text))


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start` (Monday to Friday)."""
    day = start
    while days > 0:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def due_date(code: str, raised_on: date, enhanced: bool) -> date:
    d = victims_code().duty(code)
    return add_working_days(raised_on, d.enhanced_working_days if enhanced else d.working_days)
