"""``creditdiff report``: write the action PDF for two reports, or the newer one alone."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.cli.common import (
    FontOption,
    ReportOptions,
    TemplatesOption,
    app,
    given,
    notice_line,
    report_options,
    reports_errors,
)


@app.command()
@reports_errors
@report_options
def report(
    old: Path = typer.Argument(..., help="The older report (or the only one)."),
    new: Path | None = typer.Argument(None, help="The newer report; omit to check one report."),
    output: Path = typer.Option(
        Path("creditdiff-actions.pdf"), "-o", "--output", help="Where to write the PDF."
    ),
    font: FontOption = None,
    templates: TemplatesOption = None,
    *,
    options: ReportOptions,
) -> None:
    """Write the Chinese action report: what to do at each institution."""
    password = options.password([old, new])
    # The parsers, the diff engine and reportlab load when the command runs.
    from creditdiff.render.action_pdf import write_action_report
    from creditdiff.reports import compare_files

    settings = options.settings()
    older, newer = (None, old) if new is None else (old, new)
    comparison = compare_files(older, newer, settings, password)
    inputs = [old, *given(new, font), *options.side_files()]
    info = write_action_report(
        comparison, output, font=font, templates=templates, settings=settings, inputs=inputs
    )
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
