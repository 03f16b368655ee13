"""``creditdiff diff``: compare two reports (or list one report's own findings)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.console import Console

from creditdiff.cli.common import app, notice_line, reports_errors, stderr, stdout
from creditdiff.cli.passwords import collect_passwords
from creditdiff.diff import compare_files, comparison_to_dict, exit_code, settings_for
from creditdiff.render.terminal import render_comparison


@app.command()
@reports_errors
def diff(
    old: Path = typer.Argument(
        ..., help="The older report: a PDF (本人版 or 简版) or a `creditdiff parse --json` file."
    ),
    new: Path | None = typer.Argument(
        None, help="The newer report. Leave out to list the findings of OLD alone."
    ),
    closures: Path | None = typer.Option(
        None,
        "--closures",
        help="Closure log CSV (institution,requested_on,account,note) of cancellations asked for.",
    ),
    grace_days: int = typer.Option(
        60, "--grace-days", min=0, help="Days a lender gets to report a requested closure."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print the contract's diff JSON."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    passwords: list[str] = typer.Option([], "--password", help="Password of encrypted PDFs."),
    password_file: Path | None = typer.Option(None, "--password-file", help="Password file."),
) -> None:
    """Compare two credit reports of one person and list what needs action.

    The two reports are put in order by their 报告时间, whatever the argument order.
    With one report only, the findings that report shows on its own are listed:
    lines paid off but never closed (settled_not_closed) and, with --closures,
    cancellations not yet reflected (closure_not_reflected).

    Exit code: 0 when no finding is of severity medium or above, 1 when one is,
    2 on an input or usage error.
    """
    password = collect_passwords(passwords, password_file, files=[old, new])
    settings = settings_for(closures, grace_days)
    comparison = (
        compare_files(None, old, settings, password)
        if new is None
        else compare_files(old, new, settings, password)
    )
    if as_json:
        text = json.dumps(comparison_to_dict(comparison), ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            typer.echo(text)
        for notice in comparison.notices:
            stderr().print(notice_line(notice), markup=False)
    elif output:
        with output.open("w", encoding="utf-8") as handle:
            Console(file=handle, highlight=False, soft_wrap=True).print(
                render_comparison(comparison)
            )
    else:
        stdout().print(render_comparison(comparison))
    raise typer.Exit(exit_code(comparison))
