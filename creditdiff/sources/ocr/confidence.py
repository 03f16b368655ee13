"""Values the engine read with low confidence and nothing confirms: ``null`` plus a warning.

The parsers see text only, so a parsed value is traced back to the characters it came
from by finding its text on the pages; the lowest confidence of those characters is the
value's. An institution name is confirmed when the report prints it elsewhere (the
queries and other accounts name the same lenders); a number is never confirmed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from creditdiff.model import Account, Report
from creditdiff.pages import Page

#: Below this box confidence a value is not trusted unless confirmed.
LOW_CONFIDENCE = 0.5
#: Account fields read as text that can be traced and cleared.
_TEXT_FIELDS = ("institution", "account_id")


def _page_texts(pages: Sequence[Page]) -> list[tuple[str, list[float]]]:
    texts = []
    for page in pages:
        chars = [c for c in page.chars if not c.text.isspace()]
        texts.append(("".join(c.text for c in chars), [c.confidence or 1.0 for c in chars]))
    return texts


def _lowest(value: str, texts: list[tuple[str, list[float]]]) -> tuple[float, int] | None:
    """The lowest confidence over the best-read occurrence of ``value``, and its page."""
    needle = "".join(value.split())
    best: tuple[float, int] | None = None
    for number, (text, scores) in enumerate(texts, start=1):
        start = text.find(needle)
        while start >= 0:
            score = min(scores[start : start + len(needle)], default=1.0)
            if best is None or score > best[0]:
                best = (score, number)
            start = text.find(needle, start + 1)
    return best


def flag_low_confidence(report: Report, pages: Sequence[Page]) -> Report:
    """The report with unconfirmed low-confidence account values set to ``None`` and warned."""
    texts = _page_texts(pages)
    names = [a.institution for a in report.accounts] + [q.institution for q in report.queries]
    accounts: list[Account] = []
    warnings: list[str] = []
    for index, account in enumerate(report.accounts, start=1):
        clear = False
        for name in _TEXT_FIELDS:
            value = getattr(account, name)
            if not isinstance(value, str) or not value:
                continue
            found = _lowest(value, texts)
            if found is None or found[0] >= LOW_CONFIDENCE:
                continue
            if name == "institution" and names.count(value) > 1:
                continue
            where = f"OCR：第 {index} 个账户（第 {found[1]} 页）：{name} 识别置信度低"
            if name == "institution":
                # A required name cannot be null: keep it and say it is unconfirmed.
                warnings.append(f"{where}，未能核实")
                continue
            clear = True
            warnings.append(f"{where}，未采用")
        accounts.append(dataclasses.replace(account, account_id=None) if clear else account)
    if not warnings:
        return report
    return dataclasses.replace(
        report, accounts=tuple(accounts), warnings=(*report.warnings, *warnings)
    )
