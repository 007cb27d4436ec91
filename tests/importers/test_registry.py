"""The format registry: detection, options, zones and sources."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator

import pytest
from PIL import Image

from vigil.errors import NotFoundError, UsageError
from vigil.importers import ImportFormatError, Probe, detect, formats, parse, register
from vigil.importers.model import Message

from .samples import (
    WHATSAPP_ANDROID,
    email_message,
    facebook_thread,
    mbox,
    sms,
    sms_xml,
    telegram_chat,
    telegram_message,
    whatsapp_zip,
    x_archive,
)


@pytest.mark.parametrize(
    ("data", "name", "expected"),
    [
        (WHATSAPP_ANDROID.encode(), "chat.txt", "whatsapp"),
        (whatsapp_zip(), "export.zip", "whatsapp"),
        (sms_xml([sms("hi")]), "sms-20240312.xml", "sms-backup"),
        (email_message().encode(), "threat.eml", "email"),
        (mbox([email_message()]), "upload", "email"),
        (json.dumps(telegram_chat([telegram_message(1, "x")])).encode(), "result.json", "telegram"),
        (facebook_thread([{"sender_name": "a", "timestamp_ms": 1, "content": "x"}]), "message_1.json", "facebook"),
        (x_archive([]), "direct-messages.js", "x-archive"),
        (b"timestamp,sender,text\n2024-01-01,a,b\n", "log.csv", "csv"),
    ],
)
def test_detect(data: bytes, name: str, expected: str) -> None:
    assert detect(data, name=name) == expected


def test_detect_refuses_unknown_input_and_points_images_elsewhere() -> None:
    with pytest.raises(ImportFormatError, match="not a message export"):
        detect(b"\x00\x01 random", name="blob.bin")
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2)).save(buffer, "PNG")
    with pytest.raises(ImportFormatError) as caught:
        detect(buffer.getvalue(), name="shot.png")
    assert "image" in (caught.value.hint or "")


def test_every_builtin_format_is_registered() -> None:
    assert set(formats()) == {"whatsapp", "sms-backup", "email", "telegram", "facebook", "x-archive", "csv"}


def test_unknown_format_zone_option_and_path_are_usage_errors(tmp_path) -> None:
    with pytest.raises(UsageError, match="unknown import format"):
        parse("myspace", b"", tz="UTC")
    with pytest.raises(UsageError, match="unknown time zone"):
        parse("whatsapp", b"", tz="Europe/Londres")
    with pytest.raises(UsageError, match="time zone is required"):
        parse("whatsapp", b"", tz="")
    with pytest.raises(UsageError, match="does not take those options") as caught:
        parse("whatsapp", b"", tz="UTC", owner="me")
    assert "day_first" in (caught.value.hint or "")
    with pytest.raises(NotFoundError):
        parse("whatsapp", tmp_path / "missing.txt", tz="UTC")
    with pytest.raises(UsageError, match="is not a file"):
        parse("whatsapp", tmp_path, tz="UTC")


def test_a_new_format_is_one_register_call() -> None:
    from datetime import UTC, datetime

    from vigil.contract.codes import Channel

    def detect_lines(probe: Probe) -> int:
        return 99 if probe.head.startswith(b"LINES\n") else 0

    def parse_lines(source, report, zone) -> Iterator[Message]:
        with source.open() as stream:
            for number, line in enumerate(stream.read().decode().splitlines()[1:], 2):
                yield Message(
                    source_ref=f"{source.name}:L{number}",
                    sent_at=datetime(2024, 1, 1, tzinfo=UTC),
                    sent_at_text="",
                    sender="x",
                    channel=Channel.OTHER,
                    text=line,
                )

    register("test-lines", detect_lines, parse_lines)
    try:
        data = b"LINES\na\nb\n"
        assert detect(data) == "test-lines"
        messages, report = parse("test-lines", data, tz="UTC")
        assert [m.text for m in messages] == ["a", "b"]
        assert report.messages == 2 and report.complete
    finally:
        from vigil.importers import registry

        registry._FORMATS.pop("test-lines")
