"""Users, teams, assignments and authentication (passwords, API tokens, sessions).

Failed logins are counted in the database per username and per address, so
the limit holds however many web workers run.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from vigil.audit.service import record
from vigil.cases.models import Case
from vigil.errors import AuthenticationError, ConflictError, NotFoundError, VigilError
from vigil.users.access import Perm, load_case
from vigil.users.context import Actor
from vigil.users.models import ApiToken, CaseAssignment, LoginAttempt, Role, Team, User, WebSession
from vigil.users.passwords import digest, hash_password, new_token, verify_password


class RateLimitedError(VigilError):
    status_code = 429


class LoginFailed(AuthenticationError):
    """Raised after recording the failed attempt, which must be kept (rate limiting needs it)."""

    keep_changes = True


def create_team(session: Session, actor: Actor | None, name: str) -> Team:
    if session.execute(select(Team).where(Team.name == name)).scalar_one_or_none():
        raise ConflictError(f"a team called {name!r} already exists", path="name")
    team = Team(name=name)
    session.add(team)
    session.flush()
    record(session, actor, "create", "team", str(team.id), detail={"name": name})
    return team


def team_by_name(session: Session, name: str) -> Team:
    team = session.execute(select(Team).where(Team.name == name)).scalar_one_or_none()
    if team is None:
        raise NotFoundError(f"no team called {name!r}", hint="create it first", path="team")
    return team


def create_user(
    session: Session,
    actor: Actor | None,
    username: str,
    password: str,
    role: str,
    display_name: str | None = None,
    team: str | None = None,
) -> User:
    if role not in set(Role):
        raise VigilError(f"unknown role {role!r}", hint=f"one of: {', '.join(Role)}", path="role")
    if session.execute(select(User).where(User.username == username)).scalar_one_or_none():
        raise ConflictError(f"user {username!r} already exists", path="username")
    team_row = None
    if team:
        team_row = session.execute(select(Team).where(Team.name == team)).scalar_one_or_none()
        if team_row is None:
            team_row = create_team(session, actor, team)
    user = User(
        username=username,
        display_name=display_name or username,
        role=role,
        team_id=team_row.id if team_row else None,
        password_hash=hash_password(password),
    )
    session.add(user)
    session.flush()
    record(session, actor, "create", "user", str(user.id), detail={"username": username, "role": role})
    return user


def _recent_failures(session: Session, username: str, ip: str | None, since: datetime) -> int:
    who = LoginAttempt.username == username
    if ip:
        who = or_(who, LoginAttempt.ip == ip)
    query = select(func.count()).where(who, LoginAttempt.at >= since, LoginAttempt.succeeded.is_(False))
    return session.execute(query).scalar_one()


def authenticate(
    session: Session,
    username: str,
    password: str,
    ip: str | None,
    now: datetime,
    max_failures: int,
    window_seconds: int,
) -> User:
    """The user if the password is right; counts failures and refuses after too many."""
    since = now - timedelta(seconds=window_seconds)
    if _recent_failures(session, username, ip, since) >= max_failures:
        raise RateLimitedError(
            "too many failed logins; try again later",
            hint=f"wait {window_seconds // 60} minutes or ask an admin",
        )
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    ok = verify_password(user.password_hash if user else None, password) and bool(user and user.active)
    session.add(LoginAttempt(username=username, ip=ip, at=now, succeeded=ok))
    session.flush()
    if not ok or user is None:
        raise LoginFailed("wrong username or password", path="password")
    record(session, Actor(user, ip, now), "login", "user", str(user.id))
    return user


def issue_token(session: Session, user: User, name: str, actor: Actor) -> str:
    token = new_token()
    session.add(ApiToken(user_id=user.id, name=name, token_hash=digest(token)))
    session.flush()
    record(session, actor, "create", "api-token", None, detail={"name": name})
    return token


def user_for_token(session: Session, token: str, now: datetime) -> User | None:
    row = session.execute(
        select(ApiToken).where(ApiToken.token_hash == digest(token), ApiToken.revoked_at.is_(None))
    ).scalar_one_or_none()
    if row is None or (row.expires_at is not None and row.expires_at < now):
        return None
    user = session.get(User, row.user_id)
    return user if user and user.active else None


def start_session(session: Session, user: User, ip: str | None, now: datetime, hours: int) -> str:
    token = new_token()
    session.add(
        WebSession(
            user_id=user.id,
            token_hash=digest(token),
            ip=ip,
            created_at=now,
            expires_at=now + timedelta(hours=hours),
        )
    )
    session.flush()
    return token


def user_for_session(session: Session, token: str, now: datetime) -> User | None:
    row = session.execute(select(WebSession).where(WebSession.token_hash == digest(token))).scalar_one_or_none()
    if row is None or row.expires_at < now:
        return None
    user = session.get(User, row.user_id)
    return user if user and user.active else None


def end_session(session: Session, token: str) -> None:
    row = session.execute(select(WebSession).where(WebSession.token_hash == digest(token))).scalar_one_or_none()
    if row is not None:
        session.delete(row)
        session.flush()


def assign(session: Session, actor: Actor, reference: str, username: str) -> CaseAssignment:
    assert actor.user is not None
    case = load_case(session, actor.user, reference, Perm.ASSIGN)
    user = session.execute(select(User).where(User.username == username)).scalar_one_or_none()
    if user is None:
        raise NotFoundError(f"no user {username!r}", path="username")
    if session.execute(
        select(CaseAssignment).where(CaseAssignment.case_id == case.id, CaseAssignment.user_id == user.id)
    ).scalar_one_or_none():
        raise ConflictError(f"{username!r} is already assigned to case {reference!r}", path="username")
    row = CaseAssignment(case_id=case.id, user_id=user.id, assigned_by_id=actor.user.id)
    session.add(row)
    session.flush()
    record(session, actor, "assign", "case", reference, reference, {"user": username})
    return row


def unassign(session: Session, actor: Actor, reference: str, username: str) -> None:
    assert actor.user is not None
    case = load_case(session, actor.user, reference, Perm.ASSIGN)
    row = session.execute(
        select(CaseAssignment)
        .join(User, User.id == CaseAssignment.user_id)
        .where(CaseAssignment.case_id == case.id, User.username == username)
    ).scalar_one_or_none()
    if row is None:
        raise NotFoundError(f"{username!r} is not assigned to case {reference!r}", path="username")
    session.delete(row)
    session.flush()
    record(session, actor, "unassign", "case", reference, reference, {"user": username})


def assign_creator(session: Session, case: Case, user: User) -> None:
    session.add(CaseAssignment(case_id=case.id, user_id=user.id, assigned_by_id=user.id))


def list_users(session: Session) -> list[User]:
    return list(session.execute(select(User).order_by(User.username)).scalars())
