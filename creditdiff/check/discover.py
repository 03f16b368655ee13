"""Find the reports in a folder and put them in the order they were issued.

The order is the 报告时间 printed in each report, never the file name or the file's
modification time: people name downloads ``征信.pdf``, ``征信(1).pdf`` or after the day
they printed them, and copying a folder resets mtimes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from creditdiff.batch import BatchResult, parse_many, report_files
from creditdiff.errors import CreditDiffError, InputError
from creditdiff.model import Report


class FolderError(CreditDiffError):
    """A reports folder that cannot be checked; the message names the files."""


@dataclass(frozen=True)
class FoundReport:
    path: Path
    report: Report

    @property
    def generated_at(self) -> dt.datetime:
        # discover() only keeps reports that print a 报告时间.
        assert self.report.generated_at is not None
        return self.report.generated_at


def order_by_report_time(results: Sequence[BatchResult]) -> tuple[FoundReport, ...]:
    """Parsed files oldest first by 报告时间; a failed file or a missing time is an error.

    The same report twice (a PDF and the JSON parsed from it) is kept once.
    """
    failed = [result.error or str(result.path) for result in results if not result.ok]
    if failed:
        raise FolderError(
            f"{len(failed)} file(s) could not be read as reports: " + "; ".join(failed)
        )
    found: list[FoundReport] = []
    seen: set[tuple[str | None, dt.datetime]] = set()
    for result in results:
        report = result.report
        assert report is not None
        if report.generated_at is None:
            raise InputError(result.path, "no 报告时间 found; cannot order the folder by it")
        identity = (report.number, report.generated_at)
        if report.number is not None and identity in seen:
            continue
        seen.add(identity)
        found.append(FoundReport(result.path, report))
    # Ties (two formats fetched the same minute) fall back to the report number, then name.
    found.sort(key=lambda f: (f.generated_at, f.report.number or "", f.path.name))
    return tuple(found)


def discover(
    folder: Path,
    password: str | None = None,
    *,
    workers: int | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
    files: Sequence[Path] | None = None,
) -> tuple[FoundReport, ...]:
    """Read every report PDF and parse JSON in ``folder``, oldest first by 报告时间."""
    paths = list(files) if files is not None else report_files(folder)
    if not paths:
        raise FolderError(f"{folder}: no report PDFs or parse JSON files in this folder")
    return order_by_report_time(parse_many(paths, password, workers=workers, on_result=on_result))


def pairs(
    reports: Sequence[FoundReport], *, every: bool = False
) -> list[tuple[FoundReport | None, FoundReport]]:
    """What to check: the newest against the one before, or every successive pair.

    A folder holding one report checks it alone (a paid-off line still open needs no
    older report to be seen).
    """
    if not reports:
        return []
    if len(reports) == 1:
        return [(None, reports[0])]
    if every:
        return [(reports[i - 1], reports[i]) for i in range(1, len(reports))]
    return [(reports[-2], reports[-1])]
