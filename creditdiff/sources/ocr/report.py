"""Reading a whole report through OCR: which pages need it, and parsing the result.

``--ocr auto`` OCRs only the pages of a PDF without a usable text layer (a mixed PDF
reads each page the right way); ``always`` OCRs every page; ``never`` keeps today's
text-only behaviour. Images and folders of images are always OCR'd.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from creditdiff import i18n
from creditdiff.errors import InputError
from creditdiff.pages import Page
from creditdiff.sources import ocr

OCR_MODES = ("auto", "always", "never")
#: Environment variable carrying ``--ocr`` to the parsing code, worker processes included.
MODE_VARIABLE = "CREDITDIFF_OCR"
#: A page whose text layer holds fewer characters than this is read by OCR in ``auto``.
MIN_TEXT_CHARS = 20


@contextmanager
def page_progress(total: int, what: str) -> Iterator[Callable[[int, int], None]]:
    """A per-page progress bar on stderr (in the CLI's language), only on a terminal."""
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    console = Console(stderr=True)
    progress = Progress(
        TextColumn(i18n.ui("progress.ocr", name=what)),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=not (console.is_terminal and sys.stderr.isatty()),
    )
    with progress:
        task = progress.add_task("ocr", total=total)

        def advance(done: int, _total: int) -> None:
            progress.update(task, completed=done)

        yield advance


def default_mode() -> str:
    """The ``--ocr`` mode in force: set by the CLI in the environment, else ``auto``."""
    mode = os.environ.get(MODE_VARIABLE, "auto")
    return mode if mode in OCR_MODES else "auto"


def set_mode(mode: str | None) -> None:
    """Make ``mode`` the default for this process and the workers it starts
    (``None``: back to ``auto``)."""
    if mode is None:
        os.environ.pop(MODE_VARIABLE, None)
    else:
        os.environ[MODE_VARIABLE] = mode


def is_image_input(path: Path) -> bool:
    """An image file, or a folder holding page images and no PDF."""
    if path.is_file():
        return ocr.is_image(path)
    if path.is_dir():
        files = [p for p in path.iterdir() if p.is_file() and not p.name.startswith(".")]
        has_pdf = any(p.suffix.lower() == ".pdf" for p in files)
        return not has_pdf and any(ocr.is_image(p) for p in files)
    return False


def text_page_counts(path: Path, password: str | None) -> list[int]:
    """Non-space characters in each page's text layer (PDFium, fast)."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path), password=password)
    try:
        counts = []
        for page in document:
            textpage = page.get_textpage()
            text = textpage.get_text_range()
            counts.append(sum(1 for c in text if not c.isspace()))
            textpage.close()
            page.close()
        return counts
    finally:
        document.close()


def pdf_needs_ocr(path: Path, password: str | None, mode: str) -> list[int]:
    """0-based indexes of the PDF pages to OCR under ``mode``."""
    if mode == "never":
        return []
    import pypdfium2 as pdfium

    try:
        counts = text_page_counts(path, password)
    except pdfium.PdfiumError:
        # A file PDFium cannot open: the text-layer path names the problem.
        return []
    if mode == "always":
        return list(range(len(counts)))
    return [index for index, count in enumerate(counts) if count < MIN_TEXT_CHARS]


def mixed_pages(
    path: Path, text_pages: Sequence[Page], indexes: Sequence[int], password: str | None = None
) -> ocr.ScanResult:
    """A PDF's pages with the given ones replaced by their OCR'd logical pages.

    When no page has a text layer, a PDF whose first OCR'd pages read like no report
    page is refused then, not after every page."""
    from creditdiff.sources.ocr.page import read_sheet

    wanted = set(indexes)
    scanned: list[tuple[str, object]] = []
    pages: list[Page] = []
    warnings: list[str] = []
    early = None if len(wanted) < len(text_pages) else ocr.EarlyCheck(path)
    with page_progress(len(indexes), path.name) as advance:
        done = 0
        for index, text_page in enumerate(text_pages):
            if index not in wanted:
                pages.append(text_page)
                continue
            image = ocr.render_pdf_page(path, index, password=password)
            for sheet_page in read_sheet(image, index + 1):
                scanned.append((f"page {index + 1}", sheet_page))
                if sheet_page.characters < ocr.MIN_CHARS:
                    warnings.append(f"OCR：PDF 第 {index + 1} 页空白或无法识别，未读取")
                else:
                    pages.append(sheet_page.page)
            del image
            done += 1
            if early is not None:
                early.after_sheet([s for _, s in scanned], done == len(indexes))
            advance(done, len(indexes))
    if not pages:
        raise InputError(path, "no readable report text on any page (blank or too blurred?)")
    renumbered = [
        Page(n, p.width, p.height, p.chars, p.lines, p.rects) for n, p in enumerate(pages, 1)
    ]
    confidences = [
        (s.confidence, s.characters)
        for _, s in scanned
        if isinstance(s, ocr.page.ScannedPage) and s.confidence is not None
    ]
    weight = sum(c for _, c in confidences)
    mean = round(sum(v * c for v, c in confidences) / weight, 4) if weight else None
    return ocr.ScanResult(renumbered, warnings, 1, mean)


def scan_input(path: Path) -> ocr.ScanResult:
    """OCR an image file or a folder of page images (one report)."""
    paths = ocr.folder_images(path) if path.is_dir() else [path]
    with page_progress(len(paths), path.name) as advance:
        return ocr.scan_images(paths, path, advance)
