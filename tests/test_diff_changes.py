"""Field changes of matched accounts: deepdiff output turned into Change records."""

from __future__ import annotations

from diff_helpers import account, old_report, report

from creditdiff.diff import compare
from creditdiff.model import Change, Month


def fields(changes: tuple[Change, ...]) -> list[tuple[str, object, object]]:
    return [(c.field, c.old, c.new) for c in changes]


def test_balance_and_status_changes_are_listed_in_field_order() -> None:
    """Status, state and balance changes come out as plain JSON-ready values."""
    old = old_report([account("non_revolving_loan", balance=5000)])
    new = report([account("non_revolving_loan", status="逾期", balance=5200, overdue_amount=200)])
    assert fields(compare(old, new).changes) == [
        ("status", "正常", "逾期"),
        ("state", "open", "delinquent"),
        ("balance", 5000, 5200),
        ("overdue_amount", None, 200),
    ]


def test_date_changes_are_iso_strings() -> None:
    """A changed 到期日期 is reported as ISO text."""
    old = old_report([account("revolving_loan", due="2025-01-01")])
    new = report([account("revolving_loan", due="2027-01-01")])
    assert fields(compare(old, new).changes) == [("due", "2025-01-01", "2027-01-01")]


def test_unmatched_accounts_have_no_changes() -> None:
    """Changes are computed on matched pairs only."""
    old = old_report([account("credit_card", opened="2018-01-01", used=5)])
    new = report([account("credit_card", opened="2019-01-01", used=6)])
    assert compare(old, new).changes == ()


def test_cross_format_differences_of_printing_are_not_changes() -> None:
    """A 简版 month, ``人民币`` and an unprinted value are not changes against a 本人版."""
    old = old_report(
        [
            account(
                "credit_card",
                opened=Month(2019, 3),
                account_id="1234",
                currency="人民币",
                balance=None,
                business_type=None,
                used=700,
            )
        ],
        fmt="pboc-simple",
    )
    new = report([account("credit_card", account_id="D100H1", used=0, balance=0)])
    assert fields(compare(old, new).changes) == [("used", 700, 0)]


def test_same_format_null_to_value_is_a_change() -> None:
    """Between two 本人版 reports, a value appearing where there was none is a change."""
    old = old_report([account("non_revolving_loan", closed_on=None)])
    new = report([account("non_revolving_loan", status="结清", closed_on="2024-05-01")])
    assert ("closed_on", None, "2024-05-01") in fields(compare(old, new).changes)
