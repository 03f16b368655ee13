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


def _chars(boxes: list[TextBox], scale: float) -> list[Char]:
    chars: list[Char] = []
    for box in boxes:
        text = correct(box.text)
        if not text:
            continue
        xs = [x for x, _ in box.corners]
        ys = [y for _, y in box.corners]
        x0, x1 = min(xs) * scale, max(xs) * scale
        top, bottom = min(ys) * scale, max(ys) * scale
        # The detector pads a box by about a fifth of its height on each side.
        pad = (bottom - top) * 0.15
        top, bottom = top + pad, bottom - pad
        step = (x1 - x0) / len(text)
        size = bottom - top
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
