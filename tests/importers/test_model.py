"""The common message model: canonical hashing and the parse report."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

import orjson
import pytest

from vigil.contract.codes import Channel
from vigil.importers.model import (
    MAX_LISTED,
    Attachment,
    Message,
    ParseReport,
    clean_text,
    iso_utc,
)


def _message(**changes: object) -> Message:
    base = Message(
        source_ref="chat.txt:L2",
        sent_at=datetime(2024, 3, 12, 21, 14, tzinfo=UTC),
        sent_at_text="12/03/2024, 21:14",
        sender="Dan",
        channel=Channel.MESSAGING_APP,
        text="You can't ignore me",
        recipients=("Sue",),
        attachments=(Attachment(name="a.jpg", mime="image/jpeg"),),
        meta={"deleted": False},
    )
    return replace(base, **changes) if changes else base


def test_hash_is_sha256_of_the_canonical_json() -> None:
    message = _message()
    assert message.canonical_hash == hashlib.sha256(message.canonical_json()).hexdigest()
    decoded = orjson.loads(message.canonical_json())
    assert decoded["format"] == "vigil.message/1"
    assert decoded["sent_at"] == "2024-03-12T21:14:00Z"
    assert list(decoded) == sorted(decoded)
    assert message.canonical_json() == orjson.dumps(decoded, option=orjson.OPT_SORT_KEYS)
    assert message.canonical_json().startswith(b'{"attachments":[{"mime":"image/jpeg",')


@pytest.mark.parametrize(
    "change",
    [
        {"source_ref": "chat.txt:L3"},
        {"sent_at": datetime(2024, 3, 12, 21, 15, tzinfo=UTC)},
        {"sent_at_text": "12/03/2024, 21:15"},
        {"sender": "Dan K"},
        {"sender_display": "Daniel"},
        {"recipients": ("Sue", "Mark")},
        {"channel": Channel.TEXT_MESSAGE},
        {"text": "You can't ignore me!"},
        {"attachments": ()},
        {"is_system": True},
        {"meta": {"deleted": True}},
    ],
)
def test_every_field_is_covered_by_the_hash(change: dict) -> None:
    assert _message(**change).canonical_hash != _message().canonical_hash


def test_same_instant_in_another_zone_hashes_the_same() -> None:
    plus_one = timezone(timedelta(hours=1))
    moved = _message(sent_at=datetime(2024, 3, 12, 22, 14, tzinfo=plus_one))
    assert moved.sent_at.tzinfo is UTC
    assert moved.canonical_hash == _message().canonical_hash


def test_naive_times_are_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        _message(sent_at=datetime(2024, 3, 12, 21, 14))


def test_iso_utc_has_one_spelling_per_instant() -> None:
    assert iso_utc(datetime(2024, 1, 1, tzinfo=UTC)) == "2024-01-01T00:00:00Z"
    assert iso_utc(datetime(2024, 1, 1, 1, tzinfo=timezone(timedelta(hours=1)))) == ("2024-01-01T00:00:00Z")


def test_report_lists_skips_up_to_a_cap_and_counts_the_rest() -> None:
    report = ParseReport(format="x", source="f.txt", time_zone="UTC")
    for line in range(MAX_LISTED + 5):
        report.skip(line, "bad", "x" * 300)
    assert report.skipped_total == MAX_LISTED + 5
    assert len(report.skipped) == MAX_LISTED
    assert report.skipped[3].ref == "f.txt:L3"
    assert report.skipped[0].excerpt.endswith("…") and len(report.skipped[0].excerpt) == 201
    assert report.as_dict()["unlisted"]["skipped"] == 5


def test_zone_conflicts_are_aggregated_per_offset_pair() -> None:
    report = ParseReport(format="x", source="f", time_zone="Europe/London")
    for ref in ("a", "b", "c"):
        report.zone_conflict(timedelta(hours=2), timedelta(0), ref, "example")
    report.zone_conflict(timedelta(hours=-5), timedelta(0), "d", "other")
    assert [(c.stated_offset, c.zone_offset, c.count, c.first_ref) for c in report.zone_conflicts] == [
        ("+02:00", "+00:00", 3, "a"),
        ("-05:00", "+00:00", 1, "d"),
    ]


def test_clean_text_replaces_lone_surrogates_and_says_so() -> None:
    report = ParseReport(format="x", source="f", time_zone="UTC")
    assert clean_text("fine ✓", report, "here") == "fine ✓"
    assert report.warnings == []
    fixed = clean_text("bad \udc80 byte and a \ud83d\ude00 pair", report, "here")
    assert fixed == "bad \ufffd byte and a 😀 pair"
    assert report.details["characters_replaced"] == 1
    assert "here" in report.warnings[0]
