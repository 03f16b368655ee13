"""``creditdiff recheck DIR``: the scheduled re-check, on every platform a pip install reaches.

The same run as ``creditdiff check --dir DIR --actions-pdf`` (what ``scripts/recheck``
executes): each report is read once, the newest is checked against the one before
(ordered by the 报告时间 the reports print) and, when something needs action (exit 1), the
action PDF is written beside the newest report as ``<name>.actions.pdf``. stdout carries
only the check's output (text, json or junit); the PDF notice goes to stderr. Exit code as
``check``: 0, 1 findings, 2 error. No network.
"""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff.cli.check import FormatOption, OutputFormat
from creditdiff.cli.check import check as check_command
from creditdiff.cli.common import (
    BaselineOption,
    FailOnOption,
    FontOption,
    OutputOption,
    ReportOptions,
    TemplatesOption,
    app,
    report_options,
)
from creditdiff.model import Severity


@app.command()
@report_options
def recheck(
    directory: Path = typer.Argument(..., help="The folder of credit reports."),
    fail_on: FailOnOption = Severity.MEDIUM,
    baseline: BaselineOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    font: FontOption = None,
    templates: TemplatesOption = None,
    *,
    options: ReportOptions,
) -> None:
    """Check a folder's newest report and write its action PDF when something needs action."""
    check_command(
        old=None,
        new=None,
        directory=directory,
        every=False,
        list_only=False,
        fail_on=fail_on,
        baseline=baseline,
        output_format=output_format,
        output=output,
        actions_pdf=True,
        recursive=False,
        options=options,
        font=font,
        templates=templates,
    )
