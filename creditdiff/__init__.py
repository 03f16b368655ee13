"""creditdiff: read PBOC personal credit reports, diff them, say what to clean up.

The names below load on first use (PEP 562), so ``creditdiff --help`` and a one-file
parse do not pay for the diff engine, the parsers or ``importlib.metadata`` up front.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

    __version__: str

#: Each public name and the module that defines it.
_HOMES = {
    "compare": "creditdiff.diff",
    "load_closures": "creditdiff.diff",
    "CreditDiffError": "creditdiff.errors",
    "InputError": "creditdiff.errors",
    **dict.fromkeys(
        (
            "Account",
            "ClosureRequest",
            "Comparison",
            "CreditAgreement",
            "Family",
            "Finding",
            "FindingCode",
            "Month",
            "Query",
            "Report",
            "Settings",
            "Severity",
            "State",
        ),
        "creditdiff.model",
    ),
    "comparison_to_dict": "creditdiff.output.diff",
    "compare_files": "creditdiff.reports",
    "read_report": "creditdiff.reports",
}


def __getattr__(name: str) -> Any:
    if name == "__version__":
        from importlib.metadata import version

        value: Any = version("creditdiff")
    elif name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    else:
        raise AttributeError(f"module 'creditdiff' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
