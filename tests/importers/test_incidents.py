"""From imported messages to vigil.case/1 incidents."""

from __future__ import annotations

import pytest

from vigil.contract import case as contract_case
from vigil.errors import UsageError
from vigil.importers import group_into_incidents, identifier_key, parse

from .samples import SUSPECT_NUMBER, VICTIM_NUMBER, WHATSAPP_ANDROID, sms, sms_xml


def whatsapp_messages():
    return list(parse("whatsapp", WHATSAPP_ANDROID.encode(), tz="Europe/London", source_name="chat.txt")[0])


def test_bursts_of_suspect_messages_become_incidents_with_evidence() -> None:
    messages = whatsapp_messages()
    incidents = group_into_incidents(messages, {"S1": ["Dan"]}, ["Sue"], gap_minutes=30, tz="Europe/London")
    assert [i["occurred_at"] for i in incidents] == [
        "2024-03-12T21:14:00+00:00",
        "2024-03-13T07:02:00+00:00",
        "2024-03-25T23:59:00+00:00",
    ]
    evening = incidents[0]
    assert evening["suspect_id"] == "S1"
    assert evening["channel"] == "messaging-app"
    assert evening["account"] == "Dan"
    assert evening["narrative"] == (
        "[2024-03-12 21:14:00 GMT] Dan: You can't ignore me forever\n"
        "[2024-03-12 21:15:00 GMT] Dan: I know where you work\n    and I know when you finish"
    )
    by_ref = {m.source_ref: m for m in messages}
    assert [e["source_ref"] for e in evening["evidence"]] == ["chat.txt:L2", "chat.txt:L3-L4"]
    for item in evening["evidence"]:
        assert by_ref[item["source_ref"]].canonical_hash == item["canonical_hash"]
    assert evening["id"] == "MSG-" + by_ref["chat.txt:L2"].canonical_hash[:12]


def test_victim_messages_are_context_never_conduct() -> None:
    incidents = group_into_incidents(whatsapp_messages(), ["Dan"], ["Sue"], gap_minutes=30)
    assert all("Please stop" not in i["narrative"] for i in incidents)
    assert [c["text"] for c in incidents[0]["context"]] == ["Please stop contacting me"]
    assert "suspect_id" not in incidents[0]
    assert incidents[1]["context"] == []


def test_system_lines_and_third_parties_make_no_incident() -> None:
    incidents = group_into_incidents(whatsapp_messages(), ["Sue"], ["Mark"], gap_minutes=30)
    assert [i["account"] for i in incidents] == ["Sue"]
    assert "added" not in incidents[0]["narrative"]


def test_gap_controls_the_bursts() -> None:
    messages = whatsapp_messages()
    wide = group_into_incidents(messages, ["Dan"], ["Sue"], gap_minutes=60 * 24 * 30)
    narrow = group_into_incidents(messages, ["Dan"], ["Sue"], gap_minutes=0.5)
    assert len(wide) == 1 and len(wide[0]["evidence"]) == 5
    assert len(narrow) == 5


def test_phone_numbers_match_however_they_are_written() -> None:
    data = sms_xml([sms("I am outside", date_ms=1710278045000), sms("open the door", date_ms=1710278105000)])
    messages = list(parse("sms-backup", data, tz="UTC", owner=VICTIM_NUMBER)[0])
    incidents = group_into_incidents(messages, {"S1": ["07700 900123"]}, ["07700-900456"])
    assert len(incidents) == 1
    assert incidents[0]["account"] == SUSPECT_NUMBER
    assert incidents[0]["channel"] == "text-message"
    assert identifier_key("+44 (0)7700 900123") == identifier_key("07700900123") == "+447700900123"
    assert identifier_key("\u202a+44\u00a07700\u00a0900123\u202c") == "+447700900123"
    assert identifier_key("@Dan_K") == identifier_key("dan_k")
    assert identifier_key("Dan.K@Example.org") == "dan.k@example.org"


def test_incidents_are_valid_case_incidents() -> None:
    incidents = group_into_incidents(whatsapp_messages(), {"S1": ["Dan"]}, ["Sue"])
    case = contract_case.Case.model_validate(
        {
            "format": "vigil.case/1",
            "case_id": "C-IMPORT",
            "suspects": [{"id": "S1", "identifiers": ["Dan"]}],
            "incidents": incidents,
        }
    )
    assert [i.id for i in case.incidents] == [i["id"] for i in incidents]
    assert case.incidents[0].model_extra["evidence"][0]["source_ref"] == "chat.txt:L2"
    assert case.incidents[0].when is not None


def test_an_identifier_on_both_sides_is_refused() -> None:
    with pytest.raises(UsageError, match="both the suspect and the victim"):
        group_into_incidents([], ["07700 900123"], ["+447700900123"])
    with pytest.raises(UsageError):
        group_into_incidents([], "Dan", ["Sue"])
    with pytest.raises(UsageError):
        group_into_incidents([], ["Dan"], ["Sue"], gap_minutes=0)
