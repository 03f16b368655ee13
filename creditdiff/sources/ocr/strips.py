"""Text detection in overlapping horizontal strips: the same boxes for half the memory.

The detector's feature maps at page resolution are what makes a worker's peak memory:
0.83 GB for a 2000-pixel page, so two workers alone would pass the 1.2 GB bound.
The detector is fully convolutional, so a page cut into strips of about 800 rows that
overlap by ``OVERLAP`` rows is detected strip by strip at the same scale, and each box
is kept from the one strip whose middle part holds its centre: a printed line is far
shorter than half the overlap, so it lies whole inside that strip. Strip heights are
multiples of 32 (the detector's stride) and never under its minimum side, so no strip
is resized differently from the page.

Worker processes also take turns at detection (``share_detection``), and each strip's
freed buffers go back to the system (``_give_back``): a worker then peaks at 0.42 GB
while it detects and holds about 0.21 GB otherwise.
"""

from __future__ import annotations

import contextlib
import ctypes
import math
import sys
from typing import Any

import numpy as np

#: The tallest strip (rows) the detector is given.
MAX_STRIP = 800
#: Rows two neighbouring strips share; a text box is far shorter than half of this.
OVERLAP = 192
#: The detector's stride: its input sides are rounded to a multiple of this.
_STRIDE = 32
#: Held while a strip is detected: a lock shared by the OCR worker processes.
_TURN: Any = contextlib.nullcontext()


def share_detection(lock: Any) -> None:
    """Make this process detect only while it holds ``lock`` (one shared by the workers)."""
    global _TURN
    _TURN = lock


def strip_spans(height: int, min_side: int) -> list[tuple[int, int, int, int]]:
    """(start, end, keep_from, keep_to) rows of each strip of a page ``height`` rows tall:
    the strip is detected whole, and its boxes whose centre lies in [keep_from, keep_to)
    are kept. One strip when the page is short enough."""
    if height <= MAX_STRIP:
        return [(0, height, 0, height)]
    count = math.ceil((height - OVERLAP) / (MAX_STRIP - OVERLAP))
    size = (height + (count - 1) * OVERLAP) / count
    size = max(min_side, math.ceil(size / _STRIDE) * _STRIDE)
    starts = [round(i * (height - size) / (count - 1)) for i in range(count)]
    spans = []
    for index, start in enumerate(starts):
        end = start + size
        keep_from = 0 if index == 0 else (start + starts[index - 1] + size) // 2
        keep_to = height if index == count - 1 else (starts[index + 1] + end) // 2
        spans.append((start, end, keep_from, keep_to))
    return spans


def _give_back() -> None:
    """Return the detector's freed buffers to the system (glibc keeps them otherwise,
    and the worker's resident memory stays at its detection peak)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> Any:
    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL("libc.so.6")
    except OSError:
        return None


_LIBC = _libc()


class StripDetector:
    """Stands in for RapidOCR's ``text_det``: the same call, detected strip by strip."""

    def __init__(self, detector: Any) -> None:
        self.detector = detector

    def __getattr__(self, name: str) -> Any:
        return getattr(self.detector, name)

    def __call__(self, image: np.ndarray) -> tuple[np.ndarray | None, float]:
        height = image.shape[0]
        min_side = int(self.detector.limit_side_len)
        spans = strip_spans(height, min_side)
        if len(spans) == 1 or self.detector.limit_type != "min":
            result: tuple[np.ndarray | None, float] = self.detector(image)
            return result
        kept: list[np.ndarray] = []
        strips: list[np.ndarray] = []
        elapsed = 0.0
        for number, (start, end, keep_from, keep_to) in enumerate(spans):
            with _TURN:
                boxes, seconds = self.detector(np.ascontiguousarray(image[start:end]))
                _give_back()
            elapsed += seconds
            if boxes is None or len(boxes) == 0:
                continue
            boxes = np.asarray(boxes, dtype=np.float32).copy()
            boxes[:, :, 1] += start
            centres = boxes[:, :, 1].mean(axis=1)
            inside = boxes[(centres >= keep_from) & (centres < keep_to)]
            kept.append(inside)
            strips.append(np.full(len(inside), number))
        if not kept:
            return np.zeros((0, 4, 2), np.float32), elapsed
        return _without_twins(np.concatenate(kept), np.concatenate(strips)), elapsed


def _without_twins(boxes: np.ndarray, strips: np.ndarray) -> np.ndarray:
    """The boxes with each line that two neighbouring strips both kept left once.

    A line right at the middle of an overlap is found by both strips, its centre a
    pixel above the boundary in one and a pixel below in the other; kept twice, its
    glyphs interleave (本本人人查查询询…, pdf-200 all-families). Of two boxes from
    different strips covering mostly the same area, the first is kept."""
    lows, highs = boxes.min(axis=1), boxes.max(axis=1)
    keep = np.ones(len(boxes), bool)
    order = np.argsort(lows[:, 1], kind="stable")
    for position, first in enumerate(order):
        if not keep[first]:
            continue
        for second in order[position + 1 :]:
            if lows[second, 1] > highs[first, 1]:
                break
            if strips[second] == strips[first]:
                continue
            width = min(highs[first, 0], highs[second, 0]) - max(lows[first, 0], lows[second, 0])
            height = min(highs[first, 1], highs[second, 1]) - max(lows[first, 1], lows[second, 1])
            if width <= 0 or height <= 0:
                continue
            smaller = min(
                np.prod(highs[first] - lows[first]), np.prod(highs[second] - lows[second])
            )
            if width * height > 0.6 * smaller:
                keep[second] = False
    kept: np.ndarray = boxes[keep]
    return kept


__all__ = ["MAX_STRIP", "OVERLAP", "StripDetector", "share_detection", "strip_spans"]
