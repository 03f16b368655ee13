"""Table cells the detector skipped: tiny marks such as ``0``, ``--`` or ``N``.

The text detector misses short, isolated glyphs in table cells. The page's ruling lines
give the cell grid, so every cell with ink but no recognised box is cropped tightly
around its ink and recognised alone (recognition only, no detection).
"""

from __future__ import annotations

import itertools
from bisect import bisect_right

import numpy as np

from creditdiff.sources.ocr.engine import TextBox, engine

#: Ink pixels a cell needs (after its borders are cut off) to be worth recognising.
_MIN_INK = 12
#: A recognition below this confidence is dropped, not guessed.
_MIN_SCORE = 0.5
#: What a lone ``0`` comes back as at 150 dpi with noise: a small round glyph.
_ROUND = frozenset("。oO〇○°")
#: What a lone ``--`` mark comes back as.
_DASH_LIKE = frozenset("-—–_~－一\"'“”‘’.,。，、·!！:：;；")


def _cells(
    horizontal: list[tuple[int, int, int]], vertical: list[tuple[int, int, int]]
) -> list[tuple[int, int, int, int]]:
    """(x0, top, x1, bottom) of the grid cells bounded by ruling lines."""
    ys = sorted({y for y, _, _ in horizontal})
    merged: list[int] = []
    for y in ys:
        if not merged or y - merged[-1] > 4:
            merged.append(y)
    cells = []
    for top, bottom in itertools.pairwise(merged):
        if bottom - top < 8:
            continue
        middle = (top + bottom) // 2
        xs = sorted({x for x, y0, y1 in vertical if y0 - 3 <= middle <= y1 + 3})
        for left, right in itertools.pairwise(xs):
            if right - left > 8:
                cells.append((left, top, right, bottom))
    return cells


def missed_cells(
    image: np.ndarray,
    boxes: list[TextBox],
    horizontal: list[tuple[int, int, int]],
    vertical: list[tuple[int, int, int]],
    tuned: bool = True,
) -> list[TextBox]:
    """Text boxes for the inked grid cells no recognised box covers."""
    centres = sorted(box.centre for box in boxes)
    xs_sorted = [c[0] for c in centres]
    crops: list[tuple[np.ndarray, tuple[tuple[float, float], ...]]] = []
    #: Each crop's ink: wider than tall (a ``--`` mark) or not (a glyph such as ``0``).
    flat: list[bool] = []
    for x0, top, x1, bottom in _cells(horizontal, vertical):
        lo, hi = bisect_right(xs_sorted, x0), bisect_right(xs_sorted, x1)
        if any(top <= y <= bottom for _, y in centres[lo:hi]):
            continue
        inner = image[top + 4 : bottom - 3, x0 + 4 : x1 - 3]
        if inner.size == 0:
            continue
        ys, xs = np.nonzero(inner < 128)
        if len(ys) < _MIN_INK:
            continue
        pad = max(4, int(ys.max() - ys.min()) // 2)
        crop_top = max(0, top + 4 + int(ys.min()) - pad)
        crop_bottom = min(image.shape[0], top + 4 + int(ys.max()) + pad)
        crop_left = max(0, x0 + 4 + int(xs.min()) - pad)
        crop_right = min(image.shape[1], x0 + 4 + int(xs.max()) + pad)
        crop = image[crop_top:crop_bottom, crop_left:crop_right]
        crop = np.ascontiguousarray(np.repeat(crop[:, :, None], 3, axis=2))
        corners: tuple[tuple[float, float], ...] = (
            (float(crop_left + pad), float(crop_top + pad)),
            (float(crop_right - pad), float(crop_top + pad)),
            (float(crop_right - pad), float(crop_bottom - pad)),
            (float(crop_left + pad), float(crop_bottom - pad)),
        )
        crops.append((crop, corners))
        flat.append(int(xs.max() - xs.min()) + 1 >= 1.5 * (int(ys.max() - ys.min()) + 1))
    if not crops:
        return []
    # One batched recognition call for all the page's missed cells.
    results, _ = engine(tuned).text_rec([crop for crop, _ in crops], False)
    found: list[TextBox] = []
    for (_, box_corners), is_flat, result in zip(crops, flat, results, strict=True):
        text, score = str(result[0]).strip(), float(result[1])
        if len(text) == 1 and text in _ROUND and not is_flat:
            # A lone 0 read as a small circle (noisy 150 dpi scans), as in ``round_zeros``.
            text = "0"
        elif text and set(text) <= _DASH_LIKE and is_flat:
            # The report prints ``--`` in empty cells; alone in a cell the recogniser
            # returns it as quotes, dots or a dash: the column holds nothing else.
            text, score = "--", max(score, _MIN_SCORE)
        # Any other mark read as punctuation is no ``--`` (its ink is not a flat stroke):
        # it stays as read, so the value is reported unreadable rather than empty.
        if not text or score < _MIN_SCORE:
            continue
        found.append(TextBox(box_corners, text, score))
    return found


def round_zeros(
    boxes: list[TextBox],
    horizontal: list[tuple[int, int, int]],
    vertical: list[tuple[int, int, int]],
) -> list[TextBox]:
    """The boxes with each lone round glyph that fills a ruled cell by itself read as ``0``.

    A table cell of the report holds a value; alone in one, a small circle can only be
    the digit ``0`` (the amount row under a repayment grid prints one in every month).
    The recogniser returns ``。`` or ``o`` for it on noisy 150 dpi scans (65 of 68 unread
    grid amounts of split-across-pages). A round glyph beside other text in its cell, or
    outside the ruled tables, is left as read."""
    cells = _cells(horizontal, vertical)
    if not cells:
        return boxes
    centres = [box.centre for box in boxes]
    fixed = list(boxes)
    for index, box in enumerate(boxes):
        if len(box.text.strip()) != 1 or box.text.strip() not in _ROUND:
            continue
        x, y = centres[index]
        cell = next((c for c in cells if c[0] < x < c[2] and c[1] < y < c[3]), None)
        if cell is None:
            continue
        alone = not any(
            other != index and cell[0] < cx < cell[2] and cell[1] < cy < cell[3]
            for other, (cx, cy) in enumerate(centres)
        )
        if alone:
            fixed[index] = TextBox(box.corners, "0", box.confidence)
    return fixed
