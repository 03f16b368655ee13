"""The finding rules: one small function per finding code, one signature.

Each rule is ``(Context, Settings) -> Iterable[Finding]`` and is named by its code's
record in ``registry``. ``Context`` (see ``context``) holds the two reports and how their records
were matched. Rules that need an older report return nothing when there is none, so the
newer report alone yields only ``settled_not_closed`` and ``closure_not_reflected``.
"""

from __future__ import annotations

from collections.abc import Iterator

from creditdiff.diff.context import (
    FAMILY_LABELS,
    Context,
    Rule,
    account_finding,
    agreement_finding,
    describe,
    query_finding,
    status_text,
    with_status,
)
from creditdiff.diff.identity import dates_compatible, ids_relation, institution_key
from creditdiff.diff.rules_single import newly_overdue
from creditdiff.evidence import (
    AccountEvidence,
    AccountSnapshot,
    AgreementEvidence,
    ClosureEvidence,
    QueryEvidence,
    ReappearedEvidence,
    WorsenedEvidence,
)
from creditdiff.metrics import APPROVAL_REASONS, POST_LOAN_REASONS
from creditdiff.model import (
    CLASSIFICATION_ORDER,
    Account,
    ClosureRequest,
    Family,
    Finding,
    FindingCode,
    Report,
    Settings,
    State,
)
from creditdiff.text import parse_date, squash

#: open < suspended < delinquent < written_off; an unactivated card ranks as open.
STATE_RANK = {
    State.OPEN: 0,
    State.INACTIVE: 0,
    State.SUSPENDED: 1,
    State.DELINQUENT: 2,
    State.WRITTEN_OFF: 3,
}
#: Lines that stay open after they are paid off: loans end 结清 and cards 销户,
#: so a paid-off line or card still shows 正常 with nothing owed.
LINE_FAMILIES = frozenset({Family.REVOLVING_LOAN, Family.CREDIT_CARD, Family.SEMI_CREDIT_CARD})


def _both(old: Account, new: Account) -> AccountEvidence:
    """A matched account as the older and the newer report show it."""
    return AccountEvidence(old=AccountSnapshot.of(old), new=AccountSnapshot.of(new))


def settled_not_closed(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """A line paid off but still open in the newer report; an idle in-force agreement."""
    for account in ctx.new.accounts:
        if account.family not in LINE_FAMILIES:
            continue
        owed = account.outstanding
        # An unactivated card (简版 ``尚未激活``) prints no 已使用额度: nothing is owed on it.
        idle = owed == 0 or (account.state is State.INACTIVE and owed is None)
        if account.state in (State.OPEN, State.INACTIVE) and idle:
            what = "尚未激活" if account.state is State.INACTIVE else "已无欠款"
            yield account_finding(
                FindingCode.SETTLED_NOT_CLOSED,
                account,
                f"{describe(account)}{what}，但仍未销户",
                AccountEvidence(new=AccountSnapshot.of(account)),
            )
    for agreement in ctx.new.credit_agreements:
        if not ctx.in_force(agreement):
            continue
        under = ctx.accounts_under(agreement)
        if under and all(a.state is State.SETTLED for a in under):
            yield agreement_finding(
                FindingCode.SETTLED_NOT_CLOSED,
                agreement,
                f"{agreement.institution}的授信协议仍在有效期内，"
                f"其下{len(under)}个账户均已结清，但授信额度仍未关闭",
                AgreementEvidence(agreement, tuple(under)),
            )


def reappeared(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """Settled/closed in the older report, open in the newer; or a new open account at
    an institution whose older accounts were all settled or closed."""
    for old, new in ctx.pairs():
        if old.state in (State.SETTLED, State.CLOSED) and new.state.is_open:
            yield account_finding(
                FindingCode.REAPPEARED,
                new,
                f"{describe(new)}在较早报告中已{status_text(old)}，较新报告中又为{status_text(new)}",
                _both(old, new),
            )
    if ctx.old is None:
        return
    by_institution: dict[str, list[Account]] = {}
    for account in ctx.old.accounts:
        if account.family is not Family.GUARANTEE:
            by_institution.setdefault(institution_key(account.institution), []).append(account)
    for new in ctx.new_only():
        if not new.state.is_open or new.family is Family.GUARANTEE:
            continue
        before = by_institution.get(institution_key(new.institution), [])
        if before and all(a.state in (State.SETTLED, State.CLOSED) for a in before):
            yield account_finding(
                FindingCode.REAPPEARED,
                new,
                f"{new.institution}在较早报告中的账户均已结清或销户，"
                f"较新报告中又出现{describe(new)}{with_status(new)}",
                ReappearedEvidence(new=AccountSnapshot.of(new), old_accounts=tuple(before)),
            )


def _covers(request: ClosureRequest, account: Account) -> bool:
    if institution_key(request.institution) != institution_key(account.institution):
        return False
    if request.account is None:
        return True
    if ids_relation(request.account, account.account_id) == 1 and account.account_id:
        return True
    try:
        day = parse_date(request.account)
    except ValueError:
        return False
    return dates_compatible(day, account.opened) is True


def closure_not_reflected(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """An account the closure log says was cancelled long enough ago is still open."""
    day = ctx.report_day
    if day is None:
        return
    seen: set[int] = set()
    seen_agreements: set[int] = set()
    for request in settings.closures:
        waited = (day - request.requested_on).days
        if waited < settings.grace_days:
            continue
        for index, account in ctx.accounts_at(institution_key(request.institution)):
            if index in seen or not account.state.is_open or not _covers(request, account):
                continue
            seen.add(index)
            yield account_finding(
                FindingCode.CLOSURE_NOT_REFLECTED,
                account,
                f"已于{request.requested_on.isoformat()}申请注销（距报告{waited}天），"
                f"{describe(account)}仍为{status_text(account)}",
                ClosureEvidence(
                    request, waited, settings.grace_days, new=AccountSnapshot.of(account)
                ),
            )
        yield from _agreements_not_closed(ctx, settings, request, waited, seen_agreements)


def _agreements_not_closed(
    ctx: Context, settings: Settings, request: ClosureRequest, waited: int, seen: set[int]
) -> Iterator[Finding]:
    """A 授信协议 still in force after a closure request covering it.

    Only when none of its accounts is open: an open account is reported on its own.
    """
    for index, agreement in ctx.agreements_at(institution_key(request.institution)):
        if index in seen or not ctx.in_force(agreement):
            continue
        if request.account is not None and (
            ids_relation(request.account, agreement.agreement_id) != 1
            or agreement.agreement_id is None
        ):
            continue
        if any(a.state.is_open for a in ctx.accounts_under(agreement)):
            continue
        seen.add(index)
        yield agreement_finding(
            FindingCode.CLOSURE_NOT_REFLECTED,
            agreement,
            f"已于{request.requested_on.isoformat()}申请注销（距报告{waited}天），"
            f"{agreement.institution}的授信协议仍在有效期内",
            ClosureEvidence(request, waited, settings.grace_days, agreement=agreement),
        )


def _names_agreement(new: Report, request: ClosureRequest) -> bool:
    key = institution_key(request.institution)
    return any(institution_key(a.institution) == key for a in new.credit_agreements)


def closure_notices(new: Report, settings: Settings) -> list[str]:
    """Closure-log rows naming an account the newer report does not have (a typo?)."""
    notices = []
    by_institution: dict[str, list[Account]] = {}
    if settings.closures:
        for a in new.accounts:
            by_institution.setdefault(institution_key(a.institution), []).append(a)
    for request in settings.closures:
        at_institution = by_institution.get(institution_key(request.institution), [])
        if not at_institution and not _names_agreement(new, request):
            notices.append(
                f"注销记录表第{request.line}行（{request.institution}）："
                "报告中没有这家机构，请核对机构名称"
            )
            continue
        if request.account is None:
            continue
        if at_institution and not any(_covers(request, a) for a in at_institution):
            notices.append(
                f"关闭记录第{request.line}行指定的账户在较新报告的{request.institution}名下找不到"
            )
    return notices


def new_account(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """An account of the newer report with no counterpart in the older one."""
    for account in ctx.new_only():
        yield account_finding(
            FindingCode.NEW_ACCOUNT,
            account,
            f"新出现{describe(account)}{with_status(account)}",
            AccountEvidence(new=AccountSnapshot.of(account)),
        )


def _ongoing(ctx: Context, key: str) -> bool:
    """Whether the newer report still shows a relationship with an institution."""
    for _, account in ctx.accounts_at(key):
        # A guarantee or an account of unknown state counts as ongoing: a lender may
        # legitimately watch it, so a query is not evidence of anything.
        if account.state.is_open or account.state is State.UNKNOWN:
            return True
    return any(ctx.in_force(a) for _, a in ctx.agreements_at(key))


def post_closure_query(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """A 贷后管理/保后管理 query after the older report by an institution with nothing open."""
    for query in ctx.new_queries():
        if squash(query.reason, fold_width=True) not in POST_LOAN_REASONS:
            continue
        if _ongoing(ctx, institution_key(query.institution)):
            continue
        yield query_finding(
            FindingCode.POST_CLOSURE_QUERY,
            f"{query.institution}于{query.date.isoformat()}以“{query.reason}”查询了报告，"
            "而较新报告中该机构名下已无未结清/未销户账户",
            QueryEvidence(query, open_accounts_at_institution=0),
        )


def new_hard_inquiry(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """An approval-type query dated after the older report."""
    for query in ctx.new_queries():
        if squash(query.reason, fold_width=True) not in APPROVAL_REASONS:
            continue
        yield query_finding(
            FindingCode.NEW_HARD_INQUIRY,
            f"{query.institution}于{query.date.isoformat()}以“{query.reason}”查询了报告",
            QueryEvidence(query),
        )


def _classification_rank(value: str | None) -> int | None:
    if value is None or value not in CLASSIFICATION_ORDER:
        return None
    return CLASSIFICATION_ORDER.index(value)


def worsening(old: Account, new: Account) -> list[str]:
    """What got worse between two matched accounts, in words (empty when nothing)."""
    worse = []
    before, after = STATE_RANK.get(old.state), STATE_RANK.get(new.state)
    if before is not None and after is not None and after > before:
        worse.append(f"账户状态{status_text(old)}→{status_text(new)}")
    before, after = (
        _classification_rank(old.classification),
        _classification_rank(new.classification),
    )
    if before is not None and after is not None and after > before:
        worse.append(f"五级分类{old.classification}→{new.classification}")
    # An unprinted 当前逾期总额 (the 简版) is unknown, not zero: no basis for "rose".
    if (
        old.overdue_amount is not None
        and new.overdue_amount is not None
        and new.overdue_amount > old.overdue_amount
    ):
        worse.append("当前逾期总额上升")
    return worse


def status_worsened(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """A matched account's state, 五级分类 or 当前逾期总额 got worse."""
    for old, new in ctx.pairs():
        worse = worsening(old, new)
        # Two 本人版 grids: months overdue now that the older grid showed otherwise.
        months = newly_overdue(old, new)
        if months:
            worse.append(f"还款记录新增{len(months)}个逾期月份")
        if worse:
            evidence = WorsenedEvidence(
                AccountSnapshot.of(old), AccountSnapshot.of(new), tuple(worse), tuple(months)
            )
            yield account_finding(
                FindingCode.STATUS_WORSENED, new, f"{describe(new)}：{'，'.join(worse)}", evidence
            )


def closed(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """A matched account went from open to settled or closed."""
    for old, new in ctx.pairs():
        if old.state.is_open and new.state in (State.SETTLED, State.CLOSED):
            yield account_finding(
                FindingCode.CLOSED,
                new,
                f"{describe(new)}已{status_text(new)}",
                _both(old, new),
            )


def paid_off(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """A matched account's balance (cards: amount used) went from above 0 to 0."""
    for old, new in ctx.pairs():
        before, after = old.outstanding, new.outstanding
        if before is not None and before > 0 and after == 0:
            yield account_finding(
                FindingCode.PAID_OFF,
                new,
                f"{describe(new)}欠款已还清",
                _both(old, new),
            )


__all__ = ["FAMILY_LABELS", "Context", "Rule", "closure_notices"]
