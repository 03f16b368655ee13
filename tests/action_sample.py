"""Comparisons built in code for the action-report tests: a fictitious person, reports
with open and closed lines, and a finding of every code with the evidence its rule records."""

from __future__ import annotations

import datetime as dt
from typing import Any

from creditdiff.evidence import (
    AccountEvidence,
    AccountSnapshot,
    ClosureEvidence,
    QueryEvidence,
    WorsenedEvidence,
)
from creditdiff.model import (
    Account,
    ClosureRequest,
    Comparison,
    Family,
    Finding,
    FindingCode,
    Month,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    Severity,
)

#: Fictitious and deliberately unmasked: the renderer must mask it whatever it is given.
FULL_ID = "110101199001011234"
NAME = "测试甲"

BANK = "示例银行股份有限公司"
CONSUMER = "示例消费金融有限公司"
LENDER = "重庆市示例小额贷款有限公司"
TRUST = "示例国际信托有限公司"
OTHER = "示例融资担保有限公司"
LONG = "示例农村商业银行股份有限公司某某省某某市某某区某某街道某某路支行信用卡中心营业部"


def _accounts(new: bool) -> tuple[Account, ...]:
    card_state = "正常" if new else "销户"
    return (
        Account(
            Family.CREDIT_CARD, BANK, "1234", opened=dt.date(2019, 3, 15), status="正常", used=0
        ),
        Account(
            Family.CREDIT_CARD, LONG, "5678", opened=dt.date(2018, 1, 2), status=card_state, used=0
        ),
        Account(
            Family.REVOLVING_LOAN,
            CONSUMER,
            "R1",
            opened=dt.date(2020, 5, 1),
            status="正常",
            balance=0,
        ),
        Account(
            Family.REVOLVING_LOAN,
            LENDER,
            "R2",
            opened=dt.date(2021, 6, 1),
            status="正常",
            balance=0,
        ),
        Account(Family.NON_REVOLVING_LOAN, TRUST, "D1", opened=dt.date(2021, 7, 1), status="结清"),
        *(
            (
                Account(
                    Family.REVOLVING_LOAN,
                    OTHER,
                    "R3",
                    opened=dt.date(2024, 3, 1),
                    status="正常",
                    balance=0,
                ),
            )
            if new
            else ()
        ),
    )


def report(generated: dt.datetime, new: bool, id_number: str = FULL_ID) -> Report:
    return Report(
        format=ReportFormat.DETAILED,
        number=f"{generated:%Y%m%d}101200000001",
        generated_at=generated,
        subject_name=NAME,
        id_type="身份证",
        id_number=id_number,
        accounts=_accounts(new),
    )


def _snap(status: str, **values: Any) -> AccountSnapshot:
    """An account snapshot as the diff rules record it in evidence."""
    return AccountSnapshot.of(Account(Family.REVOLVING_LOAN, BANK, status=status, **values))


def findings() -> tuple[Finding, ...]:
    """One finding of every code, spread over institutions of every kind, each with the
    evidence record its diff rule builds (snapshots, the query, the closure request)."""
    return (
        Finding(
            "f1",
            FindingCode.SETTLED_NOT_CLOSED,
            Severity.MEDIUM,
            BANK,
            "贷记卡已无欠款，但仍未销户",
            Family.CREDIT_CARD,
            "1234",
            dt.date(2019, 3, 15),
            AccountEvidence(new=_snap("正常", amount=20000, used=0, as_of=dt.date(2024, 7, 1))),
        ),
        Finding(
            "f2",
            FindingCode.REAPPEARED,
            Severity.HIGH,
            LONG,
            "已销户的贷记卡重新出现为正常",
            Family.CREDIT_CARD,
            "5678",
            dt.date(2018, 1, 2),
            AccountEvidence(
                old=_snap("销户", closed_on=dt.date(2023, 11, 30)),
                new=_snap("正常", amount=8000, used=0),
            ),
        ),
        Finding(
            "f3",
            FindingCode.CLOSURE_NOT_REFLECTED,
            Severity.HIGH,
            CONSUMER,
            "申请注销已超过60天仍未销户",
            Family.REVOLVING_LOAN,
            "R1",
            dt.date(2020, 5, 1),
            ClosureEvidence(
                ClosureRequest(CONSUMER, dt.date(2024, 2, 1), note="在线客服", line=2),
                days_since_request=165,
                grace_days=60,
                new=_snap("正常", amount=10000, balance=0),
            ),
        ),
        Finding(
            "f4",
            FindingCode.POST_CLOSURE_QUERY,
            Severity.MEDIUM,
            TRUST,
            "无未结清账户后仍以贷后管理查询",
            None,
            None,
            None,
            QueryEvidence(
                Query(dt.date(2024, 5, 20), TRUST, "贷后管理", QueryKind.INSTITUTION),
                open_accounts_at_institution=0,
            ),
        ),
        Finding(
            "f5",
            FindingCode.NEW_ACCOUNT,
            Severity.LOW,
            OTHER,
            "新出现的循环贷账户",
            Family.REVOLVING_LOAN,
            "R3",
            dt.date(2024, 3, 1),
            AccountEvidence(new=_snap("正常", amount=50000, balance=0)),
        ),
        Finding(
            "f6",
            FindingCode.NEW_HARD_INQUIRY,
            Severity.MEDIUM,
            LENDER,
            "新的贷款审批查询",
            None,
            None,
            None,
            QueryEvidence(Query(dt.date(2024, 6, 3), LENDER, "贷款审批", QueryKind.INSTITUTION)),
        ),
        Finding(
            "f7",
            FindingCode.STATUS_WORSENED,
            Severity.HIGH,
            LENDER,
            "账户出现逾期",
            Family.REVOLVING_LOAN,
            "R2",
            Month(2021, 6),
            WorsenedEvidence(
                old=_snap("正常", overdue_amount=0),
                new=_snap("逾期", overdue_amount=1500),
                worse=("账户状态正常→逾期", "当前逾期总额上升"),
            ),
        ),
        Finding(
            "f8",
            FindingCode.CLOSED,
            Severity.INFO,
            TRUST,
            "贷款已结清",
            Family.NON_REVOLVING_LOAN,
            "D1",
            dt.date(2021, 7, 1),
            AccountEvidence(
                old=_snap("正常", balance=2000),
                new=_snap("结清", closed_on=dt.date(2024, 4, 30)),
            ),
        ),
        Finding(
            "f9",
            FindingCode.PAID_OFF,
            Severity.INFO,
            CONSUMER,
            "余额已还清",
            Family.REVOLVING_LOAN,
            "R1",
            dt.date(2020, 5, 1),
            AccountEvidence(old=_snap("正常", balance=3000), new=_snap("正常", balance=0)),
        ),
    )


OLD_DATE = dt.datetime(2024, 1, 10, 9, 30)
NEW_DATE = dt.datetime(2024, 7, 15, 10, 12)
TODAY = dt.date(2024, 7, 20)


def pair() -> Comparison:
    """An older and a newer report with a finding of every code."""
    return Comparison(old=report(OLD_DATE, False), new=report(NEW_DATE, True), findings=findings())


def newer_alone() -> Comparison:
    """The newer report alone, with the one finding it can support."""
    only = tuple(f for f in findings() if f.code is FindingCode.SETTLED_NOT_CLOSED)
    return Comparison(old=None, new=report(NEW_DATE, True), findings=only)


def many(count: int) -> Comparison:
    """Many findings, every one at its own long-named institution, to force page flow.

    Each name is its own head institution: branches of one head would share one card."""
    base = findings()
    spread = tuple(
        Finding(
            f"m{n}",
            base[n % len(base)].code,
            base[n % len(base)].severity,
            f"第{n}号{LONG}",
            base[n % len(base)].message,
            base[n % len(base)].family,
            base[n % len(base)].account_id,
            base[n % len(base)].opened,
            base[n % len(base)].evidence,
        )
        for n in range(count)
    )
    return Comparison(old=report(OLD_DATE, False), new=report(NEW_DATE, True), findings=spread)
