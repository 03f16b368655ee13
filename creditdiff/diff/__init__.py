"""The diff engine: match accounts across two reports, then derive findings.

Public API:
- ``compare(old, new, settings) -> Comparison`` on two Reports (``old=None``: the newer
  report alone);
- ``compare_files(old, new, settings, password)`` reads PDFs or parse JSON, refuses two
  people's reports and orders them by 报告时间;
- ``compare_reports(first, second, settings)`` does the same on Reports already read;
- ``comparison_to_dict`` gives the contract's diff JSON, ``exit_code`` the diff(1) code;
- ``load_closures(path)`` reads the closure log CSV; ``settings_for`` builds Settings.
"""

from __future__ import annotations

from creditdiff.diff.closures import ClosureLogError, load_closures, settings_for
from creditdiff.diff.engine import compare, finding_sort_key
from creditdiff.diff.files import (
    DifferentPeopleError,
    check_same_person,
    compare_files,
    compare_reports,
    order_reports,
)
from creditdiff.diff.output import change_to_dict, comparison_to_dict, exit_code
from creditdiff.diff.rules import FAMILY_LABELS, SEVERITY

__all__ = [
    "FAMILY_LABELS",
    "SEVERITY",
    "ClosureLogError",
    "DifferentPeopleError",
    "change_to_dict",
    "check_same_person",
    "compare",
    "compare_files",
    "compare_reports",
    "comparison_to_dict",
    "exit_code",
    "finding_sort_key",
    "load_closures",
    "order_reports",
    "settings_for",
]
