"""Who is acting, from where, and when: passed to every service so it can check and audit."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from vigil.timeutil import utcnow
from vigil.users.models import User


@dataclass(frozen=True)
class Actor:
    user: User | None
    ip: str | None = None
    now: datetime = field(default_factory=utcnow)

    @property
    def today(self) -> date:
        return self.now.date()

    @property
    def role(self) -> str | None:
        return self.user.role if self.user else None
