"""`vigil audit` without PATH, end to end: cases imported with `vigil case import`, then audited.

Runs the real CLI against a real SQLite file: the database audit must say what
the file audit of the same cases says, and write every format including PDF.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson
import pytest
from typer.testing import CliRunner

from vigil.cli import app

from .test_cli_audit import case_doc

runner = CliRunner()


@pytest.fixture
def stored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Four cases in a .jsonl file, imported into a fresh database."""
    monkeypatch.setenv("VIGIL_DATABASE_URL", f"sqlite:///{tmp_path / 'vigil.sqlite3'}")
    docs = [
        case_doc("L1", "2023-01-03"),
        case_doc("L2", "2023-02-03", recorded_as="stalking", pin_issued=False),
        case_doc("L3", "2023-03-03", risk_assessment_completed=True),
        case_doc("L4", "2023-04-03", victim_updates=["2023-04-04"], victim_needs_assessment=True),
    ]
    path = tmp_path / "cases.jsonl"
    path.write_bytes(b"\n".join(orjson.dumps(d) for d in docs) + b"\n")
    result = runner.invoke(app, ["case", "import", str(path)])
    assert result.exit_code == 0, result.output
    return path


def audit_json(*args: str) -> dict[str, Any]:
    result = runner.invoke(app, ["audit", *args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return orjson.loads(result.stdout)


def test_database_audit_says_what_the_file_audit_says(stored: Path) -> None:
    # The stored assessments were made today (UTC), so both audit as of that day.
    today = datetime.now(UTC).date().isoformat()
    from_db = audit_json("--as-of", today)
    from_files = audit_json(str(stored), "--as-of", today)
    assert from_db["meta"]["source"] == "database"
    assert from_db["summary"] == from_files["summary"]
    assert [{**c, "where": None} for c in from_db["cases"]] == [{**c, "where": None} for c in from_files["cases"]]
    assert from_db["counts"] == {"read": 4, "excluded_by_filters": 0, "audited": 4, "could_not_audit": 0}


def test_database_filters_and_seeded_sample(stored: Path) -> None:
    early = audit_json("--to", "2023-02-28")
    assert [c["case_id"] for c in early["cases"]] == ["L1", "L2"]
    assert early["counts"]["excluded_by_filters"] == 2
    first = audit_json("--sample", "2", "--seed", "5")
    again = audit_json("--sample", "2", "--seed", "5")
    assert [c["case_id"] for c in first["cases"]] == [c["case_id"] for c in again["cases"]]
    assert first["meta"]["sample"] == {"size": 2, "requested": 2, "seed": 5, "population": 4}
    assert first["summary"]["cases"] == 2


def test_database_audit_writes_csv_html_and_pdf(stored: Path, tmp_path: Path) -> None:
    csv_out = runner.invoke(app, ["audit", "--format", "csv"])
    assert csv_out.exit_code == 0
    assert len(csv_out.stdout.strip().splitlines()) == 5
    html = tmp_path / "audit.html"
    assert runner.invoke(app, ["audit", "--format", "html", "--out", str(html)]).exit_code == 0
    assert "L3" in html.read_text(encoding="utf-8")
    pdf = tmp_path / "audit.pdf"
    result = runner.invoke(app, ["audit", "--format", "pdf", "--out", str(pdf)])
    assert result.exit_code == 0, result.output
    assert pdf.read_bytes().startswith(b"%PDF-") and pdf.stat().st_size > 10_000


def test_pdf_needs_an_output_file(stored: Path) -> None:
    result = runner.invoke(app, ["audit", "--format", "pdf"])
    assert result.exit_code == 2
    assert "--format pdf needs --out FILE" in result.stderr
    assert "Traceback" not in result.output
