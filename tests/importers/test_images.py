"""Screenshots and photos: hash, size and EXIF read without touching the file."""

from __future__ import annotations

import hashlib
import io
from datetime import UTC, datetime

import pytest
from PIL import ExifTags, Image
from PIL.TiffImagePlugin import IFDRational

from vigil.importers import ImportFormatError, inspect_image


def jpeg(
    *,
    taken: str | None = "2024:07:12 21:14:05",
    offset: str | None = None,
    gps: bool = True,
    gps_time: tuple[int, int, int] | None = None,
) -> bytes:
    """A tiny generated JPEG with the EXIF fields a phone camera writes."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "Example"
    exif[ExifTags.Base.Model] = "Phone 1"
    details = exif.get_ifd(ExifTags.IFD.Exif)
    if taken:
        details[ExifTags.Base.DateTimeOriginal] = taken
    if offset:
        details[ExifTags.Base.OffsetTimeOriginal] = offset
    if gps:
        info = exif.get_ifd(ExifTags.IFD.GPSInfo)
        info[1], info[3] = "N", "W"
        info[2] = (IFDRational(51), IFDRational(30), IFDRational(3600, 100))
        info[4] = (IFDRational(0), IFDRational(7), IFDRational(3000, 100))
        info[5], info[6] = 0, IFDRational(2500, 100)
        if gps_time:
            info[29] = "2024:07:12"
            info[7] = tuple(IFDRational(v) for v in gps_time)
    buffer = io.BytesIO()
    Image.new("RGB", (16, 8), "grey").save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_exif_time_and_place_without_modifying_the_file(tmp_path) -> None:
    path = tmp_path / "screenshot.jpg"
    path.write_bytes(jpeg(offset="+01:00"))
    path.chmod(0o444)
    before = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size, path.stat().st_mtime_ns)
    evidence, report = inspect_image(path, tz="Europe/London")
    after = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_size, path.stat().st_mtime_ns)
    assert after == before
    assert evidence.sha256 == before[0]
    assert evidence.size == before[1]
    assert (evidence.format, evidence.mime, evidence.width, evidence.height) == ("JPEG", "image/jpeg", 16, 8)
    assert evidence.taken_at == datetime(2024, 7, 12, 20, 14, 5, tzinfo=UTC)
    assert evidence.taken_at_text == "2024:07:12 21:14:05"
    assert evidence.taken_at_source == "DateTimeOriginal"
    assert evidence.gps is not None
    assert evidence.gps.latitude == pytest.approx(51.51)
    assert evidence.gps.longitude == pytest.approx(-(7 / 60 + 30 / 3600))
    assert evidence.gps.altitude_m == pytest.approx(25.0)
    assert evidence.camera == "Example Phone 1"
    assert report.zone_conflicts == [] and report.complete


def test_missing_offset_uses_the_zone_and_says_so() -> None:
    evidence, report = inspect_image(jpeg(), tz="Europe/London", name="a.jpg")
    assert evidence.taken_at == datetime(2024, 7, 12, 20, 14, 5, tzinfo=UTC)
    assert any("no UTC offset" in w for w in report.warnings)


def test_camera_offset_that_disagrees_with_the_zone_is_a_conflict() -> None:
    evidence, report = inspect_image(jpeg(offset="+03:00"), tz="Europe/London")
    assert evidence.taken_at == datetime(2024, 7, 12, 18, 14, 5, tzinfo=UTC)
    assert [(c.stated_offset, c.zone_offset) for c in report.zone_conflicts] == [("+03:00", "+01:00")]


def test_gps_time_reveals_the_camera_clock_zone() -> None:
    _, report = inspect_image(jpeg(gps_time=(18, 14, 5)), tz="Europe/London")
    assert [(c.stated_offset, c.zone_offset) for c in report.zone_conflicts] == [("+03:00", "+01:00")]


def test_png_without_metadata() -> None:
    buffer = io.BytesIO()
    Image.new("RGBA", (3, 2)).save(buffer, "PNG")
    evidence, report = inspect_image(buffer.getvalue(), tz="UTC", name="shot.png")
    assert (evidence.format, evidence.taken_at, evidence.gps, evidence.camera) == ("PNG", None, None, None)
    assert evidence.sha256 == hashlib.sha256(buffer.getvalue()).hexdigest()
    assert report.warnings == [] and report.complete


def test_nonsense_exif_date_is_reported_not_fatal() -> None:
    evidence, report = inspect_image(jpeg(taken="    :  :     "), tz="UTC")
    assert evidence.taken_at is None
    assert evidence.gps is not None
    assert any("is not a date and time" in w for w in report.warnings)


def test_not_an_image() -> None:
    with pytest.raises(ImportFormatError, match="not an image Vigil can read"):
        inspect_image(b"hello, not a picture", tz="UTC")
