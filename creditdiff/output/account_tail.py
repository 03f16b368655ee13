"""What tells two accounts of one lender apart: the account's tail number and its limit.

Two cards of one bank opened in different years read alike in a finding's message; the
last four characters of the 账户标识 (what the closure log and the lender's hotline call
the card's 尾号) and the 额度 the newer report prints (else the older one) set them apart.
Shared by the terminal and the action PDF, so both say it the same way.
"""

from __future__ import annotations

from creditdiff.evidence import snapshots
from creditdiff.model import Family, Finding

#: Characters of the 账户标识 shown as its tail.
TAIL_LENGTH = 4


def limit_of(finding: Finding) -> int | None:
    """The account's 额度/金额 as the newer report prints it, else as the older one does."""
    old, new = snapshots(finding.evidence)
    for snapshot in (new, old):
        if snapshot is not None and snapshot.amount is not None:
            return snapshot.amount
    return None


def account_tail(finding: Finding) -> str | None:
    """``尾号7788，额度15,000`` (``金额`` for a loan; either part alone when only one is
    known), or None for a finding that is not about one account (a query, the report)."""
    if finding.family is None:
        return None
    parts = []
    if finding.account_id:
        parts.append(f"尾号{finding.account_id[-TAIL_LENGTH:]}")
    amount = limit_of(finding)
    if amount is not None:
        # A loan has a 借款金额, a card or a line a 授信额度.
        word = "金额" if finding.family is Family.NON_REVOLVING_LOAN else "额度"
        parts.append(f"{word}{amount:,}")
    return "，".join(parts) or None


__all__ = ["TAIL_LENGTH", "account_tail", "limit_of"]
