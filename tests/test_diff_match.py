"""Matching accounts, agreements and queries across two reports, formats included."""

from __future__ import annotations

import datetime as dt

from diff_helpers import BANK, account, agreement, old_report, query, report

from creditdiff.diff import compare
from creditdiff.diff.identity import institution_key, stable_id
from creditdiff.diff.match import match_reports
from creditdiff.model import FindingCode, Month


def test_institution_key_folds_branches_legal_forms_and_width() -> None:
    """Branch suffixes, legal forms, spaces and full-width characters share one key."""
    key = institution_key("中信银行股份有限公司")
    assert institution_key("中信银行股份有限公司福州分行") == key
    assert institution_key("中信银行") == key
    assert institution_key("中信银行 股份有限公司") == key
    assert institution_key("招商银行股份有限公司信用卡中心") == institution_key("招商银行")
    assert institution_key("中国银行北京市分行") == institution_key("中国银行")
    assert institution_key("ＡＢＣ消费金融有限公司") == institution_key("ABC消费金融有限公司")
    assert institution_key("中信银行") != institution_key("中国银行")


def test_simple_month_matches_detailed_day() -> None:
    """A 简版 opening month matches a 本人版 day in that month (coarser precision)."""
    old = old_report(
        [account("credit_card", opened=Month(2019, 3), account_id="1234")], fmt="pboc-simple"
    )
    new = report(
        [account("credit_card", opened=dt.date(2019, 3, 15), account_id="D10053310H0001A")]
    )
    assert match_reports(old, new).accounts == ((0, 0),)


def test_card_tail_confirms_the_detailed_card_ending_in_it() -> None:
    """Of two cards opened the same month, the tail picks the 账户标识 ending in it."""
    old = old_report(
        [
            account("credit_card", opened="2019-03", account_id="5678"),
            account("credit_card", opened="2019-03", account_id="1234"),
        ],
        fmt="pboc-simple",
    )
    new = report(
        [
            account("credit_card", opened="2019-03-15", account_id="6225000011111234"),
            account("credit_card", opened="2019-03-20", account_id="6225000022225678"),
        ]
    )
    assert sorted(match_reports(old, new).accounts) == [(0, 1), (1, 0)]


def test_simple_loan_matches_detailed_revolving_sub_account() -> None:
    """A 简版 loan (non_revolving_loan) and a 本人版 循环贷账户一 are one account."""
    old = old_report(
        [account("non_revolving_loan", opened="2022-06", balance=8000)], fmt="pboc-simple"
    )
    new = report([account("revolving_sub_account", opened="2022-06-22", balance=5000)])
    comparison = compare(old, new)
    assert match_reports(old, new).accounts == ((0, 0),)
    assert not [f for f in comparison.findings if f.code is FindingCode.NEW_ACCOUNT]


def test_different_account_ids_in_one_format_do_not_match() -> None:
    """Two 本人版 ids that differ are two accounts, even with the same opening date."""
    old = old_report([account("credit_card", account_id="D1")])
    new = report([account("credit_card", account_id="D2")])
    assert match_reports(old, new).accounts == ()


def test_different_opening_dates_do_not_match() -> None:
    """An account opened on another day is another account."""
    old = old_report([account("credit_card", opened="2019-03-15")])
    new = report([account("credit_card", opened="2019-03-16")])
    assert match_reports(old, new).accounts == ()


def test_amount_breaks_a_tie() -> None:
    """Two loans of one day at one lender pair by their 借款金额."""
    old = old_report(
        [account("non_revolving_loan", amount=5000), account("non_revolving_loan", amount=9000)]
    )
    new = report(
        [account("non_revolving_loan", amount=9000), account("non_revolving_loan", amount=5000)]
    )
    assert sorted(match_reports(old, new).accounts) == [(0, 1), (1, 0)]


def test_unresolvable_tie_is_a_notice_not_a_guess() -> None:
    """Accounts the reports cannot tell apart are left unpaired, with a notice."""
    old = old_report(
        [
            account("non_revolving_loan", opened="2023-05", balance=100, account_id=None),
            account("non_revolving_loan", opened="2023-05", balance=900, account_id=None),
        ],
        fmt="pboc-simple",
    )
    new = report(
        [
            account("non_revolving_loan", opened="2023-05-01", balance=50),
            account("non_revolving_loan", opened="2023-05-02", balance=50),
        ]
    )
    matching = match_reports(old, new)
    assert matching.accounts == ()
    assert matching.ambiguous_new == {0, 1}
    assert len(matching.notices) == 2
    comparison = compare(old, new)
    assert not [f for f in comparison.findings if f.code is FindingCode.NEW_ACCOUNT]
    assert comparison.notices


def test_identical_accounts_pair_in_report_order() -> None:
    """Accounts identical field for field are interchangeable: paired in order, no notice."""
    twin = account("non_revolving_loan", balance=100)
    matching = match_reports(old_report([twin, twin]), report([twin, twin]))
    assert matching.accounts == ((0, 0), (1, 1))
    assert matching.notices == ()


def test_branch_and_head_names_match() -> None:
    """A card under ``…信用卡中心`` in one report and the bank's name in the other is one card."""
    old = old_report([account("credit_card", institution=BANK + "信用卡中心")])
    new = report([account("credit_card", institution=BANK)])
    assert match_reports(old, new).accounts == ((0, 0),)


def test_agreements_match_by_institution_and_id() -> None:
    """Credit agreements pair by institution and 授信协议标识."""
    old = old_report([], agreements=[agreement(agreement_id="A1"), agreement(agreement_id="A2")])
    new = report(
        [], agreements=[agreement(agreement_id="A2", limit=30000), agreement(agreement_id="A1")]
    )
    comparison = compare(old, new)
    assert sorted(match_reports(old, new).agreements) == [(0, 1), (1, 0)]
    assert [(c.kind, c.account_id, c.field, c.old, c.new) for c in comparison.changes] == [
        ("credit_agreement", "A2", "limit", 20000, 30000)
    ]


def test_queries_match_by_date_institution_and_reason() -> None:
    """A query in both reports pairs; a second one of the same key pairs only once."""
    q = query("2024-01-10", "贷款审批")
    old = old_report([], queries=[q])
    new = report([], queries=[q, q, query("2024-01-10", "信用卡审批")])
    assert match_reports(old, new).queries == ((0, 0),)


def test_stable_id_ignores_nothing_but_identity() -> None:
    """The id hash depends on the code and identity parts only, in order."""
    assert stable_id("closed", ("a", "b")) == stable_id("closed", ("a", "b"))
    assert stable_id("closed", ("a", "b")) != stable_id("closed", ("b", "a"))
    assert len(stable_id("closed", ())) == 16


def test_dual_currency_card_accounts_match_by_currency() -> None:
    """The 人民币 and 美元 accounts of one card (same tail, same day) pair by currency."""
    old = old_report(
        [
            account("credit_card", account_id="1234", currency="美元", amount=5000),
            account("credit_card", account_id="1234", currency="人民币", amount=5000),
        ],
        fmt="pboc-simple",
    )
    new = report(
        [
            account("credit_card", account_id="E01", currency="人民币元", amount=5000),
            account("credit_card", account_id="E02", currency="美元", amount=5000),
        ]
    )
    assert sorted(match_reports(old, new).accounts) == [(0, 1), (1, 0)]
