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

from creditdiff.cli.check import OutputFormat
from creditdiff.cli.check import check as check_command
from creditdiff.cli.common import (
    DEFAULT_GRACE_DAYS,
    ClosuresOption,
    FontOption,
    GraceDaysOption,
    OutputOption,
    PasswordFileOption,
    PasswordOption,
    QueryLimitsOption,
    TemplatesOption,
    app,
)
from creditdiff.cli.reader import Reader, ReaderOption
from creditdiff.model import Severity


@app.command()
def recheck(
    directory: Path = typer.Argument(..., help="The folder of credit reports."),
    closures: ClosuresOption = None,
    grace_days: GraceDaysOption = DEFAULT_GRACE_DAYS,
    query_limits: QueryLimitsOption = None,
    fail_on: Severity = typer.Option(
        Severity.MEDIUM, "--fail-on", case_sensitive=False, help="Lowest severity that fails."
    ),
    baseline: Path | None = typer.Option(None, "--baseline", help="Accepted findings."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", case_sensitive=False, help="text, json or junit."
    ),
    output: OutputOption = None,
    passwords: PasswordOption = None,
    password_file: PasswordFileOption = None,
    reader: ReaderOption = Reader.PDFIUM,
    font: FontOption = None,
    templates: TemplatesOption = None,
) -> None:
    """Check a folder's newest report and write its action PDF when something needs action."""
    check_command(
        old=None,
        new=None,
        directory=directory,
        every=False,
        list_only=False,
        closures=closures,
        grace_days=grace_days,
        query_limits=query_limits,
        fail_on=fail_on,
        baseline=baseline,
        output_format=output_format,
        output=output,
        passwords=passwords,
        password_file=password_file,
        reader=reader,
        actions_pdf=True,
        recursive=False,
        font=font,
        templates=templates,
    )
