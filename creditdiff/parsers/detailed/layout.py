"""Characters and ruling lines of a page -> an ordered stream of text lines and table rows.

The 本人版 is a stack of small bordered tables and free-text lines (headings, ``账户N``,
``截至…``). Working from ``page.chars`` plus the page's ruling lines is both fast (no
``extract_tables``) and robust to the report's quirks:

- a table row is the band between two horizontal rules crossed by vertical rules; the
  vertical rules cut it into cells, so a value that wraps onto two lines inside a cell
  (long institution names) stays one value;
- page furniture is dropped: the diagonal watermark (rotated, oversized or grey glyphs
  drawn over the text), the ``第 N 页，共 M 页`` footer and a running header line that
  repeats in the page margin (``strip_furniture``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from creditdiff.pages import Char, Page
from creditdiff.parsers.furniture import is_content_char, is_page_footer
from creditdiff.parsers.rulings import merge, rulings
from creditdiff.text import squash

#: The margin bands (fraction of the page height) where running headers/footers live.
MARGIN = 0.05


@dataclass(frozen=True)
class Line:
    """A line of free text outside any table."""

    text: str
    page: int
    top: float
    #: Whether the line sits in the top or bottom margin (candidate page furniture).
    in_margin: bool = False


@dataclass(frozen=True)
class Row:
    """One table row: the text of each cell, left to right (wrapped lines joined)."""

    cells: tuple[str, ...]
    page: int
    top: float


Item = Line | Row

__all__ = ["Item", "Line", "Row", "is_content_char", "page_items", "strip_furniture"]


def _bands(page: Page) -> tuple[list[float], dict[int, list[float]]]:
    """Row boundaries (tops) and, per band index, the column boundaries crossing it.

    A vertical rule counts for a band only where a horizontal rule at the band's top or
    bottom reaches it, so a page border or a frame around a whole block does not turn
    the free text between two tables into a table row.
    """
    horizontal, vertical = rulings(page)
    ys = merge(y for y, _, _ in horizontal)
    extents: dict[int, list[tuple[float, float]]] = {}
    for y, x0, x1 in horizontal:
        index = min(bisect_right(ys, y + 1.0) - 1, len(ys) - 1)
        extents.setdefault(index, []).append((x0 - 1.0, x1 + 1.0))
    spans = {index: _union(parts) for index, parts in extents.items()}
    columns: dict[int, list[float]] = {}
    for x, top, bottom in vertical:
        band = bisect_left(ys, top - 1.0)
        while band + 1 < len(ys) and ys[band + 1] <= bottom + 1.0:
            if _reaches(spans.get(band), x) or _reaches(spans.get(band + 1), x):
                columns.setdefault(band, []).append(x)
            band += 1
    merged = {band: merge(xs) for band, xs in columns.items()}
    return ys, {band: xs for band, xs in merged.items() if len(xs) >= 2}


def _union(extents: list[tuple[float, float]]) -> tuple[list[float], list[float]]:
    """Overlapping closed intervals joined: (starts, ends), sorted, for bisecting."""
    starts: list[float] = []
    ends: list[float] = []
    for x0, x1 in sorted(extents):
        if ends and x0 <= ends[-1]:
            ends[-1] = max(ends[-1], x1)
        else:
            starts.append(x0)
            ends.append(x1)
    return starts, ends


def _reaches(spans: tuple[list[float], list[float]] | None, x: float) -> bool:
    if spans is None:
        return False
    index = bisect_right(spans[0], x) - 1
    return index >= 0 and x <= spans[1][index]


def _text_lines(chars: Sequence[Char]) -> list[tuple[float, str]]:
    """Group chars into visual lines (top, text), a space where a gap is wide."""
    if len(chars) == 1:
        return [(chars[0].top, chars[0].text)]
    ordered = sorted(chars, key=lambda c: (round(c.top), c.x0))
    lines: list[tuple[float, list[Char]]] = []
    for char in ordered:
        if lines and abs(char.top - lines[-1][0]) <= char.size * 0.5:
            lines[-1][1].append(char)
        else:
            lines.append((char.top, [char]))
    result = []
    for top, members in lines:
        members.sort(key=lambda c: c.x0)
        parts = [members[0].text]
        for before, char in pairwise(members):
            if char.x0 - before.x1 > char.size * 0.8 and char.text != " ":
                parts.append(" ")
            parts.append(char.text)
        result.append((top, "".join(parts)))
    return result


def page_items(page: Page) -> list[Item]:
    """The page's free-text lines and table rows, top to bottom."""
    number = page.number
    height = page.height
    ys, columns = _bands(page)
    cells: dict[tuple[int, int], list[Char]] = {}
    free: list[Char] = []
    for char in page.chars:
        if not is_content_char(char):
            continue
        middle = (char.top + char.bottom) / 2
        band = bisect_right(ys, middle) - 1
        xs = columns.get(band)
        centre = (char.x0 + char.x1) / 2
        if xs is not None and xs[0] <= centre <= xs[-1]:
            cells.setdefault((band, bisect_right(xs, centre) - 1), []).append(char)
        else:
            free.append(char)
    items: list[tuple[float, Item]] = []
    for band in sorted({band for band, _ in cells}):
        width = len(columns[band]) - 1
        if width == 1:
            # A one-cell band (a framed title or note) is text, not a table row.
            free += cells[(band, 0)]
            continue
        texts = []
        for column in range(width):
            members = cells.get((band, column))
            texts.append("".join(t for _, t in _text_lines(members)).strip() if members else "")
        items.append((ys[band], Row(tuple(texts), number, ys[band])))
    for top, text in _text_lines(free):
        if text.strip():
            margin = top < height * MARGIN or top > height * (1 - MARGIN)
            items.append((top, Line(text.strip(), number, top, margin)))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


def strip_furniture(pages: Sequence[list[Item]]) -> list[Item]:
    """Join the pages' items, dropping footers and margin lines that repeat on pages."""
    repeated = Counter(
        squash(item.text)
        for items in pages
        for item in {i.text: i for i in items if isinstance(i, Line) and i.in_margin}.values()
    )
    stream: list[Item] = []
    for items in pages:
        for item in items:
            if isinstance(item, Line):
                if is_page_footer(item.text):
                    continue
                if item.in_margin and repeated[squash(item.text)] >= 2:
                    continue
            stream.append(item)
    return stream
