"""The materialised check results: one narrow row per case, so the audit summary is a GROUP BY.

Recomputing every check for a million cases on each audit would mean loading
a million case files into Python; instead each case's outcomes are stored, as
small integers, when its assessment is stored (and refreshed when a row goes
stale), and the summary counts them in the database in one scan. Reasons and
evidence are not stored: they are recomputed, from the stored assessment, for
the few cases a person actually opens or exports.

A row is valid while the case is unchanged (`case_version`), the check
definitions are unchanged (`catalogue_version`) and the audit date lies in
[`valid_from`, `valid_until`): the one check that depends on the audit date
(Victims' Code update deadlines) changes its answer only on dates known when
the row is written.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import ForeignKey, SmallInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from vigil.db import Base

from .catalogue import Group
from .results import Outcome, Rag

#: Outcome <-> stored code. Small integers keep the table narrow and the counting fast.
OUTCOME_CODES: dict[Outcome, int] = {
    Outcome.NOT_APPLICABLE: 0,
    Outcome.PASS: 1,
    Outcome.FAIL: 2,
    Outcome.UNKNOWN: 3,
}
OUTCOMES_BY_CODE = {code: outcome for outcome, code in OUTCOME_CODES.items()}
#: Rag <-> stored code, ordered by severity so "worst first" is ORDER BY rag DESC.
RAG_CODES: dict[Rag, int] = {Rag.NONE: 0, Rag.GREEN: 1, Rag.AMBER: 2, Rag.RED: 3}
RAGS_BY_CODE = {code: rag for rag, code in RAG_CODES.items()}

#: Check code (checks.yaml) -> column. A test holds this equal to the catalogue, so a new
#: check cannot be defined without its column (and a migration) being added here.
CHECK_COLUMNS: dict[str, str] = {
    "recorded-correctly": "recorded_correctly",
    "former-partner-recorded-as-stalking": "former_partner_recorded_as_stalking",
    "initial-risk-assessment": "initial_risk_assessment",
    "stalking-screening": "stalking_screening",
    "risk-management-plan": "risk_management_plan",
    "specialist-investigator": "specialist_investigator",
    "breaches-investigated": "breaches_investigated",
    "bail-conditions-considered": "bail_conditions_considered",
    "protective-order-considered": "protective_order_considered",
    "no-pin": "no_pin",
    "victim-needs-assessment": "victim_needs_assessment",
    "victim-updates-on-time": "victim_updates_on_time",
    "specialist-advocacy-referral": "specialist_advocacy_referral",
}
GROUP_COLUMNS: dict[Group, str] = {
    Group.RECORDING: "group_recording",
    Group.RISK: "group_risk",
    Group.INVESTIGATION: "group_investigation",
    Group.PINS: "group_pins",
    Group.VICTIM_CARE: "group_victim_care",
}


class CaseCheckResults(Base):
    """Every check's outcome for one case, from its latest stored assessment."""

    __tablename__ = "inspection_results"

    case_id: Mapped[int] = mapped_column(
        ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id", ondelete="CASCADE"))
    case_version: Mapped[int]
    catalogue_version: Mapped[str] = mapped_column(String(40))
    as_of: Mapped[date]
    valid_from: Mapped[date]
    valid_until: Mapped[date | None]
    period: Mapped[date | None] = mapped_column(index=True)
    month: Mapped[str | None] = mapped_column(String(7))
    team_id: Mapped[int | None] = mapped_column(ForeignKey("teams.id"), index=True)
    category: Mapped[str] = mapped_column(String(40))
    risk: Mapped[str] = mapped_column(String(10))
    rag: Mapped[int] = mapped_column(SmallInteger, index=True)

    recorded_correctly: Mapped[int] = mapped_column(SmallInteger)
    former_partner_recorded_as_stalking: Mapped[int] = mapped_column(SmallInteger)
    initial_risk_assessment: Mapped[int] = mapped_column(SmallInteger)
    stalking_screening: Mapped[int] = mapped_column(SmallInteger)
    risk_management_plan: Mapped[int] = mapped_column(SmallInteger)
    specialist_investigator: Mapped[int] = mapped_column(SmallInteger)
    breaches_investigated: Mapped[int] = mapped_column(SmallInteger)
    bail_conditions_considered: Mapped[int] = mapped_column(SmallInteger)
    protective_order_considered: Mapped[int] = mapped_column(SmallInteger)
    no_pin: Mapped[int] = mapped_column(SmallInteger)
    victim_needs_assessment: Mapped[int] = mapped_column(SmallInteger)
    victim_updates_on_time: Mapped[int] = mapped_column(SmallInteger)
    specialist_advocacy_referral: Mapped[int] = mapped_column(SmallInteger)

    group_recording: Mapped[int] = mapped_column(SmallInteger)
    group_risk: Mapped[int] = mapped_column(SmallInteger)
    group_investigation: Mapped[int] = mapped_column(SmallInteger)
    group_pins: Mapped[int] = mapped_column(SmallInteger)
    group_victim_care: Mapped[int] = mapped_column(SmallInteger)
