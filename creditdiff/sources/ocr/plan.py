"""Which way a file's pages are read: the PDF text layer, or OCR of some or all pages.

``--ocr auto`` (the default) OCRs only the PDF pages without a usable text layer, so a
mixed PDF reads each page the right way; ``always`` OCRs every page; ``never`` reads the
text layer only. An image file, or a folder holding page images and no PDF, is always
OCR'd. ``ocr_plan`` decides (cheaply, through PDFium's text layer); ``scan`` produces the
pages of a file the plan says needs OCR. Text-layer reads go through ``sources.read``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from creditdiff.pages import Page
from creditdiff.sources.ocr import ScanResult
from creditdiff.sources.ocr import report as ocr_report
from creditdiff.sources.read import open_pages


@dataclass(frozen=True)
class OcrPlan:
    """What of a file needs OCR: the whole input (images), or these 0-based PDF pages."""

    images: bool = False
    pages: tuple[int, ...] = ()
    every_page: bool = False

    @property
    def needed(self) -> bool:
        return self.images or bool(self.pages)


NO_OCR = OcrPlan()


def ocr_plan(path: Path, password: str | None = None, mode: str | None = None) -> OcrPlan:
    """Whether (and where) ``path`` needs OCR under ``mode`` (None: ``--ocr``'s setting)."""
    mode = mode or ocr_report.default_mode()
    if ocr_report.is_image_input(path):
        return OcrPlan(images=True)
    if not path.is_file():
        return NO_OCR
    indexes = ocr_report.pdf_needs_ocr(path, password, mode)
    return OcrPlan(pages=tuple(indexes), every_page=mode == "always") if indexes else NO_OCR


def scan(path: Path, password: str | None, plan: OcrPlan, reader: str = "pdfium") -> ScanResult:
    """The pages of a file by its OCR plan: OCR'd images, or the PDF's text-layer pages
    (read with ``reader``) with the planned ones replaced by their OCR'd logical pages."""
    if plan.images:
        return ocr_report.scan_input(path)
    if plan.every_page:
        text_pages = [Page(i + 1, 0, 0, ()) for i in range(len(plan.pages))]
    else:
        with open_pages(path, password, reader) as document:
            text_pages = list(document.pages())
    return ocr_report.mixed_pages(path, text_pages, plan.pages, password)


__all__ = ["NO_OCR", "OcrPlan", "ocr_plan", "scan"]
