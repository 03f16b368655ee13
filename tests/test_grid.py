"""The 还款记录 grid, the 5-year overdue counts and the 简版 add-on sentence."""

from __future__ import annotations

import json
from pathlib import Path

from creditdiff.model import HistoryMonth, Month
from creditdiff.parsers.detailed.grid import Grid, grid_title, overdue_counts
from creditdiff.parsers.simple.sentences import read_sentence
from creditdiff.reports import read_report
from creditdiff.serialize import report_from_dict, report_to_dict, validate

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HEADER = ("月份", *[str(m) for m in range(1, 13)])


def _row(first: str, cells: dict[int, str]) -> tuple[str, ...]:
    return (first, *[cells.get(m, "") for m in range(1, 13)])


def test_title_gives_the_first_and_last_month() -> None:
    """A grid title names its first and last month, whatever the dash."""
    assert grid_title("2020年09月—2021年02月的还款记录") == (Month(2020, 9), Month(2021, 2))
    assert grid_title("截至2021年02月23日") is None


def test_rows_in_descending_years_with_empty_cells_and_dash_amounts() -> None:
    """Status and amount rows pair per year in any year order; blanks are not listed."""
    grid = Grid("非循环贷账户 账户1", Month(2023, 11), Month(2024, 2))
    assert grid.take_row(HEADER)
    assert grid.take_row(_row("", {1: "N", 2: "2"}))
    assert grid.take_row(_row("2024", {1: "0", 2: "--"}))
    assert grid.take_row(_row("", {11: "1", 12: ""}))
    assert grid.take_row(_row("2023", {11: "300"}))
    assert grid.finish() == (
        HistoryMonth(Month(2023, 11), "1", 300),
        HistoryMonth(Month(2024, 1), "N", 0),
        HistoryMonth(Month(2024, 2), "2", None),
    )
    assert grid.warnings == []


def test_a_code_outside_the_code_set_is_a_warning_and_not_listed() -> None:
    """An unknown code warns with the account and month and is left out of history."""
    grid = Grid("贷记卡账户 账户2", Month(2024, 1), Month(2024, 2))
    grid.take_row(HEADER)
    grid.take_row(_row("", {1: "X", 2: "N"}))
    grid.take_row(_row("2024", {1: "0", 2: "0"}))
    assert [h.status for h in grid.finish()] == ["N"]
    assert grid.warnings == [
        "贷记卡账户 账户2：还款记录 2024年01月 的代码“X”不在已知代码中，未读取"
    ]


def test_a_non_grid_row_is_not_taken() -> None:
    """A label row after the grid is left to the block (the grid does not swallow it)."""
    grid = Grid("x", Month(2024, 1), Month(2024, 2))
    grid.take_row(HEADER)
    assert not grid.take_row(("特殊交易类型", "发生日期"))


def test_counts_cover_the_sixty_months_up_to_the_report() -> None:
    """Overdue months older than 60 months before the report month are not counted."""
    history = [
        HistoryMonth(Month(2019, 5), "3"),  # 61st month back from 2024-05: outside
        HistoryMonth(Month(2019, 6), "4"),  # 60th: inside
        HistoryMonth(Month(2022, 1), "1"),
        HistoryMonth(Month(2023, 1), "N"),
        HistoryMonth(Month(2023, 2), "C"),
    ]
    assert overdue_counts(history, Month(2024, 5)) == (2, 1)
    assert overdue_counts(history, None) == (3, 1)


def test_simple_add_on_sentences_give_the_counts() -> None:
    """Both 简版 add-on forms (逾期 and 准贷记卡 透支) fill the 5-year counts."""
    loan = read_sentence(
        "2020年01月01日示例银行股份有限公司发放的10,000元（人民币）其他个人消费贷款，"
        "2025年01月01日到期。截至2024年05月，余额5,000，当前无逾期。"
        "最近5年内有3个月处于逾期状态，其中1个月逾期超过90天。"
    )
    assert (loan.overdue_months_5y, loan.overdue_90d_months_5y) == (3, 1)
    card = read_sentence(
        "2019年03月15日示例银行股份有限公司发放的准贷记卡（人民币账户）。截至2024年05月，"
        "信用额度2,000，透支余额0。最近5年内有2个月透支超过60天，没有发生过透支超过90天。"
    )
    assert (card.overdue_months_5y, card.overdue_90d_months_5y) == (2, 0)
    clean = read_sentence(
        "2019年03月15日示例银行股份有限公司发放的贷记卡（人民币账户）。截至2024年05月，"
        "信用额度10,000，已使用额度0。"
    )
    assert (clean.overdue_months_5y, clean.overdue_90d_months_5y) == (0, 0)
    assert clean.history is None


def test_the_grid_fixture_round_trips_through_json() -> None:
    """history, counts and metrics survive parse -> JSON -> Report -> JSON and validate."""
    report = read_report(FIXTURES / "detailed" / "repayment-grids.pdf")
    data = report_to_dict(report)
    validate(data, "report")
    again = report_to_dict(report_from_dict(json.loads(json.dumps(data))))
    assert again == data
    codes = {h["status"] for a in data["accounts"] for h in a["history"] or []}
    assert codes == set("N1234567*#/ABCDGMZ")
