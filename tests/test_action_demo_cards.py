"""The demo's action PDF read back: branches, continued cards, dates, grace, tails, 简版 note.

The demo pair (fixtures/demo: a 简版 older report, a 本人版 newer one of 2024-07-20 and
closures.csv) is made by the fixture generator; the dates expected below are that case
data: closures asked for on 2023-02-10 (平安), 2024-03-01 (示例消费金融) and 2024-07-01
(招商 card 尾号3321, still within the 60-day grace period), queries on 2024-02-18,
2024-03-10 and 2024-04-01, the car loan settled on 2024-05-01.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pdfplumber
import pytest

from creditdiff.demo import run_demo
from creditdiff.model import Comparison, ReportFormat
from creditdiff.output.terminal import render_comparison
from creditdiff.render.action_branches import branch_text
from creditdiff.wording import load_wording

pytestmark = pytest.mark.slow

NEWER_DAY = dt.date(2024, 7, 20)
ZHAOSHANG = "招商银行股份有限公司信用卡中心"


@dataclass(frozen=True)
class Page:
    text: str
    lines: list[dict[str, Any]]
    rects: list[dict[str, Any]]
    curves: list[dict[str, Any]]


@dataclass(frozen=True)
class Demo:
    pages: list[Page]
    comparison: Comparison
    path: Path

    @property
    def text(self) -> str:
        return "".join(squash(page.text) for page in self.pages)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Demo:
    """The demo action PDF, page by page: text, text lines, boxes and curves."""
    result = run_demo(tmp_path_factory.mktemp("demo"))
    pages = []
    with pdfplumber.open(result.action_report.output) as pdf:
        for page in pdf.pages:
            pages.append(
                Page(
                    page.extract_text() or "",
                    page.extract_text_lines(),
                    list(page.rects),
                    list(page.curves),
                )
            )
    return Demo(pages, result.comparison, result.action_report.output)


def _marks_left_of(page: Page, line: dict[str, Any], shapes: list[dict[str, Any]]) -> int:
    """How many small drawn marks sit at the left of a text line, level with it."""
    return sum(
        1
        for shape in shapes
        if shape["width"] < 12
        and shape["x1"] <= line["x0"] + 1
        and line["x0"] - shape["x0"] < 24
        and abs((shape["top"] + shape["bottom"]) / 2 - (line["top"] + line["bottom"]) / 2) < 6
    )


def test_branches_print_as_if_then_with_circles_not_tick_boxes(demo: Demo) -> None:
    """Each "如果…，就…" line of the cards has a hollow circle, no tick box and no date blank."""
    wording = load_wording()
    codes = {finding.code for finding in demo.comparison.findings}
    expected = {
        squash(branch_text(condition, action, wording))[:12]
        for code in codes
        for condition, action in wording.findings[code].branches
    }
    seen = set()
    for page in demo.pages:
        for line in page.lines:
            text = squash(line["text"])
            if not text.startswith("如果") or text[:12] not in expected:
                continue
            seen.add(text[:12])
            assert "日期：" not in text, text
            assert _marks_left_of(page, line, page.curves) >= 1, text
            assert _marks_left_of(page, line, page.rects) == 0, text
    assert seen == expected
    assert "已结清后又出现：按核实的结果，只做符合的那一条" in demo.text
    assert "已申请注销但报告未体现：按核实的结果，只做符合的那一条" in demo.text


def test_a_card_going_on_to_a_new_page_repeats_its_name(demo: Demo) -> None:
    """A page that begins inside a card starts with the institution's name and "（续）",
    and that institution's card began on the page before."""
    institutions = {f.institution for f in demo.comparison.findings}
    continued = 0
    for number, page in enumerate(demo.pages[1:], start=1):
        first = squash(page.lines[0]["text"]) if page.lines else ""
        if not first.endswith("（续）"):
            continue
        name = first.removesuffix("（续）")
        assert name in institutions, first
        assert name in squash(demo.pages[number - 1].text)
        continued += 1
    assert continued >= 1


def test_findings_table_dates_are_when_the_problem_appeared(demo: Demo) -> None:
    """The table's 时间 is the closure request, query or closing date, else the newer
    report's date: never an opening date."""
    text = demo.text
    table = text[text.index("问题清单") : text.index("行动卡：")]
    rows = {
        "平安银行股份有限公司已申请注销但报告未体现": "2023-02-10",
        "示例消费金融有限公司已申请注销但报告未体现": "2024-03-01",
        f"{ZHAOSHANG}新的审批类查询": "2024-02-18",
        "示例小额贷款有限公司无账户后仍有贷后管理查询": "2024-03-10",
        "示例网商银行股份有限公司新的审批类查询": "2024-04-01",
        "示例汽车金融有限公司已结清或销户": "2024-05-01",
        "中国建设银行股份有限公司已还清未销户": NEWER_DAY.isoformat(),
        "示例网商银行股份有限公司新增账户": NEWER_DAY.isoformat(),
    }
    for row, date in rows.items():
        assert row + date in table, row
    opened = {f.opened.isoformat() for f in demo.comparison.findings if f.opened is not None}
    for date in opened:
        assert date not in table


def test_closure_within_grace_is_acknowledged_on_its_card(demo: Demo) -> None:
    """招商's card says the closure asked for on 2024-07-01 is pending until 2024-08-30 and
    asks neither to cancel again nor sends a letter for it."""
    text = demo.text
    card = text[text.index(ZHAOSHANG + "机构类型") : text.index("示例小额贷款有限公司机构类型")]
    assert "已于2024-07-01申请注销" in card
    assert "2024-08-30后再核对报告；不用重新申请" in card
    assert "我已于2024-07-01申请注销尾号3321的信用卡" in card
    assert "向机构申请注销该账户或关闭该额度" not in card
    assert f"致{ZHAOSHANG}" not in text


def test_recheck_date_is_thirty_days_after_the_newer_report(demo: Demo) -> None:
    """With a closure to dispute, cover and re-check page name 2024-08-19, never today."""
    text = demo.text
    assert "建议复查日期：2024-08-19" in text
    assert "建议在2024-08-19（较新报告之后30天）" in text
    today = dt.date.today()
    assert f"建议复查日期：{today.isoformat()}" not in text
    if today > dt.date(2024, 8, 19):
        assert f"这个日期已过（今天是{today.isoformat()}）" in text


def test_two_cards_are_told_apart_by_tail_and_limit(demo: Demo) -> None:
    """Cards and terminal lines name each account's tail number and limit."""
    text = demo.text
    assert "账户标识E0000200907788额度/金额15,000" in text
    assert "账户标识E0000182023321额度/金额20,000" in text
    from rich.console import Console

    console = Console(width=200, record=True, color_system=None)
    console.print(render_comparison(demo.comparison))
    terminal = console.export_text()
    assert "（尾号7788，额度15,000）" in terminal
    assert "（尾号3321，额度20,000）" in terminal
    assert "（尾号0003，金额50,000）" in terminal


def test_simple_older_report_dashes_are_explained(demo: Demo) -> None:
    """The older report is a 简版: the cards say its missing values are not zeros, and no
    status prints as "正常 → 正常"."""
    assert demo.comparison.old is not None
    assert demo.comparison.old.format is ReportFormat.SIMPLE
    text = demo.text
    assert "较早的报告是简版：简版不印额度、余额和日期" in text
    assert "较早报告未载明→" in text
    assert "正常→正常" not in text
    for internal in ("non_revolving_loan", "credit_card", "注销记录表行号", "宽限天数", "grace"):
        assert internal not in text
