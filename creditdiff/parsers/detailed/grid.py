"""The 本人版 repayment grid (还款记录) -> ``HistoryMonth`` records.

A grid follows its title ``YYYY年MM月-YYYY年MM月的还款记录``: a header row ``月份 1 … 12``,
then two rows per year, the status codes (first cell empty) and the amount row
(逾期（透支）总额) whose first cell is the year. Years may run ascending or descending,
and the grid may continue on the next page (the page furniture is already stripped,
so its rows simply follow). A cell with no code is a month not shown, never a guess;
a code outside ``GRID_CODES`` is a warning naming the account and the month.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from creditdiff.model import (
    GRID_CODES,
    OVERDUE_90D_CODES,
    OVERDUE_CODES,
    Account,
    HistoryMonth,
    Month,
)
from creditdiff.text import parse_amount, squash, to_half_width

TITLE_RE = re.compile(
    r"(20\d{2})年\s*(\d{1,2})月\s*[-—一至~～－]\s*(20\d{2})年\s*(\d{1,2})月.*还款记录"
)
_YEAR_RE = re.compile(r"^(?:19|20)\d{2}$")
#: The 5-year window of ``overdue_months_5y`` (征信业管理条例 第十六条).
WINDOW_MONTHS = 60


def grid_title(text: str) -> tuple[Month, Month] | None:
    """The first and last month a grid title names, or None when the line is no title."""
    match = TITLE_RE.search(to_half_width(squash(text)))
    if match is None:
        return None
    y0, m0, y1, m1 = (int(g) for g in match.groups())
    try:
        return Month(y0, m0), Month(y1, m1)
    except ValueError:
        return None


@dataclass
class Grid:
    """One account's grid being read, row by row."""

    name: str
    first: Month
    last: Month
    months: tuple[int | None, ...] | None = None
    entries: dict[Month, HistoryMonth] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _codes: tuple[str, ...] | None = None

    def take_row(self, cells: tuple[str, ...]) -> bool:
        """Read one table row; False when the row is not part of a grid."""
        head = squash(cells[0]) if cells else ""
        if head == "月份":
            self.months = tuple(_month_number(cell) for cell in cells)
            return True
        if self.months is None or len(cells) != len(self.months):
            return False
        if _YEAR_RE.match(head):
            codes, self._codes = self._codes, None
            if codes is None:
                self.warnings.append(f"{self.name}：还款记录 {head}年 的金额行没有代码行，未读取")
                return True
            self._year(int(head), codes, cells)
            return True
        if head == "":
            if self._codes is not None:
                self.warnings.append(f"{self.name}：还款记录有一行代码没有年份行，未读取")
            self._codes = cells
            return True
        return False

    def _year(self, year: int, codes: tuple[str, ...], amounts: tuple[str, ...]) -> None:
        assert self.months is not None
        for number, code_cell, amount_cell in zip(self.months, codes, amounts, strict=True):
            code = squash(code_cell)
            if number is None or not code:
                continue
            month = Month(year, number)
            where = f"{self.name}：还款记录 {month.year}年{month.month:02d}月"
            if code not in GRID_CODES:
                self.warnings.append(f"{where} 的代码“{code}”不在已知代码中，未读取")
                continue
            if not self.first <= month <= self.last:
                self.warnings.append(f"{where} 不在标题所列月份内，未读取")
                continue
            try:
                amount = parse_amount(amount_cell)
            except ValueError:
                self.warnings.append(f"{where} 的金额无法读取")
                amount = None
            self.entries[month] = HistoryMonth(month, code, amount)

    def finish(self) -> tuple[HistoryMonth, ...]:
        if self._codes is not None:
            self.warnings.append(f"{self.name}：还款记录有一行代码没有年份行，未读取")
        return tuple(self.entries[m] for m in sorted(self.entries))


def _month_number(cell: str) -> int | None:
    text = squash(cell).removesuffix("月")
    return int(text) if text.isdigit() and 1 <= int(text) <= 12 else None


def _months_back(month: Month, count: int) -> Month:
    index = month.year * 12 + month.month - 1 - count
    return Month(index // 12, index % 12 + 1)


def overdue_counts(history: Iterable[HistoryMonth], until: Month | None) -> tuple[int, int]:
    """Months with an overdue code (1-7) in the 60 months up to ``until``, and of those
    the months 91 days or more (codes 4-7); ``until`` None counts every month."""
    if until is None:
        shown = list(history)
    else:
        start = _months_back(until, WINDOW_MONTHS - 1)
        shown = [h for h in history if start <= h.month <= until]
    return (
        sum(1 for h in shown if h.status in OVERDUE_CODES),
        sum(1 for h in shown if h.status in OVERDUE_90D_CODES),
    )


def with_counts(account: Account, until: Month | None) -> Account:
    """The account with ``overdue_months_5y``/``overdue_90d_months_5y`` from its history."""
    if account.history is None:
        return account
    months, months_90 = overdue_counts(account.history, until)
    return replace(account, overdue_months_5y=months, overdue_90d_months_5y=months_90)
