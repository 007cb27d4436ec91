"""Message exports and cases built by the tests: invented people, Ofcom drama numbers, no personal data."""

from __future__ import annotations

import io
import zipfile
from typing import Any

SUSPECT_NUMBER = "07700 900123"

CHAT = """\
01/03/2024, 09:00 - Messages and calls are end-to-end encrypted. No one outside of this chat can read them.
01/03/2024, 21:14 - Dan: You can't ignore me forever
01/03/2024, 21:15 - Dan: I know where you work
and I know when you finish
01/03/2024, 21:40 - Sue: Please stop contacting me, I'll call the police if you come here again
05/03/2024, 07:02 - Dan: <Media omitted>
05/03/2024, 07:05 - Dan: I'm outside your house right now
12/03/2024, 23:59 - Dan: Answer me or you will regret it
12/03/2024, 23:59 - Sue: Leave me alone
20/03/2024, 18:30 - Mark: are you ok?
"""


def chat_bytes(chat: str = CHAT) -> bytes:
    return chat.encode("utf-8")


def whatsapp_zip(chat: str = CHAT, media: dict[str, bytes] | None = None) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", chat.encode("utf-8"))
        for name, data in (media or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A 'chat' of 6 MiB of one repeated line: it compresses over a thousandfold."""
    line = "01/03/2024, 21:14 - Dan: " + "a" * 100 + "\n"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("_chat.txt", (line * (6 * 1024 * 1024 // len(line))).encode())
    return buffer.getvalue()


def traversal_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("_chat.txt", CHAT.encode())
        archive.writestr("../../../etc/cron.d/evil", b"* * * * * root true\n")
    return buffer.getvalue()


def case_doc(ref: str = "C-123") -> dict[str, Any]:
    """A case with a suspect, the victim's own account named, and a no-contact order."""
    return {
        "format": "vigil.case/1",
        "case_id": ref,
        "jurisdiction": "england-and-wales",
        "victim": {"id": "V1", "relationship_to_suspect": "ex-partner", "identifiers": ["Sue"]},
        "suspects": [{"id": "S1", "identifiers": [SUSPECT_NUMBER]}],
        "incidents": [],
        "orders": [
            {
                "id": "O1",
                "type": "restraining-order",
                "against": "S1",
                "starts": "2024-01-10",
                "conditions": [{"type": "no-contact"}],
            }
        ],
    }
