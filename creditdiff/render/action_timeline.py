"""A per-account timeline line on the action cards: when records are due to leave.

A negative record leaves the report five years after the bad behaviour ends (征信业管理条例
第十六条): ``negative_record`` evidence carries that month (``expires``). A settled or
closed account is shown with its last five years of repayments, so its
display is expected to end about five years after its closing month; the line says
"预计" because the report does not print that date itself.
"""

from __future__ import annotations

from creditdiff.evidence import NegativeEvidence, snapshots
from creditdiff.model import Month, PartialDate, State, month_of
from creditdiff.render.action_plan import AccountGroup
from creditdiff.wording import Wording

#: Months a record stays on the report after it ends.
RETENTION_MONTHS = 60
_ENDED_STATES = frozenset({State.SETTLED, State.CLOSED})


def _plus(month: Month, months: int) -> Month:
    index = month.year * 12 + month.month - 1 + months
    return Month(index // 12, index % 12 + 1)


def _closed_on(group: AccountGroup) -> PartialDate | None:
    """The closing date of the account as the newest report shows it (an account closed
    before and open again has none)."""
    for row in group.rows:
        old, new = snapshots(row.finding.evidence)
        snapshot = new or old
        if snapshot is not None and snapshot.state in _ENDED_STATES and snapshot.closed_on:
            return snapshot.closed_on
    return None


def timeline_text(group: AccountGroup, wording: Wording) -> str | None:
    """``时间表：…`` for the account of a card group, or None when there is nothing to say."""
    parts = []
    for row in group.rows:
        evidence = row.finding.evidence
        if isinstance(evidence, NegativeEvidence) and evidence.expires and evidence.last_overdue:
            last, expires = evidence.last_overdue.isoformat(), evidence.expires.isoformat()
            parts.append(wording.text("timeline.negative", last=last, expires=expires))
    closed = _closed_on(group)
    if closed is not None:
        ends = _plus(month_of(closed), RETENTION_MONTHS).isoformat()
        parts.append(wording.text("timeline.settled", closed=closed.isoformat(), ends=ends))
    if not parts:
        return None
    return wording.text("timeline.heading") + "；".join(parts)
