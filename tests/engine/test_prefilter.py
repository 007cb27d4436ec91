"""The Hyperscan prefilter changes speed, never answers: assessments are identical with and without it."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from vigil.engine.lexicon import compile_law
from vigil.law import load_law
from vigil.services.assessing import assess_document

ROOT = Path(__file__).resolve().parents[1]
# Sets written by different authors, some with accents and typographic quotes ("the café window").
SETS = ("heldout", "dev2", "dev3", "dev4", "dev5", "dev6")
CASES = [p for d in SETS for p in sorted((ROOT / d / "cases").glob("*.json"))] + sorted(
    (ROOT.parents[1] / "shared" / "examples").glob("*.json")
)


def test_prefilter_gives_identical_assessments() -> None:
    prefilter = compile_law(load_law()).prefilter
    if prefilter is None or not prefilter.available:
        pytest.skip("hyperscan is not installed on this platform (x86-64 Linux only); full scans are used")
    docs = [json.loads(p.read_text())["case"] for p in CASES]
    assert docs, "no cases to compare"
    saved = (prefilter._failed, prefilter._warm_up)
    analyses = compile_law(load_law()).analyses
    try:
        prefilter._failed = True
        analyses.clear()
        full = [assess_document(d, date(2026, 1, 1)).model_dump() for d in docs]
        prefilter._failed, prefilter._warm_up = False, 0
        analyses.clear()
        fast = [assess_document(d, date(2026, 1, 1)).model_dump() for d in docs]
        assert prefilter._db is not None, "the prefilter was never built, so nothing was compared"
    finally:
        prefilter._failed, prefilter._warm_up = saved
        analyses.clear()
    for d, a, b in zip(docs, full, fast, strict=True):
        assert a == b, f"{d['case_id']}: prefiltered assessment differs"


def test_a_pattern_is_searched_with_only_the_fragments_the_scan_reported() -> None:
    """A lexicon of hundreds of fragments is searched fragment by fragment, only for those that can
    match, and finds exactly what the whole alternation finds, at every start offset."""
    compiled = compile_law(load_law())
    prefilter = compiled.prefilter
    if prefilter is None or not prefilter.available:
        pytest.skip("hyperscan is not installed on this platform (x86-64 Linux only); full scans are used")
    saved = prefilter._warm_up
    text = (
        "On 3 May he texted me 40 times and then turned up at my work. I told him to stop. "
        "He said 'I'll kill you' and was waiting outside my house, following me to the bus stop."
    )
    try:
        prefilter._warm_up = 0
        found = prefilter.scan(text)
    finally:
        prefilter._warm_up = saved
    assert found is not None, "the prefilter was not built"
    narrowed = 0
    for bp in compiled.behaviours:
        for pattern in (bp.act, bp.speech):
            if pattern is None:
                continue
            pid = prefilter.index[id(pattern)]
            chosen = found.alternatives.get(pid)
            alternation = prefilter._alternations.get(pid)
            if chosen and alternation is not None and len(chosen) < len(alternation.bodies):
                narrowed += 1
            for pos in (0, 5, 40, 90):
                got = [m.span() for m in prefilter.finditer(pid, pattern, found, text, pos, len(text))]
                want = [m.span() for m in pattern.finditer(text, pos, len(text))]
                assert got == want, (bp.code, pos)
    assert narrowed, "no lexicon pattern was cut down, so the fragment search did nothing"
