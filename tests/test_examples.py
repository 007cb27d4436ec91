"""Every worked example in ../shared/examples, through the real CLI, must be right on every expectation."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from scenario_support import check

EXAMPLES = Path(__file__).resolve().parents[2] / "shared" / "examples"
VIGIL = Path(sys.executable).with_name("vigil")


def _examples() -> list[Path]:
    return sorted(EXAMPLES.glob("*.json")) if EXAMPLES.is_dir() else []


@pytest.fixture(scope="module")
def assessed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict]:
    files = _examples()
    if not files:
        pytest.skip(f"worked examples not found at {EXAMPLES} (they live in the shared folder beside the repo)")
    src = tmp_path_factory.mktemp("examples") / "cases.jsonl"
    src.write_text("".join(json.dumps(json.loads(f.read_text())["case"]) + "\n" for f in files))
    proc = subprocess.run(
        [str(VIGIL), "assess", "--format", "jsonl", str(src)], capture_output=True, text=True, env={**os.environ}
    )
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == len(files)
    return {a["case_id"]: a for a in out}


@pytest.mark.parametrize("path", _examples(), ids=lambda p: p.stem)
def test_example_is_assessed_correctly(path: Path, assessed: dict[str, dict]) -> None:
    data = json.loads(path.read_text())
    problems = check(assessed[data["case"]["case_id"]], data["expected"])
    assert not problems, f"{path.name}: " + "; ".join(problems)


def test_every_finding_explains_itself(assessed: dict[str, dict]) -> None:
    for case_id, a in assessed.items():
        for b in a["behaviours"]:
            assert b["evidence"].strip(), f"{case_id}: behaviour {b['type']} has no evidence"
        for f in a["risk"]["factors"]:
            assert f["detail"].strip() and f["source"], f"{case_id}: risk factor {f['code']} unexplained"
        for x in a["actions"]:
            assert x["reason"].strip(), f"{case_id}: action {x['code']} has no reason"
        for br in a["breaches"]:
            assert br["incident_id"] in br["detail"], f"{case_id}: breach detail does not name its incident"
        for lk in a["linked_accounts"]:
            assert lk["reasons"], f"{case_id}: link without a reason"
        assert a["classification"]["rationale"], f"{case_id}: no rationale"
        cat = a["classification"]["category"]
        if cat in ("harassment", "harassment-fear-of-violence"):
            assert a["classification"]["why_not_stalking"], (
                f"{case_id}: harassment without the 'why not stalking' answer"
            )
