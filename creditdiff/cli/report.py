"""``creditdiff report``: write the action PDF for two reports, or the newer one alone."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.cli.common import (
    DEFAULT_GRACE_DAYS,
    ClosuresOption,
    GraceDaysOption,
    PasswordFileOption,
    PasswordOption,
    QueryLimitsOption,
    app,
    notice_line,
    reports_errors,
)
from creditdiff.cli.ocr_option import OcrOption, set_mode
from creditdiff.cli.passwords import collect_passwords
from creditdiff.cli.reader import Reader, ReaderOption, use_reader
from creditdiff.diff import settings_for
from creditdiff.reports import compare_files


@app.command()
@reports_errors
def report(
    old: Path = typer.Argument(..., help="The older report (or the only one)."),
    new: Path | None = typer.Argument(None, help="The newer report; omit to check one report."),
    output: Path = typer.Option(
        Path("creditdiff-actions.pdf"), "-o", "--output", help="Where to write the PDF."
    ),
    closures: ClosuresOption = None,
    grace_days: GraceDaysOption = DEFAULT_GRACE_DAYS,
    query_limits: QueryLimitsOption = None,
    font: Path | None = typer.Option(
        None, "--font", help="A TrueType CJK font to embed (.ttf/.ttc)."
    ),
    templates: Path | None = typer.Option(
        None, "--templates", help="A folder of wording templates overriding the shipped ones."
    ),
    passwords: PasswordOption = None,
    password_file: PasswordFileOption = None,
    reader: ReaderOption = Reader.PDFIUM,
    ocr: OcrOption = None,
) -> None:
    """Write the Chinese action report: what to do at each institution."""
    password = collect_passwords(passwords, password_file, files=[old, new])
    use_reader(reader)
    from creditdiff.render.action_pdf import write_action_report  # reportlab, on use

    settings = settings_for(closures, grace_days, query_limits)
    set_mode(ocr)
    older, newer = (None, old) if new is None else (old, new)
    comparison = compare_files(older, newer, settings, password)
    inputs = [old] if new is None else [old, new]
    info = write_action_report(comparison, output, font=font, templates=templates, inputs=inputs)
    for notice in comparison.notices:
        typer.echo(notice_line(notice), err=True)
    if not info.font.embedded:
        typer.echo(i18n.ui("font.hint"), err=True)
    typer.echo(
        i18n.ui(
            "report.written",
            output=info.output,
            pages=info.pages,
            findings=info.findings,
            institutions=info.institutions,
            font=info.font.describe(),
        )
    )
