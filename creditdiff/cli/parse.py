"""``creditdiff parse``: read a report and print its records."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from creditdiff.cli.common import app, reports_errors, stdout
from creditdiff.model import Report
from creditdiff.parsers import parse_pdf
from creditdiff.serialize import report_to_dict

FAMILY_LABELS = {
    "recovered": "被追偿",
    "non_revolving_loan": "非循环贷",
    "revolving_sub_account": "循环贷一",
    "revolving_loan": "循环贷二",
    "credit_card": "贷记卡",
    "semi_credit_card": "准贷记卡",
    "guarantee": "相关还款责任",
}


def render_table(report: Report) -> Table:
    table = Table(title=f"{report.source or ''} ({report.format.value})")
    for column in ("机构", "类型", "状态", "余额/已用", "开立"):
        table.add_column(column)
    for account in report.accounts:
        outstanding = account.outstanding
        table.add_row(
            account.institution,
            FAMILY_LABELS[account.family.value],
            account.status or "--",
            "--" if outstanding is None else f"{outstanding:,}",
            "--" if account.opened is None else account.opened.isoformat(),
        )
    return table


@app.command()
@reports_errors
def parse(
    report: Path = typer.Argument(..., help="A report PDF (本人版 or 简版)."),
    as_json: bool = typer.Option(False, "--json", help="Print the contract JSON."),
    output: Path | None = typer.Option(None, "-o", "--output", help="Write to this file."),
    password: str | None = typer.Option(None, "--password", help="Password of an encrypted PDF."),
) -> None:
    """Read one credit report into accounts, agreements and queries."""
    parsed = parse_pdf(report, password)
    console = stdout()
    if as_json:
        text = json.dumps(report_to_dict(parsed), ensure_ascii=False, indent=2)
        if output:
            output.write_text(text + "\n", encoding="utf-8")
        else:
            typer.echo(text)
        return
    console.print(render_table(parsed))
    for warning in parsed.warnings:
        console.print(f"[yellow]warning:[/] {warning}")
