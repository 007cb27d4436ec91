"""The people in a text: actors, how suspects are named, and the mentions found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .dates import MONTHS

Role = Literal["suspect", "victim", "third", "unknown"]
Kind = Literal["narrative", "statement", "history"]

# The last word of a street's name ("Mill Lane"): a capitalised word before one names a place.
STREET_WORDS = (
    "Street|Road|Lane|Avenue|Close|Drive|Way|Crescent|Grove|Rise|Terrace|Place|Parade|Court|Gardens|Green|Hill|Row|"
    "Walk|Mews|Square|Estate"
)


# Capitalised words that name no one: months and days ("The night in January I told him ... he pushed ...") and
# the platforms that send alerts and host accounts but act on no one.
NOT_PERSON_WORDS = frozenset(
    {
        *MONTHS,
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "christmas",
        "easter",
        "snapchat",
        "snap",
        "instagram",
        "facebook",
        "whatsapp",
        "tiktok",
        "google",
        "gmail",
        "apple",
        "icloud",
        "microsoft",
        "outlook",
        "amazon",
        "twitter",
        "discord",
        "spotify",
        "hinge",
        "tinder",
        "bumble",
        "vinted",
        "ebay",
        "uber",
        "deliveroo",
        "life360",
        "meta",
        "teams",
        "messenger",
        "youtube",
        "reddit",
        "linkedin",
        "paypal",
        # Parts of a building by their letter or number ("into Block C lobby", "Flat 14", "Room C14").
        "block",
        "flat",
        "unit",
        "tower",
        "room",
        "ward",
        "bay",
        "gate",
        "platform",
        "level",
        "floor",
        "wing",
        "suite",
        "apartment",
    }
)


@dataclass(frozen=True, slots=True)
class Actor:
    role: Role
    suspect_id: str | None = None

    @property
    def is_suspect_side(self) -> bool:
        return self.role in ("suspect", "unknown")


UNKNOWN = Actor("unknown")
VICTIM = Actor("victim")
THIRD = Actor("third")


@dataclass(frozen=True, slots=True)
class SuspectNames:
    """How one suspect may be named in free text."""

    suspect_id: str
    full_names: tuple[str, ...]
    first_names: tuple[str, ...]
    surnames: tuple[str, ...]


@dataclass(frozen=True)
class Cast:
    """The people of a case, as the text analysis needs them."""

    suspects: tuple[SuspectNames, ...]
    primary_suspect: str | None
    suspect_gender: str | None  # "m", "f" or None when unknown
    victim_gender: str | None
    names_re: re.Pattern[str] | None = None
    identifiers: dict[str, str] = field(default_factory=dict)  # normalised identifier -> suspect id
    others_re: re.Pattern[str] | None = None  # names of the case's known third parties
    victim_re: re.Pattern[str] | None = None  # the victim's own name, where a record gives it ("Aoife BRENNAN (V1)")
    # The victim's former or current partner is the suspect: "her ex-boyfriend" in a record means him.
    partner_suspect: bool = False
    # How his history places him beside someone the victim serves ("Father of a child patient", "Partner of a
    # postnatal patient"): in the records "pt's father" or "the patient's partner" is then him.
    suspect_relations: frozenset[str] = frozenset()
    # The suspect is her neighbour: "neighbour came to the fence holding a spade" in a record means him.
    neighbour_suspect: bool = False

    def fingerprint(self) -> tuple[object, ...]:
        """Everything about the cast that can change how a text is read, as a hashable key."""
        return (
            self.suspects,
            self.primary_suspect,
            self.suspect_gender,
            self.victim_gender,
            self.names_re.pattern if self.names_re else None,
            self.others_re.pattern if self.others_re else None,
            self.victim_re.pattern if self.victim_re else None,
            tuple(sorted(self.identifiers.items())),
            self.partner_suspect,
            tuple(sorted(self.suspect_relations)),
            self.neighbour_suspect,
        )

    @property
    def single_suspect(self) -> bool:
        return len(self.suspects) == 1

    def suspect_for_identifier(self, value: str) -> str | None:
        return self.identifiers.get(re.sub(r"[\s()-]", "", value.lower()))

    def suspect_for_name(self, name: str) -> str | None:
        low = name.lower().strip()
        for s in self.suspects:
            if low in s.full_names or low in s.first_names or low in s.surnames:
                return s.suspect_id
        first = low.split()[0] if low else ""
        if len(first) >= 3:
            for s in self.suspects:
                # Short forms: "Kay" for Kayleigh, "Dom" for Dominic.
                short = any(f.startswith(first) or first.startswith(f) for f in s.first_names if len(f) >= 3)
                if short and (len(low.split()) == 1 or any(low.endswith(x) for x in s.surnames)):
                    return s.suspect_id
        return None


@dataclass(frozen=True, slots=True)
class Referent:
    start: int
    end: int
    actor: Actor | None  # None for a pronoun still to resolve
    gender: str | None
    pronoun: str | None = None
    object_position: bool = False
    participle_subject: bool = False


@dataclass(frozen=True, slots=True)
class Quote:
    start: int  # first character inside the quote marks
    end: int
    speaker: Actor


@dataclass(frozen=True, slots=True)
class Match:
    """A lexicon match in context."""

    start: int
    end: int
    sentence: str
    actor: Actor
    negated: bool
    hypothetical: bool
    in_speech: bool
