"""What the action report says, worked out from a Comparison before any drawing.

``plan_actions`` groups findings into one card per institution, tells each institution's
kind from its name, picks the re-check date and counts the open lines for the cover
chart. It returns plain records; ``action_pdf`` turns them into reportlab flowables.

Re-check rule: six months after the newer report's date. When a finding's template asks
for sooner (``recheck_days``, e.g. 30 for a dispute: the answer is due within 20 days of
receipt, 条例第二十五条), that many days after the newer report's date. The date follows
from the report, never from the day the PDF is made; only a report that prints no date
falls back to that day. A date already past is printed as it is, with a note to check now.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from creditdiff.diff.groups import group_by_institution
from creditdiff.diff.registry import POSITION
from creditdiff.model import (
    Comparison,
    Family,
    Finding,
    FindingCode,
    Report,
    ReportFormat,
    Settings,
    Severity,
)
from creditdiff.render.action_evidence import evidence_lines, since
from creditdiff.render.action_pending import Pending, pending_closure
from creditdiff.text import mask_id
from creditdiff.wording import InstitutionKind, Wording

DEFAULT_RECHECK_MONTHS = 6

#: Families drawn on the cover chart: the lines and cards that stay open once paid off.
CHART_FAMILIES = (
    Family.REVOLVING_SUB_ACCOUNT,
    Family.REVOLVING_LOAN,
    Family.CREDIT_CARD,
    Family.SEMI_CREDIT_CARD,
)


@dataclass(frozen=True)
class ReportSide:
    """One report as the cover names it."""

    date: dt.date | None
    number: str | None
    #: A 简版: it prints no limits, balances or dates.
    simple: bool = False


@dataclass(frozen=True)
class FindingRow:
    """One finding with what the table and the card print about it."""

    finding: Finding
    title: str
    since: str | None
    #: ``label: old → new`` lines of the evidence.
    evidence: tuple[tuple[str, str], ...]
    #: A closure the person logged that is still within its grace period.
    pending: Pending | None = None


@dataclass(frozen=True)
class AccountGroup:
    """The findings about one account (or one query) on a card, with their evidence
    merged: several rules citing the same snapshot print it once."""

    rows: tuple[FindingRow, ...]
    evidence: tuple[tuple[str, str], ...]

    @property
    def first(self) -> Finding:
        return self.rows[0].finding


@dataclass(frozen=True)
class InstitutionCard:
    institution: str
    kind: InstitutionKind
    worst: Severity
    rows: tuple[FindingRow, ...]
    groups: tuple[AccountGroup, ...]
    #: The finding-specific checklist, deduplicated, in the rows' order.
    actions: tuple[str, ...]
    cancel: bool
    dispute: bool
    #: "如果…就…" branches per finding title, deduplicated: only one of a title's
    #: (condition, what to do) pairs applies; two titles are two separate decisions.
    branches: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = ()


@dataclass(frozen=True)
class ActionPlan:
    subject_name: str | None
    masked_id: str | None
    old: ReportSide | None
    new: ReportSide
    counts: Mapping[Severity, int]
    #: family -> (open in the older report or None, open in the newer report)
    open_lines: Mapping[Family, tuple[int | None, int]]
    rows: tuple[FindingRow, ...]
    cards: tuple[InstitutionCard, ...]
    #: The incomplete_read findings: parts of a report that were not read.
    incomplete: tuple[Finding, ...]
    recheck: dt.date
    #: Days after the newer report when a finding asked for a sooner re-check, else None.
    recheck_days: int | None
    today: dt.date

    @property
    def recheck_past(self) -> bool:
        """The re-check date is already past on the day the PDF is made."""
        return self.recheck < self.today


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Aug 31 + 6 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _side(report: Report) -> ReportSide:
    day = None if report.generated_at is None else report.generated_at.date()
    return ReportSide(date=day, number=report.number, simple=report.format is ReportFormat.SIMPLE)


def _open_count(report: Report, family: Family) -> int:
    return sum(1 for a in report.accounts if a.family is family and a.state.is_open)


def _order(finding: Finding) -> tuple[int, str, int]:
    return (-finding.severity.rank, finding.institution, POSITION[finding.code])


def _account_key(finding: Finding) -> tuple[object, ...]:
    if finding.family is None:
        # A query finding stands alone: two queries are two events.
        return ("finding", finding.id)
    return (finding.family, finding.account_id, finding.opened)


def _groups(rows: list[FindingRow]) -> tuple[AccountGroup, ...]:
    grouped: dict[tuple[object, ...], list[FindingRow]] = {}
    for row in rows:
        grouped.setdefault(_account_key(row.finding), []).append(row)
    return tuple(
        AccountGroup(
            rows=tuple(members),
            evidence=tuple(dict.fromkeys(line for row in members for line in row.evidence)),
        )
        for members in grouped.values()
    )


def _card(institution: str, rows: list[FindingRow], wording: Wording) -> InstitutionCard:
    # A closure already asked for (within its grace period) is not asked for again.
    texts = [wording.findings[row.finding.code] for row in rows if row.pending is None]
    actions = tuple(dict.fromkeys(action for text in texts for action in text.actions))
    branches = tuple(dict.fromkeys((text.title, text.branches) for text in texts if text.branches))
    return InstitutionCard(
        institution=institution,
        kind=wording.classify(institution),
        worst=max((row.finding.severity for row in rows), key=lambda s: s.rank),
        rows=tuple(rows),
        groups=_groups(rows),
        actions=actions,
        cancel=any(text.cancel for text in texts),
        dispute=any(text.dispute for text in texts),
        branches=branches,
    )


def recheck_date(
    report_day: dt.date | None, asked: list[int | None], today: dt.date
) -> tuple[dt.date, int | None]:
    """The re-check date and, when a finding asked for sooner, its number of days: six
    months after the newer report, or ``min(asked)`` days after it when that is sooner.
    ``today`` stands in only for a report that prints no date."""
    base = report_day or today
    date = add_months(base, DEFAULT_RECHECK_MONTHS)
    days = min((d for d in asked if d is not None), default=None)
    if days is not None and base + dt.timedelta(days=days) < date:
        # A dispute is answered within 20 days of receipt: check soon after that.
        return base + dt.timedelta(days=days), days
    return date, None


def plan_actions(
    comparison: Comparison, wording: Wording, today: dt.date, settings: Settings | None = None
) -> ActionPlan:
    """Everything the action report prints, as plain records; ``settings`` (the closure
    log and grace period of the run) lets a card acknowledge a closure already asked for."""
    new = comparison.new
    findings = tuple(sorted(comparison.findings, key=_order))
    report_day = None if new.generated_at is None else new.generated_at.date()
    rows = tuple(
        FindingRow(
            finding=f,
            title=wording.findings[f.code].title,
            since=since(f, report_day),
            evidence=evidence_lines(f.evidence, wording),
            pending=pending_closure(f, settings, report_day),
        )
        for f in findings
    )
    row_of = {id(row.finding): row for row in rows}
    cards = tuple(
        _card(name, [row_of[id(f)] for f in group], wording)
        for name, group in group_by_institution(findings)
        # A finding about the whole report (institution "") has no lender to call.
        if name
    )
    new_side = _side(new)
    # A closure within its grace period asks for no sooner re-check than the default.
    asked = [wording.findings[row.finding.code].recheck_days for row in rows if not row.pending]
    recheck, recheck_days = recheck_date(new_side.date, asked, today)
    old = comparison.old
    return ActionPlan(
        subject_name=new.subject_name,
        # Parsers mask already; masking again keeps a full number out of the PDF whatever
        # built the Report (a hand-written JSON, a future parser).
        masked_id=mask_id(new.id_number),
        old=None if old is None else _side(old),
        new=new_side,
        counts={s: sum(1 for f in findings if f.severity is s) for s in Severity},
        open_lines={
            family: (None if old is None else _open_count(old, family), _open_count(new, family))
            for family in CHART_FAMILIES
        },
        rows=rows,
        cards=cards,
        incomplete=tuple(f for f in findings if f.code is FindingCode.INCOMPLETE_READ),
        recheck=recheck,
        recheck_days=recheck_days,
        today=today,
    )


__all__ = [
    "AccountGroup",
    "ActionPlan",
    "FindingRow",
    "InstitutionCard",
    "ReportSide",
    "add_months",
    "evidence_lines",
    "plan_actions",
    "recheck_date",
]
