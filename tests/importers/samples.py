"""Sample exports built by the tests, in each app's real layout, with invented people only.

Names, numbers (Ofcom's drama ranges 07700 900xxx) and addresses (example.org)
are fictional, so no personal data is ever committed.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterable

SUSPECT_NUMBER = "+447700900123"
VICTIM_NUMBER = "+447700900456"

WHATSAPP_ANDROID = """\
12/03/2024, 21:14 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.
12/03/2024, 21:14 - Dan: You can't ignore me forever
12/03/2024, 21:15 - Dan: I know where you work
and I know when you finish
12/03/2024, 21:40 - Sue: Please stop contacting me
13/03/2024, 07:02 - Dan: <Media omitted>
13/03/2024, 07:03 - Dan: This message was deleted
13/03/2024, 07:05 - Dan added Mark
25/03/2024, 23:59 - Dan: Answer me
"""

WHATSAPP_IOS = (
    "[3/12/24, 9:14:05\u202fPM] Dan: You can't ignore me forever\n"
    "\u200e[3/12/24, 9:15:10\u202fPM] Dan: \u200eimage omitted\n"
    "[3/12/24, 9:40:00\u202fPM] \u202a+44\u00a07700\u00a0900456\u202c: Please stop\n"
    "[3/13/24, 7:02:00\u202fAM] Dan: <attached: 00000012-PHOTO-2024-03-13-07-02-00.jpg>\n"
    "[3/25/24, 11:59:59\u202fPM] Dan: Answer me\n"
)


def whatsapp_zip(
    chat: str = WHATSAPP_IOS,
    media: dict[str, bytes] | None = None,
    chat_name: str = "_chat.txt",
) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(chat_name, chat.encode("utf-8"))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def sms_xml(records: Iterable[str], root: str = "smses", count: int | None = None) -> bytes:
    items = list(records)
    head = "<?xml version='1.0' encoding='UTF-8' standalone='yes' ?>\n"
    declared = len(items) if count is None else count
    body = "\n".join(f"  {r}" for r in items)
    return (
        f'{head}<{root} count="{declared}" backup_set="b1" backup_date="1710300000000">\n{body}\n</{root}>\n'.encode()
    )


def sms(
    body: str,
    *,
    date_ms: int = 1710278045000,
    kind: int = 1,
    address: str = SUSPECT_NUMBER,
    readable: str = "12 Mar 2024 21:14:05",
    contact: str = "Dan",
) -> str:
    return (
        f'<sms protocol="0" address="{address}" date="{date_ms}" type="{kind}" subject="null" '
        f'body="{body}" toa="null" sc_toa="null" service_center="null" read="1" status="-1" '
        f'locked="0" date_sent="0" sub_id="1" readable_date="{readable}" contact_name="{contact}" />'
    )


def mms(text: str, image: bytes, *, date_ms: int = 1710278100000, box: int = 1) -> str:
    import base64

    data = base64.b64encode(image).decode()
    return (
        f'<mms date="{date_ms}" msg_box="{box}" address="{SUSPECT_NUMBER}" m_type="132" '
        f'readable_date="12 Mar 2024 21:15:00" contact_name="Dan">'
        f'<parts><part seq="-1" ct="application/smil" name="null" text="&lt;smil&gt;&lt;/smil&gt;" />'
        f'<part seq="0" ct="text/plain" name="null" text="{text}" />'
        f'<part seq="1" ct="image/jpeg" cl="IMG_0001.jpg" name="IMG_0001.jpg" data="{data}" /></parts>'
        f'<addrs><addr address="{SUSPECT_NUMBER}" type="137" charset="106" />'
        f'<addr address="{VICTIM_NUMBER}" type="151" charset="106" /></addrs></mms>'
    )


def call(kind: int, duration: int, *, date_ms: int = 1710279000000) -> str:
    return (
        f'<call number="{SUSPECT_NUMBER}" duration="{duration}" date="{date_ms}" type="{kind}" '
        f'presentation="1" readable_date="12 Mar 2024 21:30:00" contact_name="Dan" />'
    )


def email_message(
    *,
    sender: str = "Dan K <dan.k@example.org>",
    to: str = "Sue <sue@example.net>",
    date: str | None = "Tue, 12 Mar 2024 21:14:05 +0000",
    subject: str = "We need to talk",
    body: str = "You can't hide from me.\n",
    message_id: str = "<1@example.org>",
) -> str:
    headers = [f"From: {sender}", f"To: {to}", f"Subject: {subject}", f"Message-ID: {message_id}"]
    if date is not None:
        headers.append(f"Date: {date}")
    headers.append("Content-Type: text/plain; charset=utf-8")
    return "\n".join(headers) + "\n\n" + body


def mbox(messages: Iterable[str]) -> bytes:
    parts = []
    for text in messages:
        escaped = "\n".join(">" + line if line.startswith("From ") else line for line in text.split("\n"))
        parts.append("From MAILER-DAEMON Tue Mar 12 21:14:05 2024\n" + escaped)
    return "\n".join(parts).encode()


def telegram_chat(messages: list[dict], name: str = "Dan", chat_id: int = 123) -> dict:
    return {"name": name, "type": "personal_chat", "id": chat_id, "messages": messages}


def telegram_message(
    ident: int,
    text: object,
    *,
    unix: int = 1710278045,
    local: str | None = "2024-03-12T21:14:05",
    sender: str = "Dan",
    sender_id: str = "user123",
    **extra: object,
) -> dict:
    item: dict = {"id": ident, "type": "message", "from": sender, "from_id": sender_id, "text": text}
    if unix is not None:
        item["date_unixtime"] = str(unix)
    if local is not None:
        item["date"] = local
    item.update(extra)
    return item


def mojibake(text: str) -> str:
    """How Meta's export writes non-ASCII text: UTF-8 bytes read as Latin-1."""
    return text.encode("utf-8").decode("latin-1")


def facebook_thread(messages: list[dict], participants: Iterable[str] = ("Dan K", "Sue")) -> bytes:
    data = {
        "participants": [{"name": mojibake(p)} for p in participants],
        "messages": messages,
        "title": "Dan K",
        "thread_path": "inbox/dank_123",
    }
    return json.dumps(data, ensure_ascii=True).encode()


def x_archive(conversations: list[dict], name: str = "direct_messages") -> bytes:
    return f"window.YTD.{name}.part0 = {json.dumps(conversations, indent=2)}".encode()


def x_message(ident: str, sender: str, recipient: str | None, text: str, created: str) -> dict:
    create = {"id": ident, "senderId": sender, "text": text, "createdAt": created}
    create.update({"mediaUrls": [], "urls": [], "reactions": []})
    if recipient is not None:
        create["recipientId"] = recipient
    return {"messageCreate": create}
