"""Screenshots and photos as evidence items: hash, size, and the EXIF time and place.

The file is read once into memory and every later step works on that copy:
Pillow only parses the header and EXIF (the pixels are never decoded, so a
decompression bomb costs nothing), and nothing is ever written back. The
SHA-256 is taken over exactly the bytes received.

EXIF `DateTimeOriginal` is the camera's local clock with no zone; the zone
comes from `OffsetTimeOriginal` when the camera wrote one, otherwise from the
zone given for the import. GPS time is UTC, so where both are present the
camera's offset can be checked against the stated zone.
"""

from __future__ import annotations

import hashlib
import io
import math
import warnings
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from PIL import ExifTags, Image, UnidentifiedImageError

from .errors import ImportFormatError
from .model import ParseReport, clean_text
from .sources import Opened, Source, as_source
from .zones import Localiser, resolve_zone, zone_name

MAX_IMAGE_BYTES = 256 * 1024**2
_EXIF_TIME = "%Y:%m:%d %H:%M:%S"


@dataclass(frozen=True)
class GpsFix:
    latitude: float
    longitude: float
    altitude_m: float | None = None


@dataclass(frozen=True)
class ImageEvidence:
    """What Vigil records about one image; `taken_at` is aware UTC or None."""

    name: str
    sha256: str
    size: int
    format: str | None
    mime: str | None
    width: int
    height: int
    taken_at: datetime | None
    taken_at_text: str | None
    taken_at_source: str | None
    gps: GpsFix | None
    camera: str | None


def inspect_image(
    source: Source | Opened, *, tz: str, name: str | None = None, max_bytes: int = MAX_IMAGE_BYTES
) -> tuple[ImageEvidence, ParseReport]:
    """Hash and read the metadata of one image, never modifying it."""
    zone = resolve_zone(tz)
    opened = as_source(source, name)
    report = ParseReport(format="image", source=opened.name, time_zone=zone_name(zone))
    data = opened.read_all(max_bytes, "image")
    digest = hashlib.sha256(data).hexdigest()
    image = _open(data, opened.name)
    exif = _exif(image, report)
    taken, taken_text, taken_source = _taken_at(exif, Localiser(zone, report), report)
    make, model = (
        _ifd0_text(exif, ExifTags.Base.Make, report),
        _ifd0_text(exif, ExifTags.Base.Model, report),
    )
    evidence = ImageEvidence(
        name=opened.name,
        sha256=digest,
        size=len(data),
        format=image.format,
        mime=Image.MIME.get(image.format or ""),
        width=image.width,
        height=image.height,
        taken_at=taken,
        taken_at_text=taken_text,
        taken_at_source=taken_source,
        gps=_gps(exif, report),
        camera=" ".join(p for p in (make, model) if p) or None,
    )
    image.close()
    report.complete = True
    return evidence, report


def _open(data: bytes, label: str) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data))
    except (
        UnidentifiedImageError,
        Image.DecompressionBombError,
        OSError,
        ValueError,
        SyntaxError,
    ) as exc:
        raise ImportFormatError(
            f"{label} is not an image Vigil can read ({exc})",
            hint="JPEG, PNG, GIF, WebP and TIFF are read; convert other formats (e.g. HEIC) first, "
            "keeping the original as the exhibit",
            path=label,
        ) from exc


class _NoExif(dict):  # type: ignore[type-arg]
    def get_ifd(self, _tag: int) -> dict[int, Any]:
        return {}


def _exif(image: Image.Image, report: ParseReport) -> Any:
    try:
        exif = image.getexif()
        exif.get_ifd(ExifTags.IFD.Exif)
        exif.get_ifd(ExifTags.IFD.GPSInfo)
        return exif
    except Exception as exc:  # Pillow raises many types on damaged EXIF; the image stays evidence
        report.warn(f"EXIF metadata unreadable ({type(exc).__name__}: {exc}); time and place unknown")
        return _NoExif()


def _ifd0_text(exif: Any, tag: int, report: ParseReport) -> str | None:
    value = exif.get(tag)
    if isinstance(value, bytes):
        value = value.decode("utf-8", "replace")
    if not isinstance(value, str):
        return None
    return clean_text(value.strip("\x00 "), report, f"EXIF tag {tag}") or None


def _taken_at(exif: Any, zone: Localiser, report: ParseReport) -> tuple[datetime | None, str | None, str | None]:
    details = exif.get_ifd(ExifTags.IFD.Exif)
    for tag, offset_tag, label in (
        (ExifTags.Base.DateTimeOriginal, ExifTags.Base.OffsetTimeOriginal, "DateTimeOriginal"),
        (ExifTags.Base.DateTimeDigitized, ExifTags.Base.OffsetTimeDigitized, "DateTimeDigitized"),
    ):
        text = _as_text(details.get(tag))
        if text:
            return _localise(text, _as_text(details.get(offset_tag)), label, exif, zone, report)
    text = _as_text(exif.get(ExifTags.Base.DateTime))
    if text:
        report.warn("no DateTimeOriginal; using DateTime, which editing software may have changed")
        return _localise(text, _as_text(exif.get(ExifTags.Base.OffsetTime)), "DateTime", exif, zone, report)
    return None, None, None


def _localise(
    text: str, offset: str | None, label: str, exif: Any, zone: Localiser, report: ParseReport
) -> tuple[datetime | None, str | None, str | None]:
    try:
        local = datetime.strptime(text, _EXIF_TIME)
    except ValueError:
        report.warn(f"EXIF {label} {text!r} is not a date and time")
        return None, text, label
    stated = _offset(offset)
    try:
        if stated is not None:
            instant = (local - stated).replace(tzinfo=UTC)
            zone.check_stated(stated, instant, label, f"{text} {offset}")
        else:
            instant = zone.to_utc(local, label)
            report.warn(f"the camera wrote no UTC offset; {label} read in {report.time_zone}")
    except (ValueError, OverflowError):
        report.warn(f"EXIF {label} {text!r} is outside the range of dates that can be stored")
        return None, text, label
    gps_time = _gps_time(exif)
    if gps_time is not None:
        minutes = round((local - gps_time).total_seconds() / 60)
        if abs(minutes) <= 14 * 60:
            zone.check_stated(timedelta(minutes=minutes), instant, "GPS time", text)
    return instant, text, label


def _as_text(value: Any) -> str | None:
    if isinstance(value, bytes):
        value = value.decode("ascii", "replace")
    if not isinstance(value, str):
        return None
    return value.strip("\x00 ") or None


def _offset(text: str | None) -> timedelta | None:
    if not text or len(text) != 6 or text[0] not in "+-" or text[3] != ":":
        return None
    hours, minutes = text[1:3], text[4:6]
    if not (hours.isdigit() and minutes.isdigit()):
        return None
    delta = timedelta(hours=int(hours), minutes=int(minutes))
    return -delta if text[0] == "-" else delta


def _number(value: Any) -> float | None:
    try:
        number = float(value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    return number if math.isfinite(number) else None


def _degrees(parts: Any, ref: Any, negative: str) -> float | None:
    if not isinstance(parts, tuple) or len(parts) != 3:
        return None
    numbers = [_number(p) for p in parts]
    if any(n is None for n in numbers):
        return None
    degrees, minutes, seconds = (n or 0.0 for n in numbers)
    value = degrees + minutes / 60 + seconds / 3600
    return -value if _as_text(ref) == negative else value


def _gps(exif: Any, report: ParseReport) -> GpsFix | None:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    if not gps:
        return None
    latitude = _degrees(gps.get(2), gps.get(1), "S")
    longitude = _degrees(gps.get(4), gps.get(3), "W")
    if latitude is None or longitude is None or abs(latitude) > 90 or abs(longitude) > 180:
        report.warn("GPS metadata present but not a valid position")
        return None
    altitude = _number(gps.get(6))
    if altitude is not None and gps.get(5) in (1, b"\x01"):
        altitude = -altitude
    return GpsFix(round(latitude, 7), round(longitude, 7), altitude)


def _gps_time(exif: Any) -> datetime | None:
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    day, clock = _as_text(gps.get(29)), gps.get(7)
    if not day or not isinstance(clock, tuple) or len(clock) != 3:
        return None
    numbers = [_number(p) for p in clock]
    if any(n is None for n in numbers):
        return None
    try:
        start = datetime.strptime(day, "%Y:%m:%d")
        hours, minutes, seconds = (n or 0.0 for n in numbers)
        return start + timedelta(hours=hours, minutes=minutes, seconds=seconds)
    except (ValueError, OverflowError):
        return None
