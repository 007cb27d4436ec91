"""`/api/audit` and `/api/cases/{id}/audit`: who did what, when, from where.

Reading the log is audited too.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from sqlalchemy import select

from vigil.audit.models import AuditEntry
from vigil.audit.service import record, verify
from vigil.cases.service import open_case
from vigil.users.access import Perm, require_role
from vigil.users.models import Role
from vigil.web.deps import CurrentActor, DbSession

router = APIRouter(tags=["audit"])


def entry_out(e: AuditEntry) -> dict[str, Any]:
    return {
        "seq": e.seq,
        "at": e.at.isoformat(),
        "user_id": e.user_id,
        "username": e.username,
        "action": e.action,
        "object_type": e.object_type,
        "object_id": e.object_id,
        "case_id": e.case_ref,
        "ip": e.ip,
        "detail": e.detail,
        "hash": e.hash,
    }


@router.get("/api/cases/{case_id}/audit", summary="The audit trail of one case")
def case_audit(
    case_id: str,
    session: DbSession,
    actor: CurrentActor,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    open_case(session, actor, case_id, Perm.AUDIT, audit="read", what="audit-log")
    rows = session.execute(
        select(AuditEntry).where(AuditEntry.case_ref == case_id).order_by(AuditEntry.seq).limit(limit)
    ).scalars()
    return {"entries": [entry_out(e) for e in rows]}


@router.get("/api/audit", summary="The whole audit log (auditors and admins)")
def all_audit(
    session: DbSession,
    actor: CurrentActor,
    case_id: str | None = None,
    after: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.AUDITOR, Role.ADMIN)
    query = select(AuditEntry).where(AuditEntry.seq > after)
    if case_id:
        query = query.where(AuditEntry.case_ref == case_id)
    rows = list(session.execute(query.order_by(AuditEntry.seq).limit(limit)).scalars())
    record(session, actor, "read", "audit-log", None, case_id, {"after": after, "count": len(rows)})
    return {"entries": [entry_out(e) for e in rows]}


@router.get("/api/audit/verify", summary="Check the hash chain (auditors and admins)")
def verify_chain(session: DbSession, actor: CurrentActor) -> dict[str, Any]:
    assert actor.user is not None
    require_role(actor.user, Role.AUDITOR, Role.ADMIN)
    problems = [{"seq": p.seq, "message": p.message} for p in verify(session)]
    record(session, actor, "verify", "audit-log", None, None, {"problems": len(problems)})
    return {"ok": not problems, "problems": problems}
