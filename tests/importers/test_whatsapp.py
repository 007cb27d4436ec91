"""WhatsApp exports: header styles, clocks, date order, multi-line messages, system lines, zips."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import UTC, datetime

import pytest

from vigil.contract.codes import Channel
from vigil.importers import ImportFormatError, ImportLimitError, parse
from vigil.importers import whatsapp as whatsapp_module
from vigil.importers.safezip import ZipLimits

from .samples import WHATSAPP_ANDROID, WHATSAPP_IOS, whatsapp_zip


def read(data: bytes | str, tz: str = "Europe/London", **options: object):
    raw = data.encode("utf-8") if isinstance(data, str) else data
    messages, report = parse("whatsapp", raw, tz=tz, source_name="chat.txt", **options)
    items = list(messages)
    assert report.complete
    assert report.messages == len(items)
    return items, report


def test_android_export_reads_every_message_with_its_lines() -> None:
    items, report = read(WHATSAPP_ANDROID)
    assert [m.source_ref for m in items] == [
        "chat.txt:L1",
        "chat.txt:L2",
        "chat.txt:L3-L4",
        "chat.txt:L5",
        "chat.txt:L6",
        "chat.txt:L7",
        "chat.txt:L8",
        "chat.txt:L9",
    ]
    encrypted, first, multi, reply, media, deleted, added, late = items
    assert encrypted.is_system and encrypted.sender == ""
    assert first.sender == "Dan" and first.text == "You can't ignore me forever"
    assert first.recipients == ("Sue",)
    assert first.channel is Channel.MESSAGING_APP
    assert multi.text == "I know where you work\nand I know when you finish"
    assert reply.sender == "Sue" and not reply.is_system
    assert media.attachments[0].placeholder == "<Media omitted>"
    assert not media.attachments[0].present
    assert deleted.meta == {"deleted": True} and not deleted.is_system
    assert added.is_system and added.text == "Dan added Mark"
    assert late.sent_at == datetime(2024, 3, 25, 23, 59, tzinfo=UTC)
    assert report.details["day_first"] is True
    assert report.skipped_total == 0


def test_times_are_converted_from_the_stated_zone() -> None:
    summer = "12/07/2024, 21:14 - Dan: hello\n13/07/2024, 08:00 - Dan: again\n"
    items, _ = read(summer, tz="Europe/London")
    assert items[0].sent_at == datetime(2024, 7, 12, 20, 14, tzinfo=UTC)
    assert items[0].sent_at_text == "12/07/2024, 21:14"
    items, report = read(summer, tz="UTC")
    assert items[0].sent_at == datetime(2024, 7, 12, 21, 14, tzinfo=UTC)
    assert report.time_zone == "UTC"


def test_ios_export_with_narrow_no_break_space_and_direction_marks() -> None:
    items, report = read(WHATSAPP_IOS, tz="UTC")
    assert report.details["header_style"] == "ios"
    assert report.details["day_first"] is False
    assert items[0].sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert items[0].sent_at_text == "3/12/24, 9:14:05\u202fPM"
    assert items[1].attachments[0].placeholder == "image omitted"
    assert items[2].sender == "+44\u00a07700\u00a0900456"
    assert items[3].attachments[0].name == "00000012-PHOTO-2024-03-13-07-02-00.jpg"
    assert items[3].attachments[0].mime == "image/jpeg"
    assert items[4].sent_at == datetime(2024, 3, 25, 23, 59, 59, tzinfo=UTC)


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("3/12/24, 9:14 PM - ", datetime(2024, 3, 12, 21, 14)),
        ("3/12/24, 12:05 AM - ", datetime(2024, 3, 12, 0, 5)),
        ("3/12/24, 12:05 PM - ", datetime(2024, 3, 12, 12, 5)),
        ("3/12/24, 9:14\u202fp.\u00a0m. - ", datetime(2024, 3, 12, 21, 14)),
        ("2024-03-12, 21:14 - ", datetime(2024, 3, 12, 21, 14)),
        ("[2024/03/12, 21:14:09] ", datetime(2024, 3, 12, 21, 14, 9)),
    ],
)
def test_clock_styles(header: str, expected: datetime) -> None:
    text = (
        f"{header}Dan: hi\n"
        + header.replace("3/12", "3/13").replace("03/12", "03/13").replace("-03-12", "-03-13")
        + "Dan: again\n"
    )
    items, _ = read(text, tz="UTC", day_first=False)
    assert items[0].sent_at == expected.replace(tzinfo=UTC)


def test_day_order_is_inferred_from_a_late_line_not_the_first() -> None:
    lines = [f"0{d}/0{d + 1}/2024, 10:00 - Dan: message {d}" for d in range(1, 8)]
    lines.append("20/03/2024, 10:00 - Dan: the line that decides")
    items, report = read("\n".join(lines) + "\n")
    assert report.details["day_first"] is True
    assert report.details["day_first_source"] == "inferred from line 8"
    assert items[0].sent_at.date().isoformat() == "2024-02-01"


def test_month_first_is_inferred_when_the_second_field_exceeds_twelve() -> None:
    items, report = read("01/02/2024, 10:00 - Dan: a\n02/13/2024, 10:00 - Dan: b\n")
    assert report.details["day_first"] is False
    assert items[0].sent_at.date().isoformat() == "2024-01-02"


def test_undecidable_order_uses_the_stated_default_and_warns() -> None:
    text = "01/02/2024, 10:00 - Dan: a\n03/04/2024, 10:00 - Dan: b\n"
    items, report = read(text)
    assert report.details["day_first_source"] == "default"
    assert any("cannot be inferred" in w for w in report.warnings)
    assert items[0].sent_at.month == 2
    items, _ = read(text, default_day_first=False)
    assert items[0].sent_at.month == 1


def test_mixed_day_orders_are_refused_with_both_lines() -> None:
    with pytest.raises(ImportFormatError, match=r"line 1.*line 2"):
        read("13/01/2024, 10:00 - Dan: a\n01/13/2024, 10:00 - Dan: b\n")


def test_forcing_the_order_lists_the_lines_that_cannot_fit() -> None:
    items, report = read("13/01/2024, 10:00 - Dan: a\n01/13/2024, 10:00 - Dan: b\nstill b\n", day_first=True)
    assert [m.text for m in items] == ["a"]
    assert [(s.line, s.reason[:30]) for s in report.skipped] == [
        (2, "header with an impossible date"),
        (3, "continues the skipped message "),
    ]
    assert any("as asked" in w for w in report.warnings)


def test_text_before_the_first_header_is_listed_not_dropped() -> None:
    items, report = read("exported by someone\n\n12/03/2024, 21:14 - Dan: hi\n")
    assert len(items) == 1
    assert [(s.line, s.excerpt) for s in report.skipped] == [(1, "exported by someone")]


def test_lines_of_the_other_header_style_stay_message_text() -> None:
    text = "12/03/2024, 21:14 - Dan: quoting\n[12/03/2024, 21:00:00] Sue: old words\n"
    items, report = read(text)
    assert items[0].text == "quoting\n[12/03/2024, 21:00:00] Sue: old words"
    assert any("other phone style" in w for w in report.warnings)


def test_invalid_utf8_is_replaced_and_reported_with_its_line() -> None:
    items, report = read(b"12/03/2024, 21:14 - Dan: bad \xff byte\n")
    assert items[0].text == "bad \ufffd byte"
    assert "chat.txt:L1: bytes that are not UTF-8 became U+FFFD" in report.warnings
    assert report.details["characters_replaced"] == 1


def test_clock_changes_are_reported() -> None:
    _, report = read("31/03/2024, 01:30 - Dan: gap\n27/10/2024, 01:30 - Dan: twice\n")
    assert any("does not exist" in w for w in report.warnings)
    assert any("happens twice" in w for w in report.warnings)


def test_no_headers_at_all_is_a_clear_error() -> None:
    with pytest.raises(ImportFormatError, match="no WhatsApp message headers"):
        read("just some notes\nabout nothing\n")


def test_overlong_line_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatsapp_module, "MAX_LINE_BYTES", 100)
    with pytest.raises(ImportLimitError, match="line 2 is longer"):
        read("12/03/2024, 21:14 - Dan: hi\n" + "x" * 500 + "\n")


def test_zip_export_hashes_the_media_it_holds() -> None:
    photo = b"\xff\xd8\xff\xe0 not really a jpeg"
    data = whatsapp_zip(media={"00000012-PHOTO-2024-03-13-07-02-00.jpg": photo})
    messages, report = parse("whatsapp", data, tz="UTC", source_name="export.zip")
    items = list(messages)
    assert report.details["chat_file"] == "export.zip!_chat.txt"
    assert items[0].source_ref == "export.zip!_chat.txt:L1"
    attached = items[3].attachments[0]
    assert attached.present
    assert attached.size == len(photo)
    assert attached.sha256 == hashlib.sha256(photo).hexdigest()
    assert not items[1].attachments[0].present


def test_android_zip_with_a_named_chat_file() -> None:
    data = whatsapp_zip(chat=WHATSAPP_ANDROID, chat_name="WhatsApp Chat with Dan.txt")
    messages, _ = parse("whatsapp", data, tz="UTC")
    assert len(list(messages)) == 8


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.parametrize("name", ["../../etc/passwd", "/abs/path.txt", "C:/windows/x", "a/../../b"])
def test_zip_path_traversal_is_refused(name: str) -> None:
    data = _zip({"_chat.txt": WHATSAPP_IOS.encode(), name: b"x"})
    with pytest.raises(ImportLimitError, match="refused"):
        list(parse("whatsapp", data, tz="UTC")[0])


def test_zip_bomb_ratio_is_refused() -> None:
    data = _zip({"_chat.txt": WHATSAPP_IOS.encode(), "bomb.bin": b"\0" * (8 * 1024**2)})
    with pytest.raises(ImportLimitError, match="expands"):
        list(parse("whatsapp", data, tz="UTC")[0])


def test_zip_total_size_is_capped() -> None:
    data = _zip({"_chat.txt": WHATSAPP_IOS.encode(), "a.bin": bytes(range(256)) * 64})
    limits = ZipLimits(max_total_bytes=10_000)
    with pytest.raises(ImportLimitError, match="unpacks to more than"):
        list(parse("whatsapp", data, tz="UTC", zip_limits=limits)[0])


def test_zip_without_a_recognisable_chat_is_refused() -> None:
    data = _zip({"notes.txt": b"a", "other.txt": b"b"})
    with pytest.raises(ImportFormatError, match="cannot tell which file is the chat"):
        list(parse("whatsapp", data, tz="UTC")[0])


def test_damaged_zip_is_a_format_error() -> None:
    data = whatsapp_zip()
    with pytest.raises(ImportFormatError):
        list(parse("whatsapp", data[: len(data) // 2], tz="UTC")[0])


def test_reading_from_a_path_leaves_the_file_untouched(tmp_path) -> None:
    path = tmp_path / "chat.txt"
    path.write_text(WHATSAPP_ANDROID, encoding="utf-8")
    path.chmod(0o444)
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    messages, report = parse("whatsapp", path, tz="Europe/London")
    assert len(list(messages)) == 8
    assert report.source == "chat.txt"
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before


def test_zip_member_with_an_empty_name_is_refused() -> None:
    """Found by fuzzing: the stdlib's ZipInfo.is_dir() crashes on an empty name."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_chat.txt", WHATSAPP_IOS)
        archive.writestr(zipfile.ZipInfo(""), b"x")
    with pytest.raises(ImportLimitError, match="has an empty name"):
        list(parse("whatsapp", buffer.getvalue(), tz="UTC")[0])
