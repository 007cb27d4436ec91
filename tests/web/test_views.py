"""The page-building pieces on their own: highlighting, the chart, what-changed sentences, words."""

from __future__ import annotations

from datetime import datetime

from vigil.web.views.changes import changes
from vigil.web.views.chart import buckets, build
from vigil.web.views.highlight import highlight, spans
from vigil.web.words import offence_short, risk_label


def test_evidence_words_are_marked_and_the_rest_is_escaped():
    text = "<b>Hi</b> He said 'I will kill you' and left."
    html = str(highlight(text, [{"type": "threat-to-kill", "evidence": "'I will kill you'", "source": "narrative"}]))
    assert "&lt;b&gt;Hi&lt;/b&gt;" in html and "<b>" not in html
    assert "'I will kill you'</span>" not in html
    assert '<mark title="Threat to kill' in html and "&#39;I will kill you&#39;" in html


def test_channel_evidence_is_found_without_its_channel_prefix_and_overlaps_merge():
    text = "Text: 'You can't hide.' Then he called."
    found = spans(
        text,
        [
            {"type": "contacting", "evidence": "text-message: 'You can't hide.'", "source": "channel"},
            {"type": "threat-of-violence", "evidence": "You can't hide", "source": "narrative"},
            {"type": "fake-account", "evidence": "not in the text at all", "source": "narrative"},
            {"type": "contacting", "evidence": "anything", "source": "victim.statement"},
        ],
    )
    assert len(found) == 1
    assert text[found[0].start : found[0].end] == "'You can't hide.'"
    assert len(found[0].labels) == 2


def test_contacts_are_counted_per_week_including_empty_weeks():
    moments = [datetime(2024, 3, 4, 9), datetime(2024, 3, 6, 9), datetime(2024, 3, 20, 9)]
    unit, bars = buckets(moments)
    assert unit == "week"
    assert [b.count for b in bars] == [2, 0, 1]
    assert bars[0].start.weekday() == 0


def test_long_cases_are_counted_per_month():
    unit, bars = buckets([datetime(2020, 1, 5), datetime(2023, 1, 5)])
    assert unit == "month" and len(bars) == 37 and sum(b.count for b in bars) == 2


def test_chart_draws_one_dot_per_dated_incident_with_its_severity():
    chart = build([("I1", datetime(2024, 3, 1)), ("I2", datetime(2024, 3, 9)), ("I3", None)], {"I2": 5})
    svg = str(chart.svg)
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert svg.count("<circle") == 2
    assert [(p.incident_id, p.severity) for p in chart.points] == [("I1", 0), ("I2", 5)]


def _doc(category, risk="standard", breaches=(), offences=()):
    return {
        "classification": {"category": category, "offences": [{"code": c, "title": c} for c in offences]},
        "risk": {"level": risk, "escalation": {"detected": False}},
        "breaches": [dict(b) for b in breaches],
        "linked_accounts": [],
        "actions": [],
    }


def test_changes_name_the_new_classification_the_breach_and_the_risk():
    before = _doc("harassment", offences=["PHA1997-s2"])
    after = _doc(
        "stalking-fear-or-distress",
        risk="high",
        offences=["PHA1997-s4A", "PHA1997-s2"],
        breaches=[{"order_id": "O1", "incident_id": "I4", "condition": "no-contact", "detail": "x"}],
    )
    lines = changes(before, after, {"O1": "restraining-order"})
    assert lines[0].startswith("now stalking involving fear of violence") and ": PHA 1997 s.4A" in lines[0]
    assert any(line.startswith("breach of restraining order O1 by incident I4") for line in lines)
    assert "Vigil's risk level raised from standard to high" in lines
    assert changes(after, after) == []


def test_words():
    assert offence_short("PHA1997-s4A") == "PHA 1997 s.4A"
    assert offence_short("PHA1997-s3-6") == "PHA 1997 s.3(6)"
    assert risk_label("high") == "High risk"
