"""Local clock readings to UTC, including the hours the clocks change."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from vigil.importers.model import ParseReport
from vigil.importers.zones import Localiser


@pytest.mark.parametrize(
    ("zone", "start"),
    [
        ("Europe/London", datetime(2024, 3, 30, 22)),
        ("Europe/London", datetime(2024, 10, 26, 22)),
        ("Australia/Lord_Howe", datetime(2024, 4, 6, 22)),
        ("America/St_Johns", datetime(2024, 11, 2, 22)),
    ],
)
def test_cached_conversion_matches_zoneinfo_minute_by_minute(zone: str, start: datetime) -> None:
    tz = ZoneInfo(zone)
    report = ParseReport(format="x", source="f", time_zone=zone)
    localiser = Localiser(tz, report)
    for step in range(0, 8 * 60, 7):
        local = start + timedelta(minutes=step)
        assert localiser.to_utc(local, "ref") == local.replace(tzinfo=tz, fold=0).astimezone(UTC)


def test_awkward_times_are_reported_once_each() -> None:
    report = ParseReport(format="x", source="f", time_zone="Europe/London")
    localiser = Localiser(ZoneInfo("Europe/London"), report)
    localiser.to_utc(datetime(2024, 3, 31, 1, 30), "gap")
    localiser.to_utc(datetime(2024, 10, 27, 1, 30), "twice")
    localiser.to_utc(datetime(2024, 10, 27, 3, 30), "fine")
    assert report.details["dst_ambiguous_times"] == 2
    assert report.warnings[0].startswith("gap: 2024-03-31 01:30:00 does not exist")
    assert report.warnings[1].startswith("twice: 2024-10-27 01:30:00 happens twice")


def test_out_of_range_reading_is_a_value_error() -> None:
    report = ParseReport(format="x", source="f", time_zone="Asia/Tokyo")
    with pytest.raises(ValueError, match="outside the range"):
        Localiser(ZoneInfo("Asia/Tokyo"), report).to_utc(datetime(1, 1, 1), "ref")
