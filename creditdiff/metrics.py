"""Numbers derived from one report alone, as of its 报告时间 (contract v2 ``metrics``).

``report_metrics(report)`` follows /work/shared/contract.md "Additions, version 2":
approval queries per window, post-loan queries, open accounts and institutions, the
current overdue total, card limits and use, and the monthly repayment. ``is_overdue_now``
is the account predicate of the ``overdue_now`` finding.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from creditdiff.diff.identity import institution_key
from creditdiff.diff.rules import APPROVAL_REASONS, POST_LOAN_REASONS
from creditdiff.model import Account, Family, Report, State

#: The windows of ``approval_queries``, in months.
WINDOWS: tuple[int, ...] = (1, 3, 6, 12, 24)
#: 五级分类 that mean an account is delinquent now.
BAD_CLASSIFICATIONS = frozenset({"关注", "次级", "可疑", "损失"})
#: States that are not open lines (contract: "not settled/closed/transferred").
_NOT_OPEN = frozenset({State.SETTLED, State.CLOSED, State.TRANSFERRED})


@dataclass(frozen=True)
class Metrics:
    approval_queries: Mapping[str, int] = field(default_factory=dict)
    post_loan_queries_24m: int = 0
    open_accounts: int = 0
    open_institutions: int = 0
    current_overdue_total: int = 0
    card_limit_total: int | None = None
    card_used_total: int | None = None
    monthly_repayment: int | None = None

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
    """The same day ``months`` calendar months earlier (the month's last day if shorter)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    following = dt.date(year + month // 12, month % 12 + 1, 1)
    return dt.date(year, month, min(day.day, (following - dt.timedelta(days=1)).day))


def in_window(date: dt.date, as_of: dt.date, months: int) -> bool:
    """Dated in the N calendar months up to and including ``as_of``."""
    return months_before(as_of, months) <= date <= as_of


def is_open(account: Account) -> bool:
    """Counted as an open account: its state is not settled, closed or transferred."""
    return account.state not in _NOT_OPEN


def is_overdue_now(account: Account) -> bool:
    """Delinquent now: state delinquent or written off, an overdue amount, or a bad 五级分类.

    A recovered (被追偿) account counts while not ``结束`` (its state is then settled).
    """
    if account.state in (State.DELINQUENT, State.WRITTEN_OFF):
        return True
    if account.family is Family.RECOVERED and account.status != "结束":
        return True
    if account.state.is_ended:
        return False
    if account.overdue_amount is not None and account.overdue_amount > 0:
        return True
    return account.classification in BAD_CLASSIFICATIONS


def _sum_or_none(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def report_metrics(report: Report) -> Metrics:
    """The contract's ``metrics`` of one report, as of its 报告时间."""
    as_of = None if report.generated_at is None else report.generated_at.date()
    approvals = [q for q in report.queries if q.reason in APPROVAL_REASONS]
    post_loan = [q for q in report.queries if q.reason in POST_LOAN_REASONS]
    windows = {
        f"{months}m": 0
        if as_of is None
        else sum(in_window(q.date, as_of, months) for q in approvals)
        for months in WINDOWS
    }
    open_accounts = [a for a in report.accounts if is_open(a)]
    cards = [a for a in open_accounts if a.family.is_card]
    return Metrics(
        approval_queries=windows,
        post_loan_queries_24m=0
        if as_of is None
        else sum(in_window(q.date, as_of, 24) for q in post_loan),
        open_accounts=len(open_accounts),
        open_institutions=len({institution_key(a.institution) for a in open_accounts}),
        current_overdue_total=sum(a.overdue_amount or 0 for a in open_accounts),
        card_limit_total=_sum_or_none([a.amount for a in cards]),
        card_used_total=_sum_or_none([a.used for a in cards]),
        # 本月应还款 is not kept in the Account record yet: not printed means null.
        monthly_repayment=None,
    )


__all__ = ["WINDOWS", "Metrics", "in_window", "is_open", "is_overdue_now", "report_metrics"]
