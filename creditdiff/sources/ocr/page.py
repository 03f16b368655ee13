"""One page image -> logical ``Page`` records (chars with boxes, ruling lines).

Each recognised text box is split into per-character boxes proportionally to the box's
width, each carrying the box's confidence. The table rulings are found in the image and
emitted as ``Segment`` records, so the 本人版 layout code that builds table rows from
ruling lines reads a scan as it reads a text PDF.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import cv2
import numpy as np

from creditdiff.pages import Char, Page, Segment
from creditdiff.sources.ocr import geometry
from creditdiff.sources.ocr.cells import missed_cells, round_zeros
from creditdiff.sources.ocr.correct import correct, footer_numbers
from creditdiff.sources.ocr.engine import TextBox, recognise
from creditdiff.sources.ocr.glyphs import missed_glyphs
from creditdiff.sources.ocr.reread import reread

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


def _line_order(boxes: list[TextBox], rows: dict[int, tuple[float, float]]) -> list[int]:
    """The boxes' indexes line by line, left to right within a line."""
    return sorted(range(len(boxes)), key=lambda i: (rows[i][0], boxes[i].bounds[0]))


def _separated_starts(
    boxes: list[TextBox], rows: dict[int, tuple[float, float]], order: list[int]
) -> list[float]:
    """Each box's left edge (pixels), moved right of the box before it on its line where
    the two overlap: two detections are two words (``编号`` and ``查询日期``, column
    titles whose padded boxes overlap), so their characters must not join into one
    token, as they would with no gap between them."""
    starts = [box.bounds[0] for box in boxes]
    for before, after in itertools.pairwise(order):
        if rows[before][0] != rows[after][0]:
            continue
        end = boxes[before].bounds[2]
        moved = end + 0.35 * rows[after][1] * 0.7
        if starts[after] < end and moved < boxes[after].bounds[2]:
            starts[after] = moved
    return starts


def _drop_doubled(
    boxes: list[TextBox], rows: dict[int, tuple[float, float]], order: list[int]
) -> list[TextBox]:
    """The boxes with a glyph read twice where two boxes of one line overlap dropped from
    the first: the detector boxed a 简版 item number with the first digit of its date
    (``3.2`` over ``2023年05月05日…``), and the line read ``3.2 2023年…``, a sentence
    no parser knows. The glyph is dropped when the first box ends in the character the
    second begins with and the boxes overlap by at least half a character of the first."""
    fixed = list(boxes)
    for before, after in itertools.pairwise(order):
        first, second = fixed[before].text.rstrip(), boxes[after].text.lstrip()
        if rows[before][0] != rows[after][0] or len(first) < 2 or not second:
            continue
        left, top, right, bottom = boxes[before].bounds
        step = (right - left) / len(first)
        if first[-1] == second[0] and right - boxes[after].bounds[0] >= step / 2:
            corners = ((left, top), (right - step, top), (right - step, bottom), (left, bottom))
            fixed[before] = TextBox(corners, first[:-1], boxes[before].confidence)
    return fixed


def _chars(boxes: list[TextBox], scale: float) -> list[Char]:
    chars: list[Char] = []
    rows = _rows(boxes)
    # Dropping a doubled glyph moves only a box's right edge: the order stays.
    order = _line_order(boxes, rows)
    boxes = _drop_doubled(boxes, rows, order)
    starts = _separated_starts(boxes, rows, order)
    for number, box in enumerate(boxes):
        text = correct(box.text)
        if not text:
            continue
        xs = [x for x, _ in box.corners]
        centre, height = rows[number]
        x0, x1 = starts[number] * scale, max(xs) * scale
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
    boxes = reread(image, boxes, tuned)
    height, width = image.shape[:2]
    scale = PAGE_WIDTH / width
    rules = _rules(image)
    boxes = round_zeros(boxes, *rules)
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


def upright(image: np.ndarray) -> np.ndarray:
    """A sheet image flattened, trimmed, turned upright and deskewed (still 2-up if so)."""
    flat = geometry.unwarp(geometry.grey(image))
    page = geometry.trim_borders(geometry.flatten_lighting(flat))
    if geometry.is_sideways(page):
        page = geometry.turn(page, 1)
    return geometry.rotate(page, geometry.skew_angle(page))


#: The share of a 2-up sheet's height, at its bottom, searched for the two page footers.
_FOOTER_BAND = 0.12
#: Width (pixels) of the pieces the footer band is recognised in: the detector then sees
#: the footers at full resolution, not shrunk with a sheet twice a page wide.
_FOOTER_TILE = 1400


def sheet_footers(image: np.ndarray, tuned: bool = True) -> list[tuple[float, int]]:
    """The ``第N页，共M页`` footers printed along a 2-up sheet's bottom edge: (x centre in
    pixels, page number N), left to right, one per printed page number."""
    height, width = image.shape[:2]
    top = int(height * (1 - _FOOTER_BAND))
    found: dict[int, float] = {}
    step = _FOOTER_TILE * 3 // 4
    for left in range(0, max(1, width - _FOOTER_TILE // 4), step):
        tile = np.ascontiguousarray(image[top:, left : left + _FOOTER_TILE])
        for box in recognise(tile, tuned):
            numbers = footer_numbers([correct(box.text)])
            if numbers is None:
                continue
            xs = [x for x, _ in box.corners]
            # A footer cut by a tile's edge is read whole by the overlapping tile.
            cut_left = left > 0 and min(xs) <= 1
            cut_right = left + tile.shape[1] < width and max(xs) >= tile.shape[1] - 2
            if cut_left or cut_right:
                continue
            found.setdefault(numbers[0], left + (min(xs) + max(xs)) / 2)
    return sorted(((x, number) for number, x in found.items()), key=lambda f: f[0])


def prepare(image: np.ndarray, tuned: bool = True) -> list[np.ndarray]:
    """A sheet image as upright, deskewed logical page images in page order (two for a
    2-up sheet, cut where its two footers say the pages meet, by the aspect otherwise)."""
    page = upright(image)
    if not geometry.is_two_up(page):
        return [page]
    footers = sheet_footers(page, tuned)
    if len(footers) != 2:
        return geometry.halves(page)
    parts = geometry.halves(page, [x for x, _ in footers])
    if footers[0][1] > footers[1][1]:
        parts.reverse()
    return parts


def read_sheet(image: np.ndarray, first_number: int, tuned: bool = True) -> list[ScannedPage]:
    """The logical pages of one sheet image, numbered from ``first_number``."""
    return [
        _logical(half, first_number + index, tuned)
        for index, half in enumerate(prepare(image, tuned))
    ]
