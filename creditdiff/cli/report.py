"""``creditdiff report``: write the action PDF for two reports, or the newer one alone."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff.cli.common import (
    DEFAULT_GRACE_DAYS,
    ClosuresOption,
    GraceDaysOption,
    PasswordOption,
    app,
    reports_errors,
)
from creditdiff.cli.ocr_option import OcrOption, set_mode
from creditdiff.diff import settings_for
from creditdiff.render.action_pdf import write_action_report
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
    font: Path | None = typer.Option(
        None, "--font", help="A TrueType CJK font to embed (.ttf/.ttc)."
    ),
    templates: Path | None = typer.Option(
        None, "--templates", help="A folder of wording templates overriding the shipped ones."
    ),
    password: PasswordOption = None,
    ocr: OcrOption = None,
) -> None:
    """Write the Chinese action report: what to do at each institution."""
    set_mode(ocr)
    settings = settings_for(closures, grace_days)
    older, newer = (None, old) if new is None else (old, new)
    comparison = compare_files(older, newer, settings, password)
    inputs = [old] if new is None else [old, new]
    info = write_action_report(comparison, output, font=font, templates=templates, inputs=inputs)
    for notice in comparison.notices:
        typer.echo(f"notice: {notice}", err=True)
    typer.echo(
        f"wrote {info.output}: {info.pages} pages, {info.findings} findings at "
        f"{info.institutions} institutions; font {info.font.describe()}"
    )
