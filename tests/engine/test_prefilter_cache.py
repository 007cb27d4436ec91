"""A compiled prefilter database kept on disk is reused by the next process, with identical results."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from vigil.engine.prefilter import Prefilter
from vigil.services.prefilter_cache import FileStore

PATTERNS = [
    re.compile(r"(?<![\w])(?:(?:texted|messaged)|(?:rang|phoned))(?![\w])", re.I),
    re.compile(r"(?<![\w])(?:followed (?:me|her))(?![\w])", re.I),
]
TEXT = "He texted me at 2am. Then he followed me to the bus stop and rang twice."


def _available() -> bool:
    return Prefilter(PATTERNS).available


pytestmark = pytest.mark.skipif(not _available(), reason="hyperscan is not installed on this platform")


def test_a_database_compiled_once_is_loaded_by_a_fresh_prefilter_without_warm_up(tmp_path: Path) -> None:
    first = Prefilter(PATTERNS, warm_up=0)
    first.store = FileStore(tmp_path)
    compiled = first.scan(TEXT)
    assert compiled is not None and compiled.ends, "the first prefilter found nothing to compare"
    assert list(tmp_path.glob("*.hsdb")), "the compiled database was not kept"

    second = Prefilter(PATTERNS, warm_up=10_000)  # would never compile by itself within this test
    second.store = FileStore(tmp_path)
    loaded = second.scan(TEXT)
    assert loaded is not None, "the kept database was not loaded"
    assert loaded.ends == compiled.ends


def test_a_damaged_file_is_ignored_and_a_different_pattern_set_gets_its_own_file(tmp_path: Path) -> None:
    first = Prefilter(PATTERNS, warm_up=0)
    store = FileStore(tmp_path)
    store.put(first.store_key(), b"not a database")
    first.store = store
    assert first.scan(TEXT) is not None, "a damaged kept file stopped the prefilter"
    other = Prefilter(PATTERNS[:1])
    assert other.store_key() != first.store_key()
