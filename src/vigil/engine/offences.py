"""The offences the facts disclose: the principal offence first, then others.

Dates matter: the Online Safety Act 2023 threatening and false communications
offences apply to messages sent from 31 January 2024 (when the matching parts
of the Malicious Communications Act 1988 and Communications Act 2003 s.127
were repealed); controlling or coercive behaviour covers former partners not
living together from 5 April 2023. In-force dates come from the law data.
"""

from __future__ import annotations

import re
from datetime import date

from vigil.contract import Behaviour, Breach, Category, Channel, Incident, Offence, OffenceCode, Relationship
from vigil.law import Law

from .classify import Verdict
from .facts import Facts

ELECTRONIC = frozenset(
    {
        Channel.TEXT_MESSAGE,
        Channel.EMAIL,
        Channel.SOCIAL_MEDIA,
        Channel.MESSAGING_APP,
        Channel.PHONE_CALL,
        Channel.ONLINE_PUBLICATION,
    }
)
# A record of words sent over a network though its channel is "other": "Spectre Protocol ranked match, all-chat
# voice", "guild voice channel", "in-game message".
_ONLINE_OTHER = re.compile(
    r"\b(?:voice ?chat|all-chat|in-game|game chat|party chat|voice channel|voice comms|discord|stream chat|"
    r"live ?stream|video call)\b",
    re.I,
)


def _sent_electronically(inc: Incident) -> bool:
    if inc.channel in ELECTRONIC:
        return True
    return inc.channel is Channel.OTHER and bool(_ONLINE_OTHER.search(f"{inc.location or ''} {inc.narrative}"))


PRINCIPAL = {
    Category.STALKING_FEAR_OR_DISTRESS: OffenceCode.PHA1997_S4A,
    Category.STALKING: OffenceCode.PHA1997_S2A,
    Category.HARASSMENT_FEAR_OF_VIOLENCE: OffenceCode.PHA1997_S4,
    Category.HARASSMENT: OffenceCode.PHA1997_S2,
}


class _Offences:
    def __init__(self, law: Law) -> None:
        self.law = law
        self.items: dict[OffenceCode, Offence] = {}

    def add(self, code: OffenceCode, ids: list[str], reason: str) -> None:
        if code in self.items:
            cur = self.items[code]
            cur.incident_ids.extend(i for i in ids if i not in cur.incident_ids)
            return
        spec = self.law.offences.get(code)
        self.items[code] = Offence(
            code=code,
            title=spec.title if spec else code.value,
            citation=spec.citation if spec else None,
            incident_ids=list(dict.fromkeys(ids)),
            reason=reason,
        )

    def in_force(self, code: OffenceCode, day: date | None) -> bool:
        spec = self.law.offences.get(code)
        return spec is None or day is None or day >= spec.in_force


def disclose(f: Facts, v: Verdict, breaches: list[Breach], law: Law) -> list[Offence]:
    out = _Offences(law)
    incidents = {i.id: i for i in f.case.incidents}
    if v.category in PRINCIPAL:
        out.add(PRINCIPAL[v.category], f.course_ids, "; ".join(v.rationale[1:3])[:400])
    t = f.types
    days = {iid: (incidents[iid].when.date() if incidents[iid].when else None) for iid in incidents}

    def each(code: Behaviour):  # type: ignore[no-untyped-def]
        return [b for b in t.get(code, []) if b.incident_id]

    for b in each(Behaviour.THREAT_TO_KILL):
        out.add(OffenceCode.OAPA1861_S16, [b.incident_id], f'Threat to kill: "{b.evidence[:120]}".')  # type: ignore[list-item]
    threat_codes = (Behaviour.THREAT_TO_KILL, Behaviour.THREAT_OF_VIOLENCE, Behaviour.SEXUAL_THREAT)
    serious = {c.incident_id for c in f.cue("serious_harm") if c.incident_id}
    menacing = (Behaviour.INTIMATE_IMAGE_ABUSE, Behaviour.THREAT_TO_EXPOSE)
    for code in (*threat_codes, *menacing, Behaviour.ABUSIVE_CONTENT, Behaviour.FALSE_ALLEGATIONS):
        for b in each(code):
            inc = incidents[b.incident_id]  # type: ignore[index]
            if not _sent_electronically(inc):
                continue
            day = days[inc.id]
            grave = code in (Behaviour.THREAT_TO_KILL, Behaviour.SEXUAL_THREAT) or inc.id in serious
            if (
                code in threat_codes
                and grave
                and out.in_force(OffenceCode.OSA2023_S181, day)
                and day
                and law.offences.get(OffenceCode.OSA2023_S181)
            ):
                out.add(
                    OffenceCode.OSA2023_S181,
                    [inc.id],
                    "A message conveying a threat of death or serious harm (sent on or after 31 January 2024).",
                )
            elif (
                code is Behaviour.FALSE_ALLEGATIONS
                and day
                and out.in_force(OffenceCode.OSA2023_S179, day)
                and law.offences.get(OffenceCode.OSA2023_S179)
            ):
                out.add(
                    OffenceCode.OSA2023_S179, [inc.id], "Information the sender knows to be false, sent to cause harm."
                )
            else:
                out.add(
                    OffenceCode.MCA1988_S1,
                    [inc.id],
                    "A message that is threatening, grossly offensive or (before 2024) false, "
                    "sent to cause distress or anxiety.",
                )
                if code in threat_codes and inc.channel is not Channel.ONLINE_PUBLICATION:
                    out.add(
                        OffenceCode.CA2003_S127,
                        [inc.id],
                        "A menacing message sent over a public electronic communications network.",
                    )
    for b in each(Behaviour.PROPERTY_DAMAGE):
        out.add(OffenceCode.CDA1971_S1, [b.incident_id], f'Damage to property: "{b.evidence[:120]}".')  # type: ignore[list-item]
    intrusion = t.get(Behaviour.ACCOUNT_INTRUSION, [])
    if intrusion:
        out.add(
            OffenceCode.CMA1990_S1,
            [b.incident_id for b in intrusion if b.incident_id],
            f'Access to the victim\'s accounts without authority: "{intrusion[0].evidence[:120]}".',
        )
    for b in each(Behaviour.INTIMATE_IMAGE_ABUSE):
        if out.in_force(OffenceCode.SOA2003_S66B, days.get(b.incident_id or "")):
            out.add(OffenceCode.SOA2003_S66B, [b.incident_id], "Sharing or threatening to share an intimate image.")  # type: ignore[list-item]
    coercive = [b for b in t.get(Behaviour.COERCIVE_CONTROL, []) if b.incident_id]
    rel = f.relationship
    former_from = law.dates.get("sca2015_s76_former_partners")
    if rel is Relationship.EX_PARTNER and former_from:
        # Former partners who no longer live together are covered only for conduct from this date.
        coercive = [b for b in coercive if (days.get(b.incident_id or "") or former_from) >= former_from]
    if coercive and rel in (Relationship.CURRENT_PARTNER, Relationship.EX_PARTNER, Relationship.FAMILY):
        out.add(
            OffenceCode.SCA2015_S76,
            [b.incident_id for b in coercive if b.incident_id],
            "Controlling or coercive behaviour in an intimate or family relationship"
            + (f" (former partners are covered for conduct from {former_from.isoformat()})." if former_from else "."),
        )
    witness = f.cue("witness")
    if witness and f.has(*threat_codes, Behaviour.THREAT_TO_EXPOSE):
        ids = f.ids(*threat_codes, Behaviour.THREAT_TO_EXPOSE)
        out.add(
            OffenceCode.CJPOA1994_S51,
            ids,
            f'Threats to a witness or potential witness ("{witness[0].sentence[:100]}"): intimidation of a witness.',
        )
    calls = [inc for inc in f.case.incidents if inc.channel is Channel.PHONE_CALL and inc.id in f.course_ids]
    persistent = [inc.id for inc in calls if any(v[0] == inc.id for v in f.volume) or "silent" in inc.narrative.lower()]
    if len(persistent) >= 1 and len(calls) >= 2:
        out.add(
            OffenceCode.CA2003_S127,
            persistent,
            "Persistent use of a public electronic communications network to cause annoyance, inconvenience or "
            "needless anxiety (repeated or silent calls).",
        )
    hostility = f.texts.cues("racial_hostility")
    if hostility and v.harassment:
        out.add(
            OffenceCode.CDA1998_S32,
            [c.incident_id for c in hostility if c.incident_id],
            f'Racial or religious hostility: "{hostility[0].sentence[:120]}" (Crime and Disorder Act 1998 s.28).',
        )
    for br in breaches:
        order = next((o for o in f.case.orders if o.id == br.order_id), None)
        spec = law.orders.get(order.type) if order else None
        if spec and spec.breach_offence:
            out.add(spec.breach_offence, [br.incident_id], f"Breach of {order.id} ({spec.title}).")  # type: ignore[union-attr]
    return list(out.items.values())
