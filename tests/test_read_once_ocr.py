"""Under ``--ocr auto`` the PDFium parse measures each page's text as it reads, so a PDF
with text on every page is read once, and a scanned page still goes to OCR."""

from __future__ import annotations

from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES

from creditdiff import reports
from creditdiff.errors import InputError
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources import pdfium_read
from creditdiff.sources.ocr import report as ocr_report
from creditdiff.sources.ocr.plan import OcrPlan, ocr_plan
from fixtures.generator.scan import STYLES, render_case


def test_the_parse_measures_every_page_as_the_ocr_plan_does() -> None:
    """Each fixture page's non-space count from the PDFium parse equals the plan's own
    (``text_page_counts``), so the plan can be judged from the parse."""
    compared = 0
    for pdf in sorted(FIXTURES.rglob("*.pdf")):
        try:
            plan_counts = ocr_report.text_page_counts(pdf, None)
            with pdfium_read.open_report(pdf) as document:
                assert document.text_counts() is None  # nothing read yet
                pages = list(document.pages())
                counts = document.text_counts()
        except (InputError, pdfium.PdfiumError):
            continue  # an encrypted or damaged fixture: no text to measure
        assert counts == plan_counts, pdf.name
        assert len(pages) == len(counts)
        compared += 1
    assert compared >= 25


def _plan_first(monkeypatch: pytest.MonkeyPatch) -> None:
    """parse_pdf as before the single read: the plan reads the file, then the parse."""
    monkeypatch.setattr(reports, "_plan_as_read", lambda path, ocr: False)


def test_a_text_pdf_is_read_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """A PDF with text on every page: no plan read, the same report as plan-then-parse."""
    pdf = FIXTURES / "detailed" / "split-across-pages.pdf"
    plans: list[Path] = []
    real = reports._ocr_plan

    def noted(path: Path, password: str | None, ocr: str | None) -> OcrPlan:
        plans.append(path)
        return real(path, password, ocr)

    monkeypatch.setattr(reports, "_ocr_plan", noted)
    once = report_to_dict(parse_pdf(pdf))
    assert plans == []
    _plan_first(monkeypatch)
    assert report_to_dict(parse_pdf(pdf)) == once
    assert plans == [pdf]


def _mixed(tmp_path: Path) -> Path:
    """The split-across-pages report with its last page replaced by that page's scan."""
    source = FIXTURES / "detailed" / "split-across-pages.pdf"
    scanned = render_case(source, tmp_path / "scan", STYLES["pdf-200"])
    mixed = pdfium.PdfDocument(source)
    scan = pdfium.PdfDocument(scanned)
    try:
        last = len(mixed) - 1
        assert last > 0 and len(scan) == last + 1
        mixed.del_page(last)
        mixed.import_pages(scan, [last])
        path = tmp_path / "mixed.pdf"
        mixed.save(path)
    finally:
        scan.close()
        mixed.close()
    assert ocr_plan(path).pages == (last,)
    return path


def test_a_scanned_page_still_goes_to_ocr(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A text page followed by a scanned one: the page is OCR'd, as when the plan read the
    file first, and the report is the same."""
    path = _mixed(tmp_path)
    once = report_to_dict(parse_pdf(path))
    assert once["report"]["source"]["kind"] == "ocr"
    _plan_first(monkeypatch)
    assert report_to_dict(parse_pdf(path)) == once


def test_a_scanned_first_page_still_goes_to_ocr(tmp_path: Path) -> None:
    """An image-only PDF (no text for detection) is OCR'd, not refused as no report."""
    scanned = render_case(
        FIXTURES / "simple" / "no-credit-history.pdf", tmp_path, STYLES["pdf-200"]
    )
    assert report_to_dict(parse_pdf(scanned))["report"]["source"]["kind"] == "ocr"
