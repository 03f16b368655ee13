"""The per-report metrics of contract v2, computed from hand-built reports."""

from __future__ import annotations

import datetime as dt

from creditdiff.metrics import in_window, is_overdue_now, months_before, report_metrics
from creditdiff.model import Account, Family, Query, QueryKind, Report, ReportFormat

AS_OF = dt.datetime(2024, 3, 31, 10, 0)


def _query(day: str, reason: str = "贷款审批") -> Query:
    return Query(dt.date.fromisoformat(day), "某银行", reason, QueryKind.INSTITUTION)


def _report(accounts: tuple[Account, ...] = (), queries: tuple[Query, ...] = ()) -> Report:
    return Report(ReportFormat.DETAILED, generated_at=AS_OF, accounts=accounts, queries=queries)


def test_months_before_clamps_to_month_end() -> None:
    """One month before 31 March is 29 February in a leap year."""
    assert months_before(dt.date(2024, 3, 31), 1) == dt.date(2024, 2, 29)
    assert months_before(dt.date(2024, 1, 15), 3) == dt.date(2023, 10, 15)


def test_window_includes_the_same_day_one_month_earlier() -> None:
    """A 1m window starts on the same day one month earlier and ends on the report date."""
    as_of = dt.date(2024, 3, 15)
    assert in_window(dt.date(2024, 2, 15), as_of, 1)
    assert not in_window(dt.date(2024, 2, 14), as_of, 1)
    assert not in_window(dt.date(2024, 3, 16), as_of, 1)


def test_approval_queries_counted_per_window_only_for_approval_reasons() -> None:
    """Approval reasons count in every window that holds them; 贷后管理 counts as post-loan."""
    queries = (
        _query("2024-03-30"),
        _query("2024-02-29", "信用卡审批"),
        _query("2024-01-05"),
        _query("2023-06-01"),
        _query("2022-04-01"),
        _query("2024-03-01", "贷后管理"),
        _query("2024-03-02", "本人查询"),
    )
    metrics = report_metrics(_report(queries=queries))
    assert metrics.approval_queries == {"1m": 2, "3m": 3, "6m": 3, "12m": 4, "24m": 5}
    assert metrics.post_loan_queries_24m == 1


def test_open_lines_institutions_overdue_and_cards() -> None:
    """Open accounts exclude settled/closed/transferred; branches fold into one lender."""
    accounts = (
        Account(
            Family.CREDIT_CARD,
            "中信银行股份有限公司福州分行",
            amount=20000,
            used=500,
            status="正常",
        ),
        Account(
            Family.CREDIT_CARD, "中信银行股份有限公司", amount=10000, used=None, status="未激活"
        ),
        Account(
            Family.NON_REVOLVING_LOAN, "某消费金融有限公司", status="逾期", overdue_amount=1800
        ),
        Account(Family.NON_REVOLVING_LOAN, "某银行", status="结清", overdue_amount=99),
        Account(Family.CREDIT_CARD, "另一银行", amount=5000, status="销户"),
    )
    metrics = report_metrics(_report(accounts=accounts))
    assert metrics.open_accounts == 3
    assert metrics.open_institutions == 2
    assert metrics.current_overdue_total == 1800
    assert metrics.card_limit_total == 30000
    assert metrics.card_used_total == 500


def test_no_cards_gives_null_card_totals() -> None:
    """Without open cards the card totals are null, not zero."""
    metrics = report_metrics(_report())
    assert metrics.card_limit_total is None and metrics.card_used_total is None
    assert metrics.open_accounts == 0


def test_overdue_now_predicate() -> None:
    """Delinquency, an overdue amount, a bad 五级分类 or an unfinished recovery is overdue now."""
    assert is_overdue_now(Account(Family.CREDIT_CARD, "x", status="逾期"))
    assert is_overdue_now(Account(Family.CREDIT_CARD, "x", status="呆账"))
    assert is_overdue_now(Account(Family.CREDIT_CARD, "x", status="正常", overdue_amount=1))
    assert is_overdue_now(
        Account(Family.NON_REVOLVING_LOAN, "x", status="正常", classification="关注")
    )
    assert is_overdue_now(Account(Family.RECOVERED, "x", status="催收"))
    assert not is_overdue_now(Account(Family.RECOVERED, "x", status="结束"))
    assert not is_overdue_now(Account(Family.CREDIT_CARD, "x", status="正常", overdue_amount=0))
    assert not is_overdue_now(
        Account(Family.NON_REVOLVING_LOAN, "x", status="结清", overdue_amount=5)
    )
