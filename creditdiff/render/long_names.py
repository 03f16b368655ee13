"""Names too long to print: cut with an ellipsis before the action PDF is laid out.

A real institution name is a few dozen characters (``中国工商银行股份有限公司北京朝阳支行``
has 19). A parse JSON or a damaged report can carry thousands: in a table cell such a
name wraps taller than a page and reportlab cannot lay it out at all. Every printed
place that holds a name (account, agreement, query, finding, change, the finding's
message and text evidence, the person's name) gets the same cut version, so the cards
still group and match by name.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from typing import Any

from creditdiff.model import Comparison, Report

#: The most characters of a name printed; longer ones end in "…".
NAME_LIMIT = 80
ELLIPSIS = "…"


def cut(name: str, limit: int = NAME_LIMIT) -> str:
    """``name``, or its first ``limit - 1`` characters and an ellipsis."""
    return name if len(name) <= limit else name[: limit - 1] + ELLIPSIS


def _names(comparison: Comparison) -> set[str]:
    found: set[str] = set()
    for report in (comparison.old, comparison.new):
        if report is None:
            continue
        found.update(account.institution for account in report.accounts)
        found.update(agreement.institution for agreement in report.credit_agreements)
        found.update(query.institution for query in report.queries)
        if report.subject_name:
            found.add(report.subject_name)
    found.update(finding.institution for finding in comparison.findings)
    found.update(change.institution for change in comparison.changes)
    return {name for name in found if len(name) > NAME_LIMIT}


class _Cutter:
    def __init__(self, names: Iterable[str]) -> None:
        # Longest first, so a long name containing a shorter long one is cut whole.
        self.names = sorted(names, key=len, reverse=True)

    def text(self, value: str) -> str:
        for name in self.names:
            if name in value:
                value = value.replace(name, cut(name))
        return value

    def value(self, value: Any) -> Any:
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return type(value)(self.value(item) for item in value)
        if isinstance(value, dict):
            return {key: self.value(item) for key, item in value.items()}
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            # An evidence record, or a record inside one (a query, an agreement).
            changed = {
                f.name: self.value(getattr(value, f.name))
                for f in dataclasses.fields(value)
                if f.init
            }
            return dataclasses.replace(value, **changed)
        return value

    def report(self, report: Report) -> Report:
        return dataclasses.replace(
            report,
            subject_name=None if report.subject_name is None else self.text(report.subject_name),
            accounts=tuple(self.named(a) for a in report.accounts),
            credit_agreements=tuple(self.named(a) for a in report.credit_agreements),
            queries=tuple(self.named(q) for q in report.queries),
        )

    def named(self, item: Any) -> Any:
        return dataclasses.replace(item, institution=self.text(item.institution))


def shorten_long_names(comparison: Comparison) -> Comparison:
    """The comparison with every name over ``NAME_LIMIT`` characters cut, wherever printed."""
    names = _names(comparison)
    if not names:
        return comparison
    cutter = _Cutter(names)
    return dataclasses.replace(
        comparison,
        old=None if comparison.old is None else cutter.report(comparison.old),
        new=cutter.report(comparison.new),
        findings=tuple(
            dataclasses.replace(
                finding,
                institution=cutter.text(finding.institution),
                message=cutter.text(finding.message),
                evidence=cutter.value(finding.evidence),
            )
            for finding in comparison.findings
        ),
        changes=tuple(cutter.named(change) for change in comparison.changes),
        notices=tuple(cutter.text(notice) for notice in comparison.notices),
    )


__all__ = ["ELLIPSIS", "NAME_LIMIT", "cut", "shorten_long_names"]
