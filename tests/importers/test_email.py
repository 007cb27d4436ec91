"""E-mail: single .eml files and mbox mailboxes."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from email.message import EmailMessage

import pytest

from vigil.contract.codes import Channel
from vigil.importers import ImportLimitError, parse

from .samples import email_message, mbox


def read(data: bytes, name: str = "inbox.mbox", tz: str = "Europe/London", **options: object):
    messages, report = parse("email", data, tz=tz, source_name=name, **options)
    items = list(messages)
    assert report.complete
    return items, report


def test_single_eml_keeps_headers_and_body() -> None:
    items, report = read(email_message().encode(), name="threat.eml")
    message = items[0]
    assert report.details["container"] == "eml"
    assert message.source_ref == "threat.eml"
    assert message.sender == "dan.k@example.org"
    assert message.sender_display == "Dan K"
    assert message.recipients == ("sue@example.net",)
    assert message.channel is Channel.EMAIL
    assert message.text == "You can't hide from me.\n"
    assert message.sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert message.sent_at_text == "Tue, 12 Mar 2024 21:14:05 +0000"
    assert message.meta["message-id"] == "<1@example.org>"
    assert message.meta["subject"] == "We need to talk"
    assert message.meta["from"] == "Dan K <dan.k@example.org>"


def test_mbox_splits_messages_with_their_lines_and_unescapes_from() -> None:
    data = mbox(
        [
            email_message(body="From the car park I saw you.\nbye\n"),
            email_message(date="Wed, 13 Mar 2024 08:00:00 +0000", message_id="<2@example.org>"),
        ]
    )
    items, report = read(data)
    assert report.details["container"] == "mbox"
    assert [m.source_ref for m in items] == ["inbox.mbox#1:L1", "inbox.mbox#2:L12"]
    assert items[0].text == "From the car park I saw you.\nbye\n"
    assert items[1].meta["message-id"] == "<2@example.org>"


def test_html_only_body_is_stripped_to_text() -> None:
    message = EmailMessage()
    message["From"] = "dan.k@example.org"
    message["Date"] = "Tue, 12 Mar 2024 21:14:05 +0000"
    message.set_content(
        "<html><head><style>p {color: red}</style></head><body><p>I am&nbsp;watching</p>"
        "<script>alert(1)</script><div>always</div></body></html>",
        subtype="html",
    )
    items, _ = read(message.as_bytes(), name="x.eml")
    assert items[0].text == "I am watching\n\nalways"


def test_plain_part_is_preferred_and_attachments_hashed() -> None:
    message = EmailMessage()
    message["From"] = "dan.k@example.org"
    message["To"] = "sue@example.net, Mum <mum@example.net>"
    message["Cc"] = "friend@example.net"
    message["Date"] = "Tue, 12 Mar 2024 21:14:05 +0000"
    message.set_content("plain words")
    message.add_alternative("<p>html words</p>", subtype="html")
    photo = b"\xff\xd8\xff fake jpeg"
    message.add_attachment(photo, maintype="image", subtype="jpeg", filename="car.jpg")
    items, _ = read(message.as_bytes(), name="x.eml")
    assert items[0].text == "plain words\n"
    assert items[0].recipients == ("sue@example.net", "mum@example.net", "friend@example.net")
    (attachment,) = items[0].attachments
    assert (attachment.name, attachment.mime, attachment.size) == ("car.jpg", "image/jpeg", len(photo))
    assert attachment.sha256 == hashlib.sha256(photo).hexdigest()


def test_missing_or_broken_dates_are_listed() -> None:
    data = mbox([email_message(date=None), email_message(date="the day after tomorrow"), email_message()])
    items, report = read(data)
    assert len(items) == 1
    assert [s.reason for s in report.skipped] == [
        "e-mail without a Date header",
        "unreadable Date header 'the day after tomorrow'",
    ]
    assert [s.line for s in report.skipped] == [1, 10]


def test_unknown_offset_is_read_in_the_zone_with_a_warning() -> None:
    items, report = read(email_message(date="Fri, 12 Jul 2024 21:14:05 -0000").encode(), name="a.eml")
    assert items[0].sent_at == datetime(2024, 7, 12, 20, 14, 5, tzinfo=UTC)
    assert "no known offset" in report.warnings[0]


def test_offset_that_differs_from_the_zone_is_a_conflict() -> None:
    items, report = read(email_message(date="Tue, 12 Mar 2024 21:14:05 -0500").encode(), name="a.eml")
    assert items[0].sent_at == datetime(2024, 3, 13, 2, 14, 5, tzinfo=UTC)
    assert [(c.stated_offset, c.zone_offset) for c in report.zone_conflicts] == [("-05:00", "+00:00")]


def test_undecodable_header_bytes_are_replaced_and_reported() -> None:
    raw = email_message(subject="x").encode().replace(b"Subject: x", b"Subject: caf\xe9")
    items, report = read(raw, name="a.eml")
    assert items[0].meta["subject"] == "caf\ufffd"
    assert report.details["emails_with_defects"] == 1
    assert "Subject: bytes that are not text" in report.warnings[0]


def test_oversized_message_is_refused() -> None:
    data = email_message(body="x" * 5000).encode()
    with pytest.raises(ImportLimitError, match="larger than 1,000 bytes"):
        read(data, name="a.eml", max_message_bytes=1000)
