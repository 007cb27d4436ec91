"""Properties every assessment must have, whatever the case says.

Hypothesis builds valid `vigil.case/1` documents (random channels, dates,
suspects, orders with conditions, narratives mixing noise with phrases such as
"he followed me", "never hit me" and "'I'll kill you'") and invalid ones
(missing fields, wrong types, bad dates, unknown codes, non-objects). The
properties hold for any engine, placeholder or real:

(i)   assess_document never raises on a valid case and returns an Assessment;
(ii)  the order incidents arrive in never changes the assessment;
(iii) one incident is never a course of conduct;
(iv)  invalid input gives an AssessmentError saying what is wrong and where;
(v)   the real CLI keeps going past bad lines, in input order, with the contract's exit codes.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from vigil.contract import (
    ASSESSMENT_FORMAT,
    Assessment,
    AssessmentError,
    Channel,
    ConditionType,
    Investigator,
    OrderType,
    RecordedAs,
    Relationship,
    ThirdPartyRole,
)
from vigil.services.assessing import assess_document

AS_OF = date(2025, 1, 1)
PROPERTY = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

FRAGMENTS = (
    "he followed me",
    "never hit me",
    "'I'll kill you'",
    "he has never hit me",
    "I'm scared he might follow me home",
    "my brother threatened him",
    "'you won't see Christmas'",
    "S1 waited outside her work",
    "IP received 40 texts from SUSP",
    "he didn't follow me that night",
    "'ill kill u'",
    "sat outside the house in his car",
    "posted her address online",
    "put a tracker on her car",
    "threatened to share the photos",
    "put his hands round my neck",
    "the male left flowers on the doorstep",
    "if he ever comes back I'll call 999",
    "she messaged him back, she wanted to",
)

# ---------------------------------------------------------------- valid cases

ident = st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_", min_size=1, max_size=6)
noise = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
prose = st.lists(st.one_of(st.sampled_from(FRAGMENTS), noise), max_size=6).map(" ".join)
moments = st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2030, 12, 31))


@st.composite
def iso_when(draw: st.DrawFn) -> str:
    moment = draw(moments)
    style = draw(st.sampled_from(("date", "local", "utc", "offset")))
    if style == "date":
        return moment.date().isoformat()
    text = moment.replace(microsecond=0).isoformat()
    return {"local": text, "utc": text + "Z", "offset": text + "+01:00"}[style]


def optional(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """A value, null, or absent: the contract says absent means unknown, never no."""
    return st.one_of(st.just(_ABSENT), st.none(), strategy)


_ABSENT = object()


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is not _ABSENT:
        target[key] = value


@st.composite
def condition(draw: st.DrawFn) -> dict[str, Any]:
    kind = draw(st.sampled_from([c.value for c in ConditionType]))
    out: dict[str, Any] = {"type": kind}
    if kind == "exclusion-zone":
        _put(out, "place", draw(optional(st.sampled_from(("Elm Street", "Alder Road")) | noise)))
    elif kind == "no-approach":
        _put(out, "metres", draw(optional(st.floats(0, 5000, allow_nan=False))))
    elif kind == "other":
        _put(out, "text", draw(optional(prose)))
    return out


@st.composite
def order(draw: st.DrawFn, oid: str, suspects: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {"id": oid, "type": draw(st.sampled_from([t.value for t in OrderType]))}
    _put(out, "against", draw(optional(st.sampled_from(suspects))) if suspects else _ABSENT)
    starts = draw(optional(st.dates(date(2000, 1, 1), date(2030, 12, 31))))
    if starts not in (_ABSENT, None):
        out["starts"] = starts.isoformat()
        ends = draw(optional(st.integers(0, 3000)))
        _put(out, "ends", None if ends in (_ABSENT, None) else (starts + timedelta(ends)).isoformat())
    conditions = st.lists(condition(), max_size=4)
    _put(out, "conditions", draw(st.one_of(st.just(_ABSENT), conditions)))  # never null
    return out


@st.composite
def incident(draw: st.DrawFn, iid: str, suspects: list[str], parties: list[str]) -> dict:
    out: dict[str, Any] = {"id": iid}
    _put(out, "occurred_at", draw(optional(iso_when())))
    _put(out, "suspect_id", draw(optional(st.sampled_from(suspects))) if suspects else None)
    if parties:
        _put(out, "actor_id", draw(optional(st.sampled_from(parties))))
    _put(out, "channel", draw(optional(st.sampled_from([c.value for c in Channel]))))
    _put(out, "account", draw(optional(st.sampled_from(("07700 900123", "@dan_k")) | noise)))
    _put(out, "location", draw(optional(noise)))
    _put(out, "narrative", draw(st.one_of(st.just(_ABSENT), prose)))
    return out


@st.composite
def valid_case(draw: st.DrawFn, min_incidents: int = 0) -> dict[str, Any]:
    suspect_ids = draw(st.lists(ident, max_size=3, unique=True))
    party_ids = draw(st.lists(ident.map("W".__add__), max_size=2, unique=True))
    incident_ids = draw(st.lists(ident, min_size=min_incidents, max_size=8, unique=True))
    order_ids = draw(st.lists(ident, max_size=3, unique=True))
    doc: dict[str, Any] = {
        "format": "vigil.case/1",
        "case_id": draw(st.text(min_size=1, max_size=12).filter(str.strip)),
        "incidents": [draw(incident(i, suspect_ids, party_ids)) for i in incident_ids],
    }
    _put(doc, "jurisdiction", draw(st.sampled_from((_ABSENT, "england-and-wales"))))
    victim: dict[str, Any] = {"id": "V1"}
    _put(victim, "relationship_to_suspect", draw(optional(st.sampled_from(list(Relationship)))))
    _put(victim, "statement", draw(optional(prose)))
    _put(doc, "victim", draw(st.sampled_from((_ABSENT, None, victim))))
    doc["suspects"] = [
        {
            "id": s,
            "identifiers": draw(st.lists(st.sampled_from(("07700 900417", "@x")) | noise, max_size=3)),
            "history": draw(optional(prose)),
        }
        for s in suspect_ids
    ]
    for s in doc["suspects"]:
        if s["history"] is _ABSENT:
            del s["history"]
    if party_ids:
        doc["third_parties"] = [
            {"id": p, "role": draw(st.sampled_from([r.value for r in ThirdPartyRole]))} for p in party_ids
        ]
    doc["orders"] = [draw(order(o, suspect_ids)) for o in order_ids]
    if draw(st.booleans()):
        handling: dict[str, Any] = {}
        _put(handling, "recorded_as", draw(optional(st.sampled_from([r.value for r in RecordedAs]))))
        _put(handling, "pin_issued", draw(optional(st.booleans())))
        _put(handling, "investigator", draw(optional(st.sampled_from(list(Investigator)))))
        days = st.lists(st.dates(date(2000, 1, 1), date(2030, 1, 1)).map(date.isoformat), max_size=3)
        _put(handling, "victim_updates", draw(optional(days)))
        doc["handling"] = handling
    return orjson.loads(orjson.dumps(doc))  # plain JSON types only, as a file would hold


# -------------------------------------------------------------- invalid input


# Where a value can go wrong, and wrong values for it: wrong types, bad dates, unknown codes.
# {k} is an incident, {j} an order; paths are written as the error must report them.
BAD_VALUES: dict[str, tuple[Any, ...]] = {
    "case_id": (5, "", None, ["C-1"]),
    "format": ("vigil.case/2", "vigil.assessment/1", 1),
    "jurisdiction": ("mars", "England", ""),
    "incidents": ("I1", {}, 3),
    "victim": ([], "V1", 1),
    "suspects": ("S1", {"id": "S1"}, 1),
    "incidents[{k}]": ("I1", 7, None, []),
    "incidents[{k}].narrative": (3, ["text"], {}),
    "incidents[{k}].occurred_at": (
        "2024-02-30",
        "01/03/2024",
        "yesterday",
        "2024-13-01T10:00",
        "",
        "2024-03-01T25:00",
    ),
    "incidents[{k}].channel": ("carrier-pigeon", "SMS", "Text-Message", 4),
    "victim.relationship_to_suspect": ("frenemy", "ex", 2),
    "handling.pin_issued": ("perhaps", [True]),
    "handling.recorded_as": ("murder", "Stalking"),
    "handling.victim_updates": ("2024-03-01", 5, {"soon": 1}),
    "orders[{j}].type": ("gagging-order", "RO"),
    "orders[{j}].starts": ("2024-02-30", "next week"),
    "orders[{j}].conditions[0].type": ("no-singing", 3),
    "suspects[0].identifiers": ("07700 900123",),
    "third_parties[0].role": ("butler",),
}
REQUIRED = (
    "format",
    "case_id",
    "incidents",
    "incidents[{k}].id",
    "orders[{j}].type",
    "orders[{j}].conditions[0].type",
    "suspects[0].id",
)
NON_OBJECTS = st.one_of(
    st.lists(st.integers(), max_size=3),
    noise,
    st.integers(),
    st.floats(allow_nan=False),
    st.none(),
    st.booleans(),
)


def _reachable(doc: Any, path: str, must_exist: bool) -> bool:
    """Whether the object `path` lives in is there (and, to drop it, the field itself)."""
    try:
        parent, key = _walk(doc, path)
    except (KeyError, IndexError, TypeError):
        return False
    if isinstance(parent, dict):
        return key in parent or not must_exist
    return isinstance(parent, list) and isinstance(key, int) and key < len(parent)


@st.composite
def invalid_document(draw: st.DrawFn) -> tuple[Any, str]:
    """A document with exactly one thing wrong, and the path the error must name."""
    if draw(st.integers(0, 9)) == 0:
        return draw(NON_OBJECTS), "$"
    doc = draw(valid_case(min_incidents=1))
    k = draw(st.integers(0, len(doc["incidents"]) - 1))
    j = draw(st.integers(0, max(len(doc["orders"]) - 1, 0)))
    choices = [("drop", p) for p in REQUIRED if _reachable(doc, p.format(k=k, j=j), True)]
    choices += [("set", p) for p in BAD_VALUES if _reachable(doc, p.format(k=k, j=j), False)]
    action, template = draw(st.sampled_from(choices))
    path = template.format(k=k, j=j)
    parent, key = _walk(doc, path)
    if action == "drop":
        del parent[key]
    else:
        parent[key] = draw(st.sampled_from(BAD_VALUES[template]))
    return doc, path


def _walk(doc: Any, path: str) -> tuple[Any, str | int]:
    """The container holding `path` (e.g. orders[0].conditions[1].type) and the last key."""
    steps: list[str | int] = []
    for part in path.split("."):
        name, *indexes = part.replace("]", "").split("[")
        steps.append(name)
        steps += [int(i) for i in indexes]
    for step in steps[:-1]:
        doc = doc[step]
    return doc, steps[-1]


# ----------------------------------------------------------------- properties


@PROPERTY
@given(valid_case())
def test_i_a_valid_case_is_always_assessed(doc: dict[str, Any]) -> None:
    result = assess_document(doc, AS_OF)
    assert isinstance(result, Assessment), getattr(result, "error", result)
    assert result.format == ASSESSMENT_FORMAT
    assert result.case_id == doc["case_id"]


@PROPERTY
@given(valid_case(min_incidents=2), st.data())
def test_ii_incident_order_never_changes_the_assessment(doc: dict[str, Any], data: st.DataObject) -> None:
    shuffled = dict(doc, incidents=data.draw(st.permutations(doc["incidents"])))
    first = assess_document(doc, AS_OF)
    second = assess_document(shuffled, AS_OF)
    assert isinstance(first, Assessment) and isinstance(second, Assessment)
    assert second.model_dump(mode="json") == first.model_dump(mode="json")


@PROPERTY
@given(valid_case(min_incidents=1), st.data())
def test_iii_one_incident_is_never_a_course_of_conduct(doc: dict[str, Any], data: st.DataObject) -> None:
    only = data.draw(st.sampled_from(doc["incidents"]))
    result = assess_document(dict(doc, incidents=[only]), AS_OF)
    assert isinstance(result, Assessment), getattr(result, "error", result)
    assert result.course_of_conduct.present is False


@PROPERTY
@given(invalid_document())
def test_iv_invalid_input_gives_an_error_saying_what_and_where(bad: tuple[Any, str]) -> None:
    doc, path = bad
    result = assess_document(doc, AS_OF)
    assert isinstance(result, AssessmentError), f"accepted invalid input (bad {path})"
    assert result.format == ASSESSMENT_FORMAT
    assert result.error.message.strip()
    assert result.error.path == path, result.error.message


# ------------------------------------------------------------- the real CLI

BAD_LINES = (
    "{not json",
    "case_id: C-1",
    "{'format': 'vigil.case/1'}",
    '{"format": "vigil.case/1",',
    "[1, 2",
    "\x00garbage",
    "}{",
)


def _not_json(text: str) -> bool:
    try:
        orjson.loads(text)
    except orjson.JSONDecodeError:
        return True
    return False


non_json_line = st.one_of(
    st.sampled_from(BAD_LINES),
    noise.filter(lambda s: s.strip() and "\n" not in s and _not_json(s)),
)


def _dumps(doc: object) -> str:
    """orjson refuses integers beyond 64 bits, which the invalid documents may hold; JSON itself allows them."""
    try:
        return orjson.dumps(doc).decode()
    except TypeError:
        return json.dumps(doc)


@st.composite
def cli_lines(draw: st.DrawFn) -> list[tuple[str, str, str | None]]:
    """Lines of a .jsonl file: (kind, text, case_id the output line must carry)."""
    lines: list[tuple[str, str, str | None]] = []
    kinds = draw(st.lists(st.sampled_from(("valid", "invalid", "nonjson")), min_size=1, max_size=7))
    for n, kind in enumerate([*kinds, "invalid"]):
        if kind == "valid":
            doc = dict(draw(valid_case()), case_id=f"CLI-{n}")
            lines.append(("valid", orjson.dumps(doc).decode(), doc["case_id"]))
        elif kind == "invalid":
            doc, _ = draw(invalid_document())
            cid = doc.get("case_id") if isinstance(doc, dict) else None
            lines.append(("invalid", _dumps(doc), cid if isinstance(cid, str) else None))
        else:
            lines.append(("nonjson", draw(non_json_line), None))
    return draw(st.permutations(lines))


def _vigil() -> Path:
    found = Path(sys.executable).parent / "vigil"
    assert found.exists(), f"the vigil command is not installed next to {sys.executable}"
    return found


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cli_lines())
def test_v_cli_streams_every_line_in_order_and_exits_1(
    lines: list[tuple[str, str, str | None]],
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "mixed.jsonl"
        path.write_bytes(b"".join(text.encode() + b"\n" for _, text, _ in lines))
        done = subprocess.run(
            [str(_vigil()), "assess", "--format", "jsonl", "--as-of", AS_OF.isoformat(), str(path)],
            capture_output=True,
            timeout=120,
            check=False,
        )
    assert "Traceback" not in done.stderr.decode(errors="replace")
    assert done.returncode == 1, done.stderr.decode(errors="replace")
    # Split on newline bytes only: str.splitlines() would also split on U+2028 inside a string.
    out = done.stdout.split(b"\n")
    assert out.pop() == b"", "output must end with a newline"
    assert len(out) == len(lines)
    for n, ((kind, _, case_id), raw) in enumerate(zip(lines, out, strict=True), start=1):
        line = orjson.loads(raw)
        assert isinstance(line, dict) and line["format"] == ASSESSMENT_FORMAT
        assert line["case_id"] == case_id, (n, kind)
        if kind == "valid":
            assert "error" not in line, line.get("error")
            continue
        assert line["error"]["message"].strip()
        assert line["error"]["path"]
        if kind == "nonjson":
            assert line["error"]["path"].endswith(f":{n}"), line["error"]


@pytest.mark.parametrize("fmt", ["jsonl", "json"])
def test_v_missing_file_is_a_usage_error_on_one_line(tmp_path: Path, fmt: str) -> None:
    missing = tmp_path / "no-such-cases.jsonl"
    done = subprocess.run(
        [str(_vigil()), "assess", "--format", fmt, str(missing)],
        capture_output=True,
        timeout=120,
        check=False,
    )
    err = done.stderr.decode()
    assert done.returncode == 2
    assert done.stdout == b""
    assert "Traceback" not in err
    assert err.count("\n") == 1 and str(missing) in err, err
