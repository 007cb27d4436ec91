"""The generic CSV importer with a column mapping."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from vigil.contract.codes import Channel
from vigil.errors import UsageError
from vigil.importers import ImportFormatError, parse


def read(text: str, tz: str = "Europe/London", **options: object):
    messages, report = parse("csv", text.encode("utf-8"), tz=tz, source_name="log.csv", **options)
    items = list(messages)
    assert report.complete
    return items, report


def test_default_columns() -> None:
    items, report = read(
        "timestamp,sender,recipient,channel,text\n"
        "2024-07-12T21:14:05,07700 900123,Sue;Mum,sms,I am outside\n"
        "2024-07-12T21:15:00+01:00,07700 900123,Sue,phone-call,missed call\n"
    )
    first, second = items
    assert first.sent_at == datetime(2024, 7, 12, 20, 14, 5, tzinfo=UTC)
    assert first.recipients == ("Sue", "Mum")
    assert first.channel is Channel.TEXT_MESSAGE
    assert first.source_ref == "log.csv:L2"
    assert second.channel is Channel.PHONE_CALL
    assert report.zone_conflicts == []


def test_column_mapping_and_format() -> None:
    items, _ = read(
        "When;From;Words;Name\n12/03/2024 21:14;dan@example.org;hello;Dan K\n",
        tz="UTC",
        columns={"timestamp": "When", "sender": "From", "text": "Words", "sender_display": "Name"},
        delimiter=";",
        timestamp_format="%d/%m/%Y %H:%M",
        default_channel="email",
    )
    assert items[0].sent_at == datetime(2024, 3, 12, 21, 14, tzinfo=UTC)
    assert items[0].channel is Channel.EMAIL
    assert items[0].sender_display == "Dan K"


def test_unix_times_and_stated_offsets() -> None:
    items, report = read(
        "timestamp,sender,text\n1710278045,a,s\n1710278045000,a,ms\n2024-03-12T21:14:05-05:00,a,ny\n",
        tz="Europe/London",
    )
    assert items[0].sent_at == items[1].sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert [(c.stated_offset, c.zone_offset) for c in report.zone_conflicts] == [("-05:00", "+00:00")]


def test_bad_rows_are_listed_with_their_lines() -> None:
    items, report = read(
        "timestamp,sender,channel,text\n"
        '2024-03-12T21:14:05,a,sms,"two\nlines"\n'
        "yesterday,a,sms,x\n"
        "2024-03-12T21:14:05,a,carrier pigeon,x\n"
        "2024-03-12T21:14:05,,sms,x\n"
        ",,,\n"
        "\n"
        "2024-03-12T21:14:05,b,,fine\n"
    )
    assert [m.text for m in items] == ["two\nlines", "fine"]
    assert items[0].source_ref == "log.csv:L2-L3"
    assert items[1].channel is Channel.OTHER
    assert [(s.line, s.reason.split(" (")[0]) for s in report.skipped] == [
        (4, "unreadable timestamp 'yesterday'"),
        (5, "unknown channel 'carrier pigeon'"),
        (6, "no sender"),
        (7, "empty row"),
    ]


def test_missing_column_names_the_columns_found() -> None:
    with pytest.raises(ImportFormatError, match=r"no column 'timestamp'.*columns: date, who, what"):
        read("date,who,what\n")


@pytest.mark.parametrize(
    "options",
    [{"columns": {"colour": "x"}}, {"delimiter": ";;"}, {"default_channel": "pigeon"}, {"nonsense": 1}],
)
def test_bad_options_are_usage_errors(options: dict) -> None:
    with pytest.raises(UsageError):
        parse("csv", b"timestamp,sender,text\n", tz="UTC", **options)


def test_empty_file_is_a_format_error() -> None:
    with pytest.raises(ImportFormatError, match="empty"):
        read("")
