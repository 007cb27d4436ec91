"""Validate a raw case document and assess it: the one path every edge uses.

Returns either an Assessment or the contract's error line, never raises for
bad input, so a batch keeps going past a bad case.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import ValidationError

from vigil.contract import Assessment, AssessmentError, Case, ErrorDetail, case_error_line
from vigil.engine import assess
from vigil.law import LawDataError, load_law

from .prefilter_cache import use_prefilter_cache


def assess_document(doc: Any, as_of: date, where: str | None = None) -> Assessment | AssessmentError:
    if not isinstance(doc, dict):
        return AssessmentError(
            error=ErrorDetail(message=f"a case must be a JSON object, got {type(doc).__name__}", path="$")
        )
    try:
        case = Case.model_validate(doc)
    except ValidationError as exc:
        return case_error_line(exc, doc)
    try:
        law = load_law(case.jurisdiction.value)
    except LawDataError as exc:
        return AssessmentError(case_id=case.case_id, error=ErrorDetail(message=str(exc), path="jurisdiction"))
    try:
        use_prefilter_cache(law)
        return assess(case, law, as_of)
    except Exception as exc:  # an engine fault must not stop a batch or show a traceback
        return AssessmentError(
            case_id=case.case_id,
            error=ErrorDetail(
                message=f"internal error while assessing this case ({type(exc).__name__}: {exc}); please report it",
                path=None,
            ),
        )


def error_for(message: str, case_id: str | None = None, path: str | None = None) -> AssessmentError:
    return AssessmentError(case_id=case_id, error=ErrorDetail(message=message, path=path))
