"""The contract's diff JSON, and the exit code a comparison calls for."""

from __future__ import annotations

from typing import Any

from creditdiff.model import Change, Comparison, Report, Severity
from creditdiff.output.findings import finding_to_dict
from creditdiff.serialize import iso_date

JsonDict = dict[str, Any]


def _header(report: Report) -> JsonDict:
    return {
        "file": report.source or "",
        "number": report.number,
        "generated_at": None
        if report.generated_at is None
        else report.generated_at.isoformat(timespec="seconds"),
    }


def change_to_dict(change: Change) -> JsonDict:
    return {
        "kind": change.kind,
        "institution": change.institution,
        "family": None if change.family is None else change.family.value,
        "account_id": change.account_id,
        "opened": iso_date(change.opened),
        "field": change.field,
        "old": change.old,
        "new": change.new,
    }


def comparison_to_dict(comparison: Comparison) -> JsonDict:
    """``creditdiff diff --json``: the contract's keys, plus ``notices``."""
    return {
        "old": None if comparison.old is None else _header(comparison.old),
        "new": _header(comparison.new),
        "findings": [finding_to_dict(f) for f in comparison.findings],
        "changes": [change_to_dict(c) for c in comparison.changes],
        "notices": list(comparison.notices),
    }


def exit_code(comparison: Comparison, threshold: Severity = Severity.MEDIUM) -> int:
    """0 when no finding reaches the threshold, 1 when one does (as diff(1))."""
    reached = any(f.severity.rank >= threshold.rank for f in comparison.findings)
    return 1 if reached else 0
