"""What the 简版 parser warns about: unread sentences and counts that disagree
with the 信息概要 (a mismatch warns, never rejects).

Warnings (in Chinese, as the person reads them) name a section, an entry number and
counts, never personal data.
"""

from __future__ import annotations

from collections.abc import Iterable

from creditdiff.model import Account, Family, SummaryTable

_LOANS = (Family.NON_REVOLVING_LOAN, Family.REVOLVING_LOAN, Family.REVOLVING_SUB_ACCOUNT)
#: Statuses outside 未结清/未销户: settled, closed, and (一代) passed on to another lender.
_ENDED = frozenset({"结清", "销户", "转出"})
GUARANTEE_ROW = "相关还款责任账户数"
#: The 一代 信息概要 counts guarantees in its last row instead.
GUARANTEE_ROW_GEN1 = "为他人担保笔数"


def unreadable_sentence(section: str, number: str) -> str:
    if not number.isdigit():
        return f"{section}：编号条目以外的文字未能识别"
    return f"{section}第 {number} 条：句子未能识别，该账户未读取"


def unreadable_query(section: str, number: str) -> str:
    return f"{section}第 {number} 行：查询记录未能识别，未读取"


def summary_mismatch(what: str, counted: int, printed: int) -> str:
    return f"信息概要“{what}”：从明细读出 {counted} 个，概要载明 {printed} 个"


MISSING_SUMMARY = "未找到信息概要：账户数未能核对"


def _guarantee_row(table: SummaryTable) -> str:
    """The row the summary counts guarantees in: the 二代 one unless only the 一代 one is."""
    if GUARANTEE_ROW not in table and GUARANTEE_ROW_GEN1 in table:
        return GUARANTEE_ROW_GEN1
    return GUARANTEE_ROW


def _printed(table: SummaryTable, row: str, *columns: str) -> int:
    if row == GUARANTEE_ROW:
        row = _guarantee_row(table)
    cells = table.get(row, {})
    if row in (GUARANTEE_ROW, GUARANTEE_ROW_GEN1):
        # One value per column, or split 为个人 / 为企业: the whole row counts.
        return sum(value or 0 for value in cells.values())
    return sum(cells.get(column) or 0 for column in columns)


#: A checked count: the summary row and the columns whose values are summed.
CountKey = tuple[str, tuple[str, ...]]
LOAN_COLUMNS = ("购房贷款", "其他贷款")
ALL_COLUMNS = ("信用卡", "购房贷款", "其他贷款", "其他业务")


def sentence_counts(accounts: Iterable[Account]) -> dict[CountKey, int]:
    """What the sentences give for each summary count that is checked.

    - cards: every card sentence is in ``账户数``; those not ``销户`` (``尚未激活`` too) in
      ``未结清/未销户账户数``;
    - loans: compared as the sum of the 购房 and 其他 columns, because which business
      types the 简版 counts as 购房 is not confirmed;
    - 相关还款责任: the row's values summed, whether printed once or per column.
    """
    accounts = list(accounts)
    cards = [a for a in accounts if a.family.is_card]
    loans = [a for a in accounts if a.family in _LOANS]
    guarantees = [a for a in accounts if a.family is Family.GUARANTEE]
    return counts(
        cards=len(cards),
        open_cards=sum(1 for a in cards if a.status not in _ENDED),
        loans=len(loans),
        open_loans=sum(1 for a in loans if a.status not in _ENDED),
        guarantees=len(guarantees),
    )


def counts(
    *, cards: int, open_cards: int, loans: int, open_loans: int, guarantees: int
) -> dict[CountKey, int]:
    """The checked counts keyed by summary row and columns, in warning order."""
    return {
        ("账户数", ("信用卡",)): cards,
        ("未结清/未销户账户数", ("信用卡",)): open_cards,
        ("账户数", LOAN_COLUMNS): loans,
        ("未结清/未销户账户数", LOAN_COLUMNS): open_loans,
        ("相关还款责任账户数", ALL_COLUMNS): guarantees,
    }


def _label(row: str, columns: tuple[str, ...], table: SummaryTable) -> str:
    if row == GUARANTEE_ROW:
        return _guarantee_row(table)
    return f"{'信用卡' if columns == ('信用卡',) else '贷款'} {row}"


def cross_check(counted: dict[CountKey, int], table: SummaryTable | None) -> list[str]:
    """One warning per summary count that ``counted`` does not reproduce."""
    if table is None:
        return [MISSING_SUMMARY]
    warnings = []
    for (row, columns), counted_value in counted.items():
        printed = _printed(table, row, *columns)
        if counted_value != printed:
            warnings.append(summary_mismatch(_label(row, columns, table), counted_value, printed))
    return warnings
