"""Findings grouped by head institution, the one grouping every output uses.

A branch prints the head institution's name with its own after it
(``招商银行股份有限公司北京分行``), so ``institution_key`` reduces both to one key and a
lender's findings form one group whichever office reported them. Findings about a whole
report (institution ``""``) form a group of their own under the key ``""``.
"""

from __future__ import annotations

from collections.abc import Iterable

from creditdiff.diff.identity import institution_key
from creditdiff.model import Finding

#: (name shown for the group: the first finding's institution, its findings)
Group = tuple[str, list[Finding]]


def group_by_institution(findings: Iterable[Finding]) -> list[Group]:
    """Findings grouped by head institution, groups and members in first-seen order."""
    groups: dict[str, Group] = {}
    for finding in findings:
        key = institution_key(finding.institution)
        groups.setdefault(key, (finding.institution, []))[1].append(finding)
    return list(groups.values())


__all__ = ["Group", "group_by_institution"]
