"""The evidence store: originals kept byte for byte, named by their SHA-256, read-only.

Content addressing means a file's name is its proof: re-hashing it must give
the name back, so any change to a single byte is visible without trusting the
database. Uploads are streamed into a staging file while being hashed (memory
stays flat whatever the size), then moved into place with one rename on the
same file system, so a half-written original never appears under a hash.

Layout under the root:
    sha256/ab/abcdef…   the originals (mode 0444)
    staging/<token>     uploads being received or awaiting confirmation
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import orjson

from vigil.config import Settings
from vigil.errors import NotFoundError, UsageError
from vigil.importers import ImportLimitError

CHUNK = 1024 * 1024
HEX64 = re.compile(r"[0-9a-f]{64}")
TOKEN = re.compile(r"[A-Za-z0-9_-]{20,64}")
STALE_SECONDS = 24 * 3600

Progress = Callable[[int], None]


@dataclass(frozen=True)
class Staged:
    """A received file, hashed, not yet an original: confirmed (`admit`) or thrown away."""

    token: str
    path: Path
    sha256: str
    size: int


class EvidenceStore:
    def __init__(self, root: Path, max_bytes: int = 2 * 1024**3) -> None:
        self.root = Path(root)
        self.max_bytes = max_bytes
        self.originals = self.root / "sha256"
        self.staging = self.root / "staging"

    # --- receiving ---------------------------------------------------------------------------

    def stage(self, stream: BinaryIO, name: str = "upload", progress: Progress | None = None) -> Staged:
        """Copy `stream` into staging while hashing it; refuse it past `max_bytes` (nothing kept)."""
        self.staging.mkdir(parents=True, exist_ok=True)
        self._drop_stale()
        token = secrets.token_urlsafe(24)
        path = self.staging / token
        digest = hashlib.sha256()
        size = 0
        try:
            with path.open("xb") as out:
                while chunk := stream.read(CHUNK):
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise ImportLimitError(
                            f"{name} is larger than the evidence upload limit of {self.max_bytes:,} bytes",
                            hint="raise VIGIL_EVIDENCE_MAX_BYTES, or import the file from the command line",
                            path=name,
                        )
                    digest.update(chunk)
                    out.write(chunk)
                    if progress:
                        progress(len(chunk))
                out.flush()
                os.fsync(out.fileno())
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        return Staged(token, path, digest.hexdigest(), size)

    def stage_file(self, source: Path, progress: Progress | None = None) -> Staged:
        if not source.is_file():
            raise NotFoundError(f"no such file: {source}", hint="check the path", path=str(source))
        with source.open("rb") as stream:
            return self.stage(stream, source.name, progress)

    def admit(self, staged: Staged) -> Path:
        """Move a staged file into place under its hash, read-only. The same bytes twice are kept once."""
        target = self.path_for(staged.sha256)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.exists() and self.rehash(target) == staged.sha256:
            self.discard(staged)
            return target
        if target.exists():  # a damaged copy under this name: the new bytes are the right ones
            target.chmod(0o644)
        os.replace(staged.path, target)
        target.chmod(0o444)
        self._meta_path(staged.token).unlink(missing_ok=True)
        return target

    def discard(self, staged: Staged | str) -> None:
        token = staged if isinstance(staged, str) else staged.token
        if TOKEN.fullmatch(token):
            (self.staging / token).unlink(missing_ok=True)
            self._meta_path(token).unlink(missing_ok=True)

    # --- staged uploads awaiting confirmation (the web preview) ---------------------------------

    def remember(self, staged: Staged, meta: dict[str, object]) -> None:
        """Keep what the preview was asked, so the confirmation imports exactly that."""
        data = {**meta, "sha256": staged.sha256, "size": staged.size}
        self._meta_path(staged.token).write_bytes(orjson.dumps(data))

    def recall(self, token: str) -> tuple[Staged, dict[str, object]]:
        meta_path = self._meta_path(token) if TOKEN.fullmatch(token) else None
        if meta_path is None or not meta_path.exists() or not (self.staging / token).exists():
            raise NotFoundError(
                "that upload is no longer waiting for confirmation",
                hint="upload the file again (previews are kept for a day)",
                path="token",
            )
        meta = orjson.loads(meta_path.read_bytes())
        return Staged(token, self.staging / token, meta["sha256"], meta["size"]), meta

    def _meta_path(self, token: str) -> Path:
        return self.staging / f"{token}.json"

    def _drop_stale(self) -> None:
        cutoff = time.time() - STALE_SECONDS
        for entry in self.staging.iterdir():
            try:
                if entry.stat().st_mtime < cutoff:
                    entry.unlink()
            except FileNotFoundError:
                continue

    # --- reading -----------------------------------------------------------------------------

    def path_for(self, sha256: str) -> Path:
        if not HEX64.fullmatch(sha256):
            raise UsageError(f"{sha256!r} is not a SHA-256 hex digest", path="sha256")
        return self.originals / sha256[:2] / sha256

    def open(self, sha256: str) -> BinaryIO:
        path = self.path_for(sha256)
        if not path.is_file():
            raise NotFoundError(
                f"the original {sha256} is missing from the evidence store",
                hint="run `vigil evidence verify`; restore the file from backup",
            )
        return path.open("rb")

    @staticmethod
    def rehash(path: Path) -> str:
        digest = hashlib.sha256()
        with path.open("rb") as stream:
            shutil.copyfileobj(stream, _HashSink(digest), CHUNK)
        return digest.hexdigest()

    @staticmethod
    def rehash_bytes(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()

    def stored_files(self) -> Iterator[Path]:
        """Every file under the originals folder, whatever its name (verify looks for strays)."""
        if not self.originals.exists():
            return
        for folder, _dirs, files in os.walk(self.originals):
            for name in sorted(files):
                yield Path(folder) / name


class _HashSink:
    """A write-only file object that feeds a hash, so shutil can stream into it."""

    def __init__(self, digest: hashlib._Hash) -> None:
        self.digest = digest

    def write(self, data: bytes) -> int:
        self.digest.update(data)
        return len(data)


def store_for(settings: Settings) -> EvidenceStore:
    """The store configured in `settings`."""
    return EvidenceStore(settings.evidence_root(), settings.evidence_max_bytes)
