"""``creditdiff diff``: compare two reports (or list one report's own findings)."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff.cli.common import (
    OutputOption,
    ReportOptions,
    app,
    emit,
    given,
    notice_line,
    report_options,
    reports_errors,
    stderr,
    stdout,
)


@app.command()
@reports_errors
@report_options
def diff(
    old: Path = typer.Argument(
        ..., help="The older report: a PDF (本人版 or 简版) or a `creditdiff parse --json` file."
    ),
    new: Path | None = typer.Argument(
        None, help="The newer report. Leave out to list the findings of OLD alone."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the contract's diff JSON."),
    output: OutputOption = None,
    *,
    options: ReportOptions,
) -> None:
    """Compare two credit reports of one person and list what needs action.

    The two reports are put in order by their 报告时间, whatever the argument order.
    With one report only, the findings that report shows on its own are listed:
    lines paid off but never closed (settled_not_closed) and, with --closures,
    cancellations not yet reflected (closure_not_reflected).

    Exit code: 0 when no finding is of severity medium or above, 1 when one is,
    2 on an input or usage error.
    """
    # The parsers, the diff engine and the renderers load when the command runs.
    from creditdiff.output.diff import exit_code
    from creditdiff.output.documents import comparison_text, diff_json
    from creditdiff.output.terminal import render_comparison
    from creditdiff.reports import compare_files

    password = options.password([old, new])
    settings = options.settings()
    comparison = (
        compare_files(None, old, settings, password)
        if new is None
        else compare_files(old, new, settings, password)
    )
    inputs = [old, *given(new), *options.side_files()]
    if as_json:
        emit(diff_json(comparison), output, inputs)
        for notice in comparison.notices:
            stderr().print(notice_line(notice), markup=False)
    elif output:
        emit(comparison_text(comparison), output, inputs)
    else:
        stdout().print(render_comparison(comparison))
    raise typer.Exit(exit_code(comparison))
