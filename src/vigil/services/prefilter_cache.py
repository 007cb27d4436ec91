"""Keep the engine's compiled Hyperscan database on disk between processes.

Compiling it takes seconds on a small machine; loading a kept one takes
milliseconds. The engine does no I/O, so this layer attaches the store. The
file name carries a digest of exactly what was compiled, so a change to the
law data or to Hyperscan simply makes a new file. Nothing here is needed for
correctness: any failure to read or write falls back to compiling.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from platformdirs import user_cache_dir

from vigil.engine.lexicon import compile_law
from vigil.law import Law

_KEEP = 4  # databases kept; older ones (earlier law versions) are removed


class FileStore:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def get(self, key: str) -> bytes | None:
        try:
            return (self.folder / f"{key}.hsdb").read_bytes()
        except OSError:
            return None

    def put(self, key: str, blob: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=self.folder, suffix=".part")
            with os.fdopen(fd, "wb") as out:
                out.write(blob)
            os.replace(tmp, self.folder / f"{key}.hsdb")  # atomic: a reader never sees half a file
            kept = sorted(self.folder.glob("*.hsdb"), key=lambda p: p.stat().st_mtime, reverse=True)
            for old in kept[_KEEP:]:
                old.unlink(missing_ok=True)
        except OSError:
            return


def default_folder() -> Path:
    return Path(user_cache_dir("vigil", appauthor=False)) / "prefilter"


def use_prefilter_cache(law: Law, folder: Path | None = None) -> None:
    """Attach a file store to the law's compiled prefilter, once."""
    prefilter = compile_law(law).prefilter
    if prefilter is not None and prefilter.store is None:
        prefilter.store = FileStore(folder or default_folder())
