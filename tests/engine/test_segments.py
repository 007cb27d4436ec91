"""Sentence cutting, which bounds every finding's quoted words, negation and subject search."""

from __future__ import annotations

from vigil.contract import Case
from vigil.engine.behaviours import analyse_case, find_behaviours
from vigil.engine.lexicon import compile_law
from vigil.engine.segments import split_sentences
from vigil.law import load_law

SUMMARY = (
    "OIC summary of camera evidence:\n"
    "- Trail camera installed on the gatepost on 1 April\n"
    "- 02:12: male at V1's kitchen window, hands cupped to the glass\n"
    "* Male left on foot at 02:20"
)


def test_each_bulleted_item_is_a_sentence_without_a_full_stop() -> None:
    starts = split_sentences(SUMMARY)
    assert [SUMMARY[s : s + 2] for s in starts] == ["OI", "- ", "- ", "* "]


def test_a_hyphen_inside_a_line_starts_no_sentence() -> None:
    text = "He said - again - that he would wait.\nThen he left."
    assert len(split_sentences(text)) == 2


def test_a_finding_in_a_bulleted_summary_quotes_its_own_item() -> None:
    case = Case.model_validate(
        {
            "format": "vigil.case/1",
            "case_id": "bullets",
            "jurisdiction": "england-and-wales",
            "suspects": [{"id": "S1"}],
            "incidents": [{"id": "I1", "suspect_id": "S1", "channel": "other", "narrative": SUMMARY}],
        }
    )
    compiled = compile_law(load_law())
    found = find_behaviours(case, analyse_case(case, compiled), compiled)
    watching = [f for f in found if f.type == "watching-or-spying"]
    assert watching, "the man at the window is watching her"
    assert all(f.evidence.startswith("- 02:12") and "Trail camera" not in f.evidence for f in watching)
