"""Message-export importers: pure parse functions from exported files to `Message`s.

Importing this package registers every built-in format, so
`vigil.importers.parse("whatsapp", path, tz="Europe/London")` works at once.
Nothing here touches a database or the evidence store: those take the
messages, the report and the hashes from here.
"""

from __future__ import annotations

from . import email_import, sms_backup, whatsapp  # noqa: F401  (importing registers the formats)
from .errors import ImportFormatError, ImportLimitError
from .model import Attachment, Message, ParseReport, SkippedLine, ZoneConflict
from .registry import Probe, detect, formats, parse, register

__all__ = [
    "Attachment",
    "ImportFormatError",
    "ImportLimitError",
    "Message",
    "ParseReport",
    "Probe",
    "SkippedLine",
    "ZoneConflict",
    "detect",
    "formats",
    "parse",
    "register",
]
