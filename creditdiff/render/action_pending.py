"""Closures the person already asked for and that are still within their grace period.

A lender reports a cancellation some weeks after it is done; the closure log row of a
request made less than ``grace_days`` before the newer report is not a problem yet (no
``closure_not_reflected``), but the account still shows as open, so ``settled_not_closed``
fires for it. The card then acknowledges the request ("已于…申请，…后再核对") instead of
asking the person to cancel the account a second time.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from creditdiff.diff.identity import dates_compatible, ids_relation, institution_key
from creditdiff.model import ClosureRequest, Finding, FindingCode, Settings
from creditdiff.text import parse_date

#: The findings a pending closure answers: the account is paid off and not closed yet.
ANSWERED = frozenset({FindingCode.SETTLED_NOT_CLOSED, FindingCode.PAID_OFF})


@dataclass(frozen=True)
class Pending:
    """A logged closure request still within its grace period."""

    requested_on: dt.date
    #: The day after which the report should show the account closed.
    check_after: dt.date
    grace_days: int


def _covers(request: ClosureRequest, finding: Finding) -> bool:
    """Whether the closure log row names the finding's account (or its whole institution)."""
    if institution_key(request.institution) != institution_key(finding.institution):
        return False
    if request.account is None:
        return True
    if finding.account_id and ids_relation(request.account, finding.account_id) == 1:
        return True
    try:
        day = parse_date(request.account)
    except ValueError:
        return False
    return day is not None and dates_compatible(day, finding.opened) is True


def pending_closure(
    finding: Finding, settings: Settings | None, report_day: dt.date | None
) -> Pending | None:
    """The latest logged request covering ``finding`` made less than the grace period
    before the newer report (so not yet overdue for reporting), or None."""
    if settings is None or report_day is None or finding.code not in ANSWERED:
        return None
    found: Pending | None = None
    for request in settings.closures:
        waited = (report_day - request.requested_on).days
        if waited >= settings.grace_days or not _covers(request, finding):
            continue
        if found is None or request.requested_on > found.requested_on:
            after = request.requested_on + dt.timedelta(days=settings.grace_days)
            found = Pending(request.requested_on, after, settings.grace_days)
    return found


__all__ = ["ANSWERED", "Pending", "pending_closure"]
