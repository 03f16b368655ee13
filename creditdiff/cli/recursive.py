"""``check --dir DIR --recursive`` and ``parse --recursive``: every client folder below DIR."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer

from creditdiff.advisers.clients import check_client, client_folders, read_clients
from creditdiff.advisers.groups import Grouping, find_report_files, group_results, mirrored_path
from creditdiff.batch import BatchResult, parse_many
from creditdiff.check import check_to_dict, overall_exit_code, render_text
from creditdiff.cli.common import EXIT_ERROR, stdout
from creditdiff.cli.overview import clients_progress
from creditdiff.cli.progress import parse_progress
from creditdiff.errors import OutputFileError, UsageError
from creditdiff.model import Severity
from creditdiff.output.write import refuse_inputs, write_document
from creditdiff.serialize import report_to_dict


def _notices(notices: tuple[str, ...], errors: tuple[str, ...]) -> None:
    for notice in notices:
        typer.echo(f"creditdiff: notice: {notice}", err=True)
    for message in errors:
        typer.echo(f"creditdiff: error: {message}", err=True)


def check_recursive(
    root: Path,
    *,
    every: bool,
    grace_days: int,
    threshold: Severity,
    as_json: bool,
    output: Path | None,
    password: str | None,
) -> int:
    """Check each person found below ``root``; returns the exit code."""
    files = find_report_files(root, include_json=True)
    with clients_progress(client_folders(files)) as advance:
        grouping = read_clients(root, password, files=files, on_folder=advance)
    items = [
        check_client(c, every=every, grace_days=grace_days, threshold=threshold)
        for c in grouping.clients
    ]
    results = [result for item in items for result in item.results]
    if as_json:
        documents: list[dict[str, Any]] = []
        for item in items:
            folder = item.client.folder
            for result in item.results:
                document = check_to_dict(result)
                document["client"] = {
                    "person": item.client.label,
                    "folder": "." if folder == root else str(folder.relative_to(root)),
                }
                documents.append(document)
        text = json.dumps(documents, ensure_ascii=False, indent=2) + "\n"
        if output is None:
            typer.echo(text, nl=False)
        else:
            write_document(output, text, [*files, *_side_files(grouping)])
    else:
        console = stdout()
        for item in items:
            console.print(f"\n== {item.client.label}（{item.client.folder}）==", style="bold")
            for result in item.results:
                console.print(render_text(result))
    _notices(grouping.notices, grouping.errors)
    return EXIT_ERROR if grouping.errors else overall_exit_code(results)


def _side_files(grouping: Grouping) -> list[Path]:
    """The closure logs and baselines the clients' checks read: inputs too."""
    return [
        path
        for client in grouping.clients
        for path in (client.closures, client.baseline)
        if path is not None
    ]


def parse_recursive(
    roots: list[Path], out_dir: Path | None, password: str | None, workers: int | None
) -> int:
    """Parse every report below each folder; with ``out_dir`` mirror the folder tree."""
    if out_dir is None:
        raise UsageError("--recursive writes one JSON per report: give --out-dir DIR")
    taken: set[Path] = set()
    written = 0
    failed: list[str] = []
    for root in roots:
        count, errors = _parse_root(root, out_dir, password, workers, taken)
        written += count
        failed.extend(errors)
    stdout().print(f"Wrote {written} report(s) as JSON under {out_dir}")
    for message in failed:
        typer.echo(f"creditdiff: error: {message}", err=True)
    return EXIT_ERROR if failed else 0


def _parse_root(
    root: Path, out_dir: Path, password: str | None, workers: int | None, taken: set[Path]
) -> tuple[int, tuple[str, ...]]:
    """Parse the reports below one folder, writing each JSON as soon as it is read."""
    files = find_report_files(root)
    if not files:
        raise UsageError(f"{root}: no report PDFs in this folder or below it")
    # Targets are fixed in file order (the same names however the workers finish) and
    # checked against every input before anything is read.
    targets = {path: mirrored_path(path, root, out_dir, ".json", taken) for path in files}
    for target in targets.values():
        refuse_inputs(target, files)
    written = 0
    with parse_progress(len(files)) as advance:

        def finished(result: BatchResult) -> None:
            nonlocal written
            if result.report is not None:
                target = targets[result.path]
                text = json.dumps(report_to_dict(result.report), ensure_ascii=False, indent=2)
                try:
                    target.parent.mkdir(parents=True, exist_ok=True)
                except OSError as error:
                    raise OutputFileError(target, error) from None
                write_document(target, text + "\n", files)
                written += 1
            advance(result)

        results = parse_many(files, password, workers=workers, on_result=finished)
    grouping = group_results(results, root)
    _notices(grouping.notices, ())
    return written, grouping.errors
