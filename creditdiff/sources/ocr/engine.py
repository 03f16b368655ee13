"""The OCR engine: RapidOCR (PP-OCRv4 models shipped inside its wheel, onnxruntime CPU).

Nothing is downloaded at run time: the models are files of the installed package. The
engine is built once per process with settings tuned for report pages (see ``TUNED``):
no angle classifier (page rotation is corrected once per page in ``geometry``),
detection in overlapping strips (``strips``: a third of the memory), one crop per
recognition run and one onnxruntime thread. Pages are read in parallel, one
engine per worker process (``parallel``), which scales far better than intra-op threads
on these small tensors, above all on a busy machine. Detection and recognition keep the
engine's own thresholds and sizes: every accuracy figure was measured with them.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from creditdiff.sources.ocr.strips import StripDetector

#: Settings tuned for report pages, as keyword arguments of rapidocr-onnxruntime 1.4
#: (``det_*``/``rec_*`` go to the detector and recogniser, the rest to every model;
#: unknown keys are silently ignored, so ``test_ocr_engine`` checks they arrive).
#: ``DEFAULT`` is the engine's own configuration.
TUNED: dict[str, Any] = {
    # One process per core (``parallel``); intra-op threads would only wait on each other.
    "intra_op_num_threads": 1,
    "inter_op_num_threads": 1,
    # Report crops are short (median 80 px at height 48) and each is padded to 320 px
    # anyway; recognised one at a time they read the same texts for a quarter less CPU
    # than in batches of 6 (the default), and batches of 16 or 32 are slower still
    # (measured on a 200 dpi page: 5.9 s, 7.9 s, 8.5 s, 11.9 s for its 283 crops).
    "rec_batch_num": 1,
}
DEFAULT: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class TextBox:
    """One recognised text box: its four corners (pixels), text and confidence."""

    corners: tuple[tuple[float, float], ...]
    text: str
    confidence: float

    @property
    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) of the corners, in pixels."""
        xs = [x for x, _ in self.corners]
        ys = [y for _, y in self.corners]
        return min(xs), min(ys), max(xs), max(ys)

    @property
    def centre(self) -> tuple[float, float]:
        """The mean of the corners, in pixels."""
        count = len(self.corners)
        return sum(x for x, _ in self.corners) / count, sum(y for _, y in self.corners) / count


@lru_cache(maxsize=2)
def engine(tuned: bool = True) -> Any:
    """The process's RapidOCR instance (built on first use)."""
    # rapidocr logs through the root logger at import; keep library noise off stderr.
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    from rapidocr_onnxruntime import RapidOCR

    ocr = RapidOCR(**(TUNED if tuned else DEFAULT))
    if tuned:
        # Two workers each detecting a whole page would pass the memory bound (``strips``).
        ocr.text_det = StripDetector(ocr.text_det)
    return ocr


def recognise(image: np.ndarray, tuned: bool = True) -> list[TextBox]:
    """The text boxes of one page image (BGR or grey ``uint8``)."""
    if image.ndim == 2:
        image = np.repeat(image[:, :, None], 3, axis=2)
    result, _ = engine(tuned)(image, use_cls=not tuned)
    boxes = []
    for corners, text, score in result or ():
        boxes.append(
            TextBox(tuple((float(x), float(y)) for x, y in corners), str(text), float(score))
        )
    return boxes
