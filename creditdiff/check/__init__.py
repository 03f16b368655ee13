"""The check: judge a comparison's findings against a threshold and a baseline.

``exit_code(findings, threshold, baseline)`` is 0 when nothing needs action and 1 when a
finding at or above the threshold is not accepted by the baseline; the CLI only exits
with it (2, usage or input errors, comes from the CLI's error handling).
"""

from __future__ import annotations

from creditdiff.check.baseline import (
    Baseline,
    BaselineEntry,
    BaselineError,
    load_baseline,
    write_baseline,
)
from creditdiff.check.discover import FolderError, FoundReport, discover, pairs
from creditdiff.check.run import check_files, check_folder
from creditdiff.check.verdict import (
    DEFAULT_THRESHOLD,
    CheckResult,
    Judged,
    Verdict,
    check,
    exit_code,
    judge,
    overall_exit_code,
    parse_threshold,
)
from creditdiff.diff import settings_for
from creditdiff.output.check import check_to_dict, checks_to_json, render_text
from creditdiff.output.junit import to_junit

__all__ = [
    "DEFAULT_THRESHOLD",
    "Baseline",
    "BaselineEntry",
    "BaselineError",
    "CheckResult",
    "FolderError",
    "FoundReport",
    "Judged",
    "Verdict",
    "check",
    "check_files",
    "check_folder",
    "check_to_dict",
    "checks_to_json",
    "discover",
    "exit_code",
    "judge",
    "load_baseline",
    "overall_exit_code",
    "pairs",
    "parse_threshold",
    "render_text",
    "settings_for",
    "to_junit",
    "write_baseline",
]
