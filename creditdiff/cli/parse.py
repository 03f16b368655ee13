"""``creditdiff parse``: read reports and print (or write) their records."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from creditdiff import i18n
from creditdiff.cli.common import (
    EXIT_ERROR,
    JsonOption,
    OutputOption,
    PasswordFileOption,
    PasswordOption,
    app,
    emit,
    given,
    reports_errors,
    stdout,
    warning_line,
)
from creditdiff.cli.ocr_option import OcrOption, set_mode
from creditdiff.cli.passwords import collect_passwords, folder_files
from creditdiff.cli.reader import Reader, ReaderOption, use_reader
from creditdiff.errors import UsageError
from creditdiff.model import Report

if TYPE_CHECKING:
    from rich.table import Table

# The parsers, the batch runner and rich's table load when they are used, not for --help.


def render_table(report: Report) -> Table:
    from rich.table import Table

    table = Table(title=f"{report.source or ''} ({report.format.value})")
    # Long institution names fold onto a second line instead of being cut off.
    for column in ("机构", "类型", "状态", "余额/已用", "开立"):
        table.add_column(column, overflow="fold")
    for account in report.accounts:
        outstanding = account.outstanding
        table.add_row(
            account.institution,
            account.family.label,
            account.status or "--",
            "--" if outstanding is None else f"{outstanding:,}",
            "--" if account.opened is None else account.opened.isoformat(),
        )
    return table


@app.command()
@reports_errors
def parse(
    reports: list[Path] = typer.Argument(
        ..., help="Report PDFs (本人版 or 简版), or folders of them."
    ),
    as_json: JsonOption = False,
    output: OutputOption = None,
    passwords: PasswordOption = None,
    password_file: PasswordFileOption = None,
    reader: ReaderOption = Reader.PDFIUM,
    ocr: OcrOption = None,
    out_dir: Path | None = typer.Option(
        None, "--out-dir", help="Write one <name>.json per report into this folder (all cores)."
    ),
    workers: int | None = typer.Option(
        None, "--workers", min=1, help="Processes for several files (default: all cores)."
    ),
    recursive: bool = typer.Option(
        False, "--recursive", help="Folders and all their sub-folders; --out-dir mirrors the tree."
    ),
) -> None:
    """Read credit reports into accounts, agreements and queries.

    Several files or a folder are read in parallel; a file that fails does not stop the
    others, and each failure is reported at the end (exit 2).
    """
    from creditdiff.sources.ocr.report import is_image_input

    password = collect_passwords(passwords, password_file, files=_pdfs(reports))
    use_reader(reader)
    set_mode(ocr)
    if recursive:
        from creditdiff.cli.recursive import parse_recursive

        raise typer.Exit(parse_recursive(reports, out_dir, password, workers))
    if (
        len(reports) == 1
        and out_dir is None
        and (not reports[0].is_dir() or is_image_input(reports[0]))
    ):
        _parse_one(reports[0], as_json, output, password, password_file)
        return
    from creditdiff.batch import expand_inputs, parse_many, parse_to_dir
    from creditdiff.cli.progress import parse_progress
    from creditdiff.output.json_documents import reports_json

    files = expand_inputs(reports)
    if not files:
        folders = ", ".join(str(path) for path in reports)
        raise UsageError(f"{folders}: no report PDFs in this folder")
    with parse_progress(len(files)) as advance:
        if out_dir is not None:
            results = parse_to_dir(files, out_dir, password, workers=workers, on_result=advance)
        else:
            results = parse_many(files, password, workers=workers, on_result=advance)
    parsed = [result.report for result in results if result.report is not None]
    if out_dir is not None:
        stdout().print(
            i18n.ui("parse.wrote", count=len(parsed), total=len(results), folder=out_dir)
        )
    elif as_json:
        emit(reports_json(parsed), output, [*files, *given(password_file)])
    else:
        _print_tables(parsed)
    failed = [result.error for result in results if result.error is not None]
    for message in failed:
        typer.echo(f"creditdiff: error: {i18n.translate(message)}", err=True)
    if failed:
        raise typer.Exit(EXIT_ERROR)


def _pdfs(reports: list[Path]) -> list[Path]:
    return [f for r in reports for f in (folder_files(r) if r.is_dir() else [r])]


def _print_tables(reports: list[Report]) -> None:
    console = stdout()
    for parsed in reports:
        console.print(render_table(parsed))
        for warning in parsed.warnings:
            console.print(warning_line(warning), style="yellow", markup=False)


def _parse_one(
    report: Path,
    as_json: bool,
    output: Path | None,
    password: str | None,
    password_file: Path | None = None,
) -> None:
    """One report (a PDF or parse JSON, read as several would be): a table, or its
    contract JSON (to a file with -o)."""
    from creditdiff.reports import read_report

    parsed = read_report(report, password)
    if as_json:
        from creditdiff.output.json_documents import report_json

        emit(report_json(parsed), output, [report, *given(password_file)])
        return
    _print_tables([parsed])
