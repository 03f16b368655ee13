"""The ruling lines of a page, which both formats' tables are drawn with.

A ruling may be a stroked line or a thin filled rectangle, and a cell may be drawn as a
whole rectangle (its four borders); all of them come out as horizontal rules
``(y, x0, x1)`` and vertical rules ``(x, top, bottom)``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable

from creditdiff.pages import Page

#: Rulings thinner than this are lines, whatever object drew them.
RULE_THICKNESS = 1.5

Rule = tuple[float, float, float]


def rulings(page: Page) -> tuple[list[Rule], list[Rule]]:
    """Horizontal (y, x0, x1) and vertical (x, top, bottom) rules from lines and thin rects."""
    horizontal: list[Rule] = []
    vertical: list[Rule] = []
    for segment in page.lines:
        if abs(segment.top - segment.bottom) < RULE_THICKNESS:
            horizontal.append((segment.top, segment.x0, segment.x1))
        elif abs(segment.x1 - segment.x0) < RULE_THICKNESS:
            vertical.append((segment.x0, segment.top, segment.bottom))
    for x0, top, x1, bottom in page.rects:
        if bottom - top < RULE_THICKNESS:
            horizontal.append(((top + bottom) / 2, x0, x1))
        elif x1 - x0 < RULE_THICKNESS:
            vertical.append(((x0 + x1) / 2, top, bottom))
        else:  # a cell drawn as a rectangle: its four borders
            horizontal += [(top, x0, x1), (bottom, x0, x1)]
            vertical += [(x0, top, bottom), (x1, top, bottom)]
    return horizontal, vertical


def merge(values: Iterable[float], tolerance: float = 1.0) -> list[float]:
    """Sorted values, those within ``tolerance`` of the previous one dropped."""
    merged: list[float] = []
    for value in sorted(values):
        if not merged or value - merged[-1] > tolerance:
            merged.append(value)
    return merged


class RowBands:
    """The ruled table rows of a page: which row a y falls in.

    A row is the band between two horizontal rules that two vertical rules (cell
    borders) cross from top to bottom; the space between two tables, crossed by none,
    is no row.
    """

    def __init__(self, page: Page) -> None:
        horizontal, vertical = rulings(page)
        ys = self.ys = merge(y for y, _, _ in horizontal)
        last = len(ys) - 1
        crossings = [0] * max(last, 0)
        # Band i is crossed by a rule with top <= ys[i] + 1 and bottom >= ys[i + 1] - 1:
        # both tests are monotone in i, so each rule walks only the bands it crosses.
        for _, top, bottom in vertical:
            index = bisect_left(ys, top - 1.0)
            while index > 0 and top <= ys[index - 1] + 1.0:
                index -= 1
            while index < last and not top <= ys[index] + 1.0:
                index += 1
            while index < last and bottom >= ys[index + 1] - 1.0:
                crossings[index] += 1
                index += 1
        self.rows = {index for index, count in enumerate(crossings) if count >= 2}

    def band(self, y: float) -> int | None:
        """The index of the ruled row holding ``y``, or None outside every ruled row."""
        index = bisect_right(self.ys, y) - 1
        return index if index in self.rows else None
