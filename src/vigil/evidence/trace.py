"""Which exhibit and which message each of Vigil's findings rests on.

Findings name incidents; imported incidents name the messages they were built
from (`evidence`: exhibit, source reference, canonical hash). Joining the two
lets a reader go from "threat to kill, incident MSG-…" to the words on line 212
of the victim's WhatsApp export, and check the hash. Where a behaviour finding
quotes the words it rests on, the messages containing them are picked out.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, tuple_
from sqlalchemy.orm import Session

from vigil.cases.models import Case
from vigil.evidence.models import EvidenceItem, EvidenceMessage


@dataclass
class Traced:
    finding: str
    detail: str
    incident_id: str
    messages: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "finding": self.finding,
            "detail": self.detail,
            "incident_id": self.incident_id,
            "messages": self.messages,
        }


def _findings(doc: dict[str, Any]) -> Iterable[tuple[str, str, list[str], str]]:
    """(finding, detail, incident ids, quoted words) for every finding that names incidents."""
    for b in doc.get("behaviours", []) or []:
        if b.get("incident_id"):
            yield f"behaviour: {b['type']}", b.get("evidence", ""), [b["incident_id"]], b.get("evidence", "")
    for o in (doc.get("classification") or {}).get("offences", []) or []:
        yield f"offence: {o.get('title') or o.get('code')}", o.get("reason") or "", o.get("incident_ids", []), ""
    for b in doc.get("breaches", []) or []:
        yield f"breach of order {b['order_id']}", b.get("detail", ""), [b["incident_id"]], ""
    risk = doc.get("risk") or {}
    for f in risk.get("factors", []) or []:
        yield f"risk factor: {f.get('code')}", f.get("detail", ""), f.get("incident_ids", []), ""
    escalation = risk.get("escalation") or {}
    if escalation.get("detected"):
        yield "escalation", escalation.get("detail", ""), escalation.get("incident_ids", []), ""
    for link in doc.get("linked_accounts", []) or []:
        detail = f"{link['account']} linked to {link['suspect_id']}: " + "; ".join(link.get("reasons", []))
        yield "linked account", detail, link.get("incident_ids", []), ""


def trace_findings(session: Session, case: Case, assessment: dict[str, Any] | None) -> list[Traced]:
    """Every finding resting on an imported incident, with the messages behind it."""
    if not assessment:
        return []
    pointers = {x.ref: (x.extra or {}).get("evidence") for x in case.incidents}
    pointers = {k: v for k, v in pointers.items() if isinstance(v, list) and v}
    messages = _messages(session, case, [p for ps in pointers.values() for p in ps])
    out: list[Traced] = []
    for finding, detail, incident_ids, quoted in _findings(assessment):
        for iid in incident_ids:
            if iid not in pointers:
                continue
            found = [
                messages[key] for p in pointers[iid] if (key := (p.get("exhibit"), p.get("canonical_hash"))) in messages
            ]
            picked = [m for m in found if _quoted(m["text"], quoted)] if quoted else []
            out.append(Traced(finding, detail, iid, picked or found))
    return out


def _quoted(text: str, quoted: str) -> bool:
    words = " ".join(text.split())[:60]
    return bool(words) and words in " ".join(quoted.split())


def _messages(session: Session, case: Case, pointers: list[dict[str, Any]]) -> dict[tuple[str, str], dict[str, Any]]:
    items = {
        row.ref: row.id
        for row in session.execute(select(EvidenceItem.ref, EvidenceItem.id).where(EvidenceItem.case_id == case.id))
    }
    wanted = [(items[p["exhibit"]], p["canonical_hash"]) for p in pointers if p.get("exhibit") in items]
    by_id = {v: k for k, v in items.items()}
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        rows = session.execute(
            select(EvidenceMessage).where(
                tuple_(EvidenceMessage.evidence_id, EvidenceMessage.canonical_hash).in_(chunk)
            )
        ).scalars()
        for row in rows:
            exhibit = by_id[row.evidence_id]
            found[(exhibit, row.canonical_hash)] = message_out(row, exhibit)
    return found


def message_out(row: EvidenceMessage, exhibit: str | None = None) -> dict[str, Any]:
    return {
        "exhibit": exhibit,
        "position": row.position,
        "source_ref": row.source_ref,
        "sent_at": row.sent_at.isoformat() + "Z",
        "sent_at_text": row.sent_at_text,
        "sender": row.sender_display or row.sender,
        "text": row.text,
        "role": row.role,
        "incident_id": row.incident_ref,
        "canonical_hash": row.canonical_hash,
    }
