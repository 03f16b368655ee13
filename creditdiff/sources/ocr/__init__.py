"""OCR page source: scanned PDFs, single images and folders of photos -> ``Page`` records.

``scan_images`` reads image files (one report: a folder of photos, or one image),
``scan_pdf_pages`` renders the image-only pages of a PDF with PDFium. Both return logical
pages in report order plus warnings (unreadable pages, missing or duplicate page numbers).
Everything runs offline: the recognition models are files inside the installed wheel.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from creditdiff.errors import InputError
from creditdiff.pages import Page

#: Image files a folder of photographed pages may hold.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif", ".bmp", ".webp")
#: Fewer recognised characters than this on a page: blank or unreadable.
MIN_CHARS = 20

Progress = Callable[[int, int], None]


@dataclass
class ScanResult:
    """The logical pages of an OCR'd report, in report order, and what went wrong."""

    pages: list[Page]
    warnings: list[str] = field(default_factory=list)
    files: int = 1
    confidence: float | None = None


def is_image(path: Path) -> bool:
    """Whether a path names an image file by its suffix."""
    return path.suffix.lower() in IMAGE_SUFFIXES


def load_image(path: Path) -> np.ndarray:
    """An image file as a BGR array; HEIC through pillow-heif."""
    from PIL import Image, ImageOps, UnidentifiedImageError

    if path.suffix.lower() in (".heic", ".heif"):
        try:
            import pillow_heif

            pillow_heif.register_heif_opener()
        except ImportError:
            raise InputError(path, "HEIC support (pillow-heif) is not installed") from None
    try:
        with Image.open(path) as image:
            image = ImageOps.exif_transpose(image).convert("RGB")
            pixels: np.ndarray = np.asarray(image)[:, :, ::-1].copy()
            return pixels
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError):
        raise InputError(path, "not a readable image file") from None


def folder_images(folder: Path) -> list[Path]:
    """The image files of a folder, by file name; an error when it holds none."""
    images = sorted(p for p in folder.iterdir() if p.is_file() and is_image(p))
    if not images:
        raise InputError(folder, "folder holds no report PDF and no page images")
    return images


def scan_images(
    paths: Sequence[Path], label: Path, progress: Progress | None = None, tuned: bool = True
) -> ScanResult:
    """OCR image files that together make one report; pages ordered by their footers."""
    from creditdiff.sources.ocr.page import ScannedPage, read_sheet

    scanned: list[tuple[str, ScannedPage]] = []
    for index, path in enumerate(paths):
        image = load_image(path)
        for page in read_sheet(image, len(scanned) + 1, tuned):
            scanned.append((path.name, page))
        del image
        if progress is not None:
            progress(index + 1, len(paths))
    result = order_pages(scanned, label)
    result.files = len(paths)
    return result


def order_pages(scanned: Sequence[tuple[str, object]], label: Path) -> ScanResult:
    """Logical pages in printed page order (file order where a footer was not read),
    renumbered 1..n; warnings for unreadable, missing and duplicate page numbers."""
    from creditdiff.sources.ocr.page import ScannedPage

    readable: list[tuple[str, ScannedPage]] = []
    warnings: list[str] = []
    for name, page in scanned:
        assert isinstance(page, ScannedPage)
        if page.characters < MIN_CHARS:
            warnings.append(f"OCR: page image {page.page.number} ({name}) is blank or unreadable")
            continue
        readable.append((name, page))
    if not readable:
        raise InputError(label, "no readable report text on any page (blank or too blurred?)")
    numbered = [p.footer[0] for _, p in readable if p.footer]
    totals = [p.footer[1] for _, p in readable if p.footer]
    if numbered and len(numbered) == len(readable):
        readable.sort(key=lambda pair: pair[1].footer[0] if pair[1].footer else 0)
    duplicates = sorted({n for n in numbered if numbered.count(n) > 1})
    if duplicates:
        warnings.append("OCR: duplicate page " + ", ".join(map(str, duplicates)))
    if totals:
        total = max(set(totals), key=totals.count)
        missing = [n for n in range(1, total + 1) if n not in numbered]
        if missing and len(numbered) == len(readable):
            warnings.append("OCR: missing page " + ", ".join(map(str, missing)) + f" of {total}")
    pages = []
    weights = 0
    score = 0.0
    for number, (_, scanned_page) in enumerate(readable, start=1):
        page = scanned_page.page
        pages.append(Page(number, page.width, page.height, page.chars, page.lines, page.rects))
        if scanned_page.confidence is not None:
            score += scanned_page.confidence * scanned_page.characters
            weights += scanned_page.characters
    confidence = round(score / weights, 4) if weights else None
    return ScanResult(pages, warnings, 1, confidence)


def render_pdf_page(path: Path, index: int, dpi: int = 200) -> np.ndarray:
    """One PDF page rendered by PDFium as a BGR array."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path))
    try:
        bitmap = document[index].render(scale=dpi / 72, grayscale=True)
        image: np.ndarray = np.asarray(bitmap.to_pil().convert("L")).copy()
    finally:
        document.close()
    return image


def scan_pdf_pages(
    path: Path,
    indexes: Sequence[int],
    progress: Progress | None = None,
    tuned: bool = True,
) -> dict[int, list[Page]]:
    """OCR the given (0-based) pages of a PDF: per page index, its logical pages."""
    from creditdiff.sources.ocr.page import read_sheet

    result: dict[int, list[Page]] = {}
    for done, index in enumerate(indexes, start=1):
        image = render_pdf_page(path, index)
        result[index] = [s.page for s in read_sheet(image, index + 1, tuned)]
        if progress is not None:
            progress(done, len(indexes))
    return result
