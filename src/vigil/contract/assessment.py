"""The `vigil.assessment/1` format as Pydantic models.

Every finding carries the incident ids it rests on and a reason a person can
read; the optional fields added here (rule, source, evidence) keep to the
contract's rule that additions are optional and nothing is renamed.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from .codes import ActionCode, Behaviour, Category, ConditionType, OffenceCode, RiskLevel

ASSESSMENT_FORMAT = "vigil.assessment/1"


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CourseOfConduct(_Out):
    present: bool
    incident_ids: list[str] = Field(default_factory=list)
    reason: str
    occasions: list[list[str]] = Field(
        default_factory=list,
        description="Incident ids grouped by occasion: records of one event form one group.",
    )


class Offence(_Out):
    code: OffenceCode
    title: str
    citation: str | None = None
    incident_ids: list[str] = Field(default_factory=list)
    reason: str | None = None


class Four(_Out):
    fixated: bool
    obsessive: bool
    unwanted: bool
    repeated: bool


class Classification(_Out):
    category: Category
    offences: list[Offence] = Field(default_factory=list)
    four: Four
    rationale: list[str] = Field(default_factory=list)
    why_not_stalking: str | None = None


class BehaviourFinding(_Out):
    type: Behaviour
    incident_id: str | None
    evidence: str
    source: str = Field(
        default="narrative",
        description="Where the words are: narrative, channel, victim.statement or suspects[ID].history.",
    )
    actor: str | None = None


class RiskFactor(_Out):
    code: str
    incident_ids: list[str] = Field(default_factory=list)
    detail: str
    source: str | None = None
    raises_to: RiskLevel | None = None


class Escalation(_Out):
    detected: bool
    detail: str
    incident_ids: list[str] = Field(default_factory=list)
    kinds: list[str] = Field(default_factory=list)


class Risk(_Out):
    level: RiskLevel
    factors: list[RiskFactor] = Field(default_factory=list)
    escalation: Escalation
    note: str = (
        "Vigil's level is a floor for professional judgement, never a ceiling: "
        "raise it on any concern; lowering it needs a supervisor and a recorded reason."
    )


class Breach(_Out):
    order_id: str
    incident_id: str
    condition: ConditionType
    detail: str
    conditions: list[ConditionType] = Field(default_factory=list)


class LinkedAccount(_Out):
    account: str
    suspect_id: str
    reasons: list[str]
    incident_ids: list[str] = Field(default_factory=list)


class Action(_Out):
    code: ActionCode
    reason: str
    incident_ids: list[str] = Field(default_factory=list)


class ErrorDetail(_Out):
    message: str
    path: str | None = None


class Assessment(_Out):
    format: str = ASSESSMENT_FORMAT
    case_id: str
    as_of: str | None = None
    law_version: str | None = None
    course_of_conduct: CourseOfConduct
    classification: Classification
    behaviours: list[BehaviourFinding] = Field(default_factory=list)
    risk: Risk
    breaches: list[Breach] = Field(default_factory=list)
    linked_accounts: list[LinkedAccount] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)


class AssessmentError(_Out):
    """The contract's error line for a case that failed validation."""

    format: str = ASSESSMENT_FORMAT
    case_id: str | None = None
    error: ErrorDetail
