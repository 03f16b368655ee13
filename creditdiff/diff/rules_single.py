"""Rules that read what one report says on its own, plus ``removed``.

``overdue_now``, ``negative_record`` and ``query_pressure`` look only at the newer
report, so ``diff NEWER`` gives them; ``removed`` needs the older report. The history
helpers compare two 本人版 repayment grids: months newly overdue (evidence on
``status_worsened``) and overdue months that left the report (good news).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from creditdiff.diff.context import Context, account_finding, describe, report_finding
from creditdiff.errors import UsageError
from creditdiff.evidence import (
    AccountEvidence,
    AccountSnapshot,
    NegativeEvidence,
    OverdueEvidence,
    QueryPressureEvidence,
    QueryWindow,
)
from creditdiff.metrics import APPROVAL_REASONS, in_window, is_overdue_now, report_day
from creditdiff.model import Account, Finding, FindingCode, Month, Settings

#: A negative record leaves the report five years after it ends (征信业管理条例 第十六条).
RETENTION_MONTHS = 60


def add_months(month: Month, count: int) -> Month:
    index = month.year * 12 + month.month - 1 + count
    return Month(index // 12, index % 12 + 1)


def overdue_months(account: Account) -> list[Month]:
    """The months its history shows overdue (codes 1-7), oldest first."""
    return [h.month for h in account.history or () if h.overdue]


def last_overdue(account: Account) -> Month | None:
    months = overdue_months(account)
    return months[-1] if months else None


def expiry(account: Account) -> Month | None:
    """When the account's latest overdue month is due to leave the report."""
    last = last_overdue(account)
    return None if last is None else add_months(last, RETENTION_MONTHS)


def newly_overdue(old: Account, new: Account) -> list[Month]:
    """Months overdue in the newer grid that the older grid shows as not overdue or not
    at all (both must be 本人版 grids)."""
    if old.history is None or new.history is None:
        return []
    before = {h.month: h for h in old.history}
    return [
        h.month
        for h in new.history
        if h.overdue and not (h.month in before and before[h.month].overdue)
    ]


def left_report(old: Account, new: Account) -> list[Month]:
    """Overdue months of the older grid that the newer grid no longer shows."""
    if old.history is None or new.history is None:
        return []
    shown = {h.month for h in new.history}
    return [m for m in overdue_months(old) if m not in shown]


def _amount(value: int | None) -> str:
    return "未知" if value is None else f"{value:,}元"


def overdue_now_rule(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """An account of the newer report that is delinquent now."""
    for account in ctx.new.accounts:
        if not is_overdue_now(account):
            continue
        parts = [f"账户状态{account.status or '未知'}"]
        if account.overdue_amount:
            parts.append(f"当前逾期总额{_amount(account.overdue_amount)}")
        if account.classification and account.classification != "正常":
            parts.append(f"五级分类{account.classification}")
        yield account_finding(
            FindingCode.OVERDUE_NOW,
            account,
            f"{describe(account)}当前逾期：{'，'.join(parts)}",
            OverdueEvidence(
                AccountSnapshot.of(account), account.overdue_months_5y, last_overdue(account)
            ),
        )


def negative_record(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """Overdue months in the last 5 years on an account that is not overdue now."""
    matched = {id(new): old for old, new in ctx.pairs()}
    for account in ctx.new.accounts:
        months = account.overdue_months_5y or 0
        if months <= 0 or is_overdue_now(account):
            continue
        last, expires = last_overdue(account), expiry(account)
        when = "" if expires is None else f"，预计{expires.isoformat()}起不再展示"
        old = matched.get(id(account))
        evidence = NegativeEvidence(
            new=AccountSnapshot.of(account),
            overdue_months_5y=months,
            overdue_90d_months_5y=account.overdue_90d_months_5y,
            last_overdue=last,
            expires=expires,
            left_report=() if old is None else tuple(left_report(old, account)),
        )
        yield account_finding(
            FindingCode.NEGATIVE_RECORD,
            account,
            f"{describe(account)}近5年内有{months}个月逾期记录（现已不逾期）{when}",
            evidence,
        )


_LIMIT_RE = re.compile(r"^(\d+)m:(\d+)$")


def parse_query_limits(text: str) -> tuple[tuple[int, int], ...]:
    """``--query-limits 1m:3,6m:6``: most approval queries allowed per window of N months."""
    limits = []
    for part in text.replace(" ", "").split(","):
        match = _LIMIT_RE.match(part)
        if match is None or not 1 <= int(match[1]) <= 24:
            raise UsageError("--query-limits must look like 1m:3,6m:6 (windows of 1-24 months)")
        limits.append((int(match[1]), int(match[2])))
    return tuple(limits)


def query_pressure(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """More approval queries in a window of the newer report than its limit allows."""
    report = ctx.new
    day = report_day(report)
    if day is None:
        return
    approvals = [q for q in report.queries if q.reason in APPROVAL_REASONS]
    # A window given twice counts once, with the last limit given for it.
    limits = dict(settings.query_limits)
    windows = tuple(
        QueryWindow(months, sum(1 for q in approvals if in_window(q.date, day, months)), limit)
        for months, limit in limits.items()
    )
    over = [w for w in windows if w.over]
    if not over:
        return
    widest = max(limits)
    shown = tuple(q for q in approvals if in_window(q.date, day, widest))
    text = "，".join(f"近{w.months}个月{w.count}次（上限{w.limit}次）" for w in over)
    yield report_finding(
        FindingCode.QUERY_PRESSURE,
        report,
        f"审批类查询过多：{text}",
        QueryPressureEvidence(windows, shown),
    )


def removed(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """An account of the older report gone from the newer one; and, on a matched
    account, overdue months of the older grid that the newer one no longer shows."""
    if ctx.old is None:
        return
    for i in ctx.matching.old_unmatched(ctx.old):
        account = ctx.old.accounts[i]
        yield account_finding(
            FindingCode.REMOVED,
            account,
            f"{describe(account)}在较新报告中已不再出现",
            AccountEvidence(old=AccountSnapshot.of(account)),
        )
    for old, new in ctx.pairs():
        gone = left_report(old, new)
        if gone and not (new.overdue_months_5y or 0):
            yield account_finding(
                FindingCode.REMOVED,
                new,
                f"{describe(new)}的逾期记录（{'、'.join(m.isoformat() for m in gone)}）已不再展示",
                AccountEvidence(AccountSnapshot.of(old), AccountSnapshot.of(new), tuple(gone)),
            )
