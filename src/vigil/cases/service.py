"""Create, read and change case records; every change re-assesses the case and is audited.

Services take a Session and an Actor, check access through `users.access`,
flush but never commit: the request or command that called them commits.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload
from sqlalchemy.orm.attributes import flag_modified

from vigil.audit.service import record
from vigil.cases.models import Case, Incident, Order, Person
from vigil.cases.reassess import reassess
from vigil.cases.records import (
    case_from_doc,
    case_to_doc,
    incident_from_doc,
    incident_to_doc,
    order_from_doc,
    order_to_doc,
    person_from_doc,
    person_to_doc,
    touch_list,
)
from vigil.cases.validation import InvalidInput, check
from vigil.contract import Case as CaseDoc
from vigil.contract import Incident as IncidentDoc
from vigil.contract import Order as OrderDoc
from vigil.contract import Suspect as SuspectDoc
from vigil.contract import ThirdParty as ThirdPartyDoc
from vigil.contract import Victim as VictimDoc
from vigil.errors import ConflictError, NotFoundError
from vigil.users.access import Perm, load_case, visible_filter
from vigil.users.context import Actor
from vigil.users.models import CaseAssignment
from vigil.victims.service import raise_duty, raise_initial_duties

PERSON_MODELS = {"suspect": SuspectDoc, "third-party": ThirdPartyDoc, "victim": VictimDoc}
PERSON_LISTS = {"suspect": "suspects", "third-party": "third_parties"}


def expect_version(row: Any, version: int | None, what: str, required: bool = False) -> None:
    """Refuse a change made against an out-of-date copy (optimistic concurrency)."""
    if version is None:
        if required:
            raise ConflictError(
                f"{what} needs the version you are changing",
                hint="send the header If-Match: <version> with the version you last read",
                path="If-Match",
            )
        return
    if row.version != version:
        raise ConflictError(
            f"{what} was changed by someone else (now version {row.version}, you sent {version})",
            hint="reload it, check what changed, and apply your change again",
            path="If-Match",
        )


def create_case(session: Session, actor: Actor, doc: Any, team_id: int | None = None) -> Case:
    """Store a `vigil.case/1` document as a new case, assign its creator, and assess it."""
    user = actor.user
    if user is not None and user.role not in {"call-handler", "investigator", "supervisor"}:
        from vigil.errors import ForbiddenError

        raise ForbiddenError(f"your role ({user.role}) may not create cases")
    check(CaseDoc, doc)
    ref = doc["case_id"]
    if session.execute(select(Case.id).where(Case.reference == ref)).first():
        raise ConflictError(
            f"case {ref!r} already exists",
            hint="use another case_id, or add to the existing case",
            path="case_id",
        )
    _check_unique_ids(doc)
    case = case_from_doc(doc)
    case.team_id = team_id if team_id is not None else (user.team_id if user else None)
    case.created_by_id = user.id if user else None
    case.created_at = case.updated_at = actor.now
    session.add(case)
    session.flush()
    if user is not None:
        session.add(CaseAssignment(case_id=case.id, user_id=user.id, assigned_by_id=user.id))
    raise_initial_duties(session, actor, case)
    reassess(session, actor, case, "case created")
    record(
        session,
        actor,
        "create",
        "case",
        ref,
        ref,
        {"incidents": len(case.incidents), "orders": len(case.orders)},
    )
    return case


def _check_unique_ids(doc: dict[str, Any]) -> None:
    for key in ("incidents", "orders", "suspects", "third_parties"):
        seen: set[str] = set()
        for i, item in enumerate(doc.get(key) or []):
            if item["id"] in seen:
                raise InvalidInput(f"{key}[{i}].id {item['id']!r} is used twice", path=f"{key}[{i}].id")
            seen.add(item["id"])


def open_case(
    session: Session,
    actor: Actor,
    ref: str,
    perm: Perm = Perm.READ,
    lock: bool = False,
    audit: str | None = "read",
    what: str = "case",
) -> Case:
    """Load a case the actor may `perm`, recording the access in the audit log."""
    assert actor.user is not None
    case = load_case(session, actor.user, ref, perm, lock=lock or perm is not Perm.READ)
    if audit:
        record(session, actor, audit, what, ref, ref)
    return case


def list_cases(session: Session, actor: Actor, limit: int = 100, offset: int = 0) -> list[Case]:
    """The actor's cases, highest risk first, then most recently changed."""
    assert actor.user is not None
    rows = list(
        session.execute(
            select(Case)
            .where(visible_filter(actor.user))
            .order_by(Case.risk_rank.desc(), Case.updated_at.desc(), Case.id.desc())
            .limit(limit)
            .offset(offset)
        ).scalars()
    )
    record(session, actor, "list", "case", None, None, {"count": len(rows), "offset": offset})
    return rows


def export_case(session: Session, case: Case) -> dict[str, Any]:
    session.refresh(case, ["people", "incidents", "orders"])
    return case_to_doc(case)


def change_case_settings(
    session: Session, actor: Actor, ref: str, changes: dict[str, Any], version: int | None
) -> Case:
    """Consent and entitlement flags: risk-critical, so the caller must name the version it saw."""
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    expect_version(case, version, f"case {ref!r}", required=True)
    for key, value in changes.items():
        setattr(case, key, value)
    session.flush()
    record(session, actor, "update", "case", ref, ref, changes)
    return case


def _after_change(session: Session, actor: Actor, case: Case, trigger: str) -> None:
    check(CaseDoc, case_to_doc(case))
    reassess(session, actor, case, trigger)


T = TypeVar("T")

# --- incidents -------------------------------------------------------------------------------


def _child(case: Case, rows: Iterable[T], ref: str, what: str, path: str) -> T:
    """The case's row with this reference, or a not-found error naming the case and the field."""
    found = next((x for x in rows if x.ref == ref), None)  # type: ignore[attr-defined]
    if found is None:
        raise NotFoundError(f"case {case.reference!r} has no {what} {ref!r}", path=path)
    return found


def _incident(case: Case, iid: str) -> Incident:
    return _child(case, case.incidents, iid, "incident", "incident_id")


def add_incident(session: Session, actor: Actor, ref: str, doc: Any) -> Incident:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    check(IncidentDoc, doc)
    if any(x.ref == doc["id"] for x in case.incidents):
        raise ConflictError(f"case {ref!r} already has an incident {doc['id']!r}", path="id")
    incident = incident_from_doc(doc, max((x.position for x in case.incidents), default=-1) + 1)
    incident.created_at = actor.now
    case.incidents.append(incident)
    touch_list(case, "incidents")
    raise_duty(session, actor, case, "information-update", f"new incident {doc['id']}")
    _after_change(session, actor, case, f"incident {doc['id']} added")
    record(session, actor, "create", "incident", doc["id"], ref)
    return incident


def replace_incident(session: Session, actor: Actor, ref: str, iid: str, doc: Any, version: int | None) -> Incident:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    old = _incident(case, iid)
    expect_version(old, version, f"incident {iid!r}")
    check(IncidentDoc, doc)
    if doc["id"] != iid:
        raise InvalidInput(f"the incident's id ({doc['id']!r}) differs from the URL ({iid!r})", path="id")
    with session.no_autoflush:
        incident_from_doc(doc, old.position, row=old)
    flag_modified(old, "doc_keys")  # always a new version, even when nothing differs
    _after_change(session, actor, case, f"incident {iid} changed")
    record(session, actor, "update", "incident", iid, ref)
    return old


def delete_incident(session: Session, actor: Actor, ref: str, iid: str, version: int | None) -> None:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    row = _incident(case, iid)
    expect_version(row, version, f"incident {iid!r}")
    case.incidents.remove(row)
    _after_change(session, actor, case, f"incident {iid} deleted")
    record(session, actor, "delete", "incident", iid, ref)


def get_incident_doc(session: Session, actor: Actor, ref: str, iid: str) -> tuple[dict[str, Any], int]:
    case = open_case(session, actor, ref, audit="read", what="incident")
    row = _incident(case, iid)
    return incident_to_doc(row), row.version


# --- orders ----------------------------------------------------------------------------------


def _order(case: Case, oid: str) -> Order:
    return _child(case, case.orders, oid, "order", "order_id")


def add_order(session: Session, actor: Actor, ref: str, doc: Any) -> Order:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    check(OrderDoc, doc)
    if any(x.ref == doc["id"] for x in case.orders):
        raise ConflictError(f"case {ref!r} already has an order {doc['id']!r}", path="id")
    order = order_from_doc(doc, max((x.position for x in case.orders), default=-1) + 1)
    case.orders.append(order)
    touch_list(case, "orders")
    raise_duty(session, actor, case, "information-update", f"order {doc['id']} recorded")
    _after_change(session, actor, case, f"order {doc['id']} added")
    record(session, actor, "create", "order", doc["id"], ref)
    return order


def replace_order(
    session: Session,
    actor: Actor,
    ref: str,
    oid: str,
    doc: Any,
    version: int | None,
    status: str | None = None,
) -> Order:
    """Orders and bail conditions are risk-critical: a version is required to change one."""
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    old = _order(case, oid)
    expect_version(old, version, f"order {oid!r}", required=True)
    check(OrderDoc, doc)
    if doc["id"] != oid:
        raise InvalidInput(f"the order's id ({doc['id']!r}) differs from the URL ({oid!r})", path="id")
    with session.no_autoflush:
        order_from_doc(doc, old.position, row=old)
    flag_modified(old, "doc_keys")
    if status is not None:
        old.status = status
    _after_change(session, actor, case, f"order {oid} changed")
    record(session, actor, "update", "order", oid, ref)
    return old


def delete_order(session: Session, actor: Actor, ref: str, oid: str, version: int | None) -> None:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    row = _order(case, oid)
    expect_version(row, version, f"order {oid!r}", required=True)
    case.orders.remove(row)
    _after_change(session, actor, case, f"order {oid} deleted")
    record(session, actor, "delete", "order", oid, ref)


def set_order_status(session: Session, actor: Actor, ref: str, oid: str, status: str, version: int | None) -> Order:
    """An order's status is risk-critical: the caller must name the version it saw."""
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    order = _order(case, oid)
    expect_version(order, version, f"order {oid!r}", required=True)
    order.status = status
    session.flush()
    record(session, actor, "update", "order", oid, ref, {"status": status})
    return order


# --- people ----------------------------------------------------------------------------------


def _person(case: Case, pid: str) -> Person:
    others = (p for p in case.people if p.kind != "victim")
    return _child(case, others, pid, "suspect or third party", "person_id")


def add_person(session: Session, actor: Actor, ref: str, kind: str, doc: Any) -> Person:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    check(PERSON_MODELS[kind], doc)
    if any(p.ref == doc["id"] and p.kind == kind for p in case.people):
        raise ConflictError(f"case {ref!r} already has a {kind} {doc['id']!r}", path="id")
    position = max((p.position for p in case.people if p.kind == kind), default=-1) + 1
    person = person_from_doc(kind, doc, position)
    case.people.append(person)
    touch_list(case, PERSON_LISTS[kind])
    _after_change(session, actor, case, f"{kind} {doc['id']} added")
    record(session, actor, "create", kind, doc["id"], ref)
    return person


def replace_person(session: Session, actor: Actor, ref: str, pid: str, doc: Any, version: int | None) -> Person:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    old = _person(case, pid)
    expect_version(old, version, f"{old.kind} {pid!r}")
    check(PERSON_MODELS[old.kind], doc)
    if doc["id"] != pid:
        raise InvalidInput(f"the id ({doc['id']!r}) differs from the URL ({pid!r})", path="id")
    with session.no_autoflush:
        person_from_doc(old.kind, doc, old.position, row=old)
    flag_modified(old, "doc_keys")
    _after_change(session, actor, case, f"{old.kind} {pid} changed")
    record(session, actor, "update", old.kind, pid, ref)
    return old


def delete_person(session: Session, actor: Actor, ref: str, pid: str, version: int | None) -> None:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    row = _person(case, pid)
    expect_version(row, version, f"{row.kind} {pid!r}")
    case.people.remove(row)
    _after_change(session, actor, case, f"{row.kind} {pid} deleted")
    record(session, actor, "delete", row.kind, pid, ref)


def set_victim(session: Session, actor: Actor, ref: str, doc: Any, version: int | None) -> Person:
    case = open_case(session, actor, ref, Perm.WRITE, audit=None)
    check(VictimDoc, doc)
    old = next((p for p in case.people if p.kind == "victim"), None)
    if old is not None:
        expect_version(old, version, "the victim")
        case.people.remove(old)
        session.flush()
    victim = person_from_doc("victim", doc, 0)
    case.people.append(victim)
    touch_list(case, "victim")
    _after_change(session, actor, case, "victim changed")
    record(session, actor, "update", "victim", doc.get("id"), ref)
    return victim


def people_docs(case: Case) -> list[dict[str, Any]]:
    return [
        {"kind": p.kind, "version": p.version, "person": person_to_doc(p)}
        for p in sorted(case.people, key=lambda p: (p.kind != "victim", p.kind, p.position))
    ]


def order_docs(case: Case) -> list[dict[str, Any]]:
    return [{"status": o.status, "version": o.version, "order": order_to_doc(o)} for o in case.orders]


def load_full(session: Session, ref: str) -> Case | None:
    """A case with its records loaded, without access checks (CLI export after a check)."""
    return session.execute(
        select(Case)
        .where(Case.reference == ref)
        .options(
            selectinload(Case.people).selectinload(Person.identifiers),
            selectinload(Case.incidents),
            selectinload(Case.orders).selectinload(Order.conditions),
        )
    ).scalar_one_or_none()
