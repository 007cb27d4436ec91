"""SMS Backup & Restore XML: records, surrogate-pair repair, streaming and hostile input."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from vigil.contract.codes import Channel
from vigil.importers import ImportFormatError, ImportLimitError, parse, xmlfilter

from .samples import SUSPECT_NUMBER, VICTIM_NUMBER, call, mms, sms, sms_xml


def read(data: bytes, tz: str = "Europe/London", **options: object):
    messages, report = parse("sms-backup", data, tz=tz, source_name="sms.xml", **options)
    items = list(messages)
    assert report.complete
    return items, report


def test_received_and_sent_texts_with_the_owner_side_named() -> None:
    data = sms_xml(
        [
            sms("You can&apos;t hide"),
            sms("Leave me alone", kind=2, date_ms=1710279000000, readable="12 Mar 2024 21:30:00"),
        ]
    )
    items, report = read(data, owner=VICTIM_NUMBER)
    received, sent = items
    assert received.sender == SUSPECT_NUMBER and received.sender_display == "Dan"
    assert received.recipients == (VICTIM_NUMBER,)
    assert received.text == "You can't hide"
    assert received.sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert received.sent_at_text == "1710278045000"
    assert received.channel is Channel.TEXT_MESSAGE
    assert received.source_ref == "sms.xml:L3:sms[1]"
    assert received.meta["status"] == "received"
    assert sent.sender == VICTIM_NUMBER and sent.recipients == (SUSPECT_NUMBER,)
    assert report.details["records"] == 2
    assert report.zone_conflicts == []
    assert report.warnings == []


def test_surrogate_pair_entities_become_the_real_emoji() -> None:
    items, report = read(sms_xml([sms("hi &#55357;&#56832; and &#xD83D;&#xDE21;&#10;bye")]))
    assert items[0].text == "hi 😀 and 😡\nbye"
    assert report.details["surrogate_pairs_joined"] == 2


def test_lone_surrogates_and_forbidden_references_are_replaced_and_reported() -> None:
    items, report = read(sms_xml([sms("a&#55357;b&#1;c&#56832;")]))
    assert items[0].text == "a\ufffdb\ufffdc\ufffd"
    assert report.details["invalid_references_replaced"] == 3
    assert any("replaced with U+FFFD" in w for w in report.warnings)


def test_raw_control_characters_are_replaced_and_reported() -> None:
    data = sms_xml([sms("bell\x07here")])
    items, report = read(data)
    assert items[0].text == "bell\ufffdhere"
    assert report.details["control_characters_replaced"] == 1


@pytest.mark.parametrize("chunk", [1, 5, 13, 64, 4096])
def test_repair_is_identical_whatever_the_read_size(monkeypatch, chunk: int) -> None:
    body = "".join("&#55357;&#56832;" if i % 3 else "x&#10;" for i in range(200))
    data = sms_xml([sms(body), sms("second &#55357;&#56832;")])
    expected, _ = read(data)
    monkeypatch.setattr(xmlfilter, "CHUNK", chunk)
    items, report = read(data)
    assert [m.text for m in items] == [m.text for m in expected]
    assert report.details["surrogate_pairs_joined"] == 134


def test_mms_keeps_text_parts_addresses_and_hashes_media() -> None:
    image = b"\x89PNG fake image bytes"
    items, _ = read(sms_xml([mms("look at this", image)]), owner=VICTIM_NUMBER)
    message = items[0]
    assert message.text == "look at this"
    assert message.sender == SUSPECT_NUMBER
    assert message.recipients == (VICTIM_NUMBER,)
    assert len(message.attachments) == 1
    attachment = message.attachments[0]
    assert (attachment.name, attachment.mime, attachment.size) == ("IMG_0001.jpg", "image/jpeg", len(image))
    assert attachment.sha256 == hashlib.sha256(image).hexdigest()


def test_sent_mms_is_from_the_owner() -> None:
    items, _ = read(sms_xml([mms("from me", b"x", box=2)]), owner="me")
    assert items[0].sender == "me"


def test_call_log() -> None:
    items, _ = read(sms_xml([call(3, 0), call(1, 35)], root="calls"), owner="me")
    missed, answered = items
    assert missed.channel is Channel.PHONE_CALL
    assert missed.text == "missed call, 0 s"
    assert missed.sender == SUSPECT_NUMBER and missed.recipients == ("me",)
    assert answered.meta["duration_s"] == 35


def test_readable_date_that_disagrees_with_the_zone_is_a_conflict() -> None:
    data = sms_xml([sms("hi", readable="12 Mar 2024 22:14:05"), sms("again", readable="12 Mar 2024 22:14:05")])
    _, report = read(data, tz="Europe/London")
    assert len(report.zone_conflicts) == 1
    conflict = report.zone_conflicts[0]
    assert (conflict.stated_offset, conflict.zone_offset, conflict.count) == ("+01:00", "+00:00", 2)
    _, report = read(data, tz="Europe/Paris")
    assert report.zone_conflicts == []


def test_record_without_a_date_is_skipped_with_its_line() -> None:
    data = sms_xml([sms("fine"), sms("broken").replace('date="1710278045000"', 'date="soon"')])
    items, report = read(data)
    assert len(items) == 1
    assert report.skipped[0].line == 4
    assert "no usable date" in report.skipped[0].reason


def test_count_mismatch_is_warned() -> None:
    _, report = read(sms_xml([sms("one")], count=5))
    assert report.warnings == ["the backup says it holds 5 records but 1 were found"]


@pytest.mark.parametrize(
    "payload",
    [
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;">]>'
        '<smses count="1"><sms date="1" body="&lol2;"/></smses>',
        '<?xml version="1.0"?><!DOCTYPE smses [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        '<smses count="1"><sms date="1" body="&xxe;"/></smses>',
    ],
)
def test_doctype_and_entities_are_refused(payload: str) -> None:
    with pytest.raises(ImportFormatError, match="DOCTYPE"):
        read(payload.encode())


@pytest.mark.parametrize("encoding", ["utf-16", "utf-7"])
def test_other_encodings_cannot_smuggle_a_doctype(encoding: str) -> None:
    payload = (
        f'<?xml version="1.0" encoding="{encoding}"?><!DOCTYPE smses [<!ENTITY a "boom">]>'
        '<smses count="1"><sms date="1710278045000" type="1" body="&a;"/></smses>'
    )
    with pytest.raises(ImportFormatError):
        read(payload.encode(encoding))


def test_doctype_split_across_reads_is_still_refused(monkeypatch) -> None:
    monkeypatch.setattr(xmlfilter, "CHUNK", 3)
    with pytest.raises(ImportFormatError, match="DOCTYPE"):
        read(b'<?xml version="1.0"?><!DOCTYPE smses><smses/>')


def test_wrong_root_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="root element <html>"):
        read(b"<html><body>hello</body></html>")


def test_truncated_file_is_refused_with_a_line() -> None:
    data = sms_xml([sms("one"), sms("two")])
    with pytest.raises(ImportFormatError, match="not well-formed XML at line"):
        read(data[: len(data) - 30])


def test_records_outside_the_root_are_listed() -> None:
    data = b'<smses count="1"><group><sms date="1710278045000" body="x" type="1"/></group></smses>'
    items, report = read(data)
    assert items == []
    assert "inside <group>" in report.skipped[0].reason


def test_endless_reference_run_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(xmlfilter, "MAX_CARRY", 1000)
    monkeypatch.setattr(xmlfilter, "CHUNK", 100)
    data = b'<smses count="1"><sms date="1" body="' + b"&#65;" * 2000 + b'"/></smses>'
    with pytest.raises(ImportLimitError, match="unbroken character references"):
        read(data)


def test_empty_owner_is_a_usage_error() -> None:
    from vigil.errors import UsageError

    with pytest.raises(UsageError):
        parse("sms-backup", sms_xml([sms("x")]), tz="UTC", owner="  ")
