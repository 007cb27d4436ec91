"""The synthetic case generator: valid, reproducible, varied, fictional, and the size asked for."""

from __future__ import annotations

import random
import re
from collections import Counter

import orjson
import pytest

from vigil.contract import Case, Channel
from vigil.synth import archetype_keys, generate_case, generate_cases

PHONE_LIKE = re.compile(r"\b07\d{3} ?\d{6}\b")
EMAIL_LIKE = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")


@pytest.fixture(scope="module")
def sample() -> list[dict]:
    return list(generate_cases(11, 400))


def test_every_case_is_a_valid_case_with_consistent_references(sample: list[dict]) -> None:
    for doc in sample:
        case = Case.model_validate(doc)
        suspects = {s.id for s in case.suspects}
        parties = {p.id for p in case.third_parties}
        ids = [i.id for i in case.incidents]
        assert len(ids) == len(set(ids)) == 8
        for incident in case.incidents:
            assert incident.suspect_id is None or incident.suspect_id in suspects
            assert incident.actor_id is None or incident.actor_id in parties
            assert incident.narrative.strip()
        for order in case.orders:
            assert order.against in suspects
            assert order.end_day is None or order.end_day > order.start_day
        whens = [i.when for i in case.incidents if i.when]
        assert [w.date() for w in whens] == sorted(w.date() for w in whens)


def test_same_seed_same_cases_and_case_i_does_not_depend_on_count() -> None:
    first = list(generate_cases(5, 12))
    assert first == list(generate_cases(5, 12))
    assert list(generate_cases(5, 4)) == first[:4]
    assert list(generate_cases(6, 12)) != first


def test_generate_case_uses_only_the_rng_it_is_given() -> None:
    random.seed(1)
    before = random.getstate()
    a = generate_case(random.Random(42), "C-1")
    assert random.getstate() == before, "the global random module was used"
    random.seed(2)
    b = generate_case(random.Random(42), "C-1")
    assert a == b


def test_every_archetype_appears_and_renders_for_many_seeds(sample: list[dict]) -> None:
    seen = Counter(doc["synthetic"]["archetype"] for doc in sample)
    assert set(seen) == set(archetype_keys())
    for key in archetype_keys():
        for seed in range(25):
            doc = generate_case(random.Random(f"{key}:{seed}"), f"C-{seed}", archetype=key)
            Case.model_validate(doc)
            assert doc["synthetic"]["archetype"] == key


def test_cases_vary_in_relationship_channel_orders_and_accounts(sample: list[dict]) -> None:
    relationships = {doc["victim"]["relationship_to_suspect"] for doc in sample}
    channels = {i["channel"] for doc in sample for i in doc["incidents"]}
    order_types = {o["type"] for doc in sample for o in doc["orders"]}
    conditions = {c["type"] for doc in sample for o in doc["orders"] for c in o["conditions"]}
    assert len(relationships) >= 8
    assert len(channels) >= 10 and channels <= {c.value for c in Channel}
    assert len(order_types) >= 6
    assert {"no-contact", "exclusion-zone", "no-approach", "other"} <= conditions
    assert any(i["suspect_id"] is None for doc in sample for i in doc["incidents"])
    assert any("actor_id" in i for doc in sample for i in doc["incidents"])
    assert any("handling" in doc for doc in sample) and not all("handling" in doc for doc in sample)


def test_text_holds_negations_hypotheticals_and_typos(sample: list[dict]) -> None:
    text = " ".join(
        " ".join([doc["victim"]["statement"], *(i["narrative"] for i in doc["incidents"])]) for doc in sample
    )
    assert re.search(r"\b(?:never|not|didn't|does not|don't)\b", text)
    assert re.search(r"\b(?:if|might|could|worried)\b", text, re.I)
    assert re.search(r"'[^']*\b(?:u|ur|im|dont|thats|r)\b[^']*'", text), "no text-speak in quotes"


def test_contact_details_are_fictional(sample: list[dict]) -> None:
    blob = orjson.dumps(sample).decode()
    phones = PHONE_LIKE.findall(blob)
    assert phones, "expected some phone numbers"
    assert all(p.startswith("07700 900") for p in phones), set(phones)
    domains = {m.group(1) for m in EMAIL_LIKE.finditer(blob)}
    assert domains and domains <= {"example.com", "example.org", "example.net"}, domains


@pytest.mark.parametrize(("incidents", "chars"), [(8, 4000), (4, 1200), (12, 9000)])
def test_narratives_add_up_to_about_the_target(incidents: int, chars: int) -> None:
    for doc in generate_cases(3, 40, n_incidents=incidents, target_chars=chars):
        total = sum(len(i["narrative"]) for i in doc["incidents"])
        assert chars * 0.9 <= total <= chars * 1.2, (doc["case_id"], total)


def test_no_officer_note_repeats_within_one_narrative(sample: list[dict]) -> None:
    for doc in sample:
        for incident in doc["incidents"]:
            notes = [s for s in re.split(r"(?<=\.) ", incident["narrative"]) if "'" not in s]
            assert len(notes) == len(set(notes)), incident["narrative"]


def test_zero_and_one_incident_cases_are_valid() -> None:
    empty = generate_case(random.Random(1), "C-0", n_incidents=0)
    assert empty["incidents"] == []
    Case.model_validate(empty)
    one = generate_case(random.Random(1), "C-1", n_incidents=1)
    assert len(one["incidents"]) == 1
    Case.model_validate(one)


def test_bad_arguments_say_what_is_wrong() -> None:
    with pytest.raises(ValueError, match="unknown archetype 'gossip'"):
        generate_case(random.Random(1), "C-1", archetype="gossip")
    with pytest.raises(ValueError, match="n_incidents"):
        generate_case(random.Random(1), "C-1", n_incidents=-1)
