"""The 简版's text as one stream of lines, page furniture removed.

The 简版 is flowing text, so its sentences run on from one page to the next; reading the
report as one stream of lines lets a sentence broken by a page (and by the
``第 N 页，共 M 页`` footer in the middle of it) join up again. Lines keep their tokens'
x positions because the 信息概要 and query tables are read by column.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from creditdiff.pages import Char, Page
from creditdiff.parsers.furniture import is_content_char, is_page_footer
from creditdiff.parsers.rulings import RowBands

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
    #: The ruled table row the line sits in (page, band index), None outside ruled rows:
    #: a query table drawn with cell borders keeps a wrapped or vertically centred cell
    #: in its row by this, whatever the lines' heights.
    row: tuple[int, int] | None = None

    @property
    def text(self) -> str:
        return " ".join(token.text for token in self.tokens)

    @property
    def joined(self) -> str:
        """The line with no spaces at all, as a wrapped sentence fragment."""
        return "".join(token.text for token in self.tokens)


def _tokens(chars: list[Char]) -> tuple[Token, ...]:
    tokens: list[Token] = []
    text = ""
    x0 = x1 = 0.0
    for char in sorted(chars, key=lambda c: c.x0):
        gap_limit = _TOKEN_GAP * (char.size or 10)
        if text and char.x0 - x1 > gap_limit:
            tokens.append(Token(text, x0, x1))
            text = ""
        if char.text.isspace():
            # A drawn space ends a token; the gap test alone would miss a narrow one.
            if text:
                tokens.append(Token(text, x0, x1))
                text = ""
            continue
        if not text:
            x0 = char.x0
        text += char.text
        x1 = char.x1
    if text:
        tokens.append(Token(text, x0, x1))
    return tuple(tokens)


def page_lines(chars: Iterable[Char], page: int, bands: RowBands | None = None) -> list[Line]:
    """Group one page's characters into lines, top to bottom.

    Watermark glyphs are dropped (``is_content_char``): the diagonal ``仅供本人使用``
    would otherwise land inside sentences.
    """
    rows: list[list[Char]] = []
    tops: list[float] = []
    for char in sorted((c for c in chars if is_content_char(c)), key=lambda c: (c.top, c.x0)):
        top = char.top
        if rows and abs(top - tops[-1]) < _SAME_LINE:
            rows[-1].append(char)
        else:
            rows.append([char])
            tops.append(top)
    lines = []
    for row, top in zip(rows, tops, strict=True):
        tokens = _tokens(row)
        if tokens:
            band = None if bands is None else bands.band(top + row[0].size / 2)
            lines.append(Line(tokens, page, top, None if band is None else (page, band)))
    return lines


def _running_furniture(pages: list[list[Line]]) -> set[tuple[str, float]]:
    """Lines printed at the same place on every page: a running header (or footer text).

    Needs two pages or more; a content line never repeats at one position on every page.
    """
    if len(pages) < 2:
        return set()
    placed = [{(line.joined, round(line.top, 1)) for line in page} for page in pages]
    return set.intersection(*placed)


def report_lines(pages_in: Iterable[Page]) -> Iterator[Line]:
    """Every content line of the report in reading order, across page boundaries."""
    pages = [page_lines(page.chars, page.number, RowBands(page)) for page in pages_in]
    repeated = _running_furniture(pages)
    for lines in pages:
        for line in lines:
            if (line.joined, round(line.top, 1)) in repeated:
                continue
            if is_page_footer(line.joined):
                continue  # the 第 N 页，共 M 页 footer, which can fall inside a sentence
            yield line
