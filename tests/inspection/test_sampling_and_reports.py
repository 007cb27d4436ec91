"""Sampling for audit panels, and the CSV, JSON and HTML writers on hand-built audits."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date
from html.parser import HTMLParser

import orjson
import pytest

from vigil.inspection.caseload import CaseProblem, RunStats, reservoir_sample
from vigil.inspection.catalogue import load_catalogue
from vigil.inspection.registry import run_checks
from vigil.inspection.report_files import CASE_COLUMNS, csv_header, write_csv, write_json
from vigil.inspection.report_html import render_html
from vigil.inspection.results import CaseAudit
from vigil.inspection.summary import summarise

from .builders import make_assessment, make_case

AS_OF = date(2024, 6, 1)


def test_sample_is_reproducible_with_a_seed_and_keeps_input_order() -> None:
    first = reservoir_sample(range(1000), 25, seed=7)
    assert first == reservoir_sample(iter(range(1000)), 25, seed=7)
    assert len(first) == 25 == len(set(first))
    assert first == sorted(first)
    assert first != reservoir_sample(range(1000), 25, seed=8)


def test_sample_larger_than_population_is_the_population() -> None:
    assert reservoir_sample(["a", "b", "c"], 10, seed=1) == ["a", "b", "c"]


def test_sample_rejects_a_size_below_one() -> None:
    with pytest.raises(ValueError):
        reservoir_sample([1, 2], 0, seed=1)


def test_sample_is_uniform() -> None:
    # Every item of 20 should be drawn about 2000 × 5/20 = 500 times; a biased reservoir
    # (e.g. one that favours the first or last items) is far outside ±20%.
    seen: Counter[int] = Counter()
    for seed in range(2000):
        seen.update(reservoir_sample(range(20), 5, seed=seed))
    assert min(seen.values()) > 400
    assert max(seen.values()) < 600


def audits() -> list[CaseAudit]:
    good = make_case(
        "GOOD",
        team="North",
        handling={
            "recorded_as": "stalking",
            "risk_assessment_completed": True,
            "pin_issued": False,
        },
    )
    bad = make_case(
        "BAD<1>",
        days=("2023-07-01", "2023-07-04"),
        handling={
            "recorded_as": "harassment",
            "pin_issued": True,
            "outcome": 'Said "no", advice given',
        },
    )
    single = make_case("ONE", days=("2023-08-01",), relationship="stranger")
    return [
        run_checks(good, make_assessment("GOOD", "stalking"), AS_OF, where="a.jsonl:1"),
        run_checks(bad, make_assessment("BAD<1>", "stalking", risk="high"), AS_OF, where="a.jsonl:2"),
        run_checks(single, make_assessment("ONE", "single-incident"), AS_OF, where="b.json"),
    ]


def test_csv_has_a_header_and_one_row_per_case() -> None:
    catalogue = load_catalogue()
    out = io.StringIO()
    assert write_csv(audits(), out, catalogue) == 3
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert rows[0] == csv_header(catalogue)
    assert rows[0][: len(CASE_COLUMNS)] == CASE_COLUMNS
    assert len(rows) == 4
    bad = dict(zip(rows[0], rows[2], strict=True))
    assert bad["case_id"] == "BAD<1>"
    assert bad["rag"] == "red"
    assert bad["no-pin"] == "fail"
    assert "stalking case" in bad["no-pin.reason"]
    assert bad["recorded-correctly.evidence"] == "I1; I2; handling.recorded_as: harassment"


def test_json_parses_and_carries_cases_and_summary() -> None:
    out = io.StringIO()
    items = audits()
    n = write_json(
        items,
        out,
        head={"meta": {"as_of": "2024-06-01"}},
        tail=lambda: {"summary": summarise(items).as_dict()},
    )
    assert n == 3
    data = orjson.loads(out.getvalue())
    assert data["format"] == "vigil.audit/1"
    assert data["meta"]["as_of"] == "2024-06-01"
    assert [c["case_id"] for c in data["cases"]] == ["GOOD", "BAD<1>", "ONE"]
    assert data["cases"][1]["results"][0]["outcome"] == "fail"
    assert data["summary"]["cases"] == 3


def test_json_of_no_cases_is_still_valid() -> None:
    out = io.StringIO()
    write_json([], out, head={}, tail=dict)
    assert orjson.loads(out.getvalue())["cases"] == []


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: Counter[str] = Counter()
        self.text: list[str] = []
        self.external: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        for name, value in attrs:
            if name in {"src"} or (tag == "link" and name == "href"):
                self.external.append(value or "")

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def render(**kwargs) -> str:  # type: ignore[no-untyped-def]
    items = audits()
    stats = RunStats(read=4, audited=3)
    stats.problem(CaseProblem(where="c.json", case_id="X", message="incidents[0].occurred_at: not a date"))
    meta = {
        "as_of": "2024-06-01",
        "filters": {"from": None, "to": None, "classification": [], "team": []},
    }
    meta.update(kwargs.pop("meta", {}))
    shown = items[: kwargs["shown_limit"]] if kwargs.get("shown_limit") else items
    return render_html(summarise(items), shown, stats, meta, load_catalogue(), **kwargs)


def test_html_is_self_contained_with_charts_and_the_per_case_table() -> None:
    page = render()
    parser = _Collector()
    parser.feed(page)
    text = " ".join(parser.text)
    assert parser.external == [], "no external scripts, styles or images"
    assert "<script" not in page
    assert parser.tags["svg"] >= 4
    assert 'class="cases"' in page
    # one row per case in the per-case table, escaped
    assert "BAD&lt;1&gt;" in page and "BAD<1>" not in page
    # outcomes as words, not colour alone
    assert "Fail" in text and "Pass" in text and "N/A" in text
    assert "Red" in text and "Green" in text
    # the 2017 side-by-side and the sources
    assert "61%" in text and "46%" in text and "95%" in text and "75%" in text
    assert "https://www.justiceinspectorates.gov.uk/" in page
    # the case that could not be audited is listed
    assert "c.json" in text and "not a date" in text


def test_html_links_cases_and_notes_a_sample_and_truncation() -> None:
    page = render(
        case_link="/cases/{case_id}",
        shown_limit=1,
        meta={"sample": {"size": 3, "population": 40, "seed": 11, "requested": 3}},
    )
    assert 'href="/cases/GOOD"' in page
    assert "seed <strong>11</strong>" in page
    assert "from 40" in page
    assert "Showing the first 1 of 3 cases" in page
    assert 'href="/cases/BAD' not in page
