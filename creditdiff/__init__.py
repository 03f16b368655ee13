"""creditdiff: read PBOC personal credit reports, diff them, say what to clean up."""

from __future__ import annotations

__version__ = "0.1.0"

from creditdiff.diff import compare, compare_files, comparison_to_dict, load_closures
from creditdiff.errors import CreditDiffError, InputError
from creditdiff.model import (
    Account,
    ClosureRequest,
    Comparison,
    CreditAgreement,
    Family,
    Finding,
    FindingCode,
    Month,
    Query,
    Report,
    Settings,
    Severity,
    State,
)
from creditdiff.parsers import read_report

__all__ = [
    "Account",
    "ClosureRequest",
    "Comparison",
    "CreditAgreement",
    "CreditDiffError",
    "Family",
    "Finding",
    "FindingCode",
    "InputError",
    "Month",
    "Query",
    "Report",
    "Settings",
    "Severity",
    "State",
    "__version__",
    "compare",
    "compare_files",
    "comparison_to_dict",
    "load_closures",
    "read_report",
]
