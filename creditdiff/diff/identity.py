"""Normalised identities: what makes two records, in two reports, the same thing.

A 简版 and a 本人版 print the same account differently: the 简版 gives a month where the
本人版 gives a day, a 卡片尾号 where the 本人版 gives an 账户标识, and cannot say whether a
loan is 非循环贷 or 循环贷账户一/二. Institutions appear under branch names
(``…福州分行``, ``…信用卡中心``) and with or without the legal form. The helpers here
fold all of that away so matching, grouping and finding ids see one identity.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from functools import lru_cache

from creditdiff.model import Account, Family, PartialDate, month_of
from creditdiff.text import squash

#: Branch and department suffixes that still belong to the head institution.
_BRANCH_RE = re.compile(r"(信用卡中心|信用卡部|营业部|分行|支行|分公司|分中心)$")
#: Legal forms dropped from the key: a report may print the name with or without them.
_LEGAL_FORMS = ("股份有限公司", "有限责任公司", "有限公司")
#: Where a head institution's name ends, when a branch name follows it.
_HEAD_ENDINGS = ("银行", "公司", "中心")

_LOAN_FAMILIES = frozenset(
    {Family.NON_REVOLVING_LOAN, Family.REVOLVING_SUB_ACCOUNT, Family.REVOLVING_LOAN}
)


@lru_cache(maxsize=4096)
def institution_key(name: str) -> str:
    """The head institution of a printed name, for grouping and matching.

    ``中信银行股份有限公司福州分行``, ``中信银行股份有限公司`` and ``中信银行`` share one key;
    so do ``招商银行股份有限公司信用卡中心`` and ``招商银行股份有限公司``.
    """
    text = squash(name, fold_width=True)
    # With a legal form, everything after it is a branch or department name.
    for form in _LEGAL_FORMS:
        index = text.find(form)
        if index > 0:
            return text[:index]
    # Without one (``中国银行北京分行``), cut a branch suffix back to the last
    # ``银行``/``公司``/``中心`` before it.
    if _BRANCH_RE.search(text):
        stem = _BRANCH_RE.sub("", text)
        cut = max((stem.rfind(end) + len(end) for end in _HEAD_ENDINGS if end in stem), default=0)
        if cut > 0:
            return stem[:cut]
    return text


def family_group(family: Family) -> str:
    """Families that may be the same account across formats share a group.

    The 简版 cannot say which loan family a sentence is,
    so every loan family is one group; cards, guarantees and recoveries keep their own.
    """
    if family in _LOAN_FAMILIES:
        return "loan"
    return family.value


def dates_compatible(a: PartialDate | None, b: PartialDate | None) -> bool | None:
    """Equal at the coarser precision; None when either side is unknown."""
    if a is None or b is None:
        return None
    if isinstance(a, dt.date) and isinstance(b, dt.date):
        return a == b
    return month_of(a) == month_of(b)


def normalise_id(value: str | None) -> str | None:
    if value is None:
        return None
    text = squash(value, fold_width=True).upper()
    return text or None


def is_card_tail(value: str) -> bool:
    """A 简版 卡片尾号: a few digits, not a full 账户标识."""
    return value.isdigit() and len(value) <= 6


def ids_relation(a: str | None, b: str | None) -> int | None:
    """How two account ids relate: 1 confirmed, 0 silent, None contradicting.

    Ids of one kind must be equal. A 卡片尾号 against a full id confirms when the id ends
    in it; otherwise it says nothing, because a 本人版 账户标识 is not the card number
    (the contract: a card seen by 卡片尾号 and by 账户标识 is one card).
    """
    x, y = normalise_id(a), normalise_id(b)
    if x is None or y is None:
        return 0
    if x == y:
        return 1
    if is_card_tail(x) != is_card_tail(y):
        tail, full = (x, y) if is_card_tail(x) else (y, x)
        return 1 if full.endswith(tail) else 0
    return None


def currency_key(value: str | None) -> str | None:
    """The 简版 says ``人民币`` where the 本人版 prints ``人民币元``; both are one currency."""
    if value is None:
        return None
    text = squash(value, fold_width=True)
    return "人民币" if text == "人民币元" else text


def account_identity(account: Account) -> tuple[str, ...]:
    """The parts of an account's identity that read the same in every report of it.

    A 简版 prints a card's 卡片尾号 where a 本人版 prints an unrelated 账户标识, and no
    id at all for loans, so the id is left out: family group, institution, opening month
    and currency stay the same whichever format next month's report comes in, and so do
    finding ids (a baseline keeps working). The opening date is kept at month precision
    because that is what both formats always print. Accounts identical in all of these
    (two cards opened the same month) are numbered in report order by the engine.
    """
    opened = "" if account.opened is None else month_of(account.opened).isoformat()
    return (
        family_group(account.family),
        institution_key(account.institution),
        opened,
        currency_key(account.currency) or "",
    )


def stable_id(code: str, identity: tuple[str, ...]) -> str:
    """A short hash of a finding code and an identity: same finding, same id, every run."""
    text = "\x1f".join((code, *identity))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
