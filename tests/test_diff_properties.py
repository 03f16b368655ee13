"""Invariants of the diff engine on generated reports (hypothesis)."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from dataclasses import replace

from diff_helpers import NEW_TIME, OLD_TIME
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.diff import compare
from creditdiff.diff.match import match_reports
from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Month,
    Query,
    QueryKind,
    Report,
    ReportFormat,
)
from creditdiff.output.diff import comparison_to_dict
from creditdiff.reports import compare_reports
from creditdiff.serialize import validate

INSTITUTIONS = (
    "示例银行股份有限公司",
    "示例银行股份有限公司信用卡中心",
    "示例银行股份有限公司北京分行",
    "样例消费金融有限公司",
    "测试小额贷款有限公司",
)
STATUSES = ("正常", "结清", "销户", "逾期", "未激活", "呆账", "冻结", None)
REASONS = ("贷款审批", "信用卡审批", "贷后管理", "保后管理", "资信审查", "本人查询（临柜）")

opened = st.one_of(
    st.sampled_from([dt.date(2019, 3, 15), dt.date(2019, 3, 20), dt.date(2021, 6, 1)]),
    st.sampled_from([Month(2019, 3), Month(2021, 6)]),
    st.none(),
)
money = st.one_of(st.none(), st.sampled_from([0, 100, 5000]))

accounts = st.builds(
    Account,
    family=st.sampled_from(list(Family)),
    institution=st.sampled_from(INSTITUTIONS),
    account_id=st.one_of(st.none(), st.sampled_from(["1234", "5678", "D1001", "6225000011111234"])),
    agreement_id=st.one_of(st.none(), st.just("A1")),
    opened=opened,
    amount=money,
    status=st.sampled_from(STATUSES),
    balance=money,
    used=money,
    overdue_amount=money,
    classification=st.sampled_from(["正常", "关注", "次级", None]),
)


def queries_before(day: dt.date) -> st.SearchStrategy[Query]:
    return st.builds(
        Query,
        date=st.dates(min_value=day - dt.timedelta(days=400), max_value=day),
        institution=st.sampled_from(INSTITUTIONS),
        reason=st.sampled_from(REASONS),
        kind=st.sampled_from(list(QueryKind)),
    )


agreements = st.builds(
    CreditAgreement,
    institution=st.sampled_from(INSTITUTIONS),
    agreement_id=st.one_of(st.none(), st.sampled_from(["A1", "A2"])),
    effective=opened,
    due=st.one_of(st.none(), st.sampled_from([dt.date(2023, 1, 1), dt.date(2030, 1, 1)])),
    limit=money,
)


def reports(when: dt.datetime) -> st.SearchStrategy[Report]:
    return st.builds(
        Report,
        format=st.sampled_from(list(ReportFormat)),
        generated_at=st.just(when),
        subject_name=st.just("测试甲"),
        id_number=st.just("1101**********1234"),
        accounts=st.lists(accounts, max_size=8).map(tuple),
        credit_agreements=st.lists(agreements, max_size=3).map(tuple),
        queries=st.lists(queries_before(when.date()), max_size=5).map(tuple),
    )


@settings(max_examples=150, deadline=None)
@given(reports(NEW_TIME))
def test_report_diffed_with_itself_adds_nothing(report: Report) -> None:
    """A report against itself has no changes and no findings beyond its single-report ones."""
    itself = compare(report, report)
    assert itself.changes == ()
    assert itself.findings == compare(None, report).findings
    single = {"settled_not_closed", "overdue_now", "negative_record", "query_pressure"}
    assert {f.code.value for f in itself.findings} <= single


@settings(max_examples=150, deadline=None)
@given(reports(NEW_TIME))
def test_report_without_idle_lines_diffed_with_itself_has_no_findings(report: Report) -> None:
    """With its paid-off open lines removed, a report against itself finds nothing at all."""
    idle = {
        (f.institution, f.family, f.opened, f.account_id) for f in compare(None, report).findings
    }
    kept = tuple(
        a for a in report.accounts if (a.institution, a.family, a.opened, a.account_id) not in idle
    )
    report = replace(report, accounts=kept, credit_agreements=())
    assert compare(report, report).findings == ()


@settings(max_examples=150, deadline=None)
@given(reports(OLD_TIME), reports(NEW_TIME))
def test_swapping_the_reports_gives_the_same_result(older: Report, newer: Report) -> None:
    """Reports are ordered by 报告时间: argument order changes only the notices."""
    straight = compare_reports(older, newer)
    swapped = compare_reports(newer, older)
    assert swapped.findings == straight.findings
    assert swapped.changes == straight.changes
    assert swapped.old is older and swapped.new is newer


@settings(max_examples=200, deadline=None)
@given(reports(OLD_TIME), reports(NEW_TIME))
def test_no_account_is_matched_twice(older: Report, newer: Report) -> None:
    """Every old and every new account appears in at most one pair, never in a pair and a tie."""
    matching = match_reports(older, newer)
    olds = [i for i, _ in matching.accounts]
    news = [j for _, j in matching.accounts]
    assert len(olds) == len(set(olds)) and len(news) == len(set(news))
    assert not set(olds) & matching.ambiguous_old
    assert not set(news) & matching.ambiguous_new


@settings(max_examples=150, deadline=None)
@given(reports(OLD_TIME), reports(NEW_TIME), st.randoms(use_true_random=False))
def test_matching_does_not_depend_on_report_order(older: Report, newer: Report, rnd) -> None:  # type: ignore[no-untyped-def]
    """Shuffling the newer report's accounts pairs the same accounts."""
    shuffled_accounts = list(newer.accounts)
    rnd.shuffle(shuffled_accounts)
    shuffled = replace(newer, accounts=tuple(shuffled_accounts))

    def pairs(new: Report) -> Counter[tuple[Account, Account]]:
        matching = match_reports(older, new)
        return Counter((older.accounts[i], new.accounts[j]) for i, j in matching.accounts)

    assert pairs(shuffled) == pairs(newer)


@settings(max_examples=100, deadline=None)
@given(reports(OLD_TIME), reports(NEW_TIME))
def test_diff_json_is_always_schema_valid(older: Report, newer: Report) -> None:
    """Whatever the reports hold, the diff JSON serialises as is and validates."""
    document = comparison_to_dict(compare(older, newer))
    validate(json.loads(json.dumps(document, ensure_ascii=False)), "diff")
    ids = [f["id"] for f in document["findings"]]
    assert len(ids) == len(set(ids))
