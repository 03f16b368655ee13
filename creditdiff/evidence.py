"""What a finding cites to prove itself, as small frozen records.

The diff rules build these; the JSON writer (``output/findings.py``) turns them
into the diff JSON's ``evidence`` objects, and the terminal and the action PDF read
their fields. Each record is the evidence of one or more finding codes:

- ``AccountEvidence``: an account as the older and/or newer report shows it
  (``settled_not_closed``, ``new_account``, ``reappeared``, ``closed``, ``paid_off``,
  ``removed``);
- ``AgreementEvidence``: an idle 授信协议 and its settled accounts (``settled_not_closed``);
- ``ReappearedEvidence``: a new open account where every older account was ended;
- ``ClosureEvidence``: the closure-log row, the days since it and the account or
  agreement still open (``closure_not_reflected``);
- ``QueryEvidence``: a query (``post_closure_query``, ``new_hard_inquiry``);
- ``WorsenedEvidence``, ``OverdueEvidence``, ``NegativeEvidence``,
  ``QueryPressureEvidence``, ``ReadEvidence``: one code each.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Union

from creditdiff.model import (
    Account,
    ClosureRequest,
    CreditAgreement,
    Month,
    PartialDate,
    Query,
    State,
)


@dataclass(frozen=True)
class AccountSnapshot:
    """The values of an account that evidence cites, as one report prints them."""

    status: str | None
    state: State
    amount: int | None
    balance: int | None
    used: int | None
    overdue_amount: int | None
    classification: str | None
    as_of: PartialDate | None
    closed_on: PartialDate | None

    @classmethod
    def of(cls, account: Account) -> AccountSnapshot:
        return cls(
            status=account.status,
            state=account.state,
            amount=account.amount,
            balance=account.balance,
            used=account.used,
            overdue_amount=account.overdue_amount,
            classification=account.classification,
            as_of=account.as_of,
            closed_on=account.closed_on,
        )


@dataclass(frozen=True)
class AccountEvidence:
    """One account in the older report, the newer report, or both."""

    old: AccountSnapshot | None = None
    new: AccountSnapshot | None = None
    #: ``removed`` on a matched account: overdue months the newer grid no longer shows.
    left_report: tuple[Month, ...] = ()


@dataclass(frozen=True)
class AgreementEvidence:
    """A 授信协议 still in force whose accounts (``accounts``) are all settled."""

    agreement: CreditAgreement
    accounts: tuple[Account, ...]


@dataclass(frozen=True)
class ReappearedEvidence:
    """A new open account, and the institution's older accounts, all settled or closed."""

    new: AccountSnapshot
    old_accounts: tuple[Account, ...]


@dataclass(frozen=True)
class ClosureEvidence:
    """A closure request older than the grace period, and what is still open: an account
    (``new``) or a 授信协议 (``agreement``)."""

    closure: ClosureRequest
    days_since_request: int
    grace_days: int
    new: AccountSnapshot | None = None
    agreement: CreditAgreement | None = None


@dataclass(frozen=True)
class QueryEvidence:
    """A query of the newer report; ``post_closure_query`` also counts what is open."""

    query: Query
    open_accounts_at_institution: int | None = None


@dataclass(frozen=True)
class WorsenedEvidence:
    """A matched account that got worse: the two snapshots and what worsened, in words."""

    old: AccountSnapshot
    new: AccountSnapshot
    worse: tuple[str, ...]
    #: Months overdue in the newer grid that the older grid shows otherwise.
    newly_overdue_months: tuple[Month, ...] = ()


@dataclass(frozen=True)
class OverdueEvidence:
    """An account overdue now."""

    new: AccountSnapshot
    overdue_months_5y: int | None
    last_overdue: Month | None


@dataclass(frozen=True)
class NegativeEvidence:
    """Overdue months in the last five years on an account not overdue now, and the
    month the latest of them is due to leave the report."""

    new: AccountSnapshot
    overdue_months_5y: int
    overdue_90d_months_5y: int | None
    last_overdue: Month | None
    expires: Month | None
    #: Overdue months of the older grid that the newer grid no longer shows.
    left_report: tuple[Month, ...] = ()


@dataclass(frozen=True)
class QueryWindow:
    """Approval queries counted over the last ``months`` months, and the limit."""

    months: int
    count: int
    limit: int

    @property
    def key(self) -> str:
        """``1m``: the window as ``--query-limits`` and the JSON name it."""
        return f"{self.months}m"

    @property
    def over(self) -> bool:
        return self.count > self.limit


@dataclass(frozen=True)
class QueryPressureEvidence:
    """The windows counted and the approval queries of the widest one."""

    windows: tuple[QueryWindow, ...]
    queries: tuple[Query, ...]


@dataclass(frozen=True)
class ReadEvidence:
    """A report that was not read completely: which one, its file, the warnings."""

    report: str  # "older" | "newer"
    source: str | None
    warnings: tuple[str, ...]


Evidence = Union[  # noqa: UP007  (a runtime alias, as PartialDate)
    AccountEvidence,
    AgreementEvidence,
    ReappearedEvidence,
    ClosureEvidence,
    QueryEvidence,
    WorsenedEvidence,
    OverdueEvidence,
    NegativeEvidence,
    QueryPressureEvidence,
    ReadEvidence,
]

#: The evidence records that carry an account snapshot as ``new`` (and maybe ``old``).
_WITH_NEW = (
    AccountEvidence,
    ReappearedEvidence,
    ClosureEvidence,
    WorsenedEvidence,
    OverdueEvidence,
    NegativeEvidence,
)


def snapshots(evidence: Evidence | None) -> tuple[AccountSnapshot | None, AccountSnapshot | None]:
    """The (older, newer) account snapshots the evidence cites; None where it cites none."""
    if isinstance(evidence, (AccountEvidence, WorsenedEvidence)):
        return evidence.old, evidence.new
    if isinstance(evidence, _WITH_NEW):
        return None, evidence.new
    return None, None


def agreement_of(evidence: Evidence | None) -> CreditAgreement | None:
    """The 授信协议 a finding is about, if it is about one."""
    if isinstance(evidence, (AgreementEvidence, ClosureEvidence)):
        return evidence.agreement
    return None


__all__ = [
    "AccountEvidence",
    "AccountSnapshot",
    "AgreementEvidence",
    "ClosureEvidence",
    "Evidence",
    "NegativeEvidence",
    "OverdueEvidence",
    "QueryEvidence",
    "QueryPressureEvidence",
    "QueryWindow",
    "ReadEvidence",
    "ReappearedEvidence",
    "WorsenedEvidence",
    "agreement_of",
    "snapshots",
]
