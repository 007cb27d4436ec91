"""`vigil demo-cases`: writes reproducible JSONL cases, and says clearly what is wrong."""

from __future__ import annotations

from pathlib import Path

import orjson
from typer.testing import CliRunner

from vigil.cli import app
from vigil.contract import Case

runner = CliRunner()


def test_writes_count_valid_cases_and_the_same_seed_gives_the_same_bytes(tmp_path: Path) -> None:
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    for out in (one, two):
        result = runner.invoke(app, ["demo-cases", "--seed", "3", "--count", "7", "--out", str(out)])
        assert result.exit_code == 0, result.output
        assert f"wrote 7 cases to {out}" in result.stderr
    assert one.read_bytes() == two.read_bytes()
    lines = one.read_bytes().splitlines()
    assert len(lines) == 7
    cases = [Case.model_validate(orjson.loads(line)) for line in lines]
    assert len({c.case_id for c in cases}) == 7


def test_stdout_archetype_filter_and_sizes() -> None:
    result = runner.invoke(
        app,
        [
            "demo-cases",
            "--count",
            "3",
            "--incidents",
            "2",
            "--chars",
            "600",
            "--archetype",
            "neighbour-dispute",
        ],
    )
    assert result.exit_code == 0, result.output
    docs = [orjson.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 3
    assert all(d["synthetic"]["archetype"] == "neighbour-dispute" for d in docs)
    assert all(len(d["incidents"]) == 2 for d in docs)


def test_unknown_archetype_is_a_usage_error_on_one_line() -> None:
    result = runner.invoke(app, ["demo-cases", "--archetype", "gossip"])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "unknown --archetype gossip" in result.stderr and "ex-partner-stalking" in result.stderr


def test_unwritable_output_is_a_usage_error_without_traceback(tmp_path: Path) -> None:
    target = tmp_path / "missing-folder" / "cases.jsonl"
    result = runner.invoke(app, ["demo-cases", "--out", str(target)])
    assert result.exit_code == 2
    assert f"cannot write {target}" in result.stderr
    assert "Traceback" not in result.output
