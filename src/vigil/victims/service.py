"""Victim contacts, safe-contact preferences and Victims' Code duties.

A duty is raised when the case is recorded and when it develops (a new
incident or order); recording a contact of the matching purpose meets every
open duty of that kind. Whether the shorter, enhanced limits apply is the
case's `persistently_targeted` flag, set by an officer.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.cases.models import Case
from vigil.errors import ConflictError
from vigil.users.context import Actor
from vigil.victims.duties import due_date, victims_code
from vigil.victims.models import ContactPreferences, VictimContact, VictimsCodeDuty


def open_duties(session: Session, case: Case, code: str | None = None) -> list[VictimsCodeDuty]:
    query = select(VictimsCodeDuty).where(VictimsCodeDuty.case_id == case.id, VictimsCodeDuty.met_at.is_(None))
    if code:
        query = query.where(VictimsCodeDuty.duty == code)
    return list(session.execute(query.order_by(VictimsCodeDuty.due)).scalars())


def raise_duty(session: Session, actor: Actor, case: Case, code: str, reason: str) -> VictimsCodeDuty | None:
    """Owe the victim `code` by its deadline, unless one is already open (one reminder)."""
    if open_duties(session, case, code):
        return None
    duty = VictimsCodeDuty(
        case_id=case.id,
        duty=code,
        reason=reason,
        raised_on=actor.today,
        due=due_date(code, actor.today, case.persistently_targeted),
    )
    session.add(duty)
    return duty


def raise_initial_duties(session: Session, actor: Actor, case: Case) -> None:
    for d in victims_code().duties:
        raise_duty(session, actor, case, d.code, "case recorded")


def record_contact(
    session: Session,
    actor: Actor,
    case: Case,
    at: datetime,
    channel: str,
    purpose: str,
    outcome: str | None,
) -> VictimContact:
    contact = VictimContact(
        case_id=case.id,
        at=at,
        channel=channel,
        purpose=purpose,
        outcome=outcome,
        officer_id=actor.user.id if actor.user else None,
    )
    session.add(contact)
    for d in victims_code().duties:
        if d.met_by == purpose:
            for duty in open_duties(session, case, d.code):
                duty.met_at = at
    session.flush()
    record(
        session,
        actor,
        "create",
        "victim-contact",
        str(contact.id),
        case.reference,
        {"channel": channel, "purpose": purpose},
    )
    return contact


def list_contacts(session: Session, case: Case) -> list[VictimContact]:
    return list(
        session.execute(
            select(VictimContact).where(VictimContact.case_id == case.id).order_by(VictimContact.at)
        ).scalars()
    )


def get_preferences(session: Session, case: Case) -> ContactPreferences | None:
    return session.execute(select(ContactPreferences).where(ContactPreferences.case_id == case.id)).scalar_one_or_none()


def set_preferences(
    session: Session, actor: Actor, case: Case, version: int | None, **values: object
) -> ContactPreferences:
    prefs = get_preferences(session, case)
    if prefs is None:
        if version not in (None, 0):
            raise ConflictError("the contact preferences were removed or never existed", hint="reload and retry")
        prefs = ContactPreferences(case_id=case.id)
        session.add(prefs)
    elif version != prefs.version:
        raise ConflictError(
            f"the contact preferences were changed by someone else (now version {prefs.version}, you sent {version})",
            hint="reload them, check what changed, and apply your change again",
            path="version",
        )
    for key, value in values.items():
        setattr(prefs, key, value)
    session.flush()
    record(
        session,
        actor,
        "update",
        "contact-preferences",
        str(prefs.id),
        case.reference,
        {"fields": sorted(values)},
    )
    return prefs


def list_duties(session: Session, case: Case) -> list[VictimsCodeDuty]:
    return list(
        session.execute(
            select(VictimsCodeDuty).where(VictimsCodeDuty.case_id == case.id).order_by(VictimsCodeDuty.due)
        ).scalars()
    )
