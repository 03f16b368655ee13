"""Cross-check parsed 本人版 accounts against the report's own 信息概要: per family, accounts not
结清/销户/转出/结束 against its 未结清/未销户 账户数; a mismatch warns, never rejects.

A mismatch is a warning naming the family and both counts, never a rejection. Messages
carry counts only: no names, ID numbers or amounts.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from creditdiff.model import Account, Family
from creditdiff.parsers.detailed.labels import (
    FAMILY_LABELS,
    FAMILY_SUMMARY_TABLE,
    GUARANTEE_SUMMARY,
    HINT_TABLE,
    MAYBE_OPEN,
    NOT_OPEN,
    SUMMARY_TITLES,
)


def _open_counts(accounts: Sequence[Account], family: Family) -> tuple[int, int]:
    """Open accounts counting 呆账/司法追偿 as open, and not (whether the 信息概要
    counts them is not known, so either count matches)."""
    members = [a for a in accounts if a.family is family and a.status not in NOT_OPEN]
    strict = [a for a in members if a.status not in MAYBE_OPEN]
    return len(members), len(strict)


def cross_check(
    accounts: Sequence[Account], tables: Mapping[str, Mapping[str, Mapping[str, Any]]]
) -> list[str]:
    warnings = []
    families = tables.get(FAMILY_SUMMARY_TABLE, {})
    for family, title in SUMMARY_TITLES.items():
        loose, strict = _open_counts(accounts, family)
        label = FAMILY_LABELS[family]
        if title in families:
            # ``--`` in a count cell (parsed as None) means none.
            printed = families[title].get("账户数") or 0
            if printed not in (loose, strict):
                warnings.append(f"{label}：信息概要载明未结清/未销户 {printed} 个，读出 {loose} 个")
        elif loose:
            warnings.append(f"{label}：信息概要中没有“{title}”，读出未结清/未销户 {loose} 个")

    guarantees = sum(1 for a in accounts if a.family is Family.GUARANTEE)
    guarantee_rows = tables.get(GUARANTEE_SUMMARY)
    if guarantee_rows is not None:
        printed_total = sum(row.get("账户数") or 0 for row in guarantee_rows.values())
        if printed_total != guarantees:
            warnings.append(
                f"{FAMILY_LABELS[Family.GUARANTEE]}：信息概要载明账户 {printed_total} 个，"
                f"读出 {guarantees} 个"
            )
    elif guarantees:
        warnings.append(
            f"{FAMILY_LABELS[Family.GUARANTEE]}：信息概要中没有“{GUARANTEE_SUMMARY}”，"
            f"读出账户 {guarantees} 个"
        )

    own = sum(1 for a in accounts if a.family is not Family.GUARANTEE)
    hint_total = tables.get(HINT_TABLE, {}).get("合计")
    total = None if hint_total is None else hint_total.get("账户数") or 0
    if total is None:
        if own:
            warnings.append(f"{HINT_TABLE}：没有找到“合计”，读出账户 {own} 个")
    elif total != own:
        warnings.append(f"{HINT_TABLE}：合计载明账户 {total} 个，读出 {own} 个")
    return warnings
