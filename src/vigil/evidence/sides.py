"""Whose words are whose: the suspect's accounts, the victim's, and everyone else's.

The suspect's identifiers come from the case record, from accounts Vigil's
last assessment linked to a suspect (a fake account the engine tied to him),
and from what the officer adds at import ("Dan" as a WhatsApp contact name is
not on the case record). The victim's come from the victim record and the
officer. Only the suspect's messages become conduct; the victim's are kept as
context, and a sender nobody named is listed in the preview so the officer can
say who it is, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from vigil.cases.models import Case
from vigil.errors import UsageError
from vigil.importers import Message, identifier_key

#: The SMS Backup & Restore parser's name for the phone's own side: the phone handed in.
DEVICE_OWNER = "device-owner"


@dataclass
class Sides:
    suspects: dict[str, list[str]] = field(default_factory=dict)
    victim: list[str] = field(default_factory=list)
    linked: dict[str, str] = field(default_factory=dict)
    _suspect_keys: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _victim_keys: set[str] = field(default_factory=set, init=False, repr=False)

    def __post_init__(self) -> None:
        self._suspect_keys = {identifier_key(i): sid for sid, ids in self.suspects.items() for i in ids if i.strip()}
        self._victim_keys = {identifier_key(i) for i in self.victim if i.strip()}
        both = sorted(set(self._suspect_keys) & self._victim_keys)
        if both:
            raise UsageError(
                f"identifier(s) named for both the suspect and the victim: {', '.join(both)}",
                hint="an account belongs to one side; check --suspect and --victim",
                path="identifiers",
            )

    def role(self, message: Message) -> str:
        """'suspect', 'victim', 'system' or 'other' (the same rule `group_into_incidents` uses)."""
        if message.is_system:
            return "system"
        for name in (message.sender, message.sender_display):
            if not name:
                continue
            key = identifier_key(name)
            if key in self._suspect_keys:
                return "suspect"
            if key in self._victim_keys:
                return "victim"
        return "other"

    def as_dict(self) -> dict[str, Any]:
        return {"suspects": self.suspects, "victim": self.victim, "linked_accounts": self.linked}


def sides_for(
    case: Case,
    assessment: dict[str, Any] | None,
    suspect_extra: Iterable[str] = (),
    victim_extra: Iterable[str] = (),
    fmt: str = "",
) -> Sides:
    """The identifiers of each side for importing into `case`.

    `suspect_extra` items are `S1=Dan` (for suspect S1) or plain `Dan` when the
    case has one suspect. Accounts the engine linked to a suspect count as his.
    """
    suspects: dict[str, list[str]] = {}
    victim: list[str] = []
    for person in case.people:
        raws = [i.raw for i in person.identifiers]
        if person.kind == "suspect" and person.ref:
            suspects.setdefault(person.ref, []).extend(raws)
        elif person.kind == "victim":
            victim.extend(raws)
    if not suspects:
        raise UsageError(
            f"case {case.reference!r} has no suspect, so no message can be attributed to one",
            hint="add the suspect (with his numbers, addresses or handles) to the case first",
            path="suspects",
        )
    linked: dict[str, str] = {}
    for link in (assessment or {}).get("linked_accounts", []) or []:
        account, sid = link.get("account"), link.get("suspect_id")
        if isinstance(account, str) and sid in suspects:
            suspects[sid].append(account)
            linked[account] = sid
    for raw in suspect_extra:
        sid, ident = _assignment(raw, suspects)
        suspects[sid].append(ident)
    victim.extend(v.strip() for v in victim_extra if v.strip())
    if fmt == "sms-backup" and DEVICE_OWNER not in victim:
        victim.append(DEVICE_OWNER)
    return Sides(suspects={k: _unique(v) for k, v in suspects.items()}, victim=_unique(victim), linked=linked)


def _assignment(raw: str, suspects: dict[str, list[str]]) -> tuple[str, str]:
    sid, sep, ident = raw.partition("=")
    if sep and sid.strip() in suspects and ident.strip():
        return sid.strip(), ident.strip()
    if sep and sid.strip() and " " not in sid.strip() and sid.strip() not in suspects:
        raise UsageError(
            f"{raw!r}: the case has no suspect {sid.strip()!r}",
            hint="suspects on this case: " + ", ".join(sorted(suspects)),
            path="suspect",
        )
    if len(suspects) != 1:
        raise UsageError(
            f"{raw!r}: say which suspect this account belongs to (the case has {len(suspects)})",
            hint="write it as SUSPECT_ID=identifier, e.g. S1=Dan",
            path="suspect",
        )
    return next(iter(suspects)), raw.strip()


def _unique(values: list[str]) -> list[str]:
    return list(dict.fromkeys(v for v in values if v and v.strip()))
