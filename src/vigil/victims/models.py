"""Contact with the victim, how it can be done safely, and what the Victims' Code owes them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from vigil.db import Base
from vigil.timeutil import utcnow


class VictimContact(Base):
    __tablename__ = "victim_contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    at: Mapped[datetime]
    channel: Mapped[str] = mapped_column(String(30))
    purpose: Mapped[str] = mapped_column(String(30))
    officer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    outcome: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ContactPreferences(Base):
    """Safe-contact preferences: calling at the wrong time or leaving a voicemail can endanger."""

    __tablename__ = "contact_preferences"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), unique=True)
    safe_times: Mapped[str | None] = mapped_column(Text)
    safe_channels: Mapped[list[Any]] = mapped_column(default=list)
    no_voicemail: Mapped[bool] = mapped_column(default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class VictimsCodeDuty(Base):
    """One entitlement owed by a date: met when a contact of the right purpose is recorded."""

    __tablename__ = "victims_code_duties"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    duty: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(Text)
    raised_on: Mapped[date]
    due: Mapped[date] = mapped_column(index=True)
    met_at: Mapped[datetime | None]
