"""Evidence items (exhibits) and the messages read from them.

An item names one original file, byte for byte, by its SHA-256: the bytes
themselves live in the content-addressed store, never in the database, so the
database can be copied or restored without touching what a court relies on.
Every message keeps all the fields its canonical hash covers, so
`vigil evidence verify` can recompute each hash from the row alone.

The chain of custody is not a table here: custody events are entries of the
hash-chained audit log (object type "evidence"), so one verification covers
both and neither can be rewritten without breaking the other.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from vigil.db import Base
from vigil.timeutil import utcnow


class EvidenceItem(Base):
    """One exhibit: an original file received for a case, and what importing it produced."""

    __tablename__ = "evidence_items"
    __table_args__ = (UniqueConstraint("case_id", "ref", name="uq_evidence_items_case_ref"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("cases.id", ondelete="CASCADE"), index=True)
    ref: Mapped[str] = mapped_column(String(40))
    original_filename: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    size: Mapped[int] = mapped_column(BigInteger)
    format: Mapped[str] = mapped_column(String(40))
    received_from: Mapped[str | None] = mapped_column(String(500))
    received_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    received_by: Mapped[str | None] = mapped_column(String(200))
    received_at: Mapped[datetime] = mapped_column(default=utcnow)
    parser_version: Mapped[str] = mapped_column(String(80))
    time_zone: Mapped[str] = mapped_column(String(60))
    gap_minutes: Mapped[float]
    message_count: Mapped[int] = mapped_column(default=0)
    messages_digest: Mapped[str] = mapped_column(String(64))
    first_message_at: Mapped[datetime | None]
    last_message_at: Mapped[datetime | None]
    incident_refs: Mapped[list[Any]] = mapped_column(default=list)
    report: Mapped[dict[str, Any]] = mapped_column(default=dict)

    messages: Mapped[list[EvidenceMessage]] = relationship(
        back_populates="item", order_by="EvidenceMessage.position", cascade="all, delete-orphan", lazy="noload"
    )


class EvidenceMessage(Base):
    """One message as read from an original; `role` says whose conduct it is (or is not)."""

    __tablename__ = "evidence_messages"
    __table_args__ = (
        Index("ix_evidence_messages_item_position", "evidence_id", "position"),
        Index("ix_evidence_messages_item_hash", "evidence_id", "canonical_hash"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    evidence_id: Mapped[int] = mapped_column(ForeignKey("evidence_items.id", ondelete="CASCADE"))
    position: Mapped[int]
    canonical_hash: Mapped[str] = mapped_column(String(64))
    source_ref: Mapped[str] = mapped_column(Text)
    sent_at: Mapped[datetime]
    sent_at_text: Mapped[str] = mapped_column(Text)
    sender: Mapped[str] = mapped_column(Text)
    sender_display: Mapped[str | None] = mapped_column(Text)
    recipients: Mapped[list[Any]] = mapped_column(default=list)
    channel: Mapped[str] = mapped_column(String(40))
    text: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list[Any]] = mapped_column(default=list)
    is_system: Mapped[bool] = mapped_column(default=False)
    meta: Mapped[dict[str, Any]] = mapped_column(default=dict)
    role: Mapped[str] = mapped_column(String(10))
    incident_ref: Mapped[str | None] = mapped_column(String(200))

    item: Mapped[EvidenceItem] = relationship(back_populates="messages")
