"""Case-handling inspection: check each case against the standards the 2017 inspection used.

Standards and their sources are data (checks.yaml); each check is one small
function (checks_*.py) from a case, its assessment and a date to a result of
pass, fail, not applicable or unknown; `summarise` turns results into rates.
Named `inspection` because `vigil.audit` is the tamper-evident audit log.
"""

from .catalogue import Catalogue, CheckDef, Group, InspectionDataError, load_catalogue
from .registry import get_check, registered, run_checks
from .results import CaseAudit, CheckResult, Outcome, Rag
from .summary import Summary, SummaryBuilder, Tally, summarise

__all__ = [
    "CaseAudit",
    "Catalogue",
    "CheckDef",
    "CheckResult",
    "Group",
    "InspectionDataError",
    "Outcome",
    "Rag",
    "Summary",
    "SummaryBuilder",
    "Tally",
    "get_check",
    "load_catalogue",
    "registered",
    "run_checks",
    "summarise",
]
