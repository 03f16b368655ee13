"""pdfplumber pages -> the page model. The only module that reads pdfplumber's page objects."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from creditdiff.pages import Char, Page, Rect, Segment


def _upright(matrix: Any) -> bool:
    """Drawn level and unmirrored. pdfminer's own ``upright`` calls a 35° rotation
    upright, so look at the text matrix's shear terms and the signs of its scales."""
    if not matrix:
        return True
    a, b, c, d = (float(v) for v in matrix[:4])
    return abs(b) <= 1e-3 and abs(c) <= 1e-3 and a > 0 and d > 0


def _lightness(color: Any) -> float:
    """0.0 (black) to 1.0 (white) for a grey, RGB or CMYK fill; other fills count as black."""
    if isinstance(color, (tuple, list)):
        values = [float(v) for v in color if isinstance(v, (int, float))]
        if len(values) != len(color):
            return 0.0
        if len(values) in (1, 3):
            return min(values)
        if len(values) == 4:
            return 1.0 - max(values)
    return 0.0


def to_page(page: Any, number: int) -> Page:
    """One pdfplumber page as a ``Page`` (logical number ``number``)."""
    chars = tuple(
        Char(
            char["text"],
            float(char["x0"]),
            float(char["x1"]),
            float(char["top"]),
            float(char["bottom"]),
            float(char.get("size") or 0.0),
            _upright(char.get("matrix")),
            _lightness(char.get("non_stroking_color")),
        )
        for char in page.chars
    )
    lines = tuple(
        Segment(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]))
        for o in page.lines
    )
    rects = tuple(
        Rect(float(o["x0"]), float(o["top"]), float(o["x1"]), float(o["bottom"]))
        for o in page.rects
    )
    return Page(number, float(page.width), float(page.height), chars, lines, rects)


def pages(pdf: Any) -> Iterator[Page]:
    """Every page of an open ``pdfplumber.PDF``, each closed once converted so memory
    stays flat on long reports."""
    for number, page in enumerate(pdf.pages, start=1):
        try:
            yield to_page(page, number)
        finally:
            page.close()
