"""Typed shape of the law data (YAML under law/<jurisdiction>/).

The YAML holds what changes when law or guidance changes (citations, wording,
in-force dates, lexicons, thresholds); this module only validates it, so a
legal reviewer's typo fails loudly at load time instead of silently weakening
a rule.
"""

from __future__ import annotations

import re
from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator

from vigil.contract import ActionCode, Behaviour, ConditionType, OffenceCode, OrderType, RiskLevel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Source(_Strict):
    title: str
    url: str | None = None


class Offence(_Strict):
    code: OffenceCode
    title: str
    citation: str
    statute: str
    section: str
    in_force: date
    wording: str = Field(description="Statutory wording, verbatim from legislation.gov.uk (OGL).")
    max_penalty: str
    mode_of_trial: str
    notes: str | None = None
    sources: list[Source] = Field(default_factory=list)


class Lexicon(_Strict):
    """Regular-expression fragments for one behaviour.

    act: conduct described in a narrative (outside quotes), done by the actor.
    speech: words the actor says or writes (inside quotes, or reported speech).
    history: wording in a suspect's history or the victim's account of the past.
    """

    act: list[str] = Field(default_factory=list)
    speech: list[str] = Field(default_factory=list)
    history: list[str] = Field(default_factory=list)
    veiled: list[str] = Field(
        default_factory=list,
        description="Speech that is a threat only in context: dropped if the victim says none was made.",
    )
    perceived: list[str] = Field(
        default_factory=list,
        description="How the victim or the recorder read the incident ('she took it as a threat to kill her'): "
        "the incident's suspect did this act, whoever is the grammatical subject, unless negated or hypothetical.",
    )


class BehaviourDef(_Strict):
    code: Behaviour
    title: str
    citation: str
    associated_with_stalking: bool = Field(
        description="An act associated with stalking: in s.2A(3) or recognised by CPS guidance."
    )
    severity: int = Field(ge=0, le=5, description="0 none .. 5 life-threatening; drives escalation.")
    physical_presence: bool = False
    channels: list[str] = Field(default_factory=list, description="Channels that are this act.")
    victims_things: bool = Field(
        default=False,
        description="The act is done to the victim's things (her phone, her car): 'checking his phone' said of "
        "the suspect is his own phone, not this act.",
    )
    lexicon: Lexicon = Field(default_factory=Lexicon)


class RiskItem(_Strict):
    code: str
    title: str
    raises_to: RiskLevel
    source: str = Field(description="The published question or research this item corresponds to.")
    red_flag: bool = False


class ConditionWording(_Strict):
    """A free-text term of an order, recognised by its words, and the acts that break it."""

    words: str = Field(description="Regular expression (case-insensitive) over the condition's text.")
    breached_by: list[Behaviour] = Field(default_factory=list)
    failed_if: str | None = Field(
        default=None,
        description="A context pattern (context.yaml) whose match in the incident says a positive requirement was "
        "not met ('did not attend his first session').",
    )
    about: str | None = Field(
        default=None,
        description="Regular expression (case-insensitive) over the incident's narrative: a term that forbids "
        "publishing only some things (her address, her home, her family) is broken only by a record that speaks "
        "of them; a term matching `words` with `about` set is judged by this rule alone.",
    )

    @field_validator("words", "about")
    @classmethod
    def _compiles(cls, v: str | None) -> str | None:
        if v is None:
            return v
        try:
            re.compile(v)
        except re.error as e:
            raise ValueError(f"not a valid regular expression: {e}") from e
        return v


class Permission(_Strict):
    """A term that allows some contact ("save for contact through solicitors").

    An incident that uses the allowed route is not a breach of the conditions in
    `exempts`, unless it also contains one of the acts in `void_if`: a threat made
    at a contact-centre handover is not what the order allows.
    """

    words: str = Field(description="Regular expression that marks a condition as a permission.")
    exempts: list[ConditionType]
    void_if: list[Behaviour]
    ignore: list[str] = Field(default_factory=list, description="Words too general to identify the route.")
    kinds: list[str] = Field(
        default_factory=list,
        description="Words that say what kind of route it is ('app', 'centre'); a record that names the route "
        "itself ('via CoParent Hub') need not repeat them.",
    )
    purpose: str | None = Field(
        default=None,
        description="Regular expression whose group 1 is the sole purpose a permission allows ('solely about "
        "arrangements for Alfie'); contact on the route about something else is not kept to it.",
    )
    purpose_topics: str | None = Field(
        default=None,
        description="Regular expression for the everyday words of such a purpose (collect, handover, school), "
        "any of which keeps a message to it besides the purpose's own words.",
    )
    off_purpose: str | None = Field(
        default=None,
        description="Regular expression for words that take a message off a sole purpose however much else in it "
        "keeps to it ('he still loves you and isn't giving up' beside the handover time).",
    )
    provisos: list[ConditionWording] = Field(
        default_factory=list,
        description="What a permission's proviso forbids ('provided he sits apart and does not approach or "
        "communicate with her'): `words` over the proviso's text, `breached_by` the acts that step outside it.",
    )


class ConditionDef(_Strict):
    code: ConditionType
    title: str
    breached_by: list[Behaviour] = Field(default_factory=list)
    breached_by_channels: list[str] = Field(default_factory=list)
    directed_channels: list[str] = Field(
        default_factory=list,
        description="Channels that breach only when the communication concerns the victim (a public post may not).",
    )
    not_breached_on: list[str] = Field(
        default_factory=list,
        description="Channels on which the `breached_by` acts do not breach it: a false allegation in an email to "
        "an official is not publishing online.",
    )
    place_based: bool = False
    distance_based: bool = False
    wording: list[ConditionWording] = Field(default_factory=list)
    permission: Permission | None = None


class OrderDef(_Strict):
    code: OrderType
    title: str
    legal_force: bool
    breach_offence: OffenceCode | None = None
    breach_is_arrest_ground: bool = False
    citation: str
    # How records name this kind of order ("NMO", "interim SPO"): a record of service that names it is about it.
    written_as: list[str] = Field(default_factory=list)


class ActionDef(_Strict):
    code: ActionCode
    title: str
    source: str


class ContextPattern(_Strict):
    """A whole regular expression read in a window around a finding (context.yaml)."""

    why: str
    before: str = ""
    any: list[str] = Field(min_length=1)
    after: str = ""
    case_sensitive: bool = False

    def regex(self) -> str:
        body = "|".join(self.any)
        return f"{self.before}(?:{body}){self.after}" if self.before or self.after else body


class Law(_Strict):
    jurisdiction: str
    version: str
    offences: dict[OffenceCode, Offence]
    behaviours: dict[Behaviour, BehaviourDef]
    risk_items: dict[str, RiskItem]
    conditions: dict[ConditionType, ConditionDef]
    orders: dict[OrderType, OrderDef]
    actions: dict[ActionCode, ActionDef]
    dates: dict[str, date] = Field(
        default_factory=dict, description="Dates when a rule's scope changed (see law.yaml for each source)."
    )
    lexicon: dict[str, list[str] | dict[str, str]] = Field(
        default_factory=dict, description="Shared word lists: negation cues, fear words, ..."
    )
    context: dict[str, ContextPattern] = Field(
        default_factory=dict, description="Patterns read around a finding: who acted, where, whether invited ..."
    )
