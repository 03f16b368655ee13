"""creditdiff: read PBOC personal credit reports, diff them, say what to clean up."""

from __future__ import annotations

from importlib.metadata import version as _version

__version__ = _version("creditdiff")

from creditdiff.diff import compare, load_closures
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
from creditdiff.output.diff import comparison_to_dict
from creditdiff.reports import compare_files, read_report

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
