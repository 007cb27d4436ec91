"""Case records in POLE style (people, objects such as identifiers, locations, events).

Rows mirroring a `vigil.case/1` object keep `doc_keys` (which keys the document
had, in order) and `extra` (fields the contract does not name), so a case
exported is exactly the case imported: absent stays absent, null stays null.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vigil.db import Base
from vigil.timeutil import utcnow


class _DocRow:
    doc_keys: Mapped[list[Any]] = mapped_column(default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(default=dict)


class Case(_DocRow, Base):
    __tablename__ = "cases"
    __table_args__ = (Index("ix_cases_team_risk", "team_id", "risk_rank"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(200), unique=True)
    jurisdiction: Mapped[str | None] = mapped_column(String(40))
    handling: Mapped[dict[str, Any] | None] = mapped_column(default=None)
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    advocate_consent: Mapped[bool] = mapped_column(default=False)
    persistently_targeted: Mapped[bool] = mapped_column(default=False)
    vigil_risk_level: Mapped[str] = mapped_column(String(10), default="standard")
    risk_override_level: Mapped[str | None] = mapped_column(String(10))
    risk_level: Mapped[str] = mapped_column(String(10), default="standard")
    risk_rank: Mapped[int] = mapped_column(default=0, index=True)
    category: Mapped[str | None] = mapped_column(String(40))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    people: Mapped[list[Person]] = relationship(
        back_populates="case", order_by="Person.position", cascade="all, delete-orphan"
    )
    incidents: Mapped[list[Incident]] = relationship(
        back_populates="case", order_by="Incident.position", cascade="all, delete-orphan"
    )
    orders: Mapped[list[Order]] = relationship(
        back_populates="case", order_by="Order.position", cascade="all, delete-orphan"
    )


class Person(_DocRow, Base):
    """A victim, suspect or third party (`kind`); `ref` is the case document's id."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(12))
    ref: Mapped[str | None] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    relationship_to_suspect: Mapped[str | None] = mapped_column(String(30))
    statement: Mapped[str | None] = mapped_column(Text)
    history: Mapped[str | None] = mapped_column(Text)
    role: Mapped[str | None] = mapped_column(String(30))
    description: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    case: Mapped[Case] = relationship(back_populates="people")
    identifiers: Mapped[list[Identifier]] = relationship(
        back_populates="person", order_by="Identifier.position", cascade="all, delete-orphan"
    )


class Identifier(Base):
    """A name, phone number, email or handle; `normalised` is what links records across cases."""

    __tablename__ = "identifiers"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    raw: Mapped[str] = mapped_column(String(500))
    kind: Mapped[str] = mapped_column(String(10))
    normalised: Mapped[str] = mapped_column(String(500), index=True)

    person: Mapped[Person] = relationship(back_populates="identifiers")


class Incident(_DocRow, Base):
    __tablename__ = "incidents"
    __table_args__ = (UniqueConstraint("case_id", "ref", name="uq_incidents_case_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    occurred_at_text: Mapped[str | None] = mapped_column(String(40))
    occurred_at: Mapped[datetime | None] = mapped_column(index=True)
    suspect_ref: Mapped[str | None] = mapped_column(String(200))
    actor_ref: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str | None] = mapped_column(String(40))
    account: Mapped[str | None] = mapped_column(String(500))
    location: Mapped[str | None] = mapped_column(Text)
    narrative: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    case: Mapped[Case] = relationship(back_populates="incidents")


class Order(_DocRow, Base):
    """A court order, bail conditions or a notice; `status` is Vigil's, not the document's."""

    __tablename__ = "orders"
    __table_args__ = (UniqueConstraint("case_id", "ref", name="uq_orders_case_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(200))
    position: Mapped[int] = mapped_column(default=0)
    type: Mapped[str] = mapped_column(String(40))
    against_ref: Mapped[str | None] = mapped_column(String(200))
    starts: Mapped[str | None] = mapped_column(String(40))
    ends: Mapped[str | None] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(20), default="active")
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    case: Mapped[Case] = relationship(back_populates="orders")
    conditions: Mapped[list[Condition]] = relationship(
        back_populates="order", order_by="Condition.position", cascade="all, delete-orphan"
    )


class Condition(_DocRow, Base):
    __tablename__ = "conditions"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("orders.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    type: Mapped[str] = mapped_column(String(40))
    place: Mapped[str | None] = mapped_column(Text)
    metres: Mapped[float | None]
    text: Mapped[str | None] = mapped_column(Text)

    order: Mapped[Order] = relationship(back_populates="conditions")


class StoredAssessment(Base):
    """What Vigil said, when, under which law version: history is never overwritten."""

    __tablename__ = "assessments"
    __table_args__ = (UniqueConstraint("case_id", "seq", name="uq_assessments_case_seq"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    as_of: Mapped[str] = mapped_column(String(10))
    law_version: Mapped[str | None] = mapped_column(String(40))
    risk_level: Mapped[str] = mapped_column(String(10))
    category: Mapped[str] = mapped_column(String(40))
    escalation: Mapped[bool]
    trigger: Mapped[str] = mapped_column(String(200))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    document: Mapped[dict[str, Any]]


class Alert(Base):
    __tablename__ = "alerts"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    acknowledged_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    acknowledged_at: Mapped[datetime | None]
    note: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Override(Base):
    """A judgement that differs from Vigil's: who, when, why, and what Vigil said."""

    __tablename__ = "overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(30))
    target: Mapped[str | None] = mapped_column(String(500))
    value: Mapped[str | None] = mapped_column(String(60))
    reason: Mapped[str] = mapped_column(Text)
    vigil_said: Mapped[dict[str, Any]]
    assessment_id: Mapped[int | None] = mapped_column(ForeignKey("assessments.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
