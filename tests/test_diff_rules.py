"""Each finding rule: a positive case and a near-miss negative, on Reports built in code."""

from __future__ import annotations

import datetime as dt

from diff_helpers import BANK, OTHER_BANK, account, agreement, old_report, query, report

from creditdiff.diff import compare
from creditdiff.model import (
    ClosureRequest,
    Comparison,
    Family,
    Finding,
    FindingCode,
    Settings,
    Severity,
)


def codes(comparison: Comparison, code: FindingCode) -> list[Finding]:
    return [f for f in comparison.findings if f.code is code]


# -- settled_not_closed ------------------------------------------------------------------


def test_paid_off_card_still_open_is_settled_not_closed() -> None:
    """A 贷记卡 with 已用额度 0 and 账户状态 正常 is a line to close."""
    new = report([account("credit_card", used=0)])
    found = codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED)
    assert len(found) == 1
    assert found[0].severity is Severity.MEDIUM
    assert found[0].evidence.new.used == 0


def test_revolving_loan_with_zero_balance_is_settled_not_closed() -> None:
    """A 循环贷账户二 正常 with 余额 0 stays open until the line expires."""
    new = report([account("revolving_loan", balance=0)])
    assert len(codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED)) == 1


def test_inactive_card_without_used_amount_is_settled_not_closed() -> None:
    """An unactivated card (简版 prints no 已使用额度) is still an open line."""
    new = report([account("credit_card", status="未激活", used=None, balance=None)])
    found = codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED)
    assert len(found) == 1 and "尚未激活" in found[0].message


def test_settled_non_revolving_loan_is_not_settled_not_closed() -> None:
    """A 结清 non-revolving loan is properly ended: no finding."""
    new = report([account("non_revolving_loan", status="结清", balance=None)])
    assert codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED) == []


def test_open_non_revolving_loan_with_zero_balance_is_not_settled_not_closed() -> None:
    """Only revolving lines and cards stay open when paid off; a 非循环贷 is not one."""
    new = report([account("non_revolving_loan", balance=0)])
    assert codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED) == []


def test_card_in_use_is_not_settled_not_closed() -> None:
    """A card with an amount used is not paid off."""
    new = report([account("credit_card", used=1200)])
    assert codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED) == []


def test_in_force_agreement_with_all_accounts_settled_is_settled_not_closed() -> None:
    """An agreement still in force whose 循环贷账户一 accounts are all 结清 is an open line."""
    accounts = [
        account("revolving_sub_account", agreement_id="A0001", status="结清", balance=None),
        account(
            "revolving_sub_account",
            agreement_id="A0001",
            opened="2022-01-01",
            status="结清",
            balance=None,
        ),
    ]
    new = report(accounts, agreements=[agreement(agreement_id="A0001", due="2030-01-01")])
    found = codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED)
    assert [f.account_id for f in found] == ["A0001"]
    assert found[0].family is None


def test_expired_agreement_or_one_with_an_open_account_is_not_settled_not_closed() -> None:
    """An agreement due before the report, or with a sub-account still 正常, is no finding."""
    settled = account("revolving_sub_account", agreement_id="A0001", status="结清", balance=None)
    running = account(
        "revolving_sub_account", agreement_id="A0002", opened="2023-01-01", balance=800
    )
    new = report(
        [settled, running],
        agreements=[
            agreement(agreement_id="A0001", due="2024-06-30"),
            agreement(agreement_id="A0002", due=None),
        ],
    )
    assert codes(compare(None, new), FindingCode.SETTLED_NOT_CLOSED) == []


# -- reappeared --------------------------------------------------------------------------


def test_closed_card_open_again_is_reappeared() -> None:
    """A card 销户 in the older report and 正常 in the newer one has reappeared."""
    old = old_report([account("credit_card", status="销户", used=None, balance=None)])
    new = report([account("credit_card", used=500)])
    found = codes(compare(old, new), FindingCode.REAPPEARED)
    assert len(found) == 1
    assert found[0].severity is Severity.HIGH
    assert found[0].evidence.old.status == "销户"


def test_new_open_account_at_fully_settled_institution_is_new_and_reappeared() -> None:
    """A new open account where every older account was settled is both codes."""
    old = old_report([account("non_revolving_loan", status="结清", balance=None)])
    new = report(
        [
            account("non_revolving_loan", status="结清", balance=None),
            account("non_revolving_loan", opened="2024-03-01", balance=3000),
        ]
    )
    comparison = compare(old, new)
    assert [f.opened.isoformat() for f in codes(comparison, FindingCode.REAPPEARED)] == [
        "2024-03-01"
    ]
    assert len(codes(comparison, FindingCode.NEW_ACCOUNT)) == 1


def test_new_account_where_another_is_still_open_is_not_reappeared() -> None:
    """A new account at an institution that still had an open account has not reappeared."""
    old = old_report([account("credit_card", used=100)])
    new = report([account("credit_card", used=100), account("credit_card", opened="2024-03-01")])
    comparison = compare(old, new)
    assert codes(comparison, FindingCode.REAPPEARED) == []
    assert len(codes(comparison, FindingCode.NEW_ACCOUNT)) == 1


def test_settled_account_still_settled_is_not_reappeared() -> None:
    """An account settled in both reports is not reappeared."""
    settled = account("non_revolving_loan", status="结清", balance=None)
    assert codes(compare(old_report([settled]), report([settled])), FindingCode.REAPPEARED) == []


# -- closure_not_reflected ----------------------------------------------------------------

NEW_DAY = dt.date(2024, 7, 31)


def closure(days_before: int, institution: str = BANK, account_spec: str | None = None) -> Settings:
    request = ClosureRequest(
        institution=institution,
        requested_on=NEW_DAY - dt.timedelta(days=days_before),
        account=account_spec,
        line=2,
    )
    return Settings(closures=(request,))


def test_closure_requested_90_days_ago_still_open_is_not_reflected() -> None:
    """A cancellation asked for 90 days before the report, still 正常, is high severity."""
    new = report([account("credit_card", used=0)])
    found = codes(compare(None, new, closure(90)), FindingCode.CLOSURE_NOT_REFLECTED)
    assert len(found) == 1
    assert found[0].severity is Severity.HIGH
    assert found[0].evidence.days_since_request == 90
    assert found[0].evidence.closure.line == 2


def test_closure_requested_20_days_ago_is_within_grace() -> None:
    """A closure requested 20 days before the newer report is within the 60-day grace."""
    new = report([account("credit_card", used=0)])
    assert codes(compare(None, new, closure(20)), FindingCode.CLOSURE_NOT_REFLECTED) == []


def test_closure_grace_days_can_be_shortened() -> None:
    """With --grace-days 10, the same 20-day-old request is overdue."""
    new = report([account("credit_card", used=0)])
    settings = Settings(grace_days=10, closures=closure(20).closures)
    assert len(codes(compare(None, new, settings), FindingCode.CLOSURE_NOT_REFLECTED)) == 1


def test_closure_of_closed_card_is_reflected() -> None:
    """A card already 销户 in the newer report is no finding."""
    new = report([account("credit_card", status="销户", used=None, balance=None)])
    assert codes(compare(None, new, closure(90)), FindingCode.CLOSURE_NOT_REFLECTED) == []


def test_closure_row_without_account_covers_every_account_at_the_institution() -> None:
    """An empty account column covers all of the institution's open accounts, branches too."""
    new = report(
        [
            account("credit_card", institution=BANK + "信用卡中心"),
            account("revolving_loan", institution=BANK + "北京分行", opened="2020-05-05"),
            account("credit_card", institution=OTHER_BANK),
        ]
    )
    found = codes(compare(None, new, closure(90)), FindingCode.CLOSURE_NOT_REFLECTED)
    assert sorted(f.institution for f in found) == [BANK + "信用卡中心", BANK + "北京分行"]


def test_closure_row_with_card_tail_covers_only_that_card() -> None:
    """A closure row naming a card tail covers the card whose id ends in it, not the others."""
    new = report(
        [
            account("credit_card", account_id="6225880012341234"),
            account("credit_card", account_id="6225880012345678", opened="2020-01-01"),
        ]
    )
    found = codes(
        compare(None, new, closure(90, account_spec="1234")), FindingCode.CLOSURE_NOT_REFLECTED
    )
    assert [f.account_id for f in found] == ["6225880012341234"]


def test_closure_row_with_opening_date_covers_that_account() -> None:
    """A closure row naming an opening date covers the account opened then."""
    new = report([account("credit_card"), account("credit_card", opened="2021-06-01")])
    found = codes(
        compare(None, new, closure(90, account_spec="2021-06-01")),
        FindingCode.CLOSURE_NOT_REFLECTED,
    )
    assert [f.opened.isoformat() for f in found] == ["2021-06-01"]


def test_closure_of_institution_with_in_force_agreement_is_not_reflected() -> None:
    """An agreement still in force, its accounts all 结清, after a whole-institution closure."""
    new = report(
        [account("revolving_sub_account", agreement_id="A0001", status="结清", balance=None)],
        agreements=[agreement(agreement_id="A0001")],
    )
    found = codes(compare(None, new, closure(90)), FindingCode.CLOSURE_NOT_REFLECTED)
    assert [(f.family, f.account_id) for f in found] == [(None, "A0001")]


def test_agreement_with_open_account_is_reported_through_the_account() -> None:
    """With a sub-account still open, the closure finding is the account's alone."""
    new = report(
        [account("revolving_sub_account", agreement_id="A0001", balance=900)],
        agreements=[agreement(agreement_id="A0001")],
    )
    found = codes(compare(None, new, closure(90)), FindingCode.CLOSURE_NOT_REFLECTED)
    assert [f.family for f in found] == [Family.REVOLVING_SUB_ACCOUNT]


# -- new_account -------------------------------------------------------------------------


def test_account_absent_from_older_report_is_new_account() -> None:
    """An account with no counterpart in the older report is a low-severity new account."""
    old = old_report([account("credit_card")])
    new = report([account("credit_card"), account("credit_card", institution=OTHER_BANK)])
    found = codes(compare(old, new), FindingCode.NEW_ACCOUNT)
    assert [f.institution for f in found] == [OTHER_BANK]
    assert found[0].severity is Severity.LOW


def test_account_in_both_reports_is_not_new() -> None:
    """An account present in both reports, even with a changed balance, is not new."""
    old = old_report([account("non_revolving_loan", balance=5000)])
    new = report([account("non_revolving_loan", balance=4000)])
    assert codes(compare(old, new), FindingCode.NEW_ACCOUNT) == []


# -- post_closure_query ------------------------------------------------------------------


def test_post_loan_query_from_institution_with_nothing_open_is_post_closure_query() -> None:
    """A 贷后管理 query after the older report, by a lender whose accounts are all closed."""
    closed = account("credit_card", status="销户", used=None, balance=None)
    old = old_report([closed])
    new = report([closed], queries=[query("2024-03-01", "贷后管理", BANK + "信用卡中心")])
    found = codes(compare(old, new), FindingCode.POST_CLOSURE_QUERY)
    assert len(found) == 1
    assert found[0].evidence.query.date.isoformat() == "2024-03-01"


def test_post_loan_query_from_institution_with_open_account_is_not_post_closure_query() -> None:
    """A 贷后管理 query from an institution that still has an open account is routine."""
    card = account("credit_card", used=200)
    new = report([card], queries=[query("2024-03-01", "贷后管理")])
    assert codes(compare(old_report([card]), new), FindingCode.POST_CLOSURE_QUERY) == []


def test_post_loan_query_before_older_report_is_not_post_closure_query() -> None:
    """A 贷后管理 query the older report already covered is not new."""
    closed = account("credit_card", status="销户", used=None, balance=None)
    old_query = query("2023-12-01", "贷后管理")
    old = old_report([closed], queries=[old_query])
    new = report([closed], queries=[old_query])
    assert codes(compare(old, new), FindingCode.POST_CLOSURE_QUERY) == []


def test_guarantee_post_loan_query_with_in_force_agreement_is_not_post_closure_query() -> None:
    """An institution with an agreement still in force may watch its line: no finding."""
    new = report(
        [account("revolving_sub_account", agreement_id="A0001", status="结清", balance=None)],
        agreements=[agreement()],
        queries=[query("2024-03-01", "保后管理")],
    )
    assert codes(compare(old_report([]), new), FindingCode.POST_CLOSURE_QUERY) == []


# -- new_hard_inquiry --------------------------------------------------------------------


def test_approval_query_after_older_report_is_new_hard_inquiry() -> None:
    """A 信用卡审批 query dated after the older report is a medium finding."""
    new = report([], queries=[query("2024-03-01", "信用卡审批", OTHER_BANK)])
    found = codes(compare(old_report([]), new), FindingCode.NEW_HARD_INQUIRY)
    assert [f.institution for f in found] == [OTHER_BANK]
    assert found[0].severity is Severity.MEDIUM


def test_non_approval_and_self_queries_are_not_hard_inquiries() -> None:
    """资信审查 inside a longer reason, self queries and old queries are not hard inquiries."""
    new = report(
        [],
        queries=[
            query("2024-03-01", "法人代表、负责人、高管等资信审查"),
            query("2024-03-02", "本人查询（互联网个人信用信息服务平台）", "本人", "self"),
            query("2023-12-01", "贷款审批"),
        ],
    )
    assert codes(compare(old_report([]), new), FindingCode.NEW_HARD_INQUIRY) == []


def test_same_day_query_missing_from_older_report_is_new() -> None:
    """A query on the older report's own day that it does not list came after it."""
    new = report([], queries=[query("2024-01-31", "贷款审批")])
    assert len(codes(compare(old_report([]), new), FindingCode.NEW_HARD_INQUIRY)) == 1


# -- status_worsened ---------------------------------------------------------------------


def test_open_to_delinquent_is_status_worsened() -> None:
    """正常 -> 逾期 is a high-severity worsening."""
    old = old_report([account("non_revolving_loan", balance=5000)])
    new = report([account("non_revolving_loan", status="逾期", balance=5000)])
    found = codes(compare(old, new), FindingCode.STATUS_WORSENED)
    assert len(found) == 1 and found[0].severity is Severity.HIGH


def test_worse_classification_and_higher_overdue_are_status_worsened() -> None:
    """A worse 五级分类 or a higher 当前逾期总额 counts as worse."""
    old = old_report(
        [
            account("non_revolving_loan", classification="正常", overdue_amount=0),
            account("non_revolving_loan", opened="2020-01-01", overdue_amount=100),
        ]
    )
    new = report(
        [
            account("non_revolving_loan", classification="关注", overdue_amount=0),
            account("non_revolving_loan", opened="2020-01-01", overdue_amount=300),
        ]
    )
    found = codes(compare(old, new), FindingCode.STATUS_WORSENED)
    assert len(found) == 2


def test_improvement_or_unknown_overdue_is_not_status_worsened() -> None:
    """逾期 -> 正常, and an overdue amount the older (简版) report did not print, are no finding."""
    old = old_report(
        [
            account("non_revolving_loan", status="逾期", overdue_amount=500),
            account("credit_card", overdue_amount=None),
        ]
    )
    new = report(
        [
            account("non_revolving_loan", overdue_amount=0),
            account("credit_card", overdue_amount=200),
        ]
    )
    assert codes(compare(old, new), FindingCode.STATUS_WORSENED) == []


# -- closed, paid_off --------------------------------------------------------------------


def test_open_to_settled_is_closed() -> None:
    """正常 -> 结清 is an info-level closed finding."""
    old = old_report([account("non_revolving_loan", balance=2000)])
    new = report([account("non_revolving_loan", status="结清", balance=None)])
    found = codes(compare(old, new), FindingCode.CLOSED)
    assert len(found) == 1 and found[0].severity is Severity.INFO


def test_already_settled_is_not_closed_again() -> None:
    """An account settled in both reports is not closed anew."""
    settled = account("non_revolving_loan", status="结清", balance=None)
    assert codes(compare(old_report([settled]), report([settled])), FindingCode.CLOSED) == []


def test_balance_to_zero_is_paid_off() -> None:
    """A card whose 已用额度 went from 3,000 to 0 is paid off."""
    old = old_report([account("credit_card", used=3000)])
    new = report([account("credit_card", used=0)])
    found = codes(compare(old, new), FindingCode.PAID_OFF)
    assert len(found) == 1
    assert found[0].evidence.old.used == 3000


def test_balance_lower_but_not_zero_is_not_paid_off() -> None:
    """A balance that fell but is not 0, or was 0 already, is not paid off."""
    old = old_report([account("credit_card", used=3000), account("revolving_loan", balance=0)])
    new = report([account("credit_card", used=10), account("revolving_loan", balance=0)])
    assert codes(compare(old, new), FindingCode.PAID_OFF) == []


# -- cross-cutting -----------------------------------------------------------------------


def test_single_report_yields_only_self_evident_codes() -> None:
    """Without an older report only the codes one report shows on its own come out:
    settled_not_closed, closure_not_reflected and (contract v2) overdue_now."""
    new = report(
        [account("credit_card", used=0), account("non_revolving_loan", status="逾期")],
        queries=[query("2024-03-01", "贷款审批"), query("2024-03-01", "贷后管理", OTHER_BANK)],
    )
    found = {f.code for f in compare(None, new, closure(90)).findings}
    assert found == {
        FindingCode.SETTLED_NOT_CLOSED,
        FindingCode.CLOSURE_NOT_REFLECTED,
        FindingCode.OVERDUE_NOW,
    }


def test_findings_are_sorted_by_severity_then_institution_then_code() -> None:
    """Most severe first, then institution, then contract code order."""
    old = old_report([account("credit_card", institution=OTHER_BANK, status="销户", used=None)])
    new = report(
        [
            account("credit_card", institution=OTHER_BANK, used=0),
            account("credit_card", opened="2024-02-02"),
        ],
        queries=[query("2024-03-01", "贷款审批")],
    )
    findings = compare(old, new).findings
    ranks = [f.severity.rank for f in findings]
    assert ranks == sorted(ranks, reverse=True)
    medium = [(f.institution, f.code.value) for f in findings if f.severity is Severity.MEDIUM]
    order = [code.value for code in FindingCode]
    assert medium == sorted(medium, key=lambda item: (item[0], order.index(item[1])))
    assert len(medium) >= 2


def test_finding_ids_are_stable_across_report_dates_and_values() -> None:
    """Next month's run gives the same id for the same account's finding."""
    first = compare(None, report([account("credit_card", used=0, as_of="2024-07-31")]))
    later = report(
        [account("credit_card", used=0, as_of="2024-08-31", amount=20000)],
        when=dt.datetime(2024, 8, 31, 9, 0, 0),
    )
    assert first.findings[0].id == compare(None, later).findings[0].id


def test_finding_ids_differ_between_accounts_and_codes() -> None:
    """Two accounts, or two codes of one account, never share an id."""
    old = old_report([account("credit_card", status="销户", used=None)])
    new = report([account("credit_card", used=0), account("credit_card", opened="2020-01-01")])
    ids = [f.id for f in compare(old, new).findings]
    assert len(ids) == len(set(ids)) >= 3


def test_messages_are_chinese_and_carry_no_id_number() -> None:
    """Messages are one line of Chinese without the subject's name or ID number."""
    new = report([account("credit_card", used=0, account_id="6225880012341234")])
    for finding in compare(None, new, closure(90)).findings:
        assert "\n" not in finding.message
        assert "测试甲" not in finding.message and "1101" not in finding.message
        assert any("\u4e00" <= ch <= "\u9fff" for ch in finding.message)
