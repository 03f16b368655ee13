"""``creditdiff recheck DIR``: the scheduled re-check, on every platform a pip install reaches.

Checks the newest report in a folder against the one before (ordered by the 报告时间 the
reports print) like ``check --dir``; when something needs action (exit 1) it writes the
action PDF beside the newest report as ``<name>.actions.pdf``. stdout carries only the
check's output (text, json or junit), so a scheduler can log or parse it; the PDF
notice goes to stderr. Exit code as ``check``: 0, 1 findings, 2 error. No network.
"""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.batch import report_files
from creditdiff.check import check, discover, load_baseline, overall_exit_code, settings_for
from creditdiff.check.discover import pairs
from creditdiff.cli.check import OutputFormat, _render
from creditdiff.cli.common import (
    DEFAULT_GRACE_DAYS,
    ClosuresOption,
    GraceDaysOption,
    OutputOption,
    PasswordFileOption,
    PasswordOption,
    app,
    reports_errors,
)
from creditdiff.cli.passwords import collect_passwords
from creditdiff.cli.progress import parse_progress
from creditdiff.model import Severity
from creditdiff.render.action_pdf import write_action_report
from creditdiff.reports import compare_reports

ACTIONS_SUFFIX = ".actions.pdf"


@app.command()
@reports_errors
def recheck(
    directory: Path = typer.Argument(..., help="The folder of credit reports."),
    closures: ClosuresOption = None,
    grace_days: GraceDaysOption = DEFAULT_GRACE_DAYS,
    fail_on: Severity = typer.Option(
        Severity.MEDIUM, "--fail-on", case_sensitive=False, help="Lowest severity that fails."
    ),
    baseline: Path | None = typer.Option(None, "--baseline", help="Accepted findings."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.TEXT, "--format", case_sensitive=False, help="text, json or junit."
    ),
    output: OutputOption = None,
    font: Path | None = typer.Option(None, "--font", help="A TrueType CJK font to embed."),
    passwords: PasswordOption = None,
    password_file: PasswordFileOption = None,
) -> None:
    """Check a folder's newest report and write its action PDF when something needs action."""
    files = report_files(directory)
    password = collect_passwords(passwords, password_file, files=files)
    accepted = None if baseline is None else load_baseline(baseline)
    settings = settings_for(closures, grace_days)
    with parse_progress(len(files)) as advance:
        found = discover(directory, password, files=files, on_result=advance)
    older, newer = pairs(found)[-1]
    comparison = compare_reports(None if older is None else older.report, newer.report, settings)
    result = check(comparison, fail_on, accepted)
    _render([result], output_format, output, False, files)
    code = overall_exit_code([result])
    if code == 1:
        pdf = newer.path.with_name(newer.path.stem + ACTIONS_SUFFIX)
        write_action_report(comparison, pdf, font=font, inputs=files)
        typer.echo(i18n.ui("recheck.written", pdf=pdf), err=True)
    raise typer.Exit(code)
