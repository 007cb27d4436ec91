"""Time zones: turning an export's local clock readings into UTC, and noticing disagreements.

A WhatsApp export says "21:14" and nothing else; whether that was 21:14 GMT or
BST decides whether a message fell inside an order's dates. So every import
names its zone explicitly, clock readings that do not exist or happen twice
(the DST changes) are reported, and where a file states its own offset the
importer compares it with the zone it was given.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from vigil.errors import UsageError

from .model import ParseReport

_ZERO = timedelta(0)


def resolve_zone(name: str) -> tzinfo:
    """An IANA zone by name ("Europe/London", "UTC"); a typo is a usage error, not a guess."""
    if not isinstance(name, str) or not name.strip():
        raise UsageError(
            "a time zone is required for every import",
            hint="pass tz='Europe/London' (an IANA zone name) or tz='UTC'",
        )
    if name.strip().upper() in {"UTC", "Z", "ETC/UTC"}:
        return UTC
    try:
        return ZoneInfo(name.strip())
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise UsageError(
            f"unknown time zone {name!r}",
            hint="use an IANA zone name such as Europe/London, Europe/Dublin or UTC",
        ) from exc


def zone_name(zone: tzinfo) -> str:
    return "UTC" if zone is UTC else str(zone)


class Localiser:
    """Converts naive local clock readings in one zone to aware UTC, reporting DST oddities.

    Offsets are cached per hour, since a chat has thousands of messages per
    hour of the day and the zone rules only change at transitions.
    """

    def __init__(self, zone: tzinfo, report: ParseReport) -> None:
        self.zone = zone
        self.report = report
        self._cache: dict[tuple[int, int, int, int], timedelta | None] = {}

    def to_utc(self, local: datetime, ref: str) -> datetime:
        """Aware UTC for a local reading; ValueError if the instant falls outside year 1–9999."""
        if self.zone is UTC:
            return local.replace(tzinfo=UTC)
        key = (local.year, local.month, local.day, local.hour)
        try:
            offset = self._cache[key]
        except KeyError:
            offset = self._learn(key)
        try:
            if offset is None:
                return self._awkward(local, ref)
            return (local - offset).replace(tzinfo=UTC)
        except OverflowError as exc:
            raise ValueError(f"{local} is outside the range of dates that can be stored") from exc

    def offset_at(self, moment: datetime) -> timedelta:
        """The zone's UTC offset at an aware instant."""
        return moment.astimezone(self.zone).utcoffset() or _ZERO

    def check_stated(self, stated: timedelta, moment: datetime, ref: str, example: str) -> None:
        """Record a conflict when a file's own offset differs from the zone's at that instant."""
        try:
            expected = self.offset_at(moment)
        except OverflowError:
            return
        if stated != expected:
            self.report.zone_conflict(stated, expected, ref, example)

    def _learn(self, key: tuple[int, int, int, int]) -> timedelta | None:
        start = datetime(*key)
        end = start + timedelta(minutes=59, seconds=59)
        offsets = {
            (moment.replace(tzinfo=self.zone, fold=fold).utcoffset() or _ZERO)
            for moment in (start, end)
            for fold in (0, 1)
        }
        offset = offsets.pop() if len(offsets) == 1 else None
        self._cache[key] = offset
        return offset

    def _awkward(self, local: datetime, ref: str) -> datetime:
        first = local.replace(tzinfo=self.zone, fold=0)
        second = local.replace(tzinfo=self.zone, fold=1)
        if first.utcoffset() == second.utcoffset():
            return first.astimezone(UTC)
        exists = first.astimezone(UTC).astimezone(self.zone).replace(tzinfo=None) == local
        if exists:
            self.report.warn(
                f"{ref}: {local:%Y-%m-%d %H:%M:%S} happens twice in {zone_name(self.zone)} "
                "(clocks went back); taken as the earlier one"
            )
        else:
            self.report.warn(
                f"{ref}: {local:%Y-%m-%d %H:%M:%S} does not exist in {zone_name(self.zone)} "
                "(clocks went forward); read with the offset before the change"
            )
        self.report.count("dst_ambiguous_times")
        return first.astimezone(UTC)
