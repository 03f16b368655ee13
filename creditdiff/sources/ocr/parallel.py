"""Sheets OCR'd on all cores: a pool of worker processes, results in sheet order.

Recognition is CPU-bound work in onnxruntime. One engine with several intra-op threads
scales poorly on report pages (small tensors, threads waiting on each other; far worse
on a busy machine), so each worker runs a single-threaded engine and the sheets are
spread over ``os.cpu_count()`` workers, at most ``MAX_WORKERS`` so the processes
together stay within the memory bound. A sheet is read in its worker from its file (or
rendered there from its PDF), so the parent never holds page images. Results come back
in sheet order, each as soon as it and the sheets before it are done, so the progress
bar advances per sheet and an input that is no report is refused after its first
sheets. Any exception (a worker's InputError, Ctrl-C's ``Stopped``) terminates the
workers before it propagates; a worker that dies is a one-line error naming the file.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from creditdiff.errors import InputError
from creditdiff.workers import default_workers, in_worker, stop_workers, worker_start

#: Workers at most: each holds the engine (models and onnxruntime buffers, about
#: 0.4 GB at peak on a 300 dpi page), and all processes together stay under 1.2 GB.
MAX_WORKERS = 2


@dataclass(frozen=True)
class Sheet:
    """Where one sheet image comes from: an image file, or a page of a PDF."""

    path: Path
    #: 0-based PDF page to render; None for an image file.
    pdf_page: int | None = None
    password: str | None = None
    #: Number of the sheet's first logical page.
    first_number: int = 1


def _image(sheet: Sheet) -> np.ndarray:
    from creditdiff.sources.ocr import load_image, render_pdf_page

    if sheet.pdf_page is None:
        return load_image(sheet.path)
    return render_pdf_page(sheet.path, sheet.pdf_page, password=sheet.password)


def read(sheet: Sheet, tuned: bool = True) -> list[object]:
    """The logical pages (``ScannedPage``) of one sheet."""
    from creditdiff.sources.ocr.page import read_sheet

    return list(read_sheet(_image(sheet), sheet.first_number, tuned))


def _start(detection: object) -> None:
    """Start one OCR worker: as every worker (``worker_start``), and taking turns with
    the others at text detection, the step that needs the most memory (``strips``)."""
    from creditdiff.sources.ocr.strips import share_detection

    worker_start()
    share_detection(detection)


def workers_for(sheets: int) -> int:
    """Worker processes for this many sheets: 1 (in-process) inside a worker already."""
    if in_worker():
        return 1
    return max(1, min(default_workers(), MAX_WORKERS, sheets))


#: Sheets read first, in their own order: the input is refused after these if it is no
#: report (``EarlyCheck``), so they must not wait behind the others.
_FIRST = 2


def _work_order(sheets: Sequence[Sheet]) -> list[int]:
    """The order the workers take the sheets in: the first ones as given, then the
    largest image files first (the densest pages, the longest to read), so no worker
    is left reading a long page alone at the end. Results still come in sheet order."""

    def size(index: int) -> int:
        sheet = sheets[index]
        if sheet.pdf_page is not None:
            return 0
        try:
            return sheet.path.stat().st_size
        except OSError:
            return 0

    rest = sorted(range(_FIRST, len(sheets)), key=lambda i: -size(i))
    return [*range(min(_FIRST, len(sheets))), *rest]


def read_sheets(
    sheets: Sequence[Sheet], label: Path, tuned: bool = True, workers: int | None = None
) -> Generator[list[object], None, None]:
    """The logical pages of each sheet, in the order given, read on ``workers`` cores."""
    # The engine's default settings (``tuned=False``) keep its own threading, one process.
    count = workers or (workers_for(len(sheets)) if tuned else 1)
    if count <= 1:
        # One sheet or one core: a pool would only add its start-up time.
        for sheet in sheets:
            yield read(sheet, tuned)
        return
    # spawn: a fresh interpreter per worker; a forked copy of an engine the parent
    # already built would share onnxruntime state that is not fork-safe.
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(
        count, mp_context=context, initializer=_start, initargs=(context.Lock(),)
    )
    try:
        submitted = {i: pool.submit(read, sheets[i], tuned) for i in _work_order(sheets)}
        futures: list[Future[list[object]]] = [submitted[i] for i in range(len(sheets))]
        for future in futures:
            try:
                yield future.result()
            except BrokenProcessPool:
                raise InputError(label, "the OCR worker process stopped unexpectedly") from None
    except BaseException:
        stop_workers(pool)
        raise
    pool.shutdown(wait=True)
