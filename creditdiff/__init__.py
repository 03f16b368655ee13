"""creditdiff: read PBOC personal credit reports, diff them, say what to clean up."""

from __future__ import annotations

__version__ = "0.1.0"

from creditdiff.errors import CreditDiffError, InputError
from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Finding,
    FindingCode,
    Month,
    Query,
    Report,
    Severity,
    State,
)
from creditdiff.parsers import read_report

__all__ = [
    "Account",
    "CreditAgreement",
    "CreditDiffError",
    "Family",
    "Finding",
    "FindingCode",
    "InputError",
    "Month",
    "Query",
    "Report",
    "Severity",
    "State",
    "__version__",
    "read_report",
]
