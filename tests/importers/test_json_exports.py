"""Telegram Desktop, Facebook/Instagram and X archive exports."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from vigil.contract.codes import Channel
from vigil.importers import ImportFormatError, ImportLimitError, parse
from vigil.importers.facebook import fix_mojibake

from .samples import (
    facebook_thread,
    mojibake,
    telegram_chat,
    telegram_message,
    x_archive,
    x_message,
)


def read(fmt: str, data: bytes, tz: str = "Europe/London", **options: object):
    messages, report = parse(fmt, data, tz=tz, source_name="export.json", **options)
    items = list(messages)
    assert report.complete
    return items, report


def _telegram(messages: list[dict]) -> bytes:
    return json.dumps(telegram_chat(messages)).encode()


# Telegram -----------------------------------------------------------------


def test_telegram_text_as_string_and_as_entity_list() -> None:
    data = _telegram(
        [
            telegram_message(1, "plain words"),
            telegram_message(
                2,
                ["look ", {"type": "link", "text": "https://example.org"}, " ", {"type": "bold", "text": "now"}],
            ),
            telegram_message(
                3, "reply", sender="Sue", sender_id="user456", unix=1710278100, local="2024-03-12T21:15:00"
            ),
        ]
    )
    items, report = read("telegram", data)
    assert [m.text for m in items] == ["plain words", "look https://example.org now", "reply"]
    assert items[0].sender == "user123" and items[0].sender_display == "Dan"
    assert items[0].recipients == ("user456",)
    assert items[0].sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert items[0].source_ref == "export.json#/messages/0"
    assert items[0].channel is Channel.MESSAGING_APP
    assert items[0].meta["chat"] == "Dan"
    assert report.zone_conflicts == []


def test_telegram_local_date_from_another_zone_is_a_conflict() -> None:
    data = _telegram([telegram_message(1, "hi", local="2024-03-12T23:14:05")])
    items, report = read("telegram", data, tz="Europe/London")
    assert items[0].sent_at == datetime(2024, 3, 12, 21, 14, 5, tzinfo=UTC)
    assert [(c.stated_offset, c.zone_offset) for c in report.zone_conflicts] == [("+02:00", "+00:00")]


def test_telegram_without_unix_time_uses_the_zone() -> None:
    data = _telegram([telegram_message(1, "hi", unix=None, local="2024-07-12T21:14:05")])
    items, _ = read("telegram", data, tz="Europe/London")
    assert items[0].sent_at == datetime(2024, 7, 12, 20, 14, 5, tzinfo=UTC)


def test_telegram_calls_service_events_and_media() -> None:
    data = _telegram(
        [
            {
                "id": 1,
                "type": "service",
                "date_unixtime": "1710278045",
                "actor": "Dan",
                "actor_id": "user123",
                "action": "phone_call",
                "duration_seconds": 12,
                "discard_reason": "hangup",
                "text": "",
            },
            {
                "id": 2,
                "type": "service",
                "date_unixtime": "1710278046",
                "actor": "Dan",
                "actor_id": "user123",
                "action": "invite_members",
                "members": ["Mark"],
                "text": "",
            },
            telegram_message(3, "", photo="(File not included. Change data exporting settings to download.)"),
            telegram_message(4, "", file="files/voice.ogg", mime_type="audio/ogg", media_type="voice_message"),
            {"id": 5, "type": "message", "text": "no date at all"},
            "not an object",
        ]
    )
    items, report = read("telegram", data)
    call, invite, photo, voice = items
    assert call.channel is Channel.PHONE_CALL and not call.is_system
    assert call.text == "call, 12 s, hangup"
    assert invite.is_system and invite.text == "Dan invite members: Mark"
    assert photo.attachments[0].placeholder.startswith("(File not included")
    assert (voice.attachments[0].name, voice.attachments[0].mime) == ("files/voice.ogg", "audio/ogg")
    assert [(s.ref, s.reason) for s in report.skipped] == [
        ("export.json#/messages/4", "message without a usable date_unixtime or date"),
        ("export.json#/messages/5", "message entry is not a JSON object"),
    ]


def test_telegram_whole_account_export() -> None:
    data = json.dumps(
        {
            "about": "Here is the data you requested.",
            "personal_information": {"first_name": "Sue"},
            "chats": {"list": [telegram_chat([telegram_message(1, "a")]), {"name": "empty"}]},
        }
    ).encode()
    items, report = read("telegram", data)
    assert items[0].source_ref == "export.json#/chats/list/0/messages/0"
    assert report.details["chats"] == 1


def test_telegram_without_messages_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="no chat with a 'messages' list"):
        read("telegram", b'{"name": "x"}')


def test_broken_json_gives_line_and_column() -> None:
    with pytest.raises(ImportFormatError, match=r"line 2, column"):
        read("telegram", b'{"messages": [\n  {"id": 1,,}]}')


def test_json_size_limit() -> None:
    with pytest.raises(ImportLimitError, match="limit is 10 bytes"):
        read("telegram", _telegram([]), max_bytes=10)


# Facebook / Instagram -----------------------------------------------------


def test_mojibake_repair_round_trips_only() -> None:
    assert fix_mojibake(mojibake("café 😀 Zoë")) == "café 😀 Zoë"
    assert fix_mojibake("café") == "café"
    assert fix_mojibake("😀 already fine") == "😀 already fine"
    assert fix_mojibake("plain") == "plain"


def test_facebook_thread() -> None:
    data = facebook_thread(
        [
            {
                "sender_name": mojibake("Dan K"),
                "timestamp_ms": 1710278045123,
                "content": mojibake("Je sais où tu es 😠"),
            },
            {
                "sender_name": "Sue",
                "timestamp_ms": 1710278100000,
                "content": "stop",
                "photos": [{"uri": "messages/inbox/dank_123/photos/1.jpg", "creation_timestamp": 1710278100}],
            },
            {"sender_name": "Dan K", "timestamp_ms": 1710278200000, "call_duration": 0},
            {"sender_name": "Dan K", "timestamp_ms": "yesterday", "content": "x"},
        ]
    )
    items, report = read("facebook", data, tz="UTC")
    threat, photo, call = items
    assert threat.text == "Je sais où tu es 😠"
    assert threat.sender == "Dan K" and threat.recipients == ("Sue",)
    assert threat.sent_at == datetime(2024, 3, 12, 21, 14, 5, 123000, tzinfo=UTC)
    assert threat.channel is Channel.SOCIAL_MEDIA
    assert photo.attachments[0].mime == "image/jpeg"
    assert call.channel is Channel.PHONE_CALL and call.meta["call_duration_s"] == 0
    assert report.skipped[0].ref == "export.json#/messages/3"
    assert report.details["mojibake_repaired"] == 1


def test_facebook_repair_can_be_turned_off() -> None:
    data = facebook_thread([{"sender_name": "Dan", "timestamp_ms": 1, "content": mojibake("où")}])
    items, _ = read("facebook", data, repair_mojibake=False)
    assert items[0].text == mojibake("où")


def test_facebook_without_messages_is_refused() -> None:
    with pytest.raises(ImportFormatError, match="'messages' is missing"):
        read("facebook", b'{"participants": []}')


# X archive ------------------------------------------------------------------


def test_x_direct_messages() -> None:
    data = x_archive(
        [
            {
                "dmConversation": {
                    "conversationId": "111-222",
                    "messages": [
                        x_message("9", "111", "222", "I made a new account", "2024-03-12T21:14:05.123Z"),
                        x_message("10", "222", None, "blocked", "2024-03-12T21:20:00.000Z"),
                        {
                            "joinConversation": {
                                "initiatingUserId": "111",
                                "participantsSnapshot": [],
                                "createdAt": "2024-03-12T21:00:00.000Z",
                            }
                        },
                        {"messageCreate": {"senderId": "111", "createdAt": "not a time"}},
                    ],
                }
            },
            {"somethingElse": {}},
        ]
    )
    items, report = read("x-archive", data, tz="UTC")
    first, second, joined = items
    assert first.sender == "111" and first.recipients == ("222",)
    assert first.sent_at == datetime(2024, 3, 12, 21, 14, 5, 123000, tzinfo=UTC)
    assert first.channel is Channel.SOCIAL_MEDIA
    assert first.source_ref == "export.json#/0/dmConversation/messages/0"
    assert second.recipients == ("111",)
    assert joined.is_system and joined.text == "111 joined the conversation"
    assert report.details["part"] == "direct_messages.part0"
    assert len(report.skipped) == 2


def test_x_file_without_the_prefix_is_refused() -> None:
    with pytest.raises(ImportFormatError, match=r"window\.YTD\.direct_messages"):
        read("x-archive", b"window.YTD.tweets.part0 = []")
