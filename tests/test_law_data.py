"""The law data is complete, cited, consistent with the contract, and pinned by scenarios."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from scenario_support import check, expand_case
from test_scenarios import AS_OF
from vigil.contract import ActionCode, Behaviour, Case, ConditionType, OffenceCode, OrderType
from vigil.engine import assess
from vigil.engine.lexicon import compile_law
from vigil.law import LawDataError, available_jurisdictions, load_law
from vigil.law.models import ContextPattern

SCENARIOS = Path(__file__).parent / "scenarios" / "england-and-wales"
NEVER = ContextPattern(why="disabled: matches nothing", any=["(?!x)x"])


@pytest.fixture(scope="module")
def law():  # type: ignore[no-untyped-def]
    return load_law("england-and-wales")


def _scenario_rules() -> set[str]:
    rules: set[str] = set()
    for path in SCENARIOS.glob("*.yaml"):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            rules.update(str(r) for r in item.get("rules", []))
    return rules


def _scenarios() -> list[dict[str, Any]]:
    return [
        item
        for path in sorted(SCENARIOS.glob("*.yaml"))
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []
    ]


def test_every_context_pattern_has_a_scenario(law) -> None:  # type: ignore[no-untyped-def]
    named = {r.removeprefix("context:") for r in _scenario_rules() if r.startswith("context:")}
    missing = sorted(set(law.context) - named)
    assert not missing, "context patterns with no scenario naming them as context:<name>: " + ", ".join(missing)
    unknown = sorted(named - set(law.context))
    assert not unknown, "scenarios name context patterns that do not exist: " + ", ".join(unknown)


def test_each_context_pattern_decides_a_scenario_it_is_named_in(law) -> None:  # type: ignore[no-untyped-def]
    """Switched off (matching nothing), a pattern must make a scenario tagged context:<name> fail: the tag is honest."""
    tagged: dict[str, list[dict[str, Any]]] = {}
    for item in _scenarios():
        for rule in item.get("rules", []):
            if str(rule).startswith("context:"):
                tagged.setdefault(str(rule).removeprefix("context:"), []).append(item)
    unpinned = []
    for name in sorted(law.context):
        mutated = law.model_copy(update={"context": {**law.context, name: NEVER}})
        for item in tagged.get(name, []):
            case = Case.model_validate(expand_case(item["name"], item["case"]))
            if check(assess(case, mutated, AS_OF).model_dump(mode="json"), item["expected"]):
                break  # this scenario fails without the pattern: it pins it
        else:
            unpinned.append(name)
    assert not unpinned, "context patterns whose scenarios still pass with the pattern switched off: " + ", ".join(
        unpinned
    )


def test_every_contract_code_has_law_data(law) -> None:  # type: ignore[no-untyped-def]
    assert set(law.behaviours) == set(Behaviour)
    assert set(law.actions) == set(ActionCode)
    assert set(law.orders) == set(OrderType)
    assert set(law.conditions) == set(ConditionType)
    assert set(law.offences) == set(OffenceCode)


def test_every_rule_has_a_citation(law) -> None:  # type: ignore[no-untyped-def]
    for b in law.behaviours.values():
        assert b.citation.strip(), b.code
    for o in law.offences.values():
        assert o.citation.strip() and o.wording.strip() and o.max_penalty.strip(), o.code
    for r in law.risk_items.values():
        assert r.source.strip(), r.code
    for a in law.actions.values():
        assert a.source.strip(), a.code
    for o in law.orders.values():
        assert o.citation.strip(), o.code


def test_breach_offences_exist(law) -> None:  # type: ignore[no-untyped-def]
    for o in law.orders.values():
        if o.breach_offence is not None:
            assert o.breach_offence in law.offences
        if not o.legal_force:
            assert o.breach_offence is None and not o.breach_is_arrest_ground, o.code


def test_every_rule_has_a_scenario(law) -> None:  # type: ignore[no-untyped-def]
    rules = _scenario_rules()
    codes = (
        {str(c) for c in law.behaviours}
        | set(law.risk_items)
        | {str(c) for c in law.actions}
        | {str(c) for c in law.conditions}
        | {str(c) for c in law.orders}
    )
    missing = sorted(codes - rules)
    assert not missing, "law codes with no scenario naming them in rules: " + ", ".join(missing)


def test_lexicons_compile_and_match_their_own_examples(law) -> None:  # type: ignore[no-untyped-def]
    compiled = compile_law(law)
    for bp in compiled.behaviours:
        for pattern in (bp.act, bp.speech, bp.history):
            if pattern is not None:
                assert isinstance(pattern, re.Pattern)
    samples = {
        Behaviour.FOLLOWING: "He followed me home from the station",
        Behaviour.THREAT_TO_KILL: "I'll kill you",
        Behaviour.TRACKING_DEVICE: "a GPS tracker under the bumper",
        Behaviour.STRANGULATION: "he strangled her until she blacked out",
    }
    by_code = {bp.code: bp for bp in compiled.behaviours}
    for code, text in samples.items():
        bp = by_code[code]
        assert any(p is not None and p.search(text) for p in (bp.act, bp.speech, bp.history)), code


def test_unknown_jurisdiction_is_a_clear_error() -> None:
    assert "england-and-wales" in available_jurisdictions()
    with pytest.raises(LawDataError, match="no law data for jurisdiction 'mars'"):
        load_law("mars")


def test_a_key_given_twice_in_law_data_is_a_clear_error(tmp_path: Path) -> None:
    """A second `passed_by:` would otherwise silently replace the first."""
    from vigil.law import _read

    path = tmp_path / "context.yaml"
    path.write_text("passed_by:\n  any: [a]\nstopped_there:\n  any: [b]\npassed_by:\n  any: [c]\n", encoding="utf-8")
    with pytest.raises(LawDataError, match=r"duplicate key 'passed_by'(?s:.*)line 5"):
        _read(path)
    path.write_text("passed_by:\n  any: [a]\nstopped_there:\n  any: [b]\n", encoding="utf-8")
    assert set(_read(path)) == {"passed_by", "stopped_there"}
