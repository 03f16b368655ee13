"""The action PDF's readiness page: what blocks a loan now, from one report."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.diff import compare
from creditdiff.render.action_readiness import query_months
from tests.diff_helpers import query, report

DEMO = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
runner = CliRunner()


def _squash(text: str) -> str:
    return "".join(text.split())


def test_one_report_puts_the_overdue_loan_first_with_its_amount(tmp_path: Path) -> None:
    """`report NEWER` alone: page 1 leads with the overdue 中信 loan and its 1,800 yuan."""
    out = tmp_path / "actions.pdf"
    result = runner.invoke(app, ["report", str(DEMO / "newer.pdf"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        first = _squash(pdf.pages[0].extract_text() or "")
        findings_page = _squash(pdf.pages[2].extract_text() or "")
    overdue = "中信银行股份有限公司（非循环贷账户）：账户状态逾期，当前逾期总额1,800元"
    assert overdue in first
    # Before anything else the readiness block says: the overdue line comes first.
    assert first.index("当前逾期") < first.index(overdue) < first.index("审批类查询")
    assert "近6个月2次" in first and "分属8家机构" in first
    # In the findings table the first row is that loan, as high.
    assert findings_page.index("当前有逾期") < findings_page.index("已还清未销户")


def test_the_diff_of_one_report_lists_the_overdue_loan_first_as_high() -> None:
    """`diff NEWER --json` gives overdue_now (high, 1,800) as its first finding."""
    result = runner.invoke(app, ["diff", str(DEMO / "newer.pdf"), "--json"])
    assert result.exit_code == 1
    first = json.loads(result.output)["findings"][0]
    assert (first["code"], first["severity"]) == ("overdue_now", "high")
    assert first["institution"] == "中信银行股份有限公司"
    assert first["evidence"]["new"]["overdue_amount"] == 1800


def test_query_chart_counts_approvals_per_month_over_24_months() -> None:
    """The chart has 24 months ending with the report month; post-loan checks do not count."""
    queries = [
        query("2024-07-02", "贷款审批"),
        query("2024-07-30", "信用卡审批"),
        query("2022-07-31", "贷款审批"),  # month 25 back: outside
        query("2024-06-15", "贷后管理"),
    ]
    months = query_months(compare(None, report(queries=queries)))
    assert len(months) == 24
    assert months[0] == ("2022-08", 0) and months[-1] == ("2024-07", 2)
    assert sum(n for _, n in months) == 2


def test_query_limits_option_on_the_command_line() -> None:
    """`--query-limits 6m:1` turns the demo's two approvals in six months into query_pressure;
    a malformed value is one error line and exit 2."""
    result = runner.invoke(
        app, ["diff", str(DEMO / "newer.pdf"), "--json", "--query-limits", "6m:1"]
    )
    codes = [f["code"] for f in json.loads(result.output)["findings"]]
    assert codes.count("query_pressure") == 1
    default = runner.invoke(app, ["diff", str(DEMO / "newer.pdf"), "--json"])
    assert "query_pressure" not in [f["code"] for f in json.loads(default.output)["findings"]]
    bad = runner.invoke(app, ["diff", str(DEMO / "newer.pdf"), "--query-limits", "six"])
    assert bad.exit_code == 2
    assert "--query-limits" in bad.output
