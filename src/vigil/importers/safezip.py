"""Opening untrusted zip archives (WhatsApp exports with media) without being attacked by them.

Nothing is ever extracted to disk, but a hostile archive can still exhaust
memory or disk downstream (a zip bomb) or smuggle names like `../../etc/passwd`
that a later "save the media" step might trust. So every member is checked
before any is read, and the whole archive is refused with a clear reason if one
fails: a doctored export is itself worth telling the officer about.
"""

from __future__ import annotations

import hashlib
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from typing import BinaryIO

from .errors import ImportFormatError, ImportLimitError

_DRIVE = re.compile(r"^[A-Za-z]:")
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    ValueError,
    NotImplementedError,
    struct.error,
    zlib.error,
)
"""What the stdlib zip reader raises on damaged or unusual archives (all seen under fuzzing)."""


@dataclass(frozen=True)
class ZipLimits:
    """Ceilings for one archive: total unpacked bytes, packing ratio, member count."""

    max_total_bytes: int = 4 * 1024**3
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1024**2
    """Members smaller than this are exempt from the ratio check: a tiny, very compressible
    text file is harmless, and chats compress well."""
    max_members: int = 100_000


def unsafe_name_reason(name: str) -> str | None:
    """Why a member name could escape an extraction folder, or None if it cannot."""
    normal = name.replace("\\", "/")
    if not normal:
        return "has an empty name"
    if "\x00" in normal:
        return "contains a NUL character"
    if normal.startswith("/") or _DRIVE.match(normal):
        return "is an absolute path"
    if any(part == ".." for part in normal.split("/")):
        return "climbs out of the archive with '..'"
    return None


def open_safe_zip(stream: BinaryIO, label: str, limits: ZipLimits) -> zipfile.ZipFile:
    """A ZipFile whose every member passed the name, encryption and size checks."""
    try:
        archive = zipfile.ZipFile(stream)
    except ZIP_ERRORS as exc:
        raise ImportFormatError(
            f"{label} is not a readable zip archive ({exc})",
            hint="re-export the chat, or send the .txt file instead",
            path=label,
        ) from exc
    try:
        _check_members(archive.infolist(), label, limits)
    except ImportFormatError:
        archive.close()
        raise
    return archive


def _check_members(members: list[zipfile.ZipInfo], label: str, limits: ZipLimits) -> None:
    if len(members) > limits.max_members:
        raise ImportLimitError(
            f"{label} holds {len(members):,} files; the limit is {limits.max_members:,}",
            hint="this is not the shape of a chat export; check where the file came from",
            path=label,
        )
    total = 0
    for info in members:
        reason = unsafe_name_reason(info.filename)
        if reason:
            raise ImportLimitError(
                f"{label}: member {info.filename!r} {reason}; the archive is refused",
                hint="a genuine chat export never does this; treat the file as suspect",
                path=label,
            )
        if info.flag_bits & 0x1:
            raise ImportFormatError(
                f"{label}: member {info.filename!r} is encrypted",
                hint="ask for an unencrypted export",
                path=label,
            )
        total += info.file_size
        if total > limits.max_total_bytes:
            raise ImportLimitError(
                f"{label} unpacks to more than {limits.max_total_bytes:,} bytes",
                hint="possible zip bomb; if genuine, raise the limit deliberately",
                path=label,
            )
        if info.file_size > limits.ratio_floor_bytes:
            ratio = info.file_size / max(info.compress_size, 1)
            if ratio > limits.max_ratio:
                raise ImportLimitError(
                    f"{label}: member {info.filename!r} expands {ratio:,.0f} times (limit {limits.max_ratio:,.0f})",
                    hint="possible zip bomb; the archive is refused",
                    path=label,
                )


def hash_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> tuple[int, str]:
    """Size and SHA-256 of one member, streamed; damage in the archive is a format error."""
    digest = hashlib.sha256()
    size = 0
    try:
        with archive.open(info) as member:
            while chunk := member.read(1024 * 1024):
                size += len(chunk)
                digest.update(chunk)
    except ZIP_ERRORS as exc:
        raise ImportFormatError(f"{label}: member {info.filename!r} is damaged ({exc})", path=label) from exc
    return size, digest.hexdigest()
