"""Field-level changes of matched accounts and credit agreements, via deepdiff.

deepdiff runs on matched pairs only, on plain dicts of the compared fields, with fixed
options (tree view, no order games), and its output is turned into ``Change`` records
here so nothing downstream sees deepdiff structures. Most matched pairs are unchanged
between two reports: a plain ``==`` of the two dicts settles those, and deepdiff (about
a tenth of a millisecond a call, and imported only by commands that diff) runs on the
pairs that differ.

Identity fields (institution, family, opening date, account id) are what matched the
pair, and ``as_of`` moves with every report, so none of them is compared. When the two
reports are of different formats (a 简版 against a 本人版), a value only one format
prints is not a change, dates compare at the coarser precision, and ``人民币`` equals
``人民币元``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from creditdiff.diff.identity import currency_key, dates_compatible
from creditdiff.model import Account, Change, CreditAgreement, Family, PartialDate
from creditdiff.text import squash

JsonValue = Any

ACCOUNT_FIELDS = (
    "status",
    "state",
    "classification",
    "amount",
    "balance",
    "used",
    "overdue_amount",
    "due",
    "closed_on",
    "currency",
    "business_type",
)
AGREEMENT_FIELDS = ("due", "limit", "used", "purpose")
_DATE_FIELDS = frozenset({"due", "closed_on"})


def _plain(value: object) -> JsonValue:
    if value is None or isinstance(value, (int, str)):
        return value
    isoformat = getattr(value, "isoformat", None)
    if callable(isoformat):
        return isoformat()
    return getattr(value, "value", str(value))


def _fields(record: Account | CreditAgreement, names: Iterable[str]) -> dict[str, object]:
    values = {name: getattr(record, name) for name in names}
    if isinstance(record, Account):
        # ``state`` is derived from ``status``; compare its contract value.
        values["state"] = record.state.value
    return values


def _same_across_formats(name: str, old: object, new: object) -> bool:
    if old is None or new is None:
        return True
    if name in _DATE_FIELDS:
        return dates_compatible(_as_date(old), _as_date(new)) is not False
    if name == "currency":
        return currency_key(str(old)) == currency_key(str(new))
    if isinstance(old, str) and isinstance(new, str):
        return squash(old, fold_width=True) == squash(new, fold_width=True)
    return old == new


def _as_date(value: object) -> PartialDate | None:
    return value  # type: ignore[return-value]  # date fields hold PartialDate by construction


def field_changes(
    old: Mapping[str, object], new: Mapping[str, object], cross_format: bool
) -> list[tuple[str, JsonValue, JsonValue]]:
    """(field, old, new) for every compared field whose value changed."""
    # deepdiff sees JSON-ready values, so a date is one value and not a dataclass to walk.
    plain_old = {name: _plain(value) for name, value in old.items()}
    plain_new = {name: _plain(value) for name, value in new.items()}
    if plain_old == plain_new:
        return []
    from deepdiff import DeepDiff  # imported here: most commands never diff

    diff = DeepDiff(plain_old, plain_new, view="tree", ignore_order=False)
    names = {
        str(level.path(output_format="list")[0]) for levels in diff.values() for level in levels
    }
    changed: list[tuple[str, JsonValue, JsonValue]] = []
    for name in names:
        if cross_format and _same_across_formats(name, old[name], new[name]):
            continue
        changed.append((name, plain_old[name], plain_new[name]))
    order = {name: k for k, name in enumerate(old)}
    changed.sort(key=lambda item: order[item[0]])
    return changed


def _changes(
    kind: str,
    old: Account | CreditAgreement,
    new: Account | CreditAgreement,
    names: Iterable[str],
    cross_format: bool,
    identity: tuple[Family | None, str | None, PartialDate | None],
) -> list[Change]:
    """The field changes of one matched pair; ``identity`` is the newer record's family,
    id and opening date."""
    family, record_id, opened = identity
    return [
        Change(
            kind=kind,
            institution=new.institution,
            family=family,
            account_id=record_id,
            opened=opened,
            field=name,
            old=before,
            new=after,
        )
        for name, before, after in field_changes(
            _fields(old, names), _fields(new, names), cross_format
        )
    ]


def account_changes(old: Account, new: Account, cross_format: bool) -> list[Change]:
    identity = (new.family, new.account_id, new.opened)
    return _changes("account", old, new, ACCOUNT_FIELDS, cross_format, identity)


def agreement_changes(
    old: CreditAgreement, new: CreditAgreement, cross_format: bool
) -> list[Change]:
    identity = (None, new.agreement_id, new.effective)
    return _changes("credit_agreement", old, new, AGREEMENT_FIELDS, cross_format, identity)
