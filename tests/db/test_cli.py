"""The database commands end to end on a fresh SQLite file: import, export, show, users, verify."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner
from vigil_dbtest import example_paths

from vigil.cli import app


@pytest.fixture
def runner(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    monkeypatch.setenv("VIGIL_DATABASE_URL", f"sqlite:///{tmp_path / 'cli.sqlite3'}")
    return CliRunner()


def test_import_export_show_verify(runner: CliRunner, tmp_path: Path) -> None:
    paths = example_paths()[:3]
    if not paths:
        pytest.skip("no worked examples found at ../shared/examples")
    result = runner.invoke(app, ["case", "import", *map(str, paths)])
    assert result.exit_code == 0, result.output
    ids = result.stdout.split()
    cases = [json.loads(p.read_text())["case"] for p in paths]
    assert ids == [c["case_id"] for c in cases]
    for case in cases:
        out = runner.invoke(app, ["case", "export", case["case_id"]])
        assert out.exit_code == 0, out.output
        assert json.loads(out.stdout) == case
        shown = runner.invoke(app, ["case", "show", case["case_id"], "--json"])
        assert json.loads(shown.stdout)["case_id"] == case["case_id"]
        text = runner.invoke(app, ["case", "show", case["case_id"]])
        assert "Risk:" in text.stdout
    again = runner.invoke(app, ["case", "import", str(paths[0])])
    assert again.exit_code == 1 and "already exists" in again.stderr
    verify = runner.invoke(app, ["audit-log", "verify"])
    assert verify.exit_code == 0 and "intact" in verify.stdout


def test_import_reports_bad_cases_and_keeps_good_ones(runner: CliRunner, tmp_path: Path) -> None:
    lines = [
        {"format": "vigil.case/1", "case_id": "J-1", "incidents": []},
        {"format": "vigil.case/1", "case_id": "J-2", "incidents": [{"id": "I1", "channel": "pigeon"}]},
        {"format": "vigil.case/1", "case_id": "J-3", "incidents": []},
    ]
    f = tmp_path / "cases.jsonl"
    f.write_text("\n".join(json.dumps(x) for x in lines) + "\nnot json\n")
    result = runner.invoke(app, ["case", "import", str(f)])
    assert result.exit_code == 1
    assert result.stdout.split() == ["J-1", "J-3"]
    assert "incidents[0].channel" in result.stderr and "not valid JSON" in result.stderr


def test_users_add_needs_a_real_password(runner: CliRunner) -> None:
    ok = runner.invoke(
        app, ["users", "add", "root", "--role", "admin", "--password-stdin"], input="a long enough passphrase\n"
    )
    assert ok.exit_code == 0, ok.output
    weak = runner.invoke(app, ["users", "add", "root2", "--role", "admin", "--password-stdin"], input="short\n")
    assert weak.exit_code == 1 and "shorter than" in weak.stderr
    dup = runner.invoke(
        app, ["users", "add", "root", "--role", "admin", "--password-stdin"], input="another long passphrase\n"
    )
    assert dup.exit_code == 1 and "already exists" in dup.stderr
    listed = runner.invoke(app, ["users", "list"])
    assert "root\tadmin" in listed.stdout


def test_unknown_case_is_one_clear_line(runner: CliRunner) -> None:
    result = runner.invoke(app, ["case", "export", "NOPE"])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: no case 'NOPE'")
    assert "Traceback" not in result.output


def test_serve_refuses_without_secret(runner: CliRunner, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("VIGIL_SECRET_KEY", raising=False)
    result = runner.invoke(app, ["serve"])
    assert result.exit_code == 2 and "VIGIL_SECRET_KEY" in result.stderr
