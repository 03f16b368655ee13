"""Scans that cannot be read (wholly or in part) give one error line or per-page warnings."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.model import FindingCode
from creditdiff.reports import compare_reports, read_report
from fixtures.generator.scan import STYLES, Style, render_case

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def _one_error(path: Path) -> str:
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    assert lines[0].startswith(f"creditdiff: error: {path}: ")
    return lines[0]


@pytest.mark.slow
def test_photo_too_blurred_to_read_is_one_error(tmp_path: Path) -> None:
    """A page photographed far out of focus is refused in one line naming the folder."""
    pdf = FIXTURES / "simple" / "no-credit-history.pdf"
    folder = render_case(pdf, tmp_path, Style("blurred", dpi=150, blur=9.0, photo=True))
    line = _one_error(folder)
    assert "no readable report text" in line or "not a PBOC personal credit report" in line


@pytest.mark.slow
def test_drawings_only_pdf_is_refused_after_its_first_pages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An image-only PDF of many pages of drawings is refused as not a report after the
    first two pages are OCR'd, not after all of them."""
    from PIL import Image

    from creditdiff.sources.ocr import page as ocr_page

    sheets = []
    for index in range(12):
        image = np.full((1100, 800), 255, np.uint8)
        cv2.circle(image, (400, 500), 150 + 10 * index, 0, 4)
        cv2.rectangle(image, (100, 100), (700, 900), 0, 3)
        sheets.append(Image.fromarray(image))
    pdf = tmp_path / "drawings.pdf"
    sheets[0].save(pdf, save_all=True, append_images=sheets[1:], resolution=100)
    calls: list[int] = []
    original = ocr_page.read_sheet

    def counting(image: np.ndarray, number: int, tuned: bool = True) -> list[ocr_page.ScannedPage]:
        calls.append(number)
        return original(image, number, tuned)

    monkeypatch.setattr(ocr_page, "read_sheet", counting)
    _one_error(pdf)
    assert 1 <= len(calls) <= 2


@pytest.mark.slow
def test_unreadable_page_warns_and_the_rest_is_read(tmp_path: Path) -> None:
    """A folder where one page image is blank parses the readable pages, warns naming the
    blank one, and the comparison reports incomplete_read."""
    pdf = FIXTURES / "simple" / "active-cards-and-loans.pdf"
    folder = render_case(pdf, tmp_path, STYLES["scan-300"])
    (blank,) = folder.glob("*_1.jpg")  # the second page (the scan keeps page order)
    cv2.imwrite(str(blank), np.full((1650, 1200), 255, np.uint8))
    report = read_report(folder)
    assert report.accounts, "the readable page's accounts are kept"
    assert any(blank.name in w and "空白或无法识别" in w for w in report.warnings)
    codes = {finding.code for finding in compare_reports(None, report).findings}
    assert FindingCode.INCOMPLETE_READ in codes
