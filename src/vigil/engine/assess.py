"""Placeholder wiring; replaced by the full pipeline."""

from __future__ import annotations

from datetime import date

from vigil.contract import Assessment, Case, Category, Classification, CourseOfConduct, Escalation, Four, Risk, RiskLevel
from vigil.law import Law


def assess(case: Case, law: Law, as_of: date) -> Assessment:
    return Assessment(
        case_id=case.case_id,
        as_of=as_of.isoformat(),
        law_version=law.version,
        course_of_conduct=CourseOfConduct(present=False, reason="not yet implemented"),
        classification=Classification(
            category=Category.NO_OFFENCE, four=Four(fixated=False, obsessive=False, unwanted=False, repeated=False)
        ),
        risk=Risk(level=RiskLevel.STANDARD, escalation=Escalation(detected=False, detail="")),
    )
