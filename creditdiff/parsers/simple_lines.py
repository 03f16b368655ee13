"""The 简版's text as one stream of lines, page furniture removed.

The 简版 is flowing text, so its sentences run on from one page to the next; reading the
report as one stream of lines lets a sentence broken by a page (and by the
``第 N 页，共 M 页`` footer in the middle of it) join up again. Lines keep their tokens'
x positions because the 信息概要 and query tables are read by column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from creditdiff.parsers.text import strip_page_furniture

#: Characters whose tops differ by less than this (pt) sit on one line.
_SAME_LINE = 2.0
#: A horizontal gap wider than this share of the font size separates two tokens.
_TOKEN_GAP = 0.3


@dataclass(frozen=True)
class Token:
    """A run of characters with no visible gap: a word, a value or a table cell."""

    text: str
    x0: float
    x1: float

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2


@dataclass(frozen=True)
class Line:
    tokens: tuple[Token, ...]
    page: int
    top: float

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)

    @property
    def joined(self) -> str:
        """The line with no spaces at all, as a wrapped sentence fragment."""
        return "".join(token.text for token in self.tokens)


def _tokens(chars: list[dict[str, Any]]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    text = ""
    x0 = x1 = 0.0
    for char in sorted(chars, key=lambda c: float(c["x0"])):
        gap_limit = _TOKEN_GAP * float(char.get("size") or 10)
        if text and float(char["x0"]) - x1 > gap_limit:
            tokens.append(Token(text, x0, x1))
            text = ""
        if char["text"].isspace():
            # A drawn space ends a token; the gap test alone would miss a narrow one.
            if text:
                tokens.append(Token(text, x0, x1))
                text = ""
            continue
        if not text:
            x0 = float(char["x0"])
        text += char["text"]
        x1 = float(char["x1"])
    if text:
        tokens.append(Token(text, x0, x1))
    return tuple(tokens)


def _rotated(char: dict[str, Any]) -> bool:
    """Drawn at an angle: pdfminer's ``upright`` calls a 35° rotation upright, so look at
    the text matrix's shear terms."""
    a, b, c, d = (float(v) for v in char.get("matrix", (1, 0, 0, 1))[:4])
    return abs(b) > 1e-3 or abs(c) > 1e-3 or a <= 0 or d <= 0


def page_lines(chars: Iterable[dict[str, Any]], page: int) -> list[Line]:
    """Group one page's characters into lines, top to bottom.

    Rotated characters are dropped: they are the diagonal watermark drawn over the text
    (``仅供本人使用``), which would otherwise land inside sentences.
    """
    rows: list[list[dict[str, Any]]] = []
    tops: list[float] = []
    for char in sorted(
        (c for c in chars if not _rotated(c)), key=lambda c: (float(c["top"]), c["x0"])
    ):
        top = float(char["top"])
        if rows and abs(top - tops[-1]) < _SAME_LINE:
            rows[-1].append(char)
        else:
            rows.append([char])
            tops.append(top)
    lines = []
    for row, top in zip(rows, tops, strict=True):
        tokens = _tokens(row)
        if tokens:
            lines.append(Line(tokens, page, top))
    return lines


def _running_furniture(pages: list[list[Line]]) -> set[tuple[str, float]]:
    """Lines printed at the same place on every page: a running header (or footer text).

    Needs two pages or more; a content line never repeats at one position on every page.
    """
    if len(pages) < 2:
        return set()
    placed = [{(line.joined, round(line.top, 1)) for line in page} for page in pages]
    return set.intersection(*placed)


def report_lines(pdf: Any) -> Iterator[Line]:
    """Every content line of the report in reading order, across page boundaries."""
    pages: list[list[Line]] = []
    for number, page in enumerate(pdf.pages, start=1):
        try:
            pages.append(page_lines(page.chars, number))
        finally:
            page.close()
    repeated = _running_furniture(pages)
    for lines in pages:
        for line in lines:
            if (line.joined, round(line.top, 1)) in repeated:
                continue
            if not strip_page_furniture(line.joined).strip():
                continue  # the 第 N 页，共 M 页 footer, which can fall inside a sentence
            yield line
