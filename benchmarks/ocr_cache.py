"""Dev-only: remember the OCR engine's output per input image, on disk.

While iterating on the reader's geometry, cell inference and correction, the same page
images are recognised again and again; ``install(folder)`` makes the reader reuse the
engine's answer for byte-identical pixels (keyed by a hash of the image and the engine
settings), so a rerun spends CPU only on images that changed. The engine's output is
stored as it came; nothing is edited. Never used by creditdiff itself.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

import numpy as np


def _key(kind: str, tuned: bool, images: list[np.ndarray]) -> str:
    from creditdiff.sources.ocr.engine import DEFAULT, TUNED
    from creditdiff.sources.ocr.strips import MAX_STRIP, OVERLAP

    settings = (
        sorted((TUNED if tuned else DEFAULT).items()),
        tuned and (MAX_STRIP, OVERLAP, "twins"),
    )
    digest = hashlib.sha1(f"{kind}:{tuned}:{settings}".encode())
    for image in images:
        digest.update(str(image.shape).encode())
        digest.update(np.ascontiguousarray(image).tobytes())
    return digest.hexdigest()


class _Store:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        folder.mkdir(parents=True, exist_ok=True)
        self.hits = self.misses = 0

    def get(self, key: str) -> Any:
        path = self.folder / f"{key}.pkl"
        if path.exists():
            self.hits += 1
            return pickle.loads(path.read_bytes())
        self.misses += 1
        return None

    def put(self, key: str, value: Any) -> None:
        path = self.folder / f"{key}.pkl"
        temporary = path.with_suffix(".tmp")
        temporary.write_bytes(pickle.dumps(value))
        temporary.replace(path)


class _Recogniser:
    """Stands in for the engine object in ``cells``/``glyphs`` (``text_rec`` only)."""

    def __init__(self, store: _Store, real: Any, tuned: bool) -> None:
        self.store, self.real, self.tuned = store, real, tuned

    def text_rec(self, crops: list[np.ndarray], use_cls: bool) -> Any:
        key = _key(f"rec:{use_cls}", self.tuned, list(crops))
        found = self.store.get(key)
        if found is None:
            found = self.real(self.tuned).text_rec(crops, use_cls)
            self.store.put(key, found)
        return found


def install(folder: Path) -> _Store:
    """Make the OCR reader of this process reuse recognitions cached under ``folder``."""
    from creditdiff.sources.ocr import cells, engine, glyphs, page, reread

    store = _Store(folder)
    real_recognise = engine.recognise
    real_engine = engine.engine

    def recognise(image: np.ndarray, tuned: bool = True) -> list[Any]:
        key = _key("page", tuned, [image])
        found = store.get(key)
        if found is None:
            found = real_recognise(image, tuned)
            store.put(key, found)
        return list(found)

    def cached_engine(tuned: bool = True) -> Any:
        return _Recogniser(store, real_engine, tuned)

    page.recognise = recognise  # type: ignore[assignment]
    cells.engine = cached_engine  # type: ignore[assignment]
    glyphs.engine = cached_engine  # type: ignore[assignment]
    reread.engine = cached_engine  # type: ignore[assignment]
    return store
