"""``creditdiff check`` and ``creditdiff baseline``: findings as an exit code, for schedulers.

Exit codes as diff(1): 0 nothing at or above ``--fail-on`` (after the baseline),
1 something needs action, 2 usage or input error.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from creditdiff import i18n
from creditdiff.cli.common import (
    BaselineOption,
    FailOnOption,
    FontOption,
    OutputOption,
    ReportOptions,
    TemplatesOption,
    app,
    emit,
    given,
    report_options,
    reports_errors,
    stderr,
    stdout,
)
from creditdiff.cli.passwords import folder_files
from creditdiff.errors import UsageError
from creditdiff.model import Severity

if TYPE_CHECKING:
    from creditdiff.check import CheckResult
    from creditdiff.check.discover import FoundReport

# The commands import the checking, parsing and output code when they run, so that
# ``--help`` (which imports this module for the options) stays light.


class OutputFormat(str, enum.Enum):
    TEXT = "text"
    JSON = "json"
    JUNIT = "junit"


#: ``--format`` of check and recheck.
FormatOption = Annotated[
    OutputFormat, typer.Option("--format", case_sensitive=False, help="text, json or junit.")
]


def _render(
    results: Sequence[CheckResult],
    fmt: OutputFormat,
    output: Path | None,
    every: bool,
    inputs: Sequence[Path],
) -> None:
    from creditdiff.check import render_text
    from creditdiff.output.documents import check_json, check_junit, check_text

    if fmt is OutputFormat.JSON:
        emit(check_json(results, as_list=every), output, inputs)
    elif fmt is OutputFormat.JUNIT:
        emit(check_junit(results), output, inputs)
    elif output is None:
        console = stdout()
        for index, result in enumerate(results):
            if index:
                console.print()
            console.print(render_text(result))
    else:
        emit(check_text(results), output, inputs)


def _read_folder(directory: Path, password: str | None) -> tuple[FoundReport, ...]:
    """Every report in the folder, read once for the whole run, oldest first."""
    from creditdiff.batch import report_files
    from creditdiff.check import discover
    from creditdiff.cli.progress import parse_progress

    files = report_files(directory)
    with parse_progress(len(files)) as advance:
        return discover(directory, password, files=files, on_result=advance)


def _list_reports(found: Sequence[FoundReport]) -> None:
    for item in found:
        typer.echo(f"{item.generated_at.isoformat(timespec='seconds')}\t{item.path}")


@app.command()
@reports_errors
@report_options
def check(
    old: Path | None = typer.Argument(
        None, help="The older report (PDF or parse JSON), or the only one to check."
    ),
    new: Path | None = typer.Argument(None, help="The newer report."),
    directory: Path | None = typer.Option(
        None, "--dir", help="Check the reports in this folder, ordered by 报告时间."
    ),
    every: bool = typer.Option(False, "--all", help="With --dir: check every successive pair."),
    list_only: bool = typer.Option(
        False, "--list", help="With --dir: print the reports in 报告时间 order and stop."
    ),
    fail_on: FailOnOption = Severity.MEDIUM,
    baseline: BaselineOption = None,
    output_format: FormatOption = OutputFormat.TEXT,
    output: OutputOption = None,
    actions_pdf: bool = typer.Option(
        False,
        "--actions-pdf",
        help="With --dir: when something needs action, write the action PDF beside the "
        "newest report as <name>.actions.pdf, from the reports this run read.",
    ),
    recursive: bool = typer.Option(
        False, "--recursive", help="With --dir: each person in the folders below DIR."
    ),
    font: FontOption = None,
    templates: TemplatesOption = None,
    *,
    options: ReportOptions,
) -> None:
    """Check two reports, or a folder of them, and exit 1 when something needs action.

    Exit code: 0 when no finding at or above --fail-on (default medium) needs action,
    1 when one does, 2 on a usage or input error. Findings accepted in --baseline are
    listed but do not count. With --dir the reports are ordered by the 报告时间 they
    print (not file names) and the newest is checked against the one before.
    """
    from creditdiff.batch import report_files
    from creditdiff.check import check_files, check_folder, load_baseline, overall_exit_code
    from creditdiff.check.verdict import EXIT_FINDINGS
    from creditdiff.cli.actions import ActionOptions, write_actions_beside
    from creditdiff.cli.recursive import check_recursive

    asked_for = folder_files(directory) if directory is not None else [old, new]
    password = options.password(asked_for)
    if directory is not None:
        if old is not None or new is not None:
            raise UsageError("give either two reports or --dir DIR, not both")
    elif old is None:
        raise UsageError("give the older and newer reports, or --dir DIR")
    elif every or list_only or actions_pdf:
        raise UsageError("--all, --list and --actions-pdf work with --dir DIR only")
    if (font is not None or templates is not None) and not actions_pdf:
        raise UsageError("--font and --templates work with --actions-pdf only")
    if recursive:
        if directory is None or list_only or options.closures is not None or baseline is not None:
            raise UsageError("--recursive needs --dir DIR (closures and baseline come per folder)")
        if actions_pdf:
            raise UsageError("--actions-pdf works with --dir DIR, not with --recursive")
        raise typer.Exit(
            check_recursive(
                directory,
                every=every,
                grace_days=options.grace_days,
                threshold=fail_on,
                as_json=output_format is OutputFormat.JSON,
                output=output,
                password=password,
            )
        )
    found = None if directory is None else _read_folder(directory, password)
    if found is not None and list_only:
        _list_reports(found)
        return
    accepted = None if baseline is None else load_baseline(baseline)
    settings = options.settings()
    inputs: list[Path] = []
    if directory is not None:
        inputs = report_files(directory)
        results = check_folder(
            directory,
            every=every,
            settings=settings,
            threshold=fail_on,
            baseline=accepted,
            password=password,
            found=found,
        )
    else:
        assert old is not None
        older, newer = (None, old) if new is None else (old, new)
        inputs = [old] if new is None else [old, new]
        results = [
            check_files(
                older,
                newer,
                settings=settings,
                threshold=fail_on,
                baseline=accepted,
                password=password,
            )
        ]
    inputs += [*given(baseline), *options.side_files()]
    _render(results, output_format, output, every, inputs)
    code = overall_exit_code(results)
    if actions_pdf and found and code == EXIT_FINDINGS:
        write_actions_beside(
            found[-1].path,
            results[-1].comparison,
            inputs,
            ActionOptions(font=font, templates=templates, settings=settings),
        )
    raise typer.Exit(code)


@app.command()
@reports_errors
@report_options
def baseline(
    old: Path = typer.Argument(..., help="The older report (PDF or parse JSON)."),
    new: Path | None = typer.Argument(None, help="The newer report."),
    output: Path = typer.Option(..., "-o", "--output", help="The baseline file (.yaml or .json)."),
    reason: str | None = typer.Option(None, "--reason", help="Why these findings are accepted."),
    expires: str | None = typer.Option(
        None, "--expires", help="Last day the acceptance holds (YYYY-MM-DD)."
    ),
    ids: list[str] = typer.Option([], "--id", help="Accept only this finding id."),
    codes: list[str] = typer.Option([], "--code", help="Accept only findings of this code."),
    institutions: list[str] = typer.Option(
        [], "--institution", help="Accept only findings of this institution."
    ),
    *,
    options: ReportOptions,
) -> None:
    """Accept the current findings: write (or add to) a baseline file for check --baseline."""
    from creditdiff.check import check_files
    from creditdiff.check.choose import accept, check_expiry, choose

    today = dt.date.today()
    until = None
    if expires is not None:
        try:
            until = dt.date.fromisoformat(expires)
        except ValueError:
            raise UsageError("--expires must be a date YYYY-MM-DD") from None
    check_expiry(until, today)
    older, newer = (None, old) if new is None else (old, new)
    passwords = options.password([old, new])
    result = check_files(older, newer, settings=options.settings(), password=passwords)
    picked = choose(result.comparison.findings, ids=ids, codes=codes, institutions=institutions)
    default_reason = i18n.ui("baseline.reason_default", day=today.isoformat())
    written = accept(
        picked.chosen,
        output,
        reason or default_reason,
        expires=until,
        inputs=[old, *given(new), *options.side_files()],
    )
    console = stdout()
    console.print(
        i18n.ui(
            "baseline.accepted",
            count=len(picked.chosen),
            output=output,
            total=len(written.entries),
        ),
        markup=False,
    )
    if picked.held_back:
        codes_left = sorted({f"{f.code.value} ({f.id})" for f in picked.held_back})
        stderr().print(i18n.ui("baseline.left_out", codes=", ".join(codes_left)), markup=False)
