"""Legal scenarios (tests/scenarios/<jurisdiction>/*.yaml), each named by a sentence, run through the engine."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from scenario_support import check, expand_case
from vigil.services.assessing import assess_document

ROOT = Path(__file__).parent / "scenarios"
AS_OF = date(2026, 11, 28)


def load_scenarios() -> list[tuple[str, dict[str, Any]]]:
    out = []
    for path in sorted(ROOT.glob("*/*.yaml")):
        for item in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            out.append((f"{path.parent.name}/{path.stem}: {item['name']}", item))
    return out


SCENARIOS = load_scenarios()


@pytest.mark.parametrize(("title", "scenario"), SCENARIOS, ids=[t for t, _ in SCENARIOS])
def test_scenario(title: str, scenario: dict[str, Any]) -> None:
    case = expand_case(scenario["name"], scenario["case"])
    result = assess_document(case, AS_OF).model_dump(mode="json")
    problems = check(result, scenario["expected"])
    assert not problems, (
        f"{title}\n  "
        + "\n  ".join(problems)
        + "\n  rationale: "
        + " | ".join(result.get("classification", {}).get("rationale", []))
    )
