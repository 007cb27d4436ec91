"""Read `vigil.case/1` documents from files: .json, .jsonl, or folders of them.

Streams: a .jsonl file is read line by line, so a million-case file is
assessed in constant memory. Each item is either a parsed document or a
located error, never an exception, so one bad case never stops the rest.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from vigil.errors import UsageError


@dataclass(frozen=True, slots=True)
class RawCase:
    """One case document as read, or why it could not be read."""

    where: str
    data: Any = None
    error: str | None = None


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files to read, in order: a folder contributes its *.json and *.jsonl, sorted."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(x for x in p.iterdir() if x.suffix in {".json", ".jsonl"} and x.is_file())
            if not found:
                raise UsageError(f"{p}: folder holds no .json or .jsonl files")
            files.extend(found)
        elif p.is_file() or str(p) == "-":
            files.append(p)
        else:
            raise UsageError(f"{p}: no such file or folder")
    return files


def _unwrap(doc: Any) -> Any:
    """Accept a worked example ({"case": ..., "expected": ...}) as its case."""
    if isinstance(doc, dict) and "case" in doc and "format" not in doc and isinstance(doc["case"], dict):
        return doc["case"]
    return doc


def read_cases(paths: list[Path]) -> Iterator[RawCase]:
    for path in expand_paths(paths):
        if path.suffix == ".jsonl":
            with path.open("rb") as fh:
                for n, line in enumerate(fh, start=1):
                    if not line.strip():
                        continue
                    where = f"{path}:{n}"
                    try:
                        yield RawCase(where, _unwrap(orjson.loads(line)))
                    except orjson.JSONDecodeError as exc:
                        yield RawCase(where, error=f"{where}: not valid JSON ({exc})")
        else:
            try:
                doc = orjson.loads(path.read_bytes())
            except orjson.JSONDecodeError as exc:
                yield RawCase(str(path), error=f"{path}: not valid JSON ({exc})")
                continue
            except OSError as exc:
                yield RawCase(str(path), error=f"{path}: cannot read ({exc.strerror})")
                continue
            if isinstance(doc, list):
                for i, item in enumerate(doc):
                    yield RawCase(f"{path}[{i}]", _unwrap(item))
            else:
                yield RawCase(str(path), _unwrap(doc))
