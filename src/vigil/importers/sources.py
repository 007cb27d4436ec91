"""Where an import reads from: a file on disk or bytes already in memory (an upload).

Importers never keep a file open between passes and never open it for
writing: a fresh read-only stream per pass keeps the original untouched, which
is the first rule of handling digital evidence.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from vigil.errors import NotFoundError, UsageError

from .errors import ImportLimitError

Source = str | os.PathLike[str] | bytes | bytearray | memoryview


@dataclass(frozen=True)
class Opened:
    """A readable source: `name` is what source references and reports call it."""

    name: str
    path: Path | None = None
    data: bytes | None = None

    def open(self) -> BinaryIO:
        if self.data is not None:
            return io.BytesIO(self.data)
        assert self.path is not None
        return self.path.open("rb")

    @property
    def size(self) -> int:
        if self.data is not None:
            return len(self.data)
        assert self.path is not None
        return self.path.stat().st_size

    def head(self, limit: int = 65536) -> bytes:
        with self.open() as stream:
            return stream.read(limit)

    def read_all(self, limit: int, what: str) -> bytes:
        """The whole source, refused above `limit` before anything is read into memory."""
        if self.size > limit:
            raise ImportLimitError(
                f"{self.name} is {self.size:,} bytes; {what} files are read whole and the limit is {limit:,} bytes",
                hint="split the export into smaller parts, or raise the limit if the machine has the memory",
                path=self.name,
            )
        if self.data is not None:
            return self.data
        with self.open() as stream:
            return stream.read()


def as_source(source: Source | Opened, name: str | None = None) -> Opened:
    """Accept a path (str or PathLike) or bytes; a missing path is a user error, said plainly."""
    if isinstance(source, Opened):
        return source
    if isinstance(source, bytes | bytearray | memoryview):
        return Opened(name=name or "upload", data=bytes(source))
    if isinstance(source, str | os.PathLike):
        path = Path(source)
        if not path.exists():
            raise NotFoundError(f"no such file: {path}", hint="check the path", path=str(path))
        if not path.is_file():
            raise UsageError(f"{path} is not a file", hint="give the export file itself", path=str(path))
        return Opened(name=name or path.name, path=path)
    raise UsageError(f"cannot read from a {type(source).__name__}; give a path or bytes")
