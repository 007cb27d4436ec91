"""Step 4: breaches of orders and bail conditions.

An incident breaches an order only if all three hold:
- it is the conduct of the person the order is against (his own acts, an
  account linked to him, or conduct he procured: PHA 1997 s.7(3A));
- it happened while the order was in force (from `starts` to `ends`, inclusive);
- it violates one of the order's conditions (law/orders.yaml says which acts
  and channels breach each condition; an exclusion zone is matched by place).
A notice (PIN) has no legal force, so nothing breaches it. Precision matters as
much as recall: an unproven breach is not reported.
"""

from __future__ import annotations

import re

from vigil.contract import Breach, Case, ConditionType, Incident
from vigil.law import Law

from .findings import Conduct, Found

_WORD = re.compile(r"[a-z0-9]+")
_NEAR = re.compile(
    r"\b(?:near|nearby|junction with|close to|towards|off|past|adjacent to|next to|outside of|end of|from)"
    r"\s+(?:the\s+)?$"
)
_PLACE_IN_TEXT = re.compile(
    r"\b(?:not|never) (?:to )?(?:attend|enter|go (?:to|into|near)|visit|come (?:to|within \d+ ?m of)|be (?:at|in))"
    r"\s+(.+)",
    re.I,
)
_STOP = frozenset({"the", "a", "an", "of", "and", "road", "street", "st", "rd", "lane", "close", "avenue", "way"})


def place_tokens(place: str) -> set[str]:
    return set(_WORD.findall(place.lower()))


def at_place(inc: Incident, place: str) -> bool:
    """The incident happened in the named place (every distinctive word of it is in the location)."""
    want = place_tokens(place)
    if not want:
        return False
    where = (inc.location or "").lower()
    if not where and inc.channel is not None and inc.channel.value != "in-person":
        return False
    text = where or inc.narrative.lower()
    have = set(_WORD.findall(text))
    core = want - _STOP or want
    if not (want <= have or (core <= have and len(core) >= 2)):
        return False
    # "Chaucer Road, near junction with Marlowe Avenue" is outside Marlowe Avenue.
    first = min((text.find(w) for w in core if text.find(w) >= 0), default=-1)
    return not (first >= 0 and _NEAR.search(text[max(0, first - 30) : first]))


def _conditions_breached(
    inc: Incident, found: list[Found], order_conditions, law: Law
) -> list[tuple[ConditionType, str]]:  # type: ignore[no-untyped-def]
    types = {b.type for b in found}
    out: list[tuple[ConditionType, str]] = []
    for cond in order_conditions:
        spec = law.conditions.get(cond.type)
        if cond.type is ConditionType.EXCLUSION_ZONE:
            if (
                cond.place
                and inc.channel
                and inc.channel.value in ("in-person", "other", "gift-or-item", "tracking-or-surveillance")
                and at_place(inc, cond.place)
            ):
                out.append((cond.type, f"was at {cond.place}, inside the exclusion zone"))
            continue
        if cond.type is ConditionType.OTHER:
            named = _PLACE_IN_TEXT.search(cond.text or "")
            in_person = inc.channel is not None and inc.channel.value in ("in-person", "other")
            if named and in_person and at_place(inc, named.group(1).strip(" .")):
                out.append((cond.type, f"was at {named.group(1).strip(' .')}, which the order forbids"))
                continue
            text = (cond.text or "").lower()
            if re.search(r"violen|threat", text) and types & {
                "threat-to-kill",
                "threat-of-violence",
                "physical-violence",
                "weapon",
            }:
                out.append((cond.type, f"breaks the condition '{cond.text}'"))
            continue
        if spec is None:
            continue
        by_channel = inc.channel is not None and inc.channel.value in spec.breached_by_channels
        hit = sorted(b.value for b in types & set(spec.breached_by))
        if by_channel or hit:
            why = f"{inc.channel.value} contact" if by_channel and inc.channel else ", ".join(hit)
            out.append((cond.type, why))
    return out


def find_breaches(case: Case, conduct: Conduct, behaviours: list[Found], law: Law) -> list[Breach]:
    by_incident: dict[str, list[Found]] = {}
    for b in behaviours:
        if b.incident_id:
            by_incident.setdefault(b.incident_id, []).append(b)
    out: list[Breach] = []
    for order in sorted(case.orders, key=lambda o: o.id):
        spec = law.orders.get(order.type)
        if spec is None or not spec.legal_force or not order.conditions:
            continue
        for inc in case.incidents:
            if order.against and conduct.attributed.get(inc.id) != order.against:
                continue
            if inc.when is None or order.start_day is None:
                continue
            day = inc.when.date()
            if day < order.start_day or (order.end_day and day > order.end_day):
                continue
            hits = _conditions_breached(inc, by_incident.get(inc.id, []), order.conditions, law)
            if not hits:
                continue
            title = spec.title
            ends = order.end_day.isoformat() if order.end_day else "no end date"
            detail = (
                f"{inc.id} on {day.isoformat()} ({conduct.how.get(inc.id, '')}) breaches {order.id} ({title}, "
                f"in force {order.start_day.isoformat()} to {ends}): "
                + "; ".join(f"{c.value}: {why}" for c, why in hits)
                + "."
            )
            if spec.breach_offence:
                detail += f" Breach is an offence ({spec.breach_offence.value})."
            elif spec.breach_is_arrest_ground:
                detail += " Not an offence in itself, but a ground for arrest (PACE 1984 s.46A(1A))."
            out.append(
                Breach(
                    order_id=order.id,
                    incident_id=inc.id,
                    condition=hits[0][0],
                    detail=detail,
                    conditions=[c for c, _ in hits],
                )
            )
    return out
