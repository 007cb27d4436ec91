"""Convert between `vigil.case/1` documents and case rows, losslessly.

Each row mirroring a document object stores the document's keys in order
(`doc_keys`) and any fields the contract does not name (`extra`); a child list
given as null is remembered in `extra` too. Export walks `doc_keys`, so the
exported case equals the imported one key for key, value for value, order
included. Documents are validated with the contract models first; values are
then taken from the raw document, so nothing is coerced on the way in.
"""

from __future__ import annotations

from typing import Any

from vigil.cases.identifiers import normalise
from vigil.cases.models import Case, Condition, Identifier, Incident, Order, Person
from vigil.contract import parse_when

# contract key -> column, per row type (keys not listed here go to `extra`)
CASE_FIELDS = {"case_id": "reference", "jurisdiction": "jurisdiction", "handling": "handling"}
VICTIM_FIELDS = {
    "id": "ref",
    "relationship_to_suspect": "relationship_to_suspect",
    "statement": "statement",
}
SUSPECT_FIELDS = {"id": "ref", "history": "history"}
THIRD_PARTY_FIELDS = {"id": "ref", "role": "role", "description": "description"}
INCIDENT_FIELDS = {
    "id": "ref",
    "occurred_at": "occurred_at_text",
    "suspect_id": "suspect_ref",
    "actor_id": "actor_ref",
    "channel": "channel",
    "account": "account",
    "location": "location",
    "narrative": "narrative",
}
ORDER_FIELDS = {
    "id": "ref",
    "type": "type",
    "against": "against_ref",
    "starts": "starts",
    "ends": "ends",
}
CONDITION_FIELDS = {"type": "type", "place": "place", "metres": "metres", "text": "text"}
PERSON_FIELDS = {
    "victim": VICTIM_FIELDS,
    "suspect": SUSPECT_FIELDS,
    "third-party": THIRD_PARTY_FIELDS,
}

_CHILD_LISTS = {
    "victim",
    "suspects",
    "third_parties",
    "incidents",
    "orders",
    "conditions",
    "identifiers",
}


def _fill(row: Any, doc: dict[str, Any], fields: dict[str, str], children: set[str] = frozenset()) -> None:  # type: ignore[assignment]
    extra: dict[str, Any] = {}
    for key, value in doc.items():
        if key in fields:
            setattr(row, fields[key], value)
        elif key in children:
            if value is None:
                extra[key] = None
        elif key != "format":
            extra[key] = value
    row.doc_keys = list(doc.keys())
    row.extra = extra


def _emit(row: Any, fields: dict[str, str], children: dict[str, Any] | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in row.doc_keys:
        if key in row.extra:
            out[key] = row.extra[key]
        elif children and key in children:
            out[key] = children[key]
        elif key == "format":
            out[key] = "vigil.case/1"
        elif key in fields:
            value = getattr(row, fields[key])
            if key == "metres" and isinstance(value, float) and value.is_integer():
                value = int(value)
            out[key] = value
    return out


def _clear(row: Any, fields: dict[str, str]) -> None:
    for column in fields.values():
        setattr(row, column, None)


def person_from_doc(kind: str, doc: dict[str, Any], position: int, row: Person | None = None) -> Person:
    """A new person row, or `row` refilled in place (a replace keeps its id and version)."""
    person = row if row is not None else Person(kind=kind, position=position)
    _clear(person, PERSON_FIELDS[kind])
    _fill(person, doc, PERSON_FIELDS[kind], {"identifiers"})
    idents = []
    for i, raw in enumerate(doc.get("identifiers") or []):
        norm = normalise(raw)
        idents.append(Identifier(position=i, raw=raw, kind=norm.kind, normalised=norm.value))
    person.identifiers = idents
    return person


def person_to_doc(person: Person) -> dict[str, Any]:
    return _emit(person, PERSON_FIELDS[person.kind], {"identifiers": [i.raw for i in person.identifiers]})


def incident_from_doc(doc: dict[str, Any], position: int, row: Incident | None = None) -> Incident:
    incident = row if row is not None else Incident(position=position)
    _clear(incident, INCIDENT_FIELDS)
    _fill(incident, doc, INCIDENT_FIELDS)
    incident.occurred_at = parse_when(incident.occurred_at_text) if incident.occurred_at_text else None
    return incident


def incident_to_doc(incident: Incident) -> dict[str, Any]:
    return _emit(incident, INCIDENT_FIELDS)


def order_from_doc(doc: dict[str, Any], position: int, row: Order | None = None) -> Order:
    order = row if row is not None else Order(position=position)
    _clear(order, ORDER_FIELDS)
    _fill(order, doc, ORDER_FIELDS, {"conditions"})
    conditions = []
    for i, cond in enumerate(doc.get("conditions") or []):
        c = Condition(position=i)
        _fill(c, cond, CONDITION_FIELDS)
        conditions.append(c)
    order.conditions = conditions
    return order


def order_to_doc(order: Order) -> dict[str, Any]:
    return _emit(order, ORDER_FIELDS, {"conditions": [_emit(c, CONDITION_FIELDS) for c in order.conditions]})


def case_from_doc(doc: dict[str, Any]) -> Case:
    """Rows for a validated case document (not yet added to a session)."""
    case = Case()
    _fill(case, doc, CASE_FIELDS, _CHILD_LISTS)
    if isinstance(doc.get("victim"), dict):
        case.people.append(person_from_doc("victim", doc["victim"], 0))
    for i, s in enumerate(doc.get("suspects") or []):
        case.people.append(person_from_doc("suspect", s, i))
    for i, t in enumerate(doc.get("third_parties") or []):
        case.people.append(person_from_doc("third-party", t, i))
    case.incidents = [incident_from_doc(x, i) for i, x in enumerate(doc.get("incidents") or [])]
    case.orders = [order_from_doc(x, i) for i, x in enumerate(doc.get("orders") or [])]
    return case


def case_to_doc(case: Case) -> dict[str, Any]:
    """The case as a `vigil.case/1` document, exactly as it was given (plus later changes)."""
    people = sorted(case.people, key=lambda p: p.position)
    victim = next((p for p in people if p.kind == "victim"), None)
    children: dict[str, Any] = {
        "victim": person_to_doc(victim) if victim else None,
        "suspects": [person_to_doc(p) for p in people if p.kind == "suspect"],
        "third_parties": [person_to_doc(p) for p in people if p.kind == "third-party"],
        "incidents": [incident_to_doc(x) for x in sorted(case.incidents, key=lambda x: x.position)],
        "orders": [order_to_doc(x) for x in sorted(case.orders, key=lambda x: x.position)],
    }
    doc = _emit(case, CASE_FIELDS, children)
    doc.setdefault("format", "vigil.case/1")
    return doc


def touch_list(row: Any, key: str) -> None:
    """A child was added under `key`: the document now shows the list (not null or absent)."""
    if key in row.extra:
        row.extra = {k: v for k, v in row.extra.items() if k != key}
    if key not in row.doc_keys:
        row.doc_keys = [*row.doc_keys, key]
