"""Run a check end to end: read the reports, compare them, judge the findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from creditdiff.batch import BatchResult
from creditdiff.check.baseline import Baseline
from creditdiff.check.discover import FoundReport, discover, pairs
from creditdiff.check.verdict import DEFAULT_THRESHOLD, CheckResult, check
from creditdiff.model import Settings, Severity
from creditdiff.reports import compare_files, compare_reports


def check_files(
    old: Path | None,
    new: Path,
    *,
    settings: Settings | None = None,
    threshold: Severity = DEFAULT_THRESHOLD,
    baseline: Baseline | None = None,
    password: str | None = None,
    today: dt.date | None = None,
) -> CheckResult:
    """Compare two report files (or the newer alone) and judge the findings."""
    comparison = compare_files(old, new, settings, password)
    return check(comparison, threshold, baseline, today=today)


def check_folder(
    folder: Path,
    *,
    every: bool = False,
    settings: Settings | None = None,
    threshold: Severity = DEFAULT_THRESHOLD,
    baseline: Baseline | None = None,
    password: str | None = None,
    files: Sequence[Path] | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
    today: dt.date | None = None,
    found: Sequence[FoundReport] | None = None,
) -> list[CheckResult]:
    """Check the newest report in a folder against the one before (or every pair).

    Reports are ordered by the 报告时间 they print, whatever the files are called.
    ``found``, the folder as ``discover`` read it, saves reading it again.
    """
    if found is None:
        found = discover(folder, password, files=files, on_result=on_result)
    results = []
    for older, newer in pairs(found, every=every):
        # compare_reports refuses a folder that mixes two people's reports.
        comparison = compare_reports(
            None if older is None else older.report, newer.report, settings
        )
        results.append(check(comparison, threshold, baseline, today=today))
    return results
