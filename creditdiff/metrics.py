"""What one report says on its own, as a loan officer reads it (the parse JSON's ``metrics``).

``report_metrics(report) -> Metrics`` is derived from the report alone, as of its 报告时间:
approval queries per window, post-loan queries, open accounts and head institutions,
the current overdue total, card limits and use, and the monthly repayment.
``is_overdue_now(account)`` is the account predicate of the ``overdue_now`` finding.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from creditdiff.model import Account, Family, Report, State

#: 查询原因 of a lender's check on an existing customer.
POST_LOAN_REASONS = frozenset({"贷后管理", "保后管理"})
#: Approval-type 查询原因, matched as whole values (``法人代表、负责人、高管等资信审查``
#: contains ``资信审查`` but is not one).
APPROVAL_REASONS = frozenset(
    {
        "贷款审批",
        "信用卡审批",
        "融资审批",
        "额度审批",
        "担保资格审查",
        "资信审查",
        "保前审查",
        "客户准入资格审查",
    }
)
#: The approval-query windows of ``metrics``, in months.
WINDOWS: tuple[int, ...] = (1, 3, 6, 12, 24)
#: 五级分类 that mean a loan is in trouble now (``overdue_now``).
BAD_CLASSIFICATIONS = frozenset({"关注", "次级", "可疑", "损失"})
#: States that are no longer open lines (not counted in ``open_accounts``).
_NOT_OPEN = frozenset({State.SETTLED, State.CLOSED, State.TRANSFERRED})


@dataclass(frozen=True)
class Metrics:
    approval_queries: Mapping[str, int]
    post_loan_queries_24m: int
    open_accounts: int
    open_institutions: int
    current_overdue_total: int
    card_limit_total: int | None
    card_used_total: int | None
    monthly_repayment: int | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "approval_queries": dict(self.approval_queries),
            "post_loan_queries_24m": self.post_loan_queries_24m,
            "open_accounts": self.open_accounts,
            "open_institutions": self.open_institutions,
            "current_overdue_total": self.current_overdue_total,
            "card_limit_total": self.card_limit_total,
            "card_used_total": self.card_used_total,
            "monthly_repayment": self.monthly_repayment,
        }


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` earlier, clamped to the month's end (Mar 31 - 1 -> Feb 29)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def report_day(report: Report) -> dt.date | None:
    """The day the report speaks for: its 报告时间, else its latest query."""
    if report.generated_at is not None:
        return report.generated_at.date()
    return max((q.date for q in report.queries), default=None)


def in_window(date: dt.date, day: dt.date, months: int) -> bool:
    """Dated in the ``months`` calendar months up to and including ``day``."""
    return months_before(day, months) <= date <= day


def approval_counts(report: Report) -> dict[str, int]:
    """Approval queries per window (``1m`` … ``24m``)."""
    day = report_day(report)
    approvals = [q for q in report.queries if q.reason in APPROVAL_REASONS]
    return {
        f"{n}m": 0 if day is None else sum(1 for q in approvals if in_window(q.date, day, n))
        for n in WINDOWS
    }


def is_open(account: Account) -> bool:
    """Not settled, closed or transferred: an open account."""
    return account.state not in _NOT_OPEN


def is_overdue_now(account: Account) -> bool:
    """Delinquent now: state delinquent or written off, an overdue amount, a bad 五级分类,
    or a 被追偿 account whose recovery has not ended (``结束``).

    A settled, closed or transferred account is not, whatever amount it still prints.
    """
    if account.family is Family.RECOVERED:
        return account.status != "结束"
    if account.state in (State.DELINQUENT, State.WRITTEN_OFF):
        return True
    if account.state.is_ended:
        return False
    return (account.overdue_amount or 0) > 0 or account.classification in BAD_CLASSIFICATIONS


def _total(values: Iterable[int | None]) -> int | None:
    printed = [v for v in values if v is not None]
    return sum(printed) if printed else None


def report_metrics(report: Report) -> Metrics:
    """The ``metrics`` of one report, as of its 报告时间."""
    # Deferred: creditdiff.diff imports the rules that import this module.
    from creditdiff.diff.identity import institution_key

    day = report_day(report)
    open_accounts = [a for a in report.accounts if is_open(a)]
    cards = [a for a in open_accounts if a.family.is_card]
    post_loan = sum(
        1
        for q in report.queries
        if q.reason in POST_LOAN_REASONS and day is not None and in_window(q.date, day, 24)
    )
    return Metrics(
        approval_queries=approval_counts(report),
        post_loan_queries_24m=post_loan,
        open_accounts=len(open_accounts),
        open_institutions=len({institution_key(a.institution) for a in open_accounts}),
        current_overdue_total=sum(a.overdue_amount or 0 for a in open_accounts),
        card_limit_total=_total(a.amount for a in cards),
        card_used_total=_total(a.used for a in cards),
        monthly_repayment=_total(a.monthly_payment for a in open_accounts),
    )
