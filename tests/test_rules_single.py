"""overdue_now, negative_record, query_pressure, removed and the history diff."""

from __future__ import annotations

import pytest

from creditdiff.diff import compare
from creditdiff.diff.rules_single import parse_query_limits
from creditdiff.errors import UsageError
from creditdiff.metrics import report_metrics
from creditdiff.model import FindingCode, HistoryMonth, Month, Settings, Severity
from tests.diff_helpers import OTHER_BANK, account, old_report, query, report


def _codes(comparison: object, code: FindingCode) -> list:  # type: ignore[type-arg]
    return [f for f in comparison.findings if f.code is code]  # type: ignore[attr-defined]


def _grid(*cells: tuple[str, str]) -> tuple[HistoryMonth, ...]:
    return tuple(HistoryMonth(Month(int(m[:4]), int(m[5:])), code, 0) for m, code in cells)


def test_overdue_now_with_one_report_is_high_with_its_amount() -> None:
    """A loan 逾期 with 当前逾期总额 is overdue_now (high) from the newer report alone."""
    loan = account("non_revolving_loan", status="逾期", overdue_amount=1800, classification="关注")
    [finding] = _codes(compare(None, report([loan])), FindingCode.OVERDUE_NOW)
    assert finding.severity is Severity.HIGH
    assert finding.evidence.new.overdue_amount == 1800
    assert "1,800元" in finding.message


@pytest.mark.parametrize(
    "fields",
    [
        {"status": "正常", "overdue_amount": 300},
        {"status": "正常", "classification": "次级"},
        {"status": "呆账"},
    ],
)
def test_overdue_now_by_amount_classification_or_write_off(fields: dict[str, object]) -> None:
    """An overdue amount, a bad 五级分类 or a write-off each make an account overdue now."""
    loan = account("non_revolving_loan", **fields)
    assert _codes(compare(None, report([loan])), FindingCode.OVERDUE_NOW)


def test_near_miss_normal_loan_with_zero_overdue_is_not_overdue_now() -> None:
    """正常, 五级分类 正常 and 当前逾期总额 0 is not overdue now; nor is an ended 被追偿."""
    loan = account("non_revolving_loan", overdue_amount=0, classification="正常")
    ended = account("recovered", status="结束")
    assert not _codes(compare(None, report([loan, ended])), FindingCode.OVERDUE_NOW)


def test_in_a_pair_a_loan_gone_overdue_is_status_worsened_and_overdue_now() -> None:
    """The same account is both status_worsened and overdue_now."""
    old = account("non_revolving_loan", overdue_amount=0)
    new = account("non_revolving_loan", status="逾期", overdue_amount=600)
    comparison = compare(old_report([old]), report([new]))
    assert _codes(comparison, FindingCode.STATUS_WORSENED)
    assert _codes(comparison, FindingCode.OVERDUE_NOW)


def test_negative_record_carries_last_overdue_and_expiry() -> None:
    """A cured overdue month gives last_overdue and expires 60 months later."""
    history = _grid(("2021-03", "N"), ("2021-04", "2"), ("2021-05", "1"), ("2021-06", "N"))
    loan = account("non_revolving_loan", history=history, overdue_months_5y=2)
    [finding] = _codes(compare(None, report([loan])), FindingCode.NEGATIVE_RECORD)
    assert finding.severity is Severity.MEDIUM
    assert finding.evidence.last_overdue == Month(2021, 5)
    assert finding.evidence.expires == Month(2026, 5)


def test_negative_record_of_a_simple_report_has_no_months() -> None:
    """A 简版 count without a grid gives last_overdue and expires null."""
    loan = account("non_revolving_loan", overdue_months_5y=3, overdue_90d_months_5y=1)
    [finding] = _codes(
        compare(None, report([loan], fmt="pboc-simple")), FindingCode.NEGATIVE_RECORD
    )
    assert finding.evidence.last_overdue is None and finding.evidence.expires is None


def test_near_miss_no_overdue_month_or_overdue_now_is_no_negative_record() -> None:
    """Zero overdue months, or an account overdue now, is no negative_record."""
    clean = account("non_revolving_loan", overdue_months_5y=0, history=_grid(("2024-01", "N")))
    late = account("credit_card", overdue_months_5y=2, overdue_amount=500, opened="2020-01-01")
    assert not _codes(compare(None, report([clean, late])), FindingCode.NEGATIVE_RECORD)


def _approvals(days: list[str]) -> list:  # type: ignore[type-arg]
    return [query(day, "贷款审批") for day in days]


def test_query_pressure_over_the_one_month_limit() -> None:
    """Four approval queries within a month of the report (limit 3) is query_pressure."""
    days = ["2024-07-01", "2024-07-10", "2024-07-20", "2024-07-31"]
    [finding] = _codes(compare(None, report(queries=_approvals(days))), FindingCode.QUERY_PRESSURE)
    assert finding.institution == ""
    assert {w.key: w.count for w in finding.evidence.windows} == {"1m": 4, "6m": 4}
    assert [w.key for w in finding.evidence.windows if w.over] == ["1m"]


def test_near_miss_three_in_a_month_and_one_just_outside() -> None:
    """Three from the window's first day (report day minus a month) on, one before: no finding."""
    days = ["2024-06-29", "2024-06-30", "2024-07-15", "2024-07-31"]
    assert not _codes(compare(None, report(queries=_approvals(days))), FindingCode.QUERY_PRESSURE)


def test_query_limits_are_configurable() -> None:
    """--query-limits 1m:1 makes two approvals in a month query pressure; 贷后管理 never counts."""
    queries = [*_approvals(["2024-07-20", "2024-07-30"]), query("2024-07-29", "贷后管理")]
    settings = Settings(query_limits=parse_query_limits("1m:1,6m:6"))
    comparison = compare(None, report(queries=queries), settings)
    [finding] = _codes(comparison, FindingCode.QUERY_PRESSURE)
    assert finding.evidence.windows[0].count == 2
    with pytest.raises(UsageError):
        parse_query_limits("3:1m")


def test_removed_is_an_older_account_gone_from_the_newer() -> None:
    """An older account with no match in the newer report is removed (info)."""
    gone = account("credit_card", institution=OTHER_BANK, opened="2015-01-01")
    kept = account("credit_card")
    comparison = compare(old_report([gone, kept]), report([kept]))
    [finding] = _codes(comparison, FindingCode.REMOVED)
    assert finding.severity is Severity.INFO and finding.institution == OTHER_BANK


def test_near_miss_all_older_accounts_still_there_is_not_removed() -> None:
    """Every older account matched (and one report alone) gives no removed."""
    kept = account("credit_card")
    assert not _codes(compare(old_report([kept]), report([kept])), FindingCode.REMOVED)
    assert not _codes(compare(None, report([kept])), FindingCode.REMOVED)


def test_a_month_newly_overdue_in_the_grid_is_status_worsened_evidence() -> None:
    """Two 本人版 grids: a month N before and 1 now is status_worsened with that month."""
    old = account("non_revolving_loan", history=_grid(("2024-01", "N"), ("2024-02", "N")))
    new = account(
        "non_revolving_loan", history=_grid(("2024-01", "N"), ("2024-02", "1")), overdue_months_5y=1
    )
    [finding] = _codes(compare(old_report([old]), report([new])), FindingCode.STATUS_WORSENED)
    assert finding.evidence.newly_overdue_months == (Month(2024, 2),)


def test_an_overdue_month_that_left_the_grid_is_good_news() -> None:
    """An old overdue month no longer shown, none left: removed (info) naming the month."""
    old = account("non_revolving_loan", history=_grid(("2019-01", "3"), ("2019-02", "N")))
    new = account("non_revolving_loan", history=_grid(("2019-02", "N")), overdue_months_5y=0)
    comparison = compare(old_report([old]), report([new]))
    [finding] = _codes(comparison, FindingCode.REMOVED)
    assert finding.evidence.left_report == (Month(2019, 1),)
    assert not _codes(comparison, FindingCode.STATUS_WORSENED)


def test_metrics_windows_and_totals() -> None:
    """Metrics count approvals per window up to the report day and sum open accounts only."""
    cards = [
        account("credit_card", amount=10000, used=2500, monthly_payment=300),
        account("credit_card", institution=OTHER_BANK, amount=5000, used=0),
        account("credit_card", status="销户", amount=9000, used=None, opened="2010-01-01"),
    ]
    loan = account("non_revolving_loan", status="逾期", overdue_amount=700, monthly_payment=900)
    queries = [
        *_approvals(["2024-06-29", "2024-07-31", "2022-08-01"]),
        query("2023-01-01", "贷后管理"),
    ]
    metrics = report_metrics(report([*cards, loan], queries=queries))
    assert metrics.approval_queries == {"1m": 1, "3m": 2, "6m": 2, "12m": 2, "24m": 3}
    assert metrics.post_loan_queries_24m == 1
    assert (metrics.open_accounts, metrics.open_institutions) == (3, 2)
    assert metrics.current_overdue_total == 700
    assert (metrics.card_limit_total, metrics.card_used_total) == (15000, 2500)
    assert metrics.monthly_repayment == 1200
