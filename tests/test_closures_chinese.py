"""The closure log as Excel and WPS save it on Chinese Windows, and rows matching no lender."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import _reportcases as cases
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.diff import load_closures

runner = CliRunner()


def test_gbk_log_with_chinese_headers_is_read(tmp_path: Path) -> None:
    """A GBK CSV headed 机构,申请日期,账户,备注 with 2023/02/10 dates reads every row."""
    path = tmp_path / "注销记录.csv"
    path.write_bytes(
        "机构,申请日期,账户,备注\r\n"
        "平安银行股份有限公司,2023/02/10,5566,电话申请销卡\r\n"
        "示例消费金融有限公司,2024/3/1,,在App内申请注销账户\r\n".encode("gbk")
    )
    rows = load_closures(path)
    assert [(r.institution, r.requested_on, r.account, r.note, r.line) for r in rows] == [
        ("平安银行股份有限公司", dt.date(2023, 2, 10), "5566", "电话申请销卡", 2),
        ("示例消费金融有限公司", dt.date(2024, 3, 1), None, "在App内申请注销账户", 3),
    ]


def test_gb18030_only_characters_are_read(tmp_path: Path) -> None:
    """A GB18030 file with a character outside GBK (𠀀) keeps it in the note."""
    path = tmp_path / "closures.csv"
    path.write_bytes("机构,申请日期,备注\n示例银行,2024年3月1日,𠀀\n".encode("gb18030"))
    (row,) = load_closures(path)
    assert (row.institution, row.requested_on, row.note) == ("示例银行", dt.date(2024, 3, 1), "𠀀")


def test_row_naming_no_institution_is_a_notice_naming_the_row(tmp_path: Path) -> None:
    """A closure row whose institution is in neither report is a notice with its line number."""
    older = cases.write(cases.older(), tmp_path / "older.json", "json")
    newer = cases.write(cases.newer(), tmp_path / "newer.json", "json")
    log = tmp_path / "closures.csv"
    log.write_text("机构,申请日期\n不存在的银行股份有限公司,2024-01-02\n", encoding="utf-8")
    result = runner.invoke(
        app, ["diff", str(older), str(newer), "--closures", str(log), "--lang", "zh"]
    )
    assert result.exit_code in (0, 1), result.output
    assert "注销记录表第2行（不存在的银行股份有限公司）：报告中没有这家机构" in result.stdout
    english = runner.invoke(app, ["diff", str(older), str(newer), "--closures", str(log), "--json"])
    assert "closure log line 2 (不存在的银行股份有限公司): no institution" in english.stderr
