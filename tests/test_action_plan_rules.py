"""The action plan's rules, before any drawing: branches, grace period, re-check date, tails."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from creditdiff.evidence import AccountEvidence, AccountSnapshot
from creditdiff.model import (
    Account,
    ClosureRequest,
    Family,
    Finding,
    FindingCode,
    Settings,
    Severity,
)
from creditdiff.output.account_tail import account_tail
from creditdiff.render.action_plan import plan_actions, recheck_date
from creditdiff.wording import Wording, WordingError, load_wording
from tests import action_sample as sample

REPORT_DAY = sample.NEW_DATE.date()


@pytest.fixture(scope="module")
def wording() -> Wording:
    """The shipped templates."""
    return load_wording()


def _closure(requested: dt.date, account: str | None = "1234") -> Settings:
    return Settings(closures=(ClosureRequest(sample.BANK, requested, account, line=2),))


def test_closure_within_grace_is_acknowledged_not_requested_again(wording: Wording) -> None:
    """A closure logged 14 days before the newer report makes the paid-off card pending:
    its card no longer asks to cancel it, and says when to check."""
    settings = _closure(REPORT_DAY - dt.timedelta(days=14))
    plan = plan_actions(sample.newer_alone(), wording, sample.TODAY, settings)
    card = next(c for c in plan.cards if c.institution == sample.BANK)
    row = card.rows[0]
    assert row.pending is not None
    assert row.pending.requested_on == REPORT_DAY - dt.timedelta(days=14)
    assert row.pending.check_after == REPORT_DAY - dt.timedelta(days=14) + dt.timedelta(days=60)
    settled = wording.findings[FindingCode.SETTLED_NOT_CLOSED]
    assert not set(settled.actions) & set(card.actions)
    assert not card.cancel


@pytest.mark.parametrize(
    ("days_before", "account"),
    [(60, "1234"), (200, "1234"), (14, "9999")],
    ids=["grace-just-over", "long-ago", "other-account"],
)
def test_closure_past_grace_or_of_another_account_is_not_pending(
    wording: Wording, days_before: int, account: str
) -> None:
    """A request as old as the grace period, or naming another card, acknowledges nothing."""
    settings = _closure(REPORT_DAY - dt.timedelta(days=days_before), account)
    plan = plan_actions(sample.newer_alone(), wording, sample.TODAY, settings)
    card = next(c for c in plan.cards if c.institution == sample.BANK)
    assert card.rows[0].pending is None
    assert card.cancel


def test_recheck_date_counts_from_the_newer_report() -> None:
    """Six months after the report, or the sooner days asked for; today only without a date."""
    today = dt.date(2026, 12, 2)
    assert recheck_date(dt.date(2024, 7, 20), [None], today) == (dt.date(2025, 1, 20), None)
    assert recheck_date(dt.date(2024, 7, 20), [None, 30], today) == (dt.date(2024, 8, 19), 30)
    assert recheck_date(dt.date(2024, 8, 31), [], today) == (dt.date(2025, 2, 28), None)
    assert recheck_date(None, [30], today) == (today + dt.timedelta(days=30), 30)


def test_branches_are_not_checklist_items(wording: Wording) -> None:
    """Every card's "如果…就…" branches come from its templates, grouped per finding (one
    decision each), and never sit among its tick boxes, so no ticked items contradict."""
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    with_branches = [card for card in plan.cards if card.branches]
    assert with_branches
    for card in plan.cards:
        texts = [wording.findings[row.finding.code] for row in card.rows if row.pending is None]
        expected = {(text.title, text.branches) for text in texts if text.branches}
        assert set(card.branches) == expected
        conditions = {condition for _, group in card.branches for condition, _ in group}
        assert not any(item.startswith(tuple(conditions)) for item in card.actions if conditions)
    closure = wording.findings[FindingCode.CLOSURE_NOT_REFLECTED]
    assert len(closure.branches) == 2


def test_branches_template_must_be_if_then_pairs(tmp_path: object) -> None:
    """A ``branches`` entry that is not an {if, then} pair fails when the templates load."""
    from pathlib import Path

    folder = Path(str(tmp_path)) / "templates"
    (folder / "findings").mkdir(parents=True)
    (folder / "findings" / "paid_off.yaml").write_text(
        "explain: 还清了。\nactions:\n  - 保存结清证明。\nbranches:\n  - 如果不用就注销\n"
        "cancel: false\ndispute: false\nrecheck_days: null\n",
        encoding="utf-8",
    )
    with pytest.raises(WordingError, match="branches"):
        load_wording(folder)


def _snapshot(amount: int) -> AccountSnapshot:
    return AccountSnapshot.of(Account(Family.CREDIT_CARD, sample.BANK, amount=amount))


def test_account_tail_names_tail_and_limit() -> None:
    """A card finding carries its tail number and limit, a loan its amount, a query none."""
    card = Finding(
        "t1",
        FindingCode.SETTLED_NOT_CLOSED,
        Severity.MEDIUM,
        sample.BANK,
        "贷记卡已无欠款，但仍未销户",
        Family.CREDIT_CARD,
        "E0000200907788",
        dt.date(2020, 9, 1),
        AccountEvidence(new=_snapshot(15000)),
    )
    assert account_tail(card) == "尾号7788，额度15,000"
    loan = dataclasses.replace(
        card, family=Family.NON_REVOLVING_LOAN, evidence=AccountEvidence(old=_snapshot(50000))
    )
    assert account_tail(loan) == "尾号7788，金额50,000"
    assert account_tail(dataclasses.replace(card, account_id=None)) == "额度15,000"
    query = dataclasses.replace(card, family=None, account_id=None, evidence=None)
    assert account_tail(query) is None
