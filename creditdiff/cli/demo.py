"""``creditdiff demo``: the README's first command, on the bundled synthetic reports."""

from __future__ import annotations

from pathlib import Path

import typer

from creditdiff.cli.common import app, reports_errors, stdout
from creditdiff.demo import run_demo
from creditdiff.output.terminal import render_comparison


@app.command()
@reports_errors
def demo(
    out_dir: Path = typer.Option(
        Path("."), "-o", "--out-dir", help="Folder for creditdiff-actions.pdf."
    ),
) -> None:
    """Diff two bundled synthetic reports, print the findings and write the action PDF."""
    result = run_demo(out_dir)
    console = stdout()
    console.print(render_comparison(result.comparison))
    info = result.action_report
    console.print(
        f"\n行动报告已写入 {info.output}（{info.pages} 页，{info.institutions} 家机构）。"
        f"\n字体：{info.font.describe()}"
        f"\nAction report written to {info.output.resolve()}"
    )
