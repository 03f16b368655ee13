"""`incomplete_read`: a report that was not read completely is never "all clear"."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import _reportcases as cases
import pdfplumber
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.diff import compare
from creditdiff.diff.rules_read import INFORMATIONAL
from creditdiff.model import FindingCode, Severity
from creditdiff.serialize import load_report_json, validate

runner = CliRunner()
QUERY_UNREAD = "查询记录第 3 条：无法读取查询日期或查询原因，该条未读取"

UNREADABLE = FIXTURES / "simple" / "unreadable-sentence-warns.pdf"
UNREADABLE_WARNINGS = json.loads(
    (FIXTURES / "simple" / "unreadable-sentence-warns.expected.json").read_text("utf-8")
)["warnings"]


@pytest.fixture(scope="module")
def clean_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A report of the check cases with nothing to act on (only good news)."""
    return cases.write(cases.clean(), tmp_path_factory.mktemp("clean") / "clean.json")


def _with_warnings(source: Path, warnings: list[str], target: Path) -> Path:
    document = json.loads(source.read_text("utf-8"))
    document["warnings"] = warnings
    target.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return target


def _read_codes(findings: object) -> list[str]:
    assert isinstance(findings, list)
    return [f["code"] for f in findings if f["code"] == "incomplete_read"]


def test_a_parse_warning_is_one_high_finding_naming_it(clean_json: Path) -> None:
    """A report with warnings gives one high incomplete_read, institution "", its warnings."""
    report = load_report_json(clean_json)
    warned = dataclasses.replace(report, warnings=("贷记卡账户 账户1：无法读取“余额”",))
    findings = [f for f in compare(None, warned).findings if f.code is FindingCode.INCOMPLETE_READ]
    assert len(findings) == 1
    assert findings[0].severity is Severity.HIGH
    assert findings[0].institution == ""
    assert findings[0].evidence.warnings == ("贷记卡账户 账户1：无法读取“余额”",)
    assert findings[0].evidence.report == "newer"


def test_each_affected_report_of_a_pair_gets_its_own_finding(clean_json: Path) -> None:
    """Both reports warn: two findings with different ids, one per report."""
    report = load_report_json(clean_json)
    older = dataclasses.replace(
        report,
        number="2023010100000000000001",
        warnings=(QUERY_UNREAD,),
    )
    newer = dataclasses.replace(report, warnings=("贷款第 2 条：句子未能识别，该账户未读取",))
    findings = [f for f in compare(older, newer).findings if f.code is FindingCode.INCOMPLETE_READ]
    assert sorted(f.evidence.report for f in findings) == ["newer", "older"]
    assert len({f.id for f in findings}) == 2


def test_no_warning_no_finding(clean_json: Path) -> None:
    """Near miss: a report read completely has no incomplete_read."""
    report = load_report_json(clean_json)
    assert report.warnings == ()
    codes = {f.code for f in compare(report, report).findings}
    assert FindingCode.INCOMPLETE_READ not in codes


def test_informational_warning_is_not_incomplete(clean_json: Path) -> None:
    """Near miss: a warning that only says how a page was read loses nothing."""
    report = load_report_json(clean_json)
    told = dataclasses.replace(report, warnings=(f"{INFORMATIONAL[0]}第 2 页改用另一种方式读取",))
    assert FindingCode.INCOMPLETE_READ not in {f.code for f in compare(None, told).findings}


def test_check_on_an_unreadable_entry_exits_1_with_the_finding() -> None:
    """`check` on a 简版 with an unreadable sentence exits 1; its JSON holds incomplete_read."""
    result = runner.invoke(app, ["check", str(UNREADABLE), "--format", "json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    validate(document, "diff")
    read = [f for f in document["findings"] if f["code"] == "incomplete_read"]
    assert len(read) == 1
    assert read[0]["severity"] == "high"
    assert read[0]["evidence"]["warnings"] == UNREADABLE_WARNINGS


def test_check_is_not_all_clear_even_at_fail_on_high(clean_json: Path, tmp_path: Path) -> None:
    """A report otherwise clean exits 0, but 1 once a warning says part was not read."""
    assert runner.invoke(app, ["check", str(clean_json), "--fail-on", "high"]).exit_code == 0
    warned = _with_warnings(clean_json, ["贷记卡账户 账户1：无法读取“余额”"], tmp_path / "w.json")
    result = runner.invoke(app, ["check", str(warned), "--fail-on", "high"])
    assert result.exit_code == 1, result.output
    assert "报告未完整读取" in result.stdout
    assert "没有发现需要处理的事项" not in result.stdout


def test_only_a_baseline_naming_it_lets_check_pass(clean_json: Path, tmp_path: Path) -> None:
    """A baseline entry with the finding's id accepts it; check then exits 0."""
    warned = _with_warnings(clean_json, [QUERY_UNREAD], tmp_path / "w.json")
    document = json.loads(runner.invoke(app, ["check", str(warned), "--format", "json"]).stdout)
    (finding_id,) = [f["id"] for f in document["findings"] if f["code"] == "incomplete_read"]
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(
        f"accepted:\n  - id: {finding_id}\n    reason: 已对照原报告人工核对\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(warned), "--baseline", str(baseline)])
    assert result.exit_code == 0, result.output


def test_action_pdf_first_page_says_the_report_was_not_read(tmp_path: Path) -> None:
    """The action PDF's first page names the unread parts and what to do."""
    out = tmp_path / "actions.pdf"
    result = runner.invoke(app, ["report", str(UNREADABLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    with pdfplumber.open(out) as pdf:
        first = "".join(pdf.pages[0].extract_text().split())
    assert "这份报告没有完整读取" in first
    assert "".join(UNREADABLE_WARNINGS[0].split()) in first
    assert "逐页核对" in first
