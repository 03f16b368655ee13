"""Check every client under a folder: read each report once (all cores), judge each person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from creditdiff.advisers.groups import Client, Grouping, find_report_files, group_results
from creditdiff.batch import BatchResult, parse_many
from creditdiff.check import CheckResult, check, load_baseline, pairs, settings_for
from creditdiff.check.verdict import DEFAULT_THRESHOLD
from creditdiff.errors import UsageError
from creditdiff.model import Severity
from creditdiff.reports import compare_reports


@dataclass(frozen=True)
class ClientCheck:
    client: Client
    #: The newest report against the one before (or every successive pair).
    results: tuple[CheckResult, ...]

    @property
    def latest(self) -> CheckResult:
        return self.results[-1]


def folder_progress(
    files: list[Path], on_folder: Callable[[], None] | None
) -> Callable[[BatchResult], None] | None:
    """A per-file callback that calls ``on_folder`` once every file of a folder is read."""
    if on_folder is None:
        return None
    left: dict[Path, int] = {}
    for path in files:
        left[path.parent] = left.get(path.parent, 0) + 1

    def advance(result: BatchResult) -> None:
        left[result.path.parent] -= 1
        if left[result.path.parent] == 0:
            on_folder()

    return advance


def client_folders(files: list[Path]) -> int:
    return len({path.parent for path in files})


def read_clients(
    root: Path,
    password: str | None = None,
    *,
    workers: int | None = None,
    files: list[Path] | None = None,
    on_folder: Callable[[], None] | None = None,
) -> Grouping:
    """Read every report under ``root`` once, in parallel, and group them by person."""
    paths = files if files is not None else find_report_files(root)
    if not paths:
        raise UsageError(f"{root}: no report PDFs in this folder or below it")
    results = parse_many(
        paths, password, workers=workers, on_result=folder_progress(paths, on_folder)
    )
    return group_results(results, root)


def check_client(
    client: Client,
    *,
    every: bool = False,
    grace_days: int | None = None,
    threshold: Severity = DEFAULT_THRESHOLD,
    today: dt.date | None = None,
) -> ClientCheck:
    """Check one person with the closure log and baseline found in their folder."""
    settings = settings_for(client.closures, grace_days)
    accepted = None if client.baseline is None else load_baseline(client.baseline)
    results = []
    for older, newer in pairs(client.reports, every=every):
        comparison = compare_reports(
            None if older is None else older.report, newer.report, settings
        )
        results.append(check(comparison, threshold, accepted, today=today))
    return ClientCheck(client, tuple(results))
