"""The PIN check: no police information notice where there is a course of conduct.

A PIN (or an early harassment notice, its renamed equivalent) has no legal
force. The 2017 inspection found them used in place of investigation, even
after a threat to cut a victim's throat, and recommended stopping them; the
2018 NPCC–CPS protocol says they are never appropriate in stalking cases.
"""

from __future__ import annotations

from datetime import date

from vigil.contract import COURSE_CATEGORIES, STALKING_CATEGORIES, Assessment, Case

from .catalogue import load_catalogue
from .registry import register, result
from .results import CheckResult, Outcome


@register("no-pin")
def no_pin(case: Case, assessment: Assessment, as_of: date) -> CheckResult:
    """A PIN in a stalking case, or in place of investigating a course of conduct, fails."""
    code = "no-pin"
    category = assessment.classification.category
    if category not in COURSE_CATEGORIES:
        return result(
            code,
            Outcome.NOT_APPLICABLE,
            f"Vigil found no course of conduct ({category}); the standard concerns stalking and courses of conduct.",
        )
    pin_types = load_catalogue().pin_order_types
    notices = [o for o in case.orders if o.type in pin_types]
    flagged = case.handling.pin_issued if case.handling else None
    flag = "absent" if flagged is None else str(flagged).lower()
    evidence = [o.id for o in notices] + [f"handling.pin_issued: {flag}"]
    if flagged or notices:
        after: list[str] = []
        starts = [o.start_day for o in notices if o.start_day is not None]
        if starts:
            served = min(starts)
            after = [i.id for i in case.incidents if i.when is not None and i.when.date() >= served]
        later = f" Incidents on or after the notice: {', '.join(after)}." if after else ""
        if category in STALKING_CATEGORIES:
            why = (
                "A police information notice was issued in a stalking case; PINs are never "
                "appropriate in stalking cases."
            )
        else:
            why = (
                "A police information notice was issued where there is a course of conduct "
                f"({category}): a notice in place of investigating it."
            )
        return result(code, Outcome.FAIL, why + later, [*after, *evidence])
    if flagged is None:
        return result(code, Outcome.UNKNOWN, "The case does not record whether a PIN was issued.", evidence)
    return result(code, Outcome.PASS, "No police information notice was issued.", evidence)
