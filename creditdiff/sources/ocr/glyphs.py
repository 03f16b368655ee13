"""Short marks the detector skipped at the start of a text line outside ruled cells.

The text detector misses isolated one- or two-glyph tokens such as a query row's ``1``
in the 编号 column when nothing else is near them. Such a mark sits on the same line as
a recognised box, in the gap to its left: every inked run in that gap that no box covers
and that is not a ruling line is cropped around its ink and recognised alone
(recognition only, one batched call per page). A read below the confidence floor, or one
that is only punctuation, is dropped, never guessed.
"""

from __future__ import annotations

import numpy as np

from creditdiff.sources.ocr.engine import TextBox, engine

#: Ink pixels a run needs to be worth recognising.
_MIN_INK = 12
#: A recognition below this confidence is dropped.
_MIN_SCORE = 0.6
#: How far left of a box (in box heights) a skipped mark is looked for.
_REACH = 6
_PUNCTUATION = frozenset("-—–_~－一\"'“”‘’.,。，、·!！:：;；|()（）[]")

Rect = tuple[int, int, int, int]


def _rects(boxes: list[TextBox], shape: tuple[int, ...]) -> list[Rect]:
    rects = []
    for box in boxes:
        xs = [x for x, _ in box.corners]
        ys = [y for _, y in box.corners]
        x0, x1 = max(0, int(min(xs))), min(shape[1], int(max(xs)) + 1)
        y0, y1 = max(0, int(min(ys))), min(shape[0], int(max(ys)) + 1)
        if x1 > x0 and y1 > y0:
            rects.append((x0, y0, x1, y1))
    return rects


def _runs(flags: np.ndarray, join: int) -> list[tuple[int, int]]:
    """Runs of True in ``flags`` as (start, end), runs closer than ``join`` merged."""
    runs: list[tuple[int, int]] = []
    start = None
    for index, flag in enumerate([*flags.tolist(), False]):
        if flag and start is None:
            start = index
        elif not flag and start is not None:
            if runs and start - runs[-1][1] < join:
                runs[-1] = (runs[-1][0], index)
            else:
                runs.append((start, index))
            start = None
    return runs


def _is_rule(ink: np.ndarray, x0: int, x1: int, y0: int, y1: int) -> bool:
    """Whether the run's ink continues above and below the line: a vertical ruling.

    A thin run whose ink continues on one side only is a ruling too: the table's side
    border ends at its last row (read as ``#`` before the row's first cell otherwise)."""
    above = ink[max(0, y0 - 6) : max(0, y0 - 2), x0:x1]
    below = ink[y1 + 2 : y1 + 6, x0:x1]
    up, down = bool(above.size and above.any()), bool(below.size and below.any())
    thin = x1 - x0 <= max(8, (y1 - y0) // 6)
    return (up and down) or (thin and (up or down))


def _candidates(image: np.ndarray, rects: list[Rect]) -> list[tuple[Rect, Rect]]:
    """(ink box, box on the line's height) of each unrecognised mark."""
    ink = image < 128
    covered = np.zeros(image.shape[:2], bool)
    for x0, y0, x1, y1 in rects:
        covered[y0:y1, x0:x1] = True
    found: dict[Rect, Rect] = {}
    for x0, y0, _x1, y1 in rects:
        height = y1 - y0
        if height < 8:
            continue
        # The gap ends at the nearest box on the same line to the left.
        left = max(0, x0 - _REACH * height)
        for _ox0, oy0, ox1, oy1 in rects:
            overlap = min(y1, oy1) - max(y0, oy0)
            if ox1 <= x0 and overlap > height // 2:
                left = max(left, ox1)
        if x0 - left < 3:
            continue
        band = ink[y0:y1, left:x0] & ~covered[y0:y1, left:x0]
        for start, end in _runs(band.sum(axis=0) >= 2, max(2, height // 3)):
            run = band[:, start:end]
            if int(run.sum()) < _MIN_INK:
                continue
            rows = np.nonzero(run.any(axis=1))[0]
            rx0, rx1 = left + start, left + end
            ry0, ry1 = y0 + int(rows.min()), y0 + int(rows.max()) + 1
            if _is_rule(ink, rx0, rx1, ry0, ry1) or ry1 - ry0 < height // 4:
                continue
            # Placed at the height of the line's box, so the layout reads it on that line.
            found.setdefault((rx0, ry0, rx1, ry1), (rx0, y0, rx1, y1))
    return sorted(found.items())


def missed_glyphs(image: np.ndarray, boxes: list[TextBox], tuned: bool = True) -> list[TextBox]:
    """Text boxes for inked marks left of recognised boxes on their line that no box covers."""
    candidates = _candidates(image, _rects(boxes, image.shape))
    if not candidates:
        return []
    crops = []
    for (x0, y0, x1, y1), _ in candidates:
        pad = max(4, (y1 - y0) // 2)
        crop = image[max(0, y0 - pad) : y1 + pad, max(0, x0 - pad) : x1 + pad]
        crops.append(np.ascontiguousarray(np.repeat(crop[:, :, None], 3, axis=2)))
    results, _ = engine(tuned).text_rec(crops, False)
    found: list[TextBox] = []
    for (_, (x0, y0, x1, y1)), result in zip(candidates, results, strict=True):
        text, score = str(result[0]).strip(), float(result[1])
        if not text or score < _MIN_SCORE or set(text) <= _PUNCTUATION:
            continue
        corners = ((float(x0), float(y0)), (float(x1), float(y0)), (float(x1), float(y1)))
        found.append(TextBox((*corners, (float(x0), float(y1))), text, score))
    return found
