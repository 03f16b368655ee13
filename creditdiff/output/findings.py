"""A finding and its typed evidence as the diff JSON writes them.

Each evidence record has one writer here and nowhere else; the keys and their order
are the diff JSON's (``creditdiff/schema/diff.schema.json``). Dates are written as
``2024-05-31`` or ``2024-05``, states and kinds by their contract values.
"""

from __future__ import annotations

from functools import singledispatch
from typing import Any

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
)
from creditdiff.model import ClosureRequest, CreditAgreement, Finding, Month
from creditdiff.serialize import agreement_to_dict, iso_date, query_to_dict

JsonDict = dict[str, Any]


def finding_to_dict(finding: Finding) -> JsonDict:
    return {
        "id": finding.id,
        "code": finding.code.value,
        "severity": finding.severity.value,
        "institution": finding.institution,
        "family": None if finding.family is None else finding.family.value,
        "account_id": finding.account_id,
        "opened": iso_date(finding.opened),
        "message": finding.message,
        "evidence": evidence_to_dict(finding.evidence),
    }


def snapshot_to_dict(snapshot: AccountSnapshot) -> JsonDict:
    return {
        "status": snapshot.status,
        "state": snapshot.state.value,
        "amount": snapshot.amount,
        "balance": snapshot.balance,
        "used": snapshot.used,
        "overdue_amount": snapshot.overdue_amount,
        "classification": snapshot.classification,
        "as_of": iso_date(snapshot.as_of),
        "closed_on": iso_date(snapshot.closed_on),
    }


def _months(months: tuple[Month, ...]) -> list[str]:
    return [month.isoformat() for month in months]


def _month(month: Month | None) -> str | None:
    return None if month is None else month.isoformat()


def _agreement(agreement: CreditAgreement) -> JsonDict:
    """The agreement's report JSON without its institution (the finding names it)."""
    values = agreement_to_dict(agreement)
    del values["institution"]
    return values


def _closure(request: ClosureRequest) -> JsonDict:
    return {
        "line": request.line,
        "institution": request.institution,
        "requested_on": request.requested_on.isoformat(),
        "account": request.account,
        "note": request.note,
    }


@singledispatch
def evidence_to_dict(evidence: Evidence | None) -> JsonDict:
    """The ``evidence`` object of a finding (``{}`` for a finding built without any)."""
    if evidence is None:
        return {}
    raise TypeError(f"no JSON writer for {type(evidence).__name__}")


@evidence_to_dict.register
def _(evidence: AccountEvidence) -> JsonDict:
    values: JsonDict = {}
    if evidence.left_report:
        values["left_report"] = _months(evidence.left_report)
    if evidence.old is not None:
        values["old"] = snapshot_to_dict(evidence.old)
    if evidence.new is not None:
        values["new"] = snapshot_to_dict(evidence.new)
    return values


@evidence_to_dict.register
def _(evidence: AgreementEvidence) -> JsonDict:
    return {
        "agreement": _agreement(evidence.agreement),
        "accounts": [
            {"account_id": a.account_id, "status": a.status, "closed_on": iso_date(a.closed_on)}
            for a in evidence.accounts
        ],
    }


@evidence_to_dict.register
def _(evidence: ReappearedEvidence) -> JsonDict:
    return {
        "new": snapshot_to_dict(evidence.new),
        "old_accounts": [
            {
                "family": a.family.value,
                "opened": iso_date(a.opened),
                "status": a.status,
                "closed_on": iso_date(a.closed_on),
            }
            for a in evidence.old_accounts
        ],
    }


@evidence_to_dict.register
def _(evidence: ClosureEvidence) -> JsonDict:
    values: JsonDict = {}
    if evidence.agreement is not None:
        values["agreement"] = _agreement(evidence.agreement)
    values["closure"] = _closure(evidence.closure)
    values["days_since_request"] = evidence.days_since_request
    values["grace_days"] = evidence.grace_days
    if evidence.new is not None:
        values["new"] = snapshot_to_dict(evidence.new)
    return values


@evidence_to_dict.register
def _(evidence: QueryEvidence) -> JsonDict:
    values: JsonDict = {"query": query_to_dict(evidence.query)}
    if evidence.open_accounts_at_institution is not None:
        values["open_accounts_at_institution"] = evidence.open_accounts_at_institution
    return values


@evidence_to_dict.register
def _(evidence: WorsenedEvidence) -> JsonDict:
    values: JsonDict = {
        "old": snapshot_to_dict(evidence.old),
        "new": snapshot_to_dict(evidence.new),
        "worse": list(evidence.worse),
    }
    if evidence.newly_overdue_months:
        values["newly_overdue_months"] = _months(evidence.newly_overdue_months)
    return values


@evidence_to_dict.register
def _(evidence: OverdueEvidence) -> JsonDict:
    return {
        "new": snapshot_to_dict(evidence.new),
        "overdue_months_5y": evidence.overdue_months_5y,
        "last_overdue": _month(evidence.last_overdue),
    }


@evidence_to_dict.register
def _(evidence: NegativeEvidence) -> JsonDict:
    values: JsonDict = {
        "overdue_months_5y": evidence.overdue_months_5y,
        "overdue_90d_months_5y": evidence.overdue_90d_months_5y,
        "last_overdue": _month(evidence.last_overdue),
        "expires": _month(evidence.expires),
        "new": snapshot_to_dict(evidence.new),
    }
    if evidence.left_report:
        values["left_report"] = _months(evidence.left_report)
    return values


@evidence_to_dict.register
def _(evidence: QueryPressureEvidence) -> JsonDict:
    return {
        "counts": {w.key: w.count for w in evidence.windows},
        "limits": {w.key: w.limit for w in evidence.windows},
        "over": [w.key for w in evidence.windows if w.over],
        "queries": [query_to_dict(q) for q in evidence.queries],
    }


@evidence_to_dict.register
def _(evidence: ReadEvidence) -> JsonDict:
    return {
        "report": evidence.report,
        "source": evidence.source,
        "warnings": list(evidence.warnings),
    }


__all__ = ["evidence_to_dict", "finding_to_dict", "snapshot_to_dict"]
