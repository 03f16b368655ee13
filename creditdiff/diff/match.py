"""Pair the accounts, credit agreements and queries of an older and a newer report.

Accounts are keyed by a normalised identity (family group + head institution, see
``identity``) and, inside one key, scored pair by pair: contradicting opening dates or
account ids rule a pair out; a confirming id, a known opening date, the same family,
the same printed institution and the same amount make it better. A pair is taken only
when each side is the other's unique best candidate, repeatedly, so the result does not
depend on report order and no account is matched twice. What is left with several
equally good candidates is reported as an ambiguity, not guessed; the one exception is
a tie between records that are identical field for field, where any pairing means the
same.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from creditdiff.diff.identity import (
    currency_key,
    dates_compatible,
    family_group,
    ids_relation,
    institution_key,
    normalise_id,
)
from creditdiff.model import Account, CreditAgreement, Query, Report
from creditdiff.text import squash

T = TypeVar("T")
Score = tuple[int, ...]


@dataclass(frozen=True)
class Matching:
    """Indices into the older and newer reports' record tuples."""

    #: (old index, new index) pairs of accounts, in newer-report order.
    accounts: tuple[tuple[int, int], ...] = ()
    #: Accounts that had several equally good candidates and were left unpaired.
    ambiguous_old: frozenset[int] = frozenset()
    ambiguous_new: frozenset[int] = frozenset()
    agreements: tuple[tuple[int, int], ...] = ()
    queries: tuple[tuple[int, int], ...] = ()
    notices: tuple[str, ...] = ()

    def new_unmatched(self, report: Report) -> tuple[int, ...]:
        """Newer accounts with no partner that are not part of an ambiguity."""
        paired = {new for _, new in self.accounts} | self.ambiguous_new
        return tuple(i for i in range(len(report.accounts)) if i not in paired)

    def old_unmatched(self, report: Report) -> tuple[int, ...]:
        paired = {old for old, _ in self.accounts} | self.ambiguous_old
        return tuple(i for i in range(len(report.accounts)) if i not in paired)


def account_key(account: Account) -> tuple[str, str]:
    return family_group(account.family), institution_key(account.institution)


def account_score(old: Account, new: Account) -> Score | None:
    """How well two accounts of one key agree; None when they cannot be one account."""
    opened = dates_compatible(old.opened, new.opened)
    ids = ids_relation(old.account_id, new.account_id)
    # A dual-currency card is two accounts (人民币账户, 美元账户) with one tail and one
    # opening date: the currency keeps them apart.
    old_currency, new_currency = currency_key(old.currency), currency_key(new.currency)
    currency_differs = None not in (old_currency, new_currency) and old_currency != new_currency
    if opened is False or ids is None or currency_differs:
        return None
    return (
        ids,
        1 if opened else 0,
        1 if old.family == new.family else 0,
        1
        if squash(old.institution, fold_width=True) == squash(new.institution, fold_width=True)
        else 0,
        1 if old.amount is not None and old.amount == new.amount else 0,
    )


def agreement_score(old: CreditAgreement, new: CreditAgreement) -> Score | None:
    old_id, new_id = normalise_id(old.agreement_id), normalise_id(new.agreement_id)
    if old_id is not None and new_id is not None and old_id != new_id:
        return None
    effective = dates_compatible(old.effective, new.effective)
    if effective is False:
        return None
    return (
        1 if old_id is not None and old_id == new_id else 0,
        1 if effective else 0,
        1 if old.limit is not None and old.limit == new.limit else 0,
    )


def agreement_key(agreement: CreditAgreement) -> str:
    return institution_key(agreement.institution)


def query_key(query: Query) -> tuple[str, str, str, str]:
    """Queries carry no id: the same date, institution, reason and kind is one query."""
    return (
        query.date.isoformat(),
        institution_key(query.institution),
        squash(query.reason, fold_width=True),
        query.kind.value,
    )


def pair_up(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], Hashable],
    score: Callable[[T, T], Score | None],
) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Pair records of equal key by mutual unique best score.

    Returns the pairs and the old and new indices left in an unresolved tie.
    """
    old_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for i, record in enumerate(old):
        old_by_key[key(record)].append(i)
    pairs: list[tuple[int, int]] = []
    tied_old: set[int] = set()
    tied_new: set[int] = set()
    new_by_key: dict[Hashable, list[int]] = defaultdict(list)
    for j, record in enumerate(new):
        new_by_key[key(record)].append(j)
    for group_key, new_indices in new_by_key.items():
        old_indices = old_by_key.get(group_key, [])
        scores = {
            (i, j): s
            for i in old_indices
            for j in new_indices
            if (s := score(old[i], new[j])) is not None
        }
        found, left_old, left_new = _resolve(scores, old, new)
        pairs.extend(found)
        tied_old |= left_old
        tied_new |= left_new
    pairs.sort(key=lambda pair: pair[1])
    return pairs, tied_old, tied_new


def _resolve(
    scores: dict[tuple[int, int], Score], old: Sequence[T], new: Sequence[T]
) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    pairs: list[tuple[int, int]] = []
    live = dict(scores)
    while live:
        best_old: dict[int, list[tuple[Score, int]]] = defaultdict(list)
        best_new: dict[int, list[tuple[Score, int]]] = defaultdict(list)
        for (i, j), s in live.items():
            best_old[i].append((s, j))
            best_new[j].append((s, i))
        taken = [
            (i, j)
            for (i, j), s in sorted(live.items())
            if _unique_best(best_old[i], s, j) and _unique_best(best_new[j], s, i)
        ]
        if not taken:
            taken = _identical_ties(live, old, new)
        if not taken:
            break
        pairs.extend(taken)
        done_old = {i for i, _ in taken}
        done_new = {j for _, j in taken}
        live = {(i, j): s for (i, j), s in live.items() if i not in done_old and j not in done_new}
    return pairs, {i for i, _ in live}, {j for _, j in live}


def _unique_best(candidates: list[tuple[Score, int]], score: Score, other: int) -> bool:
    return all(s < score for s, o in candidates if o != other)


def _identical_ties(
    live: dict[tuple[int, int], Score], old: Sequence[T], new: Sequence[T]
) -> list[tuple[int, int]]:
    """Pair, in report order, a tie whose records are identical on each side."""
    olds = sorted({i for i, _ in live})
    news = sorted({j for _, j in live})
    first_old, first_new = old[olds[0]], new[news[0]]
    if all(old[i] == first_old for i in olds) and all(new[j] == first_new for j in news):
        count = min(len(olds), len(news))
        if all((olds[k], news[k]) in live for k in range(count)):
            return [(olds[k], news[k]) for k in range(count)]
    return []


def pair_queries(old: Sequence[Query], new: Sequence[Query]) -> list[tuple[int, int]]:
    """Queries of one key are interchangeable: pair them in report order."""
    waiting: dict[tuple[str, str, str, str], list[int]] = defaultdict(list)
    for i, query in enumerate(old):
        waiting[query_key(query)].append(i)
    pairs = []
    for j, query in enumerate(new):
        candidates = waiting.get(query_key(query))
        if candidates:
            pairs.append((candidates.pop(0), j))
    return pairs


def match_reports(old: Report, new: Report) -> Matching:
    """Pair accounts, credit agreements and queries of two reports of one person."""
    accounts, tied_old, tied_new = pair_up(old.accounts, new.accounts, account_key, account_score)
    agreements, _, agr_new = pair_up(
        old.credit_agreements, new.credit_agreements, agreement_key, agreement_score
    )
    queries = pair_queries(old.queries, new.queries)
    notices = []
    for j in sorted(tied_new):
        account = new.accounts[j]
        notices.append(
            f"无法确定较新报告中{account.institution}的一个账户对应较早报告中的哪一个"
            f"（开立日期{_date(account)}，候选不止一个），未作比较"
        )
    if agr_new:
        notices.append(f"有{len(agr_new)}个授信协议无法与较早报告唯一对应，未作比较")
    return Matching(
        accounts=tuple(accounts),
        ambiguous_old=frozenset(tied_old),
        ambiguous_new=frozenset(tied_new),
        agreements=tuple(agreements),
        queries=tuple(queries),
        notices=tuple(notices),
    )


def _date(account: Account) -> str:
    return "未知" if account.opened is None else account.opened.isoformat()
