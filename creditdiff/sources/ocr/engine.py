"""The OCR engine: RapidOCR (PP-OCRv4 models shipped inside its wheel, onnxruntime CPU).

Nothing is downloaded at run time: the models are files of the installed package. The
engine is built once per process with settings tuned for report pages (see ``TUNED``):
the detector works on the long side at page resolution (the default 736 px short side
drops short cells such as ``正常``), no angle classifier (page rotation is corrected
once per page in ``geometry``), larger recognition batches and one onnxruntime thread:
pages are read in parallel, one engine per worker process (``parallel``), which scales
far better than intra-op threads on these small tensors, above all on a busy machine.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

#: Settings tuned for report pages; ``DEFAULT`` is the engine's own configuration.
TUNED: dict[str, Any] = {
    "Global.use_cls": False,
    "Global.text_score": 0.3,
    "Det.limit_type": "max",
    "Det.limit_side_len": 1600,
    "Det.box_thresh": 0.4,
    "Det.unclip_ratio": 1.8,
    # rapidocr pads every recognition batch to at least 320 px at height 48. Narrower
    # batches (each padded only to its widest crop) cut recognition CPU 2.5-3x but
    # change the texts: on 609 crops of a 300 dpi and a noisy 150 dpi page, 144 one- or
    # two-glyph cells (``0``, ``N``, ``Z``) read as ``o``, ``。`` or nothing; with a
    # 192 px floor still 78. The model needs the blank context, so the floor stays.
    "Rec.rec_batch_num": 16,
}
DEFAULT: dict[str, Any] = {}


@dataclass(frozen=True, slots=True)
class TextBox:
    """One recognised text box: its four corners (pixels), text and confidence."""

    corners: tuple[tuple[float, float], ...]
    text: str
    confidence: float


@lru_cache(maxsize=2)
def engine(tuned: bool = True) -> Any:
    """The process's RapidOCR instance (built on first use)."""
    # rapidocr logs through the root logger at import; keep library noise off stderr.
    logging.getLogger("RapidOCR").setLevel(logging.ERROR)
    from rapidocr_onnxruntime import RapidOCR

    params = dict(TUNED if tuned else DEFAULT)
    if tuned:
        params["Global.intra_op_num_threads"] = 1
        params["Global.inter_op_num_threads"] = 1
    return RapidOCR(params=params)


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
