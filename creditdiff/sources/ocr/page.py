"""One page image -> logical ``Page`` records (chars with boxes, ruling lines).

Each recognised text box is split into per-character boxes proportionally to the box's
width, each carrying the box's confidence. The table rulings are found in the image and
emitted as ``Segment`` records, so the 本人版 layout code that builds table rows from
ruling lines reads a scan as it reads a text PDF.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from creditdiff.pages import Char, Page, Segment
from creditdiff.sources.ocr import geometry
from creditdiff.sources.ocr.cells import missed_cells
from creditdiff.sources.ocr.correct import correct, footer_numbers
from creditdiff.sources.ocr.engine import TextBox, recognise
from creditdiff.sources.ocr.glyphs import missed_glyphs

#: An A4 page is 595 points wide; pixel coordinates are scaled to that.
PAGE_WIDTH = 595.0
#: Words any report page holds, to tell an upright page from one upside down.
_MARKERS = ("账户", "日期", "信用", "报告", "机构", "查询", "余额", "还款", "状态", "金额")


@dataclass(frozen=True, slots=True)
class ScannedPage:
    """A logical page read by OCR, with what ordering and warnings need."""

    page: Page
    footer: tuple[int, int] | None
    confidence: float | None
    #: Characters recognised (0 = blank or unreadable).
    characters: int


def _hits(boxes: list[TextBox]) -> int:
    return sum(marker in box.text for box in boxes for marker in _MARKERS)


#: Boxes whose vertical centres differ by less than this share of the lower box's height
#: sit on one printed line.
_SAME_ROW = 0.3


def _rows(boxes: list[TextBox]) -> dict[int, tuple[float, float]]:
    """Each box's (centre, height) after snapping the boxes of one printed line together.

    The detector's boxes of one line differ in height (a two-character cell such as
    ``本人`` gets more padding than a long date), so their tops differ by more than the
    parsers' same-line tolerance, and a table row would fall apart into several lines.
    Their vertical centres agree: boxes whose centres are within a fraction of their
    height are one line and get the line's median centre and height."""
    spans = []
    for index, box in enumerate(boxes):
        ys = [y for _, y in box.corners]
        top, bottom = min(ys), max(ys)
        spans.append(((top + bottom) / 2, bottom - top, index))
    spans.sort()
    placed: dict[int, tuple[float, float]] = {}
    group: list[tuple[float, float, int]] = []

    def close() -> None:
        centres = sorted(c for c, _, _ in group)
        heights = sorted(h for _, h, _ in group)
        centre, height = centres[len(centres) // 2], heights[len(heights) // 2]
        for _, _, member in group:
            placed[member] = (centre, height)

    for span in spans:
        if group and span[0] - group[0][0] > _SAME_ROW * min(span[1], group[0][1]):
            close()
            group = []
        group.append(span)
    if group:
        close()
    return placed


def _chars(boxes: list[TextBox], scale: float) -> list[Char]:
    chars: list[Char] = []
    rows = _rows(boxes)
    for number, box in enumerate(boxes):
        text = correct(box.text)
        if not text:
            continue
        xs = [x for x, _ in box.corners]
        x0, x1 = min(xs) * scale, max(xs) * scale
        centre, height = rows[number]
        # The detector pads a box by about a fifth of its height on each side.
        size = height * scale * 0.7
        top, bottom = centre * scale - size / 2, centre * scale + size / 2
        step = (x1 - x0) / len(text)
        for index, glyph in enumerate(text):
            if glyph.isspace():
                glyph = " "
            left = x0 + index * step
            chars.append(
                Char(glyph, left, left + step, top, bottom, size, confidence=box.confidence)
            )
    return chars


Rules = tuple[list[tuple[int, int, int]], list[tuple[int, int, int]]]


def _rules(image: np.ndarray) -> Rules:
    _, binary = cv2.threshold(image, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    return geometry.ruling_lines(binary)


def _segments(rules: Rules, scale: float) -> list[Segment]:
    horizontal, vertical = rules
    segments = [Segment(x0 * scale, y * scale, x1 * scale, y * scale) for y, x0, x1 in horizontal]
    segments += [Segment(x * scale, y0 * scale, x * scale, y1 * scale) for x, y0, y1 in vertical]
    return segments


def _logical(image: np.ndarray, number: int, tuned: bool) -> ScannedPage:
    boxes = recognise(image, tuned)
    if _hits(boxes) < 3:
        turned = geometry.turn(image, 2)
        other = recognise(turned, tuned)
        if _hits(other) > _hits(boxes):
            image, boxes = turned, other
    height, width = image.shape[:2]
    scale = PAGE_WIDTH / width
    rules = _rules(image)
    boxes += missed_cells(image, boxes, *rules, tuned=tuned)
    boxes += missed_glyphs(image, boxes, tuned)
    chars = tuple(_chars(boxes, scale))
    page = Page(number, PAGE_WIDTH, height * scale, chars, tuple(_segments(rules, scale)))
    confidence = None
    if boxes:
        weights = [len(box.text) for box in boxes]
        confidence = sum(b.confidence * w for b, w in zip(boxes, weights, strict=True)) / max(
            1, sum(weights)
        )
    return ScannedPage(
        page, footer_numbers([correct(b.text) for b in boxes]), confidence, len(chars)
    )


def prepare(image: np.ndarray) -> list[np.ndarray]:
    """A sheet image as upright, deskewed logical page images (two for a 2-up sheet)."""
    flat = geometry.unwarp(geometry.grey(image))
    page = geometry.trim_borders(geometry.flatten_lighting(flat))
    if geometry.is_sideways(page):
        page = geometry.turn(page, 1)
    page = geometry.rotate(page, geometry.skew_angle(page))
    return geometry.halves(page)


def read_sheet(image: np.ndarray, first_number: int, tuned: bool = True) -> list[ScannedPage]:
    """The logical pages of one sheet image, numbered from ``first_number``."""
    return [
        _logical(half, first_number + index, tuned) for index, half in enumerate(prepare(image))
    ]
