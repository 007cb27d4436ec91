"""Fuzzing every parser: any input gives messages or an ImportFormatError, never a crash or a hang.

Three kinds of input per format: arbitrary bytes; a real-format seed sample
with random bytes overwritten, inserted or deleted (reaching deep into the
parser); and, for the JSON formats, valid JSON of the wrong shape. Round-trip
properties check that what a parser reads back is what was written.
"""

from __future__ import annotations

import io
import json
import os
import signal
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from vigil.contract.codes import Channel
from vigil.importers import ImportFormatError, group_into_incidents, inspect_image, parse
from vigil.importers.model import Message

from .samples import (
    WHATSAPP_ANDROID,
    WHATSAPP_IOS,
    call,
    email_message,
    facebook_thread,
    mbox,
    mms,
    mojibake,
    sms,
    sms_xml,
    telegram_chat,
    telegram_message,
    whatsapp_zip,
    x_archive,
    x_message,
)

# VIGIL_FUZZ_EXAMPLES=5000 runs a deep campaign; the default keeps the suite fast.
FUZZ = settings(
    max_examples=int(os.environ.get("VIGIL_FUZZ_EXAMPLES", "100")),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Hang(Exception):
    """Raised by the alarm: a parser took far longer than any input this small deserves."""


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def stop(_signum: int, _frame: object) -> None:
        raise Hang(f"parser still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def consume(fmt: str, data: bytes, name: str = "fuzz", **options: object) -> list[Message] | None:
    """Parse to the end; the only acceptable failure is an ImportFormatError with a message."""
    try:
        with time_limit(20):
            messages, report = parse(fmt, data, tz="Europe/London", source_name=name, **options)
            items = list(messages)
    except ImportFormatError as error:
        assert error.message
        return None
    assert report.complete and report.messages == len(items)
    for message in items:
        assert message.sent_at.tzinfo is UTC
        assert len(message.canonical_hash) == 64
        message.canonical_json()
    report.as_dict()
    return items


SEEDS = {
    "whatsapp": [WHATSAPP_ANDROID.encode(), WHATSAPP_IOS.encode(), whatsapp_zip()],
    "sms-backup": [
        sms_xml([sms("hi &#55357;&#56832;"), mms("look", b"\x89PNG")]),
        sms_xml([call(1, 10), call(3, 0)], root="calls"),
    ],
    "email": [
        email_message().encode(),
        mbox([email_message(), email_message(date="Wed, 13 Mar 2024 08:00:00 -0500")]),
    ],
    "telegram": [
        json.dumps(telegram_chat([telegram_message(1, "a"), telegram_message(2, ["b", {"text": "c"}])])).encode()
    ],
    "facebook": [
        facebook_thread([{"sender_name": mojibake("Zoë"), "timestamp_ms": 1710278045000, "content": mojibake("où")}])
    ],
    "x-archive": [
        x_archive(
            [
                {
                    "dmConversation": {
                        "conversationId": "1-2",
                        "messages": [x_message("1", "1", "2", "hi", "2024-03-12T21:14:05.000Z")],
                    }
                }
            ]
        )
    ],
    "csv": [b'timestamp,sender,recipient,channel,text\n2024-03-12T21:14:05,a,b,sms,"x\ny"\n'],
}


@st.composite
def mutated(draw: st.DrawFn, fmt: str) -> bytes:
    data = bytearray(draw(st.sampled_from(SEEDS[fmt])))
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(data)))
        action = draw(st.sampled_from(["overwrite", "insert", "delete"]))
        piece = draw(st.binary(min_size=1, max_size=8))
        if action == "overwrite":
            data[at : at + len(piece)] = piece
        elif action == "insert":
            data[at:at] = piece
        else:
            del data[at : at + len(piece)]
    return bytes(data)


def _format_tests(fmt: str) -> None:
    @FUZZ
    @given(st.binary(max_size=3000))
    def test_any_bytes(data: bytes) -> None:
        consume(fmt, data)

    @FUZZ
    @given(mutated(fmt))
    def test_mutated_seed(data: bytes) -> None:
        consume(fmt, data)

    name = fmt.replace("-", "_")
    test_any_bytes.__name__ = f"test_{name}_any_bytes"
    test_mutated_seed.__name__ = f"test_{name}_mutated_seed"
    globals()[test_any_bytes.__name__] = test_any_bytes
    globals()[test_mutated_seed.__name__] = test_mutated_seed


for _fmt in SEEDS:
    _format_tests(_fmt)


def test_every_seed_parses() -> None:
    for fmt, seeds in SEEDS.items():
        for seed in seeds:
            assert consume(fmt, seed), fmt


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
message_keys = st.sampled_from(
    [
        "id",
        "type",
        "date",
        "date_unixtime",
        "from",
        "from_id",
        "text",
        "action",
        "photo",
        "file",
        "actor",
        "sender_name",
        "timestamp_ms",
        "content",
        "photos",
        "share",
        "call_duration",
        "members",
    ]
)


@FUZZ
@given(st.lists(st.dictionaries(message_keys, json_values, max_size=8), max_size=5), json_values)
def test_json_formats_survive_wrong_shapes(items: list, other: object) -> None:
    for fmt, document in (
        ("telegram", {"name": other, "messages": items}),
        ("telegram", {"chats": {"list": [{"messages": items}, other]}}),
        ("facebook", {"participants": [other, {"name": other}], "messages": items}),
        (
            "x-archive",
            [{"dmConversation": {"conversationId": other, "messages": [{"messageCreate": i} for i in items]}}],
        ),
    ):
        payload = json.dumps(document).encode()
        if fmt == "x-archive":
            payload = b"window.YTD.direct_messages.part0 = " + payload
        consume(fmt, payload)


@FUZZ
@given(st.binary(max_size=2000))
def test_images_any_bytes(data: bytes) -> None:
    try:
        with time_limit(20):
            evidence, _report = inspect_image(data, tz="UTC")
    except ImportFormatError:
        return
    assert evidence.size == len(data)


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, "PNG")
    return buffer.getvalue()


@FUZZ
@given(st.integers(0, 200), st.binary(min_size=1, max_size=16))
def test_images_mutated(at: int, piece: bytes) -> None:
    data = bytearray(_png())
    data[at : at + len(piece)] = piece
    try:
        with time_limit(20):
            inspect_image(bytes(data), tz="UTC")
    except ImportFormatError:
        pass


# Round trips ----------------------------------------------------------------

names = st.sampled_from(["Dan", "Sue", "Mark O'Neill", "Zoë", "+44 7700 900123"])
line_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=40
).filter(lambda t: t == t.strip() and ": " not in t and t[0].isalpha())


@FUZZ
@given(st.lists(st.tuples(names, line_text, st.integers(0, 600)), min_size=1, max_size=30))
def test_whatsapp_round_trip(rows: list[tuple[str, str, int]]) -> None:
    start = datetime(2024, 1, 13, 9, 0)
    moment = start
    lines, expected = [], []
    for sender, text, minutes in rows:
        moment += timedelta(minutes=minutes)
        lines.append(f"{moment:%d/%m/%Y, %H:%M} - {sender}: {text}")
        expected.append((sender, text, moment.replace(tzinfo=UTC)))
    messages, report = parse("whatsapp", ("\n".join(lines) + "\n").encode(), tz="UTC", day_first=True)
    items = list(messages)
    assert [(m.sender, m.text, m.sent_at) for m in items] == expected
    assert report.skipped_total == 0


emoji_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters='"<>&'), max_size=30
)


@FUZZ
@given(st.lists(emoji_text, min_size=1, max_size=10))
def test_sms_surrogate_entities_round_trip(bodies: list[str]) -> None:
    def as_backup_app_writes(text: str) -> str:
        out = []
        for char in text:
            if ord(char) > 0xFFFF:
                high, low = divmod(ord(char) - 0x10000, 0x400)
                out.append(f"&#{0xD800 + high};&#{0xDC00 + low};")
            else:
                out.append(char)
        return "".join(out)

    data = sms_xml([sms(as_backup_app_writes(body)) for body in bodies])
    messages, report = parse("sms-backup", data, tz="UTC")
    assert [m.text for m in messages] == [b.replace("\r", "\n") for b in bodies]
    assert report.warnings == []


@FUZZ
@given(
    st.lists(st.tuples(st.sampled_from(["Dan", "Sue", "Mark"]), st.integers(0, 120), st.booleans()), max_size=40),
    st.integers(1, 90),
)
def test_every_suspect_message_is_in_exactly_one_incident(rows: list, gap: int) -> None:
    moment = datetime(2024, 3, 1, tzinfo=UTC)
    messages = []
    for number, (sender, minutes, system) in enumerate(rows):
        moment += timedelta(minutes=minutes)
        messages.append(
            Message(
                source_ref=f"f:L{number}",
                sent_at=moment,
                sent_at_text="",
                sender=sender,
                channel=Channel.MESSAGING_APP,
                text=f"message {number}",
                is_system=system,
            )
        )
    incidents = group_into_incidents(messages, ["Dan"], ["Sue"], gap_minutes=gap)
    cited = [e["source_ref"] for i in incidents for e in i["evidence"]]
    wanted = [m.source_ref for m in messages if m.sender == "Dan" and not m.is_system]
    assert sorted(cited) == sorted(wanted)
    for incident in incidents:
        assert "Sue" not in incident["narrative"] and "Mark" not in incident["narrative"]
        times = [datetime.fromisoformat(c["sent_at"]) for c in incident["context"]]
        assert all(t.tzinfo is not None for t in times)
