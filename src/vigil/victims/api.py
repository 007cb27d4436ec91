"""`/api/cases/{id}/contacts|contact-preferences|duties`: reaching the victim safely, on time."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Response
from pydantic import BaseModel, ConfigDict, Field

from vigil.cases.service import open_case
from vigil.users.access import Perm
from vigil.victims import service
from vigil.victims.models import ContactPreferences, VictimContact, VictimsCodeDuty
from vigil.web.deps import CurrentActor, DbSession, Version

router = APIRouter(prefix="/api/cases/{case_id}", tags=["victims"])


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    at: datetime = Field(examples=["2024-03-02T10:00:00"])
    channel: str = Field(pattern="^(phone|in-person|email|text|letter|video|other)$", examples=["phone"])
    purpose: str = Field(pattern="^(update|needs-assessment|safety-planning|other)$", examples=["update"])
    outcome: str | None = Field(None, examples=["Told victim S1 was arrested; safe word agreed."])


class PreferencesIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    safe_times: str | None = Field(None, examples=["weekdays 10:00-14:00 (he is at work)"])
    safe_channels: list[str] = Field(default_factory=list, examples=[["phone", "in-person"]])
    no_voicemail: bool = Field(False, description="Never leave a voicemail: he checks her phone.")
    notes: str | None = None


def contact_out(c: VictimContact) -> dict[str, Any]:
    return {
        "id": c.id,
        "at": c.at.isoformat(),
        "channel": c.channel,
        "purpose": c.purpose,
        "officer_id": c.officer_id,
        "outcome": c.outcome,
    }


def prefs_out(p: ContactPreferences | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {
        "safe_times": p.safe_times,
        "safe_channels": p.safe_channels,
        "no_voicemail": p.no_voicemail,
        "notes": p.notes,
        "version": p.version,
    }


def duty_out(d: VictimsCodeDuty) -> dict[str, Any]:
    return {
        "duty": d.duty,
        "reason": d.reason,
        "raised_on": d.raised_on.isoformat(),
        "due": d.due.isoformat(),
        "met_at": d.met_at.isoformat() if d.met_at else None,
    }


@router.get("/contacts")
def get_contacts(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, what="victim-contacts")
    return {"contacts": [contact_out(c) for c in service.list_contacts(session, case)]}


@router.post(
    "/contacts",
    status_code=201,
    summary="Record contact with the victim (meets Victims' Code duties)",
)
def post_contact(case_id: str, body: ContactIn, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.CONTACT, audit=None)
    contact = service.record_contact(
        session, actor, case, body.at.replace(tzinfo=None), body.channel, body.purpose, body.outcome
    )
    return {"contact": contact_out(contact)}


@router.get("/contact-preferences")
def get_preferences(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, what="contact-preferences")
    return {"preferences": prefs_out(service.get_preferences(session, case))}


@router.put("/contact-preferences", summary="Set safe-contact preferences (If-Match once they exist)")
def put_preferences(
    case_id: str,
    body: PreferencesIn,
    session: DbSession,
    actor: CurrentActor,
    version: Version,
    response: Response,
) -> dict[str, Any]:
    case = open_case(session, actor, case_id, Perm.CONTACT, audit=None)
    prefs = service.set_preferences(session, actor, case, version, **body.model_dump())
    response.headers["ETag"] = f'"{prefs.version}"'
    return {"preferences": prefs_out(prefs)}


@router.get("/duties", summary="Victims' Code duties owed on this case and when")
def get_duties(case_id: str, session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    case = open_case(session, actor, case_id, what="victims-code-duties")
    return {"duties": [duty_out(d) for d in service.list_duties(session, case)]}
