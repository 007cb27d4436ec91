"""What changed between two of Vigil's assessments, in the sentences an officer needs.

Both sides are stored `vigil.assessment/1` documents, so this compares what the
engine said then with what it says now; it never re-assesses. Used after an
incident is saved ("now stalking: PHA 1997 s.4A") and for the history list.
"""

from __future__ import annotations

from typing import Any

from vigil.web.words import category_label, code_words, offence_short, order_title

RANK = {"standard": 0, "medium": 1, "high": 2}


def _offences(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {o["code"]: o for o in doc.get("classification", {}).get("offences", [])}


def _breaches(doc: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(b["order_id"], b["incident_id"]): b for b in doc.get("breaches", [])}


def changes(
    before: dict[str, Any] | None,
    after: dict[str, Any],
    order_types: dict[str, str] | None = None,
) -> list[str]:
    """Sentences for each difference that matters, most serious first."""
    before = before or {}
    order_types = order_types or {}
    out: list[str] = []
    new_cat = after.get("classification", {}).get("category")
    old_cat = before.get("classification", {}).get("category")
    new_off, old_off = _offences(after), _offences(before)
    if new_cat != old_cat:
        lead = next(iter(new_off), None)
        cite = f": {offence_short(lead)}" if lead else ""
        was = f" (was {category_label(old_cat).lower()})" if old_cat else ""
        out.append(f"now {category_label(new_cat).lower()}{cite}{was}")
    for code, off in new_off.items():
        if code not in old_off:
            out.append(f"new offence: {off.get('title', code)} ({offence_short(code)})")
    for code, off in old_off.items():
        if code not in new_off:
            out.append(f"no longer: {off.get('title', code)} ({offence_short(code)})")
    for (oid, iid), b in _breaches(after).items():
        if (oid, iid) not in _breaches(before):
            out.append(
                f"breach of {order_title(order_types.get(oid))} {oid} by incident {iid} "
                f"({code_words(b.get('condition'))})"
            )
    new_risk = after.get("risk", {}).get("level", "standard")
    old_risk = before.get("risk", {}).get("level") if before else None
    if old_risk is not None and new_risk != old_risk:
        verb = "raised" if RANK[new_risk] > RANK[old_risk] else "lowered"
        out.append(f"Vigil's risk level {verb} from {old_risk} to {new_risk}")
    elif old_risk is None:
        out.append(f"Vigil's risk level: {new_risk}")
    new_esc = after.get("risk", {}).get("escalation", {})
    old_esc = before.get("risk", {}).get("escalation", {})
    if new_esc.get("detected") and not old_esc.get("detected"):
        out.append(f"escalation detected: {new_esc.get('detail', '')}".strip())
    elif old_esc.get("detected") and not new_esc.get("detected"):
        out.append("escalation no longer detected")
    old_links = {(a["account"], a["suspect_id"]) for a in before.get("linked_accounts", [])}
    for a in after.get("linked_accounts", []):
        if (a["account"], a["suspect_id"]) not in old_links:
            out.append(f"account {a['account']} now linked to {a['suspect_id']}")
    old_actions = {a["code"] for a in before.get("actions", [])}
    for a in after.get("actions", []):
        if a["code"] not in old_actions:
            out.append(f"new action owed: {code_words(a['code'])}")
    return out
