"""OCR page source: scanned PDFs, single images and folders of photos -> ``Page`` records.

``scan_images`` reads image files (one report: a folder of photos, or one image) and
returns logical pages in report order plus warnings (unreadable pages, missing or
duplicate page numbers); ``render_pdf_page`` renders a PDF page for ``report.mixed_pages``.
Everything runs offline: the recognition models are files inside the installed wheel.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from creditdiff.errors import InputError, NotACreditReportError
from creditdiff.pages import Page

if TYPE_CHECKING:
    import numpy as np

#: Image files a folder of photographed pages may hold.
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png", ".tif", ".tiff", ".heic", ".heif", ".bmp", ".webp")
#: Fewer recognised characters than this on a page: blank or unreadable.
MIN_CHARS = 20
#: Sheets OCR'd before deciding whether the input is a credit report at all, so a folder
#: or PDF of something else is refused in seconds rather than after every page.
EARLY_SHEETS = 2
#: Words that report pages print in their titles, labels and table heads, whatever the
#: section; a page of something else holds few of them.
REPORT_WORDS = (
    "个人信用报告",
    "征信",
    "信息",
    "账户",
    "机构",
    "查询",
    "日期",
    "余额",
    "还款",
    "信贷",
    "贷款",
    "信用卡",
    "金额",
    "证件",
)

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
    # numpy and PIL load with the first image read: a text PDF's parse never needs them.
    import numpy as np
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


def looks_like_report(pages: Sequence[object]) -> bool:
    """Whether any of these OCR'd pages reads like a credit report page: a printed
    ``第N页，共M页`` footer, or at least three of the report's recurring words."""
    from creditdiff.sources.ocr.page import ScannedPage

    for page in pages:
        assert isinstance(page, ScannedPage)
        if page.footer is not None:
            return True
        text = page.page.text
        if sum(word in text for word in REPORT_WORDS) >= 3:
            return True
    return False


class EarlyCheck:
    """Refuse an input that is not a report after its first sheets, not its last."""

    def __init__(self, label: Path, sheets: int = EARLY_SHEETS) -> None:
        self.label = label
        self.sheets = sheets
        self.done = 0
        self.decided = False

    def after_sheet(self, pages: Sequence[object], last: bool) -> None:
        """Call after each OCR'd sheet with the logical pages read so far."""
        self.done += 1
        if self.decided:
            return
        if looks_like_report(pages):
            self.decided = True
            return
        if self.done < self.sheets and not last:
            return
        readable = [p for p in pages if getattr(p, "characters", 0) >= MIN_CHARS]
        if not readable:
            raise InputError(
                self.label, "no readable report text on any page (blank or too blurred?)"
            )
        raise NotACreditReportError(self.label, "not a PBOC personal credit report (个人信用报告)")


def scan_images(
    paths: Sequence[Path], label: Path, progress: Progress | None = None, tuned: bool = True
) -> ScanResult:
    """OCR image files that together make one report; pages ordered by their footers.

    After the first sheets an input that reads like no report page is refused."""
    from creditdiff.sources.ocr.page import ScannedPage
    from creditdiff.sources.ocr.parallel import Sheet, read_sheets

    scanned: list[tuple[str, ScannedPage]] = []
    early = EarlyCheck(label)
    sheets = [Sheet(path) for path in paths]
    with contextlib.closing(read_sheets(sheets, label, tuned)) as results:
        for index, (path, pages) in enumerate(zip(paths, results, strict=False)):
            for page in pages:
                assert isinstance(page, ScannedPage)
                # Numbered in reading order, as a sheet is read without its predecessors.
                numbered = replace(page.page, number=len(scanned) + 1)
                scanned.append((path.name, replace(page, page=numbered)))
            early.after_sheet([page for _, page in scanned], index + 1 == len(paths))
            if progress is not None:
                progress(index + 1, len(paths))
    result = order_pages(scanned, label)
    result.files = len(paths)
    return result


def _order_keys(readable: Sequence[tuple[str, object]]) -> Callable[[int], float]:
    """Sort keys: the printed page number, or (footer not read) just after the page
    before it in file order, so one unread footer does not scramble the rest."""
    keys: list[float] = []
    previous = 0.0
    for _, page in readable:
        footer = getattr(page, "footer", None)
        previous = float(footer[0]) if footer else previous + 0.01
        keys.append(previous)
    return keys.__getitem__


def order_pages(scanned: Sequence[tuple[str, object]], label: Path) -> ScanResult:
    """Logical pages in printed page order (after the file before it where a footer was
    not read),
    renumbered 1..n; warnings for unreadable, missing and duplicate page numbers."""
    from creditdiff.sources.ocr.page import ScannedPage

    readable: list[tuple[str, ScannedPage]] = []
    warnings: list[str] = []
    for name, page in scanned:
        assert isinstance(page, ScannedPage)
        if page.characters < MIN_CHARS:
            warnings.append(
                f"OCR：第 {page.page.number} 张页面图片（{name}）空白或无法识别，未读取"
            )
            continue
        readable.append((name, page))
    if not readable:
        raise InputError(label, "no readable report text on any page (blank or too blurred?)")
    numbered = [p.footer[0] for _, p in readable if p.footer]
    totals = [p.footer[1] for _, p in readable if p.footer]
    if numbered:
        readable = [readable[i] for i in sorted(range(len(readable)), key=_order_keys(readable))]
    duplicates = sorted({n for n in numbered if numbered.count(n) > 1})
    if duplicates:
        warnings.append("OCR：页码重复：第 " + "、".join(map(str, duplicates)) + " 页")
    if totals:
        total = max(set(totals), key=totals.count)
        missing = [n for n in range(1, total + 1) if n not in numbered]
        if missing and len(numbered) == len(readable):
            pages_text = "、".join(map(str, missing))
            warnings.append(f"OCR：缺页：共 {total} 页，缺第 {pages_text} 页")
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


def render_pdf_page(
    path: Path, index: int, dpi: int = 200, password: str | None = None
) -> np.ndarray:
    """One PDF page rendered by PDFium as a grey array."""
    import numpy as np
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(str(path), password=password)
    try:
        bitmap = document[index].render(scale=dpi / 72, grayscale=True)
        image: np.ndarray = np.asarray(bitmap.to_pil().convert("L")).copy()
    finally:
        document.close()
    return image
