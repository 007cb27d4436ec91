"""Working days in England and Wales: Monday to Friday, less bank holidays.

The Victims' Code sets its limits in working days; counting calendar days would
fail a force for a Friday-night report updated on Monday. Bank holidays come
from the `holidays` package, which ships its data, so no network is needed.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays

from .catalogue import InspectionDataError

# England and Wales share their bank holidays; the package files them under England.
_REGIONS = {"england-and-wales": ("GB", "ENG")}


@lru_cache(maxsize=64)
def _bank_holidays(region: str, year: int) -> frozenset[date]:
    try:
        country, subdiv = _REGIONS[region]
    except KeyError:
        known = ", ".join(sorted(_REGIONS))
        raise InspectionDataError(f"no bank holiday calendar for {region!r} (known: {known})") from None
    return frozenset(holidays.country_holidays(country, subdiv=subdiv, years=year))


def is_working_day(day: date, region: str = "england-and-wales") -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(region, day.year)


def add_working_days(start: date, count: int, region: str = "england-and-wales") -> date:
    """The last day of a limit of `count` working days that starts the day after `start`.

    One working day after a Friday event is the Monday (or the Tuesday after a
    bank holiday Monday); zero working days is the day itself.
    """
    if count < 0:
        raise ValueError("count must not be negative")
    day = start
    left = count
    while left:
        day += timedelta(days=1)
        if is_working_day(day, region):
            left -= 1
    return day
