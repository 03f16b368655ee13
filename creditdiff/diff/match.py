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

Scoring every pair of one key is quadratic (5 000 accounts at one lender: 25 million
pairs). So the older records of a key are indexed by their *facets*, the values that
rule a pair out when both sides know them and they disagree (account id, opening month,
currency), and each newer record is scored only against the older records its facets
allow: the pairs ``score`` would not reject are all among them, so the result is the
one of scoring every pair, at about one score per account when ids or dates are known.
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
    is_card_tail,
    normalise_id,
)
from creditdiff.model import Account, CreditAgreement, Query, Report, month_of
from creditdiff.text import squash

T = TypeVar("T")
Score = tuple[int, ...]
#: One facet of a record: None when unknown (compatible with everything), else
#: (kind, value): compatible with the same value or with any value of another kind.
Facet = tuple[str, Hashable] | None
Facets = Callable[[T], tuple[Facet, ...]]


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


def account_facets(account: Account) -> tuple[Facet, ...]:
    """What can rule out an account pair: ``ids_relation``, opening month, currency.

    Ids of one kind must be equal, a 卡片尾号 may go with any full id; dates must share
    their month at least; known currencies must be equal.
    """
    ident = normalise_id(account.account_id)
    currency = currency_key(account.currency)
    return (
        None if ident is None else ("tail" if is_card_tail(ident) else "full", ident),
        None if account.opened is None else ("month", month_of(account.opened)),
        None if currency is None else ("currency", currency),
    )


def agreement_facets(agreement: CreditAgreement) -> tuple[Facet, ...]:
    """Known 授信协议标识 must be equal; known effective dates must share their month."""
    ident = normalise_id(agreement.agreement_id)
    return (
        None if ident is None else ("id", ident),
        None if agreement.effective is None else ("month", month_of(agreement.effective)),
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


class _FacetIndex:
    """The older records of one key, bucketed by each facet, to list a newer record's
    possible partners without looking at every older record."""

    def __init__(self, indices: list[int], facets: list[tuple[Facet, ...]]) -> None:
        self.all = indices
        count = len(facets[0]) if facets else 0
        #: Per facet: unknown -> [i], (kind, value) -> [i], kind -> [i].
        self.unknown: list[list[int]] = [[] for _ in range(count)]
        self.by_value: list[dict[tuple[str, Hashable], list[int]]] = [{} for _ in range(count)]
        self.by_kind: list[dict[str, list[int]]] = [{} for _ in range(count)]
        for i, values in zip(indices, facets, strict=True):
            for n, value in enumerate(values):
                if value is None:
                    self.unknown[n].append(i)
                else:
                    self.by_value[n].setdefault(value, []).append(i)
                    self.by_kind[n].setdefault(value[0], []).append(i)

    def candidates(self, facets: tuple[Facet, ...]) -> list[int]:
        """Every older record no facet rules out (a superset: ``score`` decides)."""
        best: list[list[int]] | None = None
        best_size = len(self.all)
        for n, value in enumerate(facets):
            if value is None:
                continue
            kind = value[0]
            parts = [self.unknown[n], self.by_value[n].get(value, [])]
            parts += [group for other, group in self.by_kind[n].items() if other != kind]
            size = sum(len(part) for part in parts)
            if size < best_size:
                best, best_size = parts, size
        if best is None:
            return self.all
        return [i for part in best for i in part]


def pair_up(
    old: Sequence[T],
    new: Sequence[T],
    key: Callable[[T], Hashable],
    score: Callable[[T, T], Score | None],
    facets: Facets[T] | None = None,
) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Pair records of equal key by mutual unique best score.

    With ``facets`` (which must never allow less than ``score`` does), each newer record
    is scored only against the older records its facets allow; without, against every
    older record of its key. Both give the same result.
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
        if not old_indices:
            continue
        if facets is None:
            scores = {
                (i, j): s
                for i in old_indices
                for j in new_indices
                if (s := score(old[i], new[j])) is not None
            }
        else:
            index = _FacetIndex(old_indices, [facets(old[i]) for i in old_indices])
            scores = {
                (i, j): s
                for j in new_indices
                for i in index.candidates(facets(new[j]))
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


def match_reports(old: Report, new: Report, *, indexed: bool = True) -> Matching:
    """Pair accounts, credit agreements and queries of two reports of one person.

    ``indexed=False`` scores every pair of a key (the reference the tests and the
    benchmark compare the indexed matcher with); the result is the same.
    """
    accounts, tied_old, tied_new = pair_up(
        old.accounts,
        new.accounts,
        account_key,
        account_score,
        account_facets if indexed else None,
    )
    agreements, _, agr_new = pair_up(
        old.credit_agreements,
        new.credit_agreements,
        agreement_key,
        agreement_score,
        agreement_facets if indexed else None,
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
