"""What the finding rules share: the comparison in progress, and the builders that turn
an account, a query or an agreement into a Finding with a stable id, a one-line Chinese
message and its evidence. Each code's severity is its record in ``registry``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TypeVar

from creditdiff.diff.identity import (
    account_identity,
    institution_key,
    normalise_id,
    stable_id,
)
from creditdiff.diff.match import Matching
from creditdiff.evidence import AgreementEvidence, ClosureEvidence, Evidence, QueryEvidence
from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Finding,
    FindingCode,
    PartialDate,
    Query,
    QueryKind,
    Report,
    Settings,
    Severity,
    latest_day,
)
from creditdiff.text import squash


def severity_of(code: FindingCode) -> Severity:
    """The severity the registry gives a finding code."""
    # The registry lists the rules, which use these builders: look it up when called.
    from creditdiff.diff.registry import SPECS

    return SPECS[code].severity


FAMILY_LABELS = {family: family.label for family in Family}


@dataclass(frozen=True)
class Context:
    """A comparison in progress: the reports and how their records were paired."""

    old: Report | None
    new: Report
    matching: Matching = field(default_factory=Matching)

    @property
    def report_day(self) -> dt.date | None:
        """The day of the newer report's 报告时间."""
        return None if self.new.generated_at is None else self.new.generated_at.date()

    def pairs(self) -> Iterator[tuple[Account, Account]]:
        if self.old is None:
            return
        for i, j in self.matching.accounts:
            yield self.old.accounts[i], self.new.accounts[j]

    def new_only(self) -> Iterator[Account]:
        """Newer accounts with no counterpart (ambiguous ones excluded)."""
        if self.old is None:
            return
        for j in self.matching.new_unmatched(self.new):
            yield self.new.accounts[j]

    def new_queries(self) -> Iterator[Query]:
        """Institution queries the older report could not have shown.

        Those dated after the older report's day, and those of that very day that the
        older report does not list (it may have been printed before them).
        """
        if self.old is None:
            return
        matched = {j for _, j in self.matching.queries}
        old_day = None if self.old.generated_at is None else self.old.generated_at.date()
        for j, query in enumerate(self.new.queries):
            if query.kind is not QueryKind.INSTITUTION:
                continue
            after = old_day is not None and query.date > old_day
            same_day = old_day is None or query.date == old_day
            if after or (same_day and j not in matched):
                yield query

    @cached_property
    def _accounts_by_institution(self) -> dict[str, list[tuple[int, Account]]]:
        return _by_institution(self.new.accounts)

    @cached_property
    def _agreements_by_institution(self) -> dict[str, list[tuple[int, CreditAgreement]]]:
        return _by_institution(self.new.credit_agreements)

    @cached_property
    def _accounts_by_agreement(self) -> dict[str, list[Account]]:
        index: dict[str, list[Account]] = {}
        for account in self.new.accounts:
            key = normalise_id(account.agreement_id)
            if key is not None:
                index.setdefault(key, []).append(account)
        return index

    def accounts_at(self, key: str) -> list[tuple[int, Account]]:
        """(index, account) of the newer report's accounts whose ``institution_key`` is
        ``key``, in report order (indexed once, not searched per query or closure)."""
        return self._accounts_by_institution.get(key, [])

    def agreements_at(self, key: str) -> list[tuple[int, CreditAgreement]]:
        """(index, agreement) of the newer report's agreements at ``key``, in order."""
        return self._agreements_by_institution.get(key, [])

    def accounts_under(self, agreement: CreditAgreement) -> list[Account]:
        """``accounts_under(self.new, agreement)``, through an index."""
        key = normalise_id(agreement.agreement_id)
        return [] if key is None else self._accounts_by_agreement.get(key, [])

    def in_force(self, agreement: CreditAgreement) -> bool:
        """In force: no 到期日期, or one after the newer report (the report may not
        print the agreement's status, so its 到期日期 decides)."""
        if agreement.due is None:
            return True
        day = self.report_day
        return day is None or latest_day(agreement.due) > day


Rule = Callable[[Context, Settings], Iterable[Finding]]

_Record = TypeVar("_Record", Account, CreditAgreement)


def _by_institution(records: Sequence[_Record]) -> dict[str, list[tuple[int, _Record]]]:
    """(index, record) by ``institution_key``, in report order."""
    index: dict[str, list[tuple[int, _Record]]] = {}
    for n, record in enumerate(records):
        index.setdefault(institution_key(record.institution), []).append((n, record))
    return index


def describe(account: Account) -> str:
    """``招商银行股份有限公司的贷记卡（2019-03-15开立）`` for messages."""
    opened = "" if account.opened is None else f"（{account.opened.isoformat()}开立）"
    return f"{account.institution}的{FAMILY_LABELS[account.family]}{opened}"


def new_finding(
    code: FindingCode,
    identity: tuple[str, ...],
    institution: str,
    message: str,
    evidence: Evidence,
    *,
    record: tuple[Family | None, str | None, PartialDate | None] = (None, None, None),
) -> Finding:
    """A finding with its stable id (the code and ``identity``) and the registry's
    severity; ``record`` is the family, id and opening date of what it is about."""
    family, account_id, opened = record
    return Finding(
        id=stable_id(code.value, identity),
        code=code,
        severity=severity_of(code),
        institution=institution,
        message=message,
        family=family,
        account_id=account_id,
        opened=opened,
        evidence=evidence,
    )


def report_finding(code: FindingCode, report: Report, message: str, evidence: Evidence) -> Finding:
    """A finding about a whole report (institution ``""``), known by its number and time."""
    when = "" if report.generated_at is None else report.generated_at.isoformat()
    return new_finding(code, ("report", report.number or "", when), "", message, evidence)


def account_finding(
    code: FindingCode, account: Account, message: str, evidence: Evidence
) -> Finding:
    record = (account.family, account.account_id, account.opened)
    identity = account_identity(account)
    return new_finding(code, identity, account.institution, message, evidence, record=record)


def query_finding(code: FindingCode, message: str, evidence: QueryEvidence) -> Finding:
    """A finding on the query its evidence cites."""
    query = evidence.query
    identity = (
        "query",
        institution_key(query.institution),
        query.date.isoformat(),
        squash(query.reason, fold_width=True),
    )
    return new_finding(code, identity, query.institution, message, evidence)


def agreement_finding(
    code: FindingCode,
    agreement: CreditAgreement,
    message: str,
    evidence: AgreementEvidence | ClosureEvidence,
) -> Finding:
    """A finding on a 授信协议: ``account_id`` is its 授信协议标识."""
    identity = (
        "agreement",
        institution_key(agreement.institution),
        normalise_id(agreement.agreement_id) or "",
    )
    record = (None, agreement.agreement_id, agreement.effective)
    return new_finding(code, identity, agreement.institution, message, evidence, record=record)


def accounts_under(report: Report, agreement: CreditAgreement) -> list[Account]:
    """The accounts printed with this agreement's 授信协议标识."""
    key = normalise_id(agreement.agreement_id)
    if key is None:
        return []
    return [a for a in report.accounts if normalise_id(a.agreement_id) == key]


def status_text(account: Account) -> str:
    """The verbatim 账户状态; guarantees and some 简版 sentences print none."""
    return account.status or "未知"


def with_status(account: Account) -> str:
    """``，状态正常`` for messages, or nothing when the report prints no 账户状态."""
    return "" if account.status is None else f"，状态{account.status}"
