"""Read many reports at once, one process per core.

Parsing a report is CPU-bound work in pdfminer, so threads would not help: files are
spread over a ``ProcessPoolExecutor`` with ``os.cpu_count()`` workers. A file that
cannot be read does not stop the others; its InputError message is kept in its result.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

from creditdiff.errors import CreditDiffError, InputError, OutputFileError, UsageError
from creditdiff.model import Report
from creditdiff.output.json_documents import report_json
from creditdiff.output.write import refuse_inputs, write_document
from creditdiff.reports import read_report
from creditdiff.workers import default_workers, stop_workers
from creditdiff.workers import worker_start as _worker_start

#: Files creditdiff writes itself into a reports folder: never read back as reports.
OWN_OUTPUT_SUFFIX = ".actions.pdf"
OWN_OUTPUT_NAMES = ("creditdiff-actions.pdf",)


@dataclass(frozen=True)
class BatchResult:
    """What became of one file: its report, or the message of why it could not be read."""

    path: Path
    report: Report | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.report is not None


def is_own_output(path: Path) -> bool:
    """An action PDF written by creditdiff (``scripts/recheck`` puts one beside the reports)."""
    name = path.name.lower()
    return name.endswith(OWN_OUTPUT_SUFFIX) or name in OWN_OUTPUT_NAMES


def report_files(folder: Path, *, include_json: bool = True) -> list[Path]:
    """The report PDFs (and parse JSON files) directly inside a folder, sorted by name.

    Hidden files and creditdiff's own action PDFs are left out.
    """
    if not folder.is_dir():
        raise InputError(folder, "no such folder" if not folder.exists() else "not a folder")
    suffixes = {".pdf", ".json"} if include_json else {".pdf"}
    try:
        entries = list(folder.iterdir())
    except OSError as error:
        raise InputError(folder, f"cannot be read ({error.strerror})") from None
    return sorted(
        path
        for path in entries
        if path.is_file()
        and path.suffix.lower() in suffixes
        and not path.name.startswith(".")
        and not is_own_output(path)
    )


def expand_inputs(paths: Iterable[Path], *, include_json: bool = False) -> list[Path]:
    """Files as given, folders replaced by the report files inside them."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(report_files(path, include_json=include_json))
        else:
            files.append(path)
    return files


def read_one(path: Path, password: str | None = None) -> BatchResult:
    """Read one file, keeping a CreditDiffError as the result instead of raising it."""
    try:
        return BatchResult(path, report=read_report(path, password))
    except CreditDiffError as error:
        return BatchResult(path, error=str(error))


def _crashed(path: Path) -> BatchResult:
    return BatchResult(path, error=f"{path}: the process reading it stopped unexpectedly")


def _read_alone(path: Path, password: str | None) -> BatchResult:
    """Read one file in a worker of its own, so that a worker crash is this file's alone."""
    pool = ProcessPoolExecutor(max_workers=1, initializer=_worker_start)
    try:
        return pool.submit(read_one, path, password).result()
    except BrokenProcessPool:
        return _crashed(path)
    except BaseException:
        stop_workers(pool)
        raise
    finally:
        pool.shutdown(wait=True)


def parse_many(
    paths: Sequence[Path],
    password: str | None = None,
    *,
    workers: int | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Read every file, in parallel; results come back in the order of ``paths``.

    ``on_result`` is called in this process as each file finishes (to write its output
    at once, or for a progress bar). A worker that dies (a crash in a PDF library) sinks
    no other file: the files it took down are read again, each in a worker of its own.
    Any exception here, a signal's included, terminates the workers before it propagates.
    """
    count = min(workers or default_workers(), len(paths))
    results: dict[int, BatchResult] = {}

    def done(index: int, result: BatchResult) -> None:
        results[index] = result
        if on_result is not None:
            on_result(result)

    if count <= 1:
        # One file or one worker: a process pool would only add its start-up time.
        for index, path in enumerate(paths):
            done(index, read_one(path, password))
        return [results[index] for index in range(len(paths))]
    broken: list[int] = []
    pool = ProcessPoolExecutor(max_workers=count, initializer=_worker_start)
    try:
        futures = {pool.submit(read_one, path, password): index for index, path in enumerate(paths)}
        for future in as_completed(futures):
            try:
                result = future.result()
            except BrokenProcessPool:
                broken.append(futures[future])
                continue
            done(futures[future], result)
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)
    for index in sorted(broken):
        done(index, _read_alone(paths[index], password))
    return [results[index] for index in range(len(paths))]


def json_name(path: Path) -> str:
    return f"{path.stem}.json"


def check_distinct_names(paths: Sequence[Path]) -> None:
    """Refuse two inputs that would write the same ``<stem>.json``."""
    seen: dict[str, Path] = {}
    for path in paths:
        name = json_name(path)
        if name in seen:
            raise UsageError(f"{seen[name]} and {path} would both be written as {name}")
        seen[name] = path


def write_json(result: BatchResult, out_dir: Path, inputs: Sequence[Path] = ()) -> Path:
    """Write a parsed report as ``<stem>.json`` (the contract JSON) in ``out_dir``."""
    if result.report is None:
        raise ValueError("only a parsed report can be written")
    target = out_dir / json_name(result.path)
    write_document(target, report_json(result.report), inputs)
    return target


def parse_to_dir(
    paths: Sequence[Path],
    out_dir: Path,
    password: str | None = None,
    *,
    workers: int | None = None,
    on_result: Callable[[BatchResult], None] | None = None,
) -> list[BatchResult]:
    """Parse every file and write one ``<stem>.json`` per report into ``out_dir``.

    Each JSON is written as soon as its file is read, so a batch stopped half-way keeps
    what it finished. Every target is checked against the inputs before anything is read.
    """
    check_distinct_names(paths)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputFileError(out_dir, error) from None
    for path in paths:
        refuse_inputs(out_dir / json_name(path), paths)

    def finished(result: BatchResult) -> None:
        if result.ok:
            write_json(result, out_dir, paths)
        if on_result is not None:
            on_result(result)

    return parse_many(paths, password, workers=workers, on_result=finished)
