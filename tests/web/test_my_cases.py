"""My cases: most urgent first, searchable by id, crime reference, identifiers and classification."""

from __future__ import annotations

import re

from pagehelp import add_incident, new_case, sign_in, text_of
from sqlalchemy import select

from vigil.cases.models import Case
from vigil.cases.reassess import latest_assessment


def _listed(html: str) -> list[str]:
    results = html.split('id="case-results"', 1)[1]
    return re.findall(r'<h2 class="h3"><a href="/cases/([^"]+)"', results)


def test_urgent_cases_first_and_search_by_identifier_crime_reference_and_classification(client, make_user, sessions):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "CALM-1", identifiers="Pat Jones, pat@example.com", crime_reference="11/22222/24")
    new_case(client, csrf, "URGENT-1", identifiers="Dan Kerr, 07700 900123")
    add_incident(client, csrf, "URGENT-1", "I1", "2024-03-01", "Dan texted: 'I am going to kill you tonight.'")
    home = client.get("/")
    listed = _listed(home.text)
    assert set(listed) == {"CALM-1", "URGENT-1"}
    assert listed[0] == "URGENT-1"  # raised risk and an open alert put it first
    assert "Risk raised" in text_of(home.text)

    assert _listed(client.get("/", params={"q": "+44 7700 900123"}).text) == ["URGENT-1"]
    assert _listed(client.get("/", params={"q": "pat@EXAMPLE.com"}).text) == ["CALM-1"]
    assert _listed(client.get("/", params={"q": "22222"}).text) == ["CALM-1"]
    assert _listed(client.get("/", params={"q": "nobody"}).text) == []
    assert _listed(client.get("/", params={"attention": "1"}).text) == ["URGENT-1"]
    no_offence = _listed(client.get("/", params={"classification": "no-offence"}).text)
    assert "CALM-1" in no_offence and "URGENT-1" not in no_offence
    with sessions() as s:
        case = s.execute(select(Case).where(Case.reference == "URGENT-1")).scalar_one()
        doc = latest_assessment(s, case).document
    for offence in doc["classification"]["offences"]:  # main and secondary classifications
        assert _listed(client.get("/", params={"classification": offence["code"]}).text) == ["URGENT-1"]
    assert _listed(client.get("/", params={"classification": case.category}).text)[0] == "URGENT-1"


def test_htmx_search_gets_only_the_results(client, make_user):
    make_user("investigator", username="alice")
    csrf = sign_in(client, "alice")
    new_case(client, csrf, "C-1")
    r = client.get("/", params={"q": "C-1"}, headers={"HX-Request": "true", "HX-Target": "case-results"})
    assert r.text.lstrip().startswith('<section id="case-results"') and "<html" not in r.text
