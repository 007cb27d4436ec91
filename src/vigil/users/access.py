"""Who may see and do what on which case: the one place access rules live.

A user sees a case through assignment, or as a supervisor or auditor of the
case's team. What they may then do depends on their role. Advocates see a
case only when the victim has consented to share it with them. Admins manage
users, teams and assignments but read no case data. Cases a user cannot see
are reported as not found, so their existence does not leak.
"""

from __future__ import annotations

from enum import StrEnum

from sqlalchemy import ColumnElement, and_, exists, false, or_, select
from sqlalchemy.orm import Session

from vigil.cases.models import Case
from vigil.errors import ForbiddenError, NotFoundError
from vigil.users.models import CaseAssignment, Role, User


class Perm(StrEnum):
    READ = "read"
    WRITE = "write"
    OVERRIDE = "override"
    LOWER_RISK = "lower-risk"
    ACK_ALERT = "acknowledge-alert"
    PLAN = "plan"
    CONTACT = "contact"
    ASSIGN = "assign"
    AUDIT = "audit"


R = Role
ROLE_PERMS: dict[str, frozenset[Perm]] = {
    R.CALL_HANDLER: frozenset({Perm.READ, Perm.WRITE}),
    R.INVESTIGATOR: frozenset({Perm.READ, Perm.WRITE, Perm.OVERRIDE, Perm.ACK_ALERT, Perm.PLAN, Perm.CONTACT}),
    R.SUPERVISOR: frozenset(
        {
            Perm.READ,
            Perm.WRITE,
            Perm.OVERRIDE,
            Perm.LOWER_RISK,
            Perm.ACK_ALERT,
            Perm.PLAN,
            Perm.CONTACT,
            Perm.ASSIGN,
            Perm.AUDIT,
        }
    ),
    R.PROSECUTOR: frozenset({Perm.READ}),
    R.ADVOCATE: frozenset({Perm.READ, Perm.CONTACT}),
    R.AUDITOR: frozenset({Perm.READ, Perm.AUDIT}),
    R.ADMIN: frozenset({Perm.ASSIGN}),
}

#: Roles that see every case of their own team without being assigned to it.
TEAM_WIDE = frozenset({R.SUPERVISOR, R.AUDITOR})


def visible_filter(user: User) -> ColumnElement[bool]:
    """SQL condition on `Case` for the cases `user` may see (used for lists and for checks)."""
    if user.role == R.ADMIN or not user.active:
        return false()
    assigned = exists(
        select(CaseAssignment.id).where(CaseAssignment.case_id == Case.id, CaseAssignment.user_id == user.id)
    )
    if user.role == R.ADVOCATE:
        return and_(assigned, Case.advocate_consent.is_(True))
    if user.role in TEAM_WIDE and user.team_id is not None:
        return or_(assigned, Case.team_id == user.team_id)
    return assigned


def load_case(session: Session, user: User, reference: str, perm: Perm, lock: bool = False) -> Case:
    """The case `reference` if `user` may `perm` it: NotFound if invisible, else Forbidden.

    Admins may assign without seeing case contents, so ASSIGN checks existence only.
    """
    if user.role == R.ADMIN and perm is Perm.ASSIGN:
        query = select(Case).where(Case.reference == reference)
    else:
        query = select(Case).where(Case.reference == reference, visible_filter(user))
    if lock:
        query = query.with_for_update(of=Case)
    case = session.execute(query).scalar_one_or_none()
    if case is None:
        raise NotFoundError(
            f"no case {reference!r} that you can see",
            hint="check the case id; a case is visible through assignment or your team",
            path="case_id",
        )
    if perm not in ROLE_PERMS.get(user.role, frozenset()):
        raise ForbiddenError(
            f"your role ({user.role}) may not {perm.value.replace('-', ' ')} on case {reference!r}",
            hint="ask a supervisor if you need this access",
        )
    if perm is Perm.ASSIGN and user.role == R.SUPERVISOR and case.team_id != user.team_id:
        raise ForbiddenError(f"case {reference!r} is not in your team", hint="ask an admin")
    return case


def require_role(user: User, *roles: str) -> None:
    if user.role not in roles:
        raise ForbiddenError(
            f"this needs one of the roles: {', '.join(roles)} (you are {user.role})",
            hint="ask an admin for access",
        )
