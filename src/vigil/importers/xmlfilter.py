"""A streaming byte filter in front of the XML parser: refuse DTDs, repair broken characters.

SMS Backup & Restore's "store emojis" option writes each emoji as two numeric
character references for its UTF-16 surrogates (`&#55357;&#56832;`), which XML
forbids, and some phones leave raw control characters in message bodies. A
strict parser would reject a 2 GB backup over one emoji; a recovering parser
would drop text without saying so. This filter rewrites only those sequences,
in constant memory, and counts every change for the report.

It also refuses any `<!DOCTYPE` or `<!ENTITY` outright (the defusedxml rule):
an SMS backup never has one, and refusing them closes entity-expansion and
external-entity attacks before the parser sees a byte.
"""

from __future__ import annotations

import re
from typing import BinaryIO

from .errors import ImportFormatError, ImportLimitError
from .model import ParseReport

CHUNK = 1024 * 1024
MAX_CARRY = 1024 * 1024
_FORBIDDEN = (b"<!DOCTYPE", b"<!ENTITY")
_ENTITY_RUN = re.compile(rb"(?:&#(?:[0-9]{1,10}|x[0-9A-Fa-f]{1,8});)+")
_ONE_ENTITY = re.compile(rb"&#(x[0-9A-Fa-f]{1,8}|[0-9]{1,10});")
_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_ENTITY_ALPHABET = frozenset(b"&#;0123456789abcdefABCDEFx")
_REPLACEMENT = 0xFFFD


def _xml_char(code: int) -> bool:
    return code in (0x9, 0xA, 0xD) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF


def repair_entity_run(run: bytes) -> tuple[bytes, int, int]:
    """Rewrite one run of adjacent numeric references: (bytes, pairs joined, chars replaced).

    Surrogate pairs become one reference to the real character; lone surrogates
    and other characters XML forbids become U+FFFD.
    """
    codes = [int(m[1:], 16) if m[:1] == b"x" else int(m) for m in _ONE_ENTITY.findall(run)]
    if all(_xml_char(c) for c in codes):
        return run, 0, 0
    out: list[int] = []
    joined = replaced = 0
    index = 0
    while index < len(codes):
        code = codes[index]
        nxt = codes[index + 1] if index + 1 < len(codes) else None
        if 0xD800 <= code <= 0xDBFF and nxt is not None and 0xDC00 <= nxt <= 0xDFFF:
            out.append(0x10000 + ((code - 0xD800) << 10) + (nxt - 0xDC00))
            joined += 1
            index += 2
            continue
        if _xml_char(code):
            out.append(code)
        else:
            out.append(_REPLACEMENT)
            replaced += 1
        index += 1
    return b"".join(b"&#%d;" % c for c in out), joined, replaced


class SafeXmlStream:
    """A file-like `read()` that yields filtered bytes; never cuts inside a reference run."""

    def __init__(self, raw: BinaryIO, label: str, report: ParseReport) -> None:
        self._raw = raw
        self._label = label
        self._report = report
        self._carry = b""
        self._tail = b""
        self._eof = False
        self._repaired: dict[bytes, tuple[bytes, int, int]] = {}

    def read(self, size: int = -1) -> bytes:
        while True:
            if self._eof:
                data, self._carry = self._carry, b""
                return self._filter(data) if data else b""
            chunk = self._raw.read(CHUNK)
            if not chunk:
                self._eof = True
                continue
            self._refuse_dtd(self._tail + chunk)
            self._tail = (self._tail + chunk)[-16:]
            data = self._carry + chunk
            cut = self._safe_cut(data)
            self._carry = data[cut:]
            if len(self._carry) > MAX_CARRY:
                raise ImportLimitError(
                    f"{self._label}: more than {MAX_CARRY:,} bytes of unbroken character references",
                    hint="this is not the shape of an SMS backup; check the file",
                    path=self._label,
                )
            if cut:
                return self._filter(data[:cut])

    def _refuse_dtd(self, data: bytes) -> None:
        for marker in _FORBIDDEN:
            if marker in data:
                raise ImportFormatError(
                    f"{self._label} contains {marker.decode()}; document type declarations and entities are refused",
                    hint="SMS Backup & Restore never writes one; the file has been altered or is not a backup",
                    path=self._label,
                )

    @staticmethod
    def _safe_cut(data: bytes) -> int:
        """The end of the last byte that cannot be part of a reference run (0 if none nearby)."""
        index = len(data) - 1
        floor = max(0, len(data) - 64)
        while index >= floor:
            if data[index] not in _ENTITY_ALPHABET:
                return index + 1
            index -= 1
        if b"&" not in data[floor:]:
            # A reference is at most 13 bytes, so any run crossing len-32 would show an '&'.
            return max(0, len(data) - 32)
        return 0

    def _filter(self, data: bytes) -> bytes:
        data, controls = _CONTROL.subn(b"\xef\xbf\xbd", data)
        if controls:
            self._report.count("control_characters_replaced", controls)
        if b"&#" not in data:
            return data
        return _ENTITY_RUN.sub(self._repair, data)

    def _repair(self, match: re.Match[bytes]) -> bytes:
        run = match.group(0)
        found = self._repaired.get(run)
        if found is None:
            if len(self._repaired) > 4096:
                self._repaired.clear()
            found = self._repaired[run] = repair_entity_run(run)
        fixed, joined, replaced = found
        if joined:
            self._report.count("surrogate_pairs_joined", joined)
        if replaced:
            self._report.count("invalid_references_replaced", replaced)
        return fixed
