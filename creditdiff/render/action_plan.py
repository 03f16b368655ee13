"""What the action report says, worked out from a Comparison before any drawing.

``plan_actions`` groups findings into one card per institution, tells each institution's
kind from its name, picks the re-check date and counts the open lines for the cover
chart. It returns plain records; ``action_pdf`` turns them into reportlab flowables.

Re-check rule: six months after the newer report's date; a date already past (an old
newer report) becomes the day the action report is made. When a finding's template asks
for sooner (``recheck_days``, e.g. 30 for a dispute: the answer is due within 20 days of
receipt, 条例第二十五条), the date is that many days after the day the report is made,
whenever that is earlier than the default date or the default date is already past.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from creditdiff.diff.groups import group_by_institution
from creditdiff.diff.registry import POSITION
from creditdiff.model import Comparison, Family, Finding, FindingCode, Report, Severity
from creditdiff.render.action_evidence import evidence_lines, since
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


@dataclass(frozen=True)
class FindingRow:
    """One finding with what the table and the card print about it."""

    finding: Finding
    title: str
    since: str | None
    #: ``label: old → new`` lines of the evidence.
    evidence: tuple[tuple[str, str], ...]


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
    #: Days after ``today`` when a finding asked for a sooner re-check, else None.
    recheck_days: int | None
    today: dt.date


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, clamped to the month's end (Aug 31 + 6 -> Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _side(report: Report) -> ReportSide:
    day = None if report.generated_at is None else report.generated_at.date()
    return ReportSide(date=day, number=report.number)


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
    texts = [wording.findings[row.finding.code] for row in rows]
    actions = tuple(dict.fromkeys(action for text in texts for action in text.actions))
    return InstitutionCard(
        institution=institution,
        kind=wording.classify(institution),
        worst=max((row.finding.severity for row in rows), key=lambda s: s.rank),
        rows=tuple(rows),
        groups=_groups(rows),
        actions=actions,
        cancel=any(text.cancel for text in texts),
        dispute=any(text.dispute for text in texts),
    )


def _recheck(
    new: ReportSide, findings: tuple[Finding, ...], wording: Wording, today: dt.date
) -> tuple[dt.date, int | None]:
    date = add_months(new.date or today, DEFAULT_RECHECK_MONTHS)
    asked = [wording.findings[f.code].recheck_days for f in findings]
    days = min((d for d in asked if d is not None), default=None)
    if days is not None:
        sooner = today + dt.timedelta(days=days)
        # A dispute filed now is answered within 20 days: re-checking before then (or
        # today, when the default date is already past) would show nothing new.
        if sooner < date or date <= today:
            return sooner, days
    return max(date, today), None


def plan_actions(comparison: Comparison, wording: Wording, today: dt.date) -> ActionPlan:
    """Everything the action report prints, as plain records."""
    new = comparison.new
    findings = tuple(sorted(comparison.findings, key=_order))
    rows = tuple(
        FindingRow(
            finding=f,
            title=wording.findings[f.code].title,
            since=since(f, None if new.generated_at is None else new.generated_at.date()),
            evidence=evidence_lines(f.evidence, wording),
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
    recheck, recheck_days = _recheck(new_side, findings, wording, today)
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
]
