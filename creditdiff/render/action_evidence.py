"""A finding's evidence as the action cards print it: ``(label, value)`` lines.

Account snapshots print what changed between the two reports (and the status); the
other records print one line per value they hold, labelled by ``report.yaml``'s
``evidence`` keys. Values the report does not print are left out; the closure log's
line number, the grace period (the card says it in words) and the card's own
institution are bookkeeping and are not printed.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable, Iterator
from dataclasses import fields

from creditdiff.evidence import (
    AccountEvidence,
    AccountSnapshot,
    AgreementEvidence,
    ClosureEvidence,
    Evidence,
    NegativeEvidence,
    OverdueEvidence,
    QueryEvidence,
    QueryPressureEvidence,
    ReadEvidence,
    ReappearedEvidence,
    WorsenedEvidence,
    snapshots,
)
from creditdiff.model import CreditAgreement, Finding, Month, Query
from creditdiff.wording import Wording

Line = tuple[str, str]
#: (evidence key, value) pairs; a None value is not printed.
Pairs = Iterable[tuple[str, object]]
_SNAPSHOT_FIELDS = tuple(f.name for f in fields(AccountSnapshot))


def format_value(value: object, wording: Wording) -> str:
    """An evidence value as printed: amounts with separators, ``--`` for none."""
    if value is None or value == "":
        return wording.text("cards.no_value")
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, tuple):
        return "、".join(format_value(item, wording) for item in value)
    if isinstance(value, (dt.date, Month)):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return wording.label("evidence_values", str(value.value))
    return wording.label("evidence_values", str(value))


def _snapshot_lines(
    old: AccountSnapshot | None, new: AccountSnapshot | None, wording: Wording
) -> list[Line]:
    """What changed between two snapshots, and the status; or one snapshot's values."""
    lines = []
    status_printed = (old is not None and old.status) or (new is not None and new.status)
    for key in _SNAPSHOT_FIELDS:
        a = None if old is None else getattr(old, key)
        b = None if new is None else getattr(new, key)
        # ``state`` is derived from ``status``: printing both says the same thing twice.
        if key == "state" and status_printed:
            continue
        if old is not None and new is not None:
            # 截至 dates always differ between two reports: they prove nothing.
            if (a is None and b is None) or (a == b and key != "status") or key == "as_of":
                continue
            if a == b:
                # The status, unchanged: say so instead of "正常 → 正常".
                text = f"{format_value(b, wording)}（两份报告相同）"
            elif a is None:
                # A 简版 does not print limits, balances or dates: "--" would look like zero.
                text = f"较早报告未载明 → {format_value(b, wording)}"
            else:
                text = f"{format_value(a, wording)} → {format_value(b, wording)}"
        else:
            value = b if new is not None else a
            if value is None:
                continue
            text = format_value(value, wording)
        lines.append((wording.label("evidence", key), text))
    return lines


def _lines(pairs: Pairs, wording: Wording) -> Iterator[Line]:
    for key, value in pairs:
        if value is not None and value != ():
            yield wording.label("evidence", key), format_value(value, wording)


def _joined(pairs: Pairs, wording: Wording) -> str:
    """One listed record in one value: ``账户标识 S1；账户状态 结清``."""
    return "；".join(f"{label} {value}" for label, value in _lines(pairs, wording))


def _agreement(agreement: CreditAgreement) -> Pairs:
    return (
        ("agreement_id", agreement.agreement_id),
        ("effective", agreement.effective),
        ("due", agreement.due),
        ("limit", agreement.limit),
        ("used", agreement.used),
        ("purpose", agreement.purpose),
    )


def _query(query: Query, *, institution: bool) -> Pairs:
    named = (("institution", query.institution),) if institution else ()
    return (("date", query.date), *named, ("reason", query.reason), ("kind", query.kind))


def _pairs(evidence: Evidence | None, wording: Wording) -> Pairs:
    """The evidence's values beside its account snapshots, in the diff JSON's order."""
    if isinstance(evidence, AccountEvidence):
        return (("left_report", evidence.left_report),)
    if isinstance(evidence, AgreementEvidence):
        accounts = " / ".join(
            _joined(
                (("account_id", a.account_id), ("status", a.status), ("closed_on", a.closed_on)),
                wording,
            )
            for a in evidence.accounts
        )
        return (*_agreement(evidence.agreement), ("accounts", accounts))
    if isinstance(evidence, ReappearedEvidence):
        earlier = " / ".join(
            _joined(
                (
                    ("family", wording.label("family", a.family.value)),
                    ("opened", a.opened),
                    ("status", a.status),
                    ("closed_on", a.closed_on),
                ),
                wording,
            )
            for a in evidence.old_accounts
        )
        return (("old_accounts", earlier),)
    if isinstance(evidence, ClosureEvidence):
        request = evidence.closure
        return (
            *(() if evidence.agreement is None else _agreement(evidence.agreement)),
            ("requested_on", request.requested_on),
            ("account", request.account),
            ("note", request.note),
            ("days_since_request", evidence.days_since_request),
        )
    if isinstance(evidence, QueryEvidence):
        return (
            *_query(evidence.query, institution=False),
            ("open_accounts_at_institution", evidence.open_accounts_at_institution),
        )
    if isinstance(evidence, WorsenedEvidence):
        return (("worse", evidence.worse), ("newly_overdue_months", evidence.newly_overdue_months))
    if isinstance(evidence, OverdueEvidence):
        return (
            ("overdue_months_5y", evidence.overdue_months_5y),
            ("last_overdue", evidence.last_overdue),
        )
    if isinstance(evidence, NegativeEvidence):
        return (
            ("overdue_months_5y", evidence.overdue_months_5y),
            ("overdue_90d_months_5y", evidence.overdue_90d_months_5y),
            ("last_overdue", evidence.last_overdue),
            ("expires", evidence.expires),
            ("left_report", evidence.left_report),
        )
    if isinstance(evidence, QueryPressureEvidence):
        windows = evidence.windows
        shown = evidence.queries
        queries = " / ".join(_joined(_query(q, institution=True), wording) for q in shown)
        return (
            *((w.key, w.count) for w in windows),
            *((w.key, w.limit) for w in windows),
            ("over", tuple(w.key for w in windows if w.over)),
            ("queries", queries),
        )
    if isinstance(evidence, ReadEvidence):
        return (
            ("report", evidence.report),
            ("source", evidence.source),
            ("warnings", evidence.warnings),
        )
    return ()


def evidence_lines(evidence: Evidence | None, wording: Wording) -> tuple[Line, ...]:
    """A finding's evidence as ``(label, value)`` lines: the account snapshots first."""
    old, new = snapshots(evidence)
    return (*_snapshot_lines(old, new, wording), *_lines(_pairs(evidence, wording), wording))


def since(finding: Finding, report_day: dt.date | None = None) -> str | None:
    """When the problem appeared: the closure request, the query, the closing day, else
    the newer report that first shows it (never the opening date)."""
    evidence = finding.evidence
    if isinstance(evidence, ClosureEvidence):
        return evidence.closure.requested_on.isoformat()
    if isinstance(evidence, QueryEvidence):
        return evidence.query.date.isoformat()
    new = snapshots(evidence)[1]
    if new is not None and new.closed_on is not None:
        return new.closed_on.isoformat()
    return None if report_day is None else report_day.isoformat()


__all__ = ["evidence_lines", "format_value", "since"]
