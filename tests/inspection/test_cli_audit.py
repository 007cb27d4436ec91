"""`vigil audit` end to end: real files, the real engine, every output format.

These tests do not depend on the engine's legal answers: they check the shape
of each output, the filters and sampling, and the errors a user can make.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from vigil.cli import app

runner = CliRunner()


def case_doc(case_id: str, first_day: str, team: str | None = None, **handling: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": case_id,
        "victim": {
            "id": "V1",
            "relationship_to_suspect": "ex-partner",
            "statement": "I am frightened of him.",
        },
        "suspects": [{"id": "S1"}],
        "incidents": [
            {
                "id": "I1",
                "occurred_at": f"{first_day}T20:00:00",
                "suspect_id": "S1",
                "channel": "text-message",
                "narrative": "He sent twenty texts saying he would never let me go.",
            },
            {
                "id": "I2",
                "occurred_at": f"{first_day[:8]}28T08:00:00",
                "suspect_id": "S1",
                "channel": "in-person",
                "narrative": "He was waiting outside my work and followed me to the station.",
            },
        ],
        "handling": handling or {"recorded_as": "harassment", "pin_issued": True},
    }
    if team:
        doc["team"] = team
    return doc


@pytest.fixture
def caseload(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    lines = [
        case_doc("L1", "2023-01-03", "North"),
        case_doc("L2", "2023-02-03", "South", recorded_as="stalking", pin_issued=False),
        case_doc("L3", "2023-03-03", "North", risk_assessment_completed=True),
    ]
    (folder / "batch.jsonl").write_bytes(b"\n".join(orjson.dumps(d) for d in lines) + b"\n")
    (folder / "single.json").write_bytes(orjson.dumps(case_doc("J1", "2023-04-03")))
    return folder


def invoke(*args: str) -> Any:
    return runner.invoke(app, ["audit", *args])


def as_json(*args: str) -> dict[str, Any]:
    result = invoke(*args, "--format", "json", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout)


def test_json_output_parses_with_every_case_and_a_summary(caseload: Path) -> None:
    data = as_json(str(caseload))
    assert [c["case_id"] for c in data["cases"]] == ["L1", "L2", "L3", "J1"]
    assert data["meta"]["as_of"] == "2024-06-01"
    assert data["summary"]["cases"] == 4
    assert data["counts"] == {
        "read": 4,
        "excluded_by_filters": 0,
        "audited": 4,
        "could_not_audit": 0,
    }
    assert len(data["cases"][0]["results"]) == len(data["summary"]["checks"]) == 13
    assert data["cases"][0]["team"] == "North"
    assert data["cases"][0]["period"] == "2023-01-03"
    for case in data["cases"]:
        for r in case["results"]:
            assert r["outcome"] in {"pass", "fail", "not-applicable", "unknown"}
            assert r["reason"]


def test_csv_output_has_a_header_and_one_row_per_case(caseload: Path) -> None:
    result = invoke(str(caseload), "--format", "csv", "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["case_id"] for r in rows] == ["L1", "L2", "L3", "J1"]
    assert {"no-pin", "no-pin.reason", "victim-updates-on-time"} <= set(rows[0])


def test_html_report_contains_the_per_case_table(caseload: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = invoke(str(caseload), "--format", "html", "--out", str(out), "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert '<table class="cases">' in page
    for case_id in ("L1", "L2", "L3", "J1"):
        assert f">{case_id}<" in page
    assert "<svg" in page and "<script" not in page
    assert "Wrote html report" in result.stderr


def test_text_summary(caseload: Path) -> None:
    result = invoke(str(caseload), "--as-of", "2024-06-01")
    assert result.exit_code == 0, result.output
    assert "Vigil case-handling audit" in result.stdout
    assert "4 case(s) audited" in result.stdout
    assert "Against the 2017 inspection" in result.stdout
    assert "61%" in result.stdout


def test_sample_is_reproducible_and_says_so(caseload: Path) -> None:
    first = as_json(str(caseload), "--sample", "2", "--seed", "5")
    again = as_json(str(caseload), "--sample", "2", "--seed", "5")
    assert [c["case_id"] for c in first["cases"]] == [c["case_id"] for c in again["cases"]]
    assert len(first["cases"]) == 2
    assert first["meta"]["sample"] == {"size": 2, "requested": 2, "seed": 5, "population": 4}
    assert first["summary"]["cases"] == 2


def test_sample_without_seed_reports_the_seed_it_used(caseload: Path) -> None:
    data = as_json(str(caseload), "--sample", "3")
    seed = data["meta"]["sample"]["seed"]
    again = as_json(str(caseload), "--sample", "3", "--seed", str(seed))
    assert [c["case_id"] for c in data["cases"]] == [c["case_id"] for c in again["cases"]]


def test_period_and_team_filters(caseload: Path) -> None:
    data = as_json(str(caseload), "--from", "2023-02-01", "--to", "2023-03-31")
    assert [c["case_id"] for c in data["cases"]] == ["L2", "L3"]
    assert data["counts"]["excluded_by_filters"] == 2
    data = as_json(str(caseload), "--team", "North")
    assert [c["case_id"] for c in data["cases"]] == ["L1", "L3"]


def test_classification_filter_keeps_only_that_classification(caseload: Path) -> None:
    everything = as_json(str(caseload))
    category = everything["cases"][0]["category"]
    expected = [c["case_id"] for c in everything["cases"] if c["category"] == category]
    data = as_json(str(caseload), "--classification", category)
    assert [c["case_id"] for c in data["cases"]] == expected
    assert {c["category"] for c in data["cases"]} == {category}


def test_a_bad_case_is_listed_and_the_rest_audited(caseload: Path) -> None:
    bad = case_doc("BAD", "2023-05-03")
    bad["incidents"][0]["occurred_at"] = "last Tuesday"
    (caseload / "z-bad.json").write_bytes(orjson.dumps(bad))
    (caseload / "z-broken.jsonl").write_text("{not json\n", encoding="utf-8")
    result = invoke(str(caseload), "--format", "json", "--as-of", "2024-06-01")
    assert result.exit_code == 1
    data = orjson.loads(result.stdout)
    assert len(data["cases"]) == 4
    assert data["counts"]["could_not_audit"] == 2
    problems = {p["where"].rsplit("/", 1)[-1]: p for p in data["problems"]}
    assert problems["z-bad.json"]["case_id"] == "BAD"
    assert "incidents[0].occurred_at" in problems["z-bad.json"]["message"]
    assert "not valid JSON" in problems["z-broken.jsonl:1"]["message"]


def test_without_path_audits_the_database_and_says_when_it_is_empty(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VIGIL_DATABASE_URL", f"sqlite:///{tmp_path / 'vigil.sqlite3'}")
    result = invoke()
    assert result.exit_code == 0, result.output
    assert "holds no cases" in result.stderr
    assert "0 case(s) audited" in result.stdout


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--as-of", "yesterday"], "--as-of 'yesterday' is not a date"),
        (["--from", "2023-13-01"], "--from '2023-13-01' is not a date"),
        (["--from", "2023-05-01", "--to", "2023-04-01"], "--from is after --to"),
        (["--classification", "stalky"], "use one of: stalking-fear-or-distress"),
        (["--seed", "3"], "--seed needs --sample"),
    ],
)
def test_usage_errors_are_clear(caseload: Path, args: list[str], words: str) -> None:
    result = invoke(str(caseload), *args)
    assert result.exit_code == 2
    assert words in result.stderr
    assert "Traceback" not in result.output


def test_missing_path_is_a_usage_error(tmp_path: Path) -> None:
    result = invoke(str(tmp_path / "nowhere"))
    assert result.exit_code == 2
    assert "no such file or folder" in result.stderr


def test_unwritable_out_is_a_usage_error(caseload: Path, tmp_path: Path) -> None:
    result = invoke(str(caseload), "--out", str(tmp_path / "no" / "such" / "dir" / "r.html"), "--format", "html")
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
