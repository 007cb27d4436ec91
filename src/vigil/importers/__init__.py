"""Message-export importers: pure parse functions from exported files to `Message`s.

Importing this package registers every built-in format, so
`vigil.importers.parse("whatsapp", path, tz="Europe/London")` works at once.
Nothing here touches a database or the evidence store: those take the
messages, the report and the hashes from here.
"""

from __future__ import annotations

# Importing a format module registers it.
from . import (  # noqa: F401
    csv_import,
    email_import,
    facebook,
    sms_backup,
    telegram,
    whatsapp,
    x_archive,
)
from .errors import ImportFormatError, ImportLimitError
from .images import GpsFix, ImageEvidence, inspect_image
from .incidents import group_into_incidents, identifier_key
from .model import Attachment, Message, ParseReport, SkippedLine, ZoneConflict
from .registry import Probe, detect, formats, parse, register

__all__ = [
    "Attachment",
    "GpsFix",
    "ImageEvidence",
    "ImportFormatError",
    "ImportLimitError",
    "Message",
    "ParseReport",
    "Probe",
    "SkippedLine",
    "ZoneConflict",
    "detect",
    "formats",
    "group_into_incidents",
    "identifier_key",
    "inspect_image",
    "parse",
    "register",
]
