"""``creditdiff demo``: the README's first command, on the bundled synthetic reports."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.cli.common import app, reports_errors, stdout


@app.command()
@reports_errors
def demo(
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Where to write the PDF (as report -o)."
    ),
    out_dir: Path = typer.Option(Path("."), "--out-dir", help="Folder for creditdiff-actions.pdf."),
) -> None:
    """Diff two bundled synthetic reports, print the findings and write the action PDF."""
    # The bundled reports' parse, the diff engine and reportlab: when the command runs.
    from creditdiff.demo import run_demo
    from creditdiff.output.terminal import render_comparison

    result = run_demo(out_dir, output=output)
    console = stdout()
    console.print(render_comparison(result.comparison))
    info = result.action_report
    if not info.font.embedded:
        typer.echo(i18n.ui("font.hint"), err=True)
    console.print(
        "\n"
        + i18n.ui(
            "demo.written",
            output=info.output.resolve(),
            pages=info.pages,
            institutions=info.institutions,
        )
        + "\n"
        + i18n.ui("demo.font", font=info.font.describe())
    )
