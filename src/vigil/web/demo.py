"""Demo mode: a throwaway database of realistic synthetic cases and a login that exists only there.

`vigil serve --demo` (what `make run` starts) uses its own SQLite file, never the
configured database, so a real case store is never seeded. The demo user's
password is made afresh at every start and printed with the URL; without
`--demo` nothing here runs and no default account exists.
"""

from __future__ import annotations

import random
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from platformdirs import user_data_dir
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from vigil.cases import service as cases
from vigil.cases.models import Case
from vigil.plans import service as plans
from vigil.synth import generate_case
from vigil.timeutil import utcnow
from vigil.users.context import Actor
from vigil.users.models import Team, User
from vigil.users.passwords import hash_password
from vigil.users.service import create_user
from vigil.victims import service as victims

DEMO_TEAM = "Demo team"
DEMO_USER = "demo"
DEMO_CASES = 40
DEMO_SEED = 2024
_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DemoLogin:
    username: str
    password: str
    created_cases: int


def demo_database_url() -> str:
    """A SQLite file beside (never instead of) the real default database."""
    return f"sqlite:///{Path(user_data_dir('vigil', appauthor=False)) / 'vigil-demo.sqlite3'}"


def _shift(value: Any, days: int) -> Any:
    """Move an ISO date or date-time string by `days`, keeping its exact format."""
    if not isinstance(value, str) or not _DAY.match(value):
        return value
    moved = date.fromisoformat(value[:10]) + timedelta(days=days)
    return moved.isoformat() + value[10:]


def recent(doc: dict[str, Any], today: date, rng: random.Random) -> dict[str, Any]:
    """Move a synthetic case in whole weeks so its last incident is within the last few weeks."""
    days = [date.fromisoformat(x["occurred_at"][:10]) for x in doc["incidents"] if x.get("occurred_at")]
    if not days:
        return doc
    target = today - timedelta(days=rng.randrange(1, 40))
    weeks = (target - max(days)).days // 7
    shift = weeks * 7
    for inc in doc["incidents"]:
        inc["occurred_at"] = _shift(inc.get("occurred_at"), shift)
    for order in doc.get("orders") or []:
        order["starts"] = _shift(order.get("starts"), shift)
        order["ends"] = _shift(order.get("ends"), shift)
    handling = doc.get("handling") or {}
    if handling.get("victim_updates"):
        handling["victim_updates"] = [_shift(d, shift) for d in handling["victim_updates"]]
    return doc


def _demo_user(session: Session, password: str) -> User:
    user = session.execute(select(User).where(User.username == DEMO_USER)).scalar_one_or_none()
    if user is None:
        return create_user(session, None, DEMO_USER, password, "supervisor", "Demo Sergeant", team=DEMO_TEAM)
    user.password_hash = hash_password(password)
    user.active = True
    return user


def _care(session: Session, actor: Actor, case: Case, rng: random.Random) -> None:
    """Some of the follow-up a real team would have recorded, so the care sections have content."""
    if case.risk_rank >= 1 and rng.random() < 0.6:
        plan = plans.create_plan(
            session,
            actor,
            case,
            "Target hardening, safety planning and a stalking protection order application.",
            actor.today + timedelta(days=rng.choice((-3, 7, 14))),
        )
        plans.add_item(
            session,
            actor,
            case,
            "Fit a video doorbell and review home security",
            None,
            DEMO_USER,
            actor.today + timedelta(days=rng.choice((-2, 5))),
        )
        plans.add_item(
            session,
            actor,
            case,
            "Apply for a stalking protection order",
            "apply-stalking-protection-order",
            DEMO_USER,
            actor.today + timedelta(days=10),
        )
        session.refresh(plan, ["items"])
    if rng.random() < 0.5:
        victims.record_contact(
            session,
            actor,
            case,
            actor.now - timedelta(hours=rng.randrange(2, 48)),
            "phone",
            rng.choice(("update", "needs-assessment")),
            "Victim updated; safety advice repeated and safe word agreed.",
        )


def seed_demo(
    session: Session, n_cases: int = DEMO_CASES, now: datetime | None = None, seed: int = DEMO_SEED
) -> DemoLogin:
    """Make the demo team, user and cases (once), and give the demo user a fresh password."""
    password = "demo-" + secrets.token_urlsafe(9)
    user = _demo_user(session, password)
    actor = Actor(user, "127.0.0.1", now or utcnow())
    team = session.execute(select(Team).where(Team.name == DEMO_TEAM)).scalar_one()
    existing = session.execute(select(func.count(Case.id)).where(Case.team_id == team.id)).scalar_one()
    created = 0
    if existing == 0:
        for i in range(n_cases):
            rng = random.Random(f"vigil.demo:{seed}:{i}")
            ref = f"DEMO-{actor.today:%y}-{i + 1:04d}"
            doc = recent(generate_case(rng, ref, n_incidents=rng.randrange(4, 13)), actor.today, rng)
            doc["crime_reference"] = f"{rng.randrange(10, 99)}/{rng.randrange(10000, 99999)}/{actor.today:%y}"
            last = doc["incidents"].pop() if len(doc["incidents"]) > 2 else None
            case = cases.create_case(session, actor, doc)
            if last is not None:  # added later, so the case has a history and "what changed"
                cases.add_incident(session, actor, ref, last)
            _care(session, actor, case, rng)
            created += 1
    session.flush()
    return DemoLogin(DEMO_USER, password, created)
