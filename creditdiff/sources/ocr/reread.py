"""A second look at short, doubtful text boxes: recognised again among their own kind.

The engine recognises a page's boxes in batches, each crop padded to the widest in its
batch; a one-letter repayment-grid cell (``N``) padded out to a long line's width comes
back doubtful, often as another code (``Z``, a real grid code, so no vocabulary can
correct it). The same crop recognised in a batch of other short crops reads as printed.
So every short box below a confidence is recognised again with the other short ones,
and the second reading replaces the first only where it is surer.
"""

from __future__ import annotations

import numpy as np

from creditdiff.sources.ocr.engine import TextBox, engine

#: Boxes of at most this many characters are read again ...
_SHORT = 3
#: ... when the engine's confidence in them was below this.
_DOUBTFUL = 0.95


def _crop(image: np.ndarray, box: TextBox) -> np.ndarray | None:
    xs = [x for x, _ in box.corners]
    ys = [y for _, y in box.corners]
    x0, x1 = max(0, int(min(xs))), min(image.shape[1], int(max(xs)) + 1)
    y0, y1 = max(0, int(min(ys))), min(image.shape[0], int(max(ys)) + 1)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return None
    crop = image[y0:y1, x0:x1]
    if crop.ndim == 2:
        crop = np.repeat(crop[:, :, None], 3, axis=2)
    return np.ascontiguousarray(crop)


def reread_short(image: np.ndarray, boxes: list[TextBox], tuned: bool = True) -> list[TextBox]:
    """The boxes with each short doubtful one replaced by a surer second reading."""
    doubtful: list[tuple[int, np.ndarray]] = []
    for index, box in enumerate(boxes):
        if len(box.text.strip()) <= _SHORT and box.confidence < _DOUBTFUL:
            crop = _crop(image, box)
            if crop is not None:
                doubtful.append((index, crop))
    if not doubtful:
        return boxes
    results, _ = engine(tuned).text_rec([crop for _, crop in doubtful], False)
    improved = list(boxes)
    for (index, _), result in zip(doubtful, results, strict=True):
        text, score = str(result[0]).strip(), float(result[1])
        if text and score > boxes[index].confidence:
            improved[index] = TextBox(boxes[index].corners, text, score)
    return improved
