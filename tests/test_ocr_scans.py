"""Generated scans and photos of the fixture cases parse end to end through OCR.

The images are rendered at test time from the committed fixture PDFs
(``fixtures.generator.scan``); the expected JSON is the source case's. The default run OCRs
one page offline; the styles over whole multi-page cases are marked ocr_full and run with
``pytest -m ocr_full``.
"""

from __future__ import annotations

import json
import socket
import sys
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pytest
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.reports import read_report
from creditdiff.serialize import report_to_dict
from fixtures.generator.scan import STYLES, render_case

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
from accuracy_ocr import score  # noqa: E402

FIXTURES = ROOT / "fixtures"


def _expected(pdf: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    return data


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every attempt to open a network connection fail loudly."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("OCR tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


def _as_scanned(expected: dict[str, Any], files: int, pages: int) -> dict[str, Any]:
    """The case's expected JSON as an OCR read reports it: ``report.source`` of kind ocr
    (the confidence is checked separately: it depends on the pixels)."""
    source = {"kind": "ocr", "files": files, "pages": pages, "confidence": None}
    return {**expected, "report": {**expected["report"], "source": source}}


def test_skewed_scan_parses_offline(no_network: None, tmp_path: Path) -> None:
    """A skewed, noisy one-page 200 dpi scan parses to the case's expected JSON with
    networking disabled, and says it was read by OCR."""
    pdf = FIXTURES / "simple" / "no-credit-history.pdf"
    folder = render_case(pdf, tmp_path, STYLES["scan-200-skewed"])
    got = report_to_dict(read_report(folder))
    confidence = got["report"]["source"]["confidence"]
    assert isinstance(confidence, float) and 0.8 < confidence <= 1.0
    got["report"]["source"]["confidence"] = None
    assert got == _as_scanned(_expected(pdf), files=1, pages=1)


@pytest.mark.slow
def test_two_up_sheet_gives_both_logical_pages(tmp_path: Path) -> None:
    """A 2-page 简版 printed 2-up on one landscape sheet reads as two logical pages, with
    every query of the case and its page numbers."""
    pdf = FIXTURES / "simple" / "active-cards-and-loans.pdf"
    folder = render_case(pdf, tmp_path, STYLES["scan-200-2up"])
    assert len(list(folder.iterdir())) == 1
    got = report_to_dict(read_report(folder))
    assert got["report"]["source"]["pages"] == 2
    assert got["report"]["source"]["files"] == 1
    expected = _expected(pdf)
    assert got["queries"] == expected["queries"]
    assert [a["page"] for a in got["accounts"]] == [a["page"] for a in expected["accounts"]]


@pytest.mark.slow
def test_photographed_one_page_simple_report_keeps_its_query_row(tmp_path: Path) -> None:
    """A phone photo (keystone, shading) of a one-page 简版 reads the 查询记录 row at the
    bottom of the page: its cells, boxed at different heights, stay one table row."""
    pdf = FIXTURES / "simple" / "no-credit-history.pdf"
    folder = render_case(pdf, tmp_path, STYLES["photo-folder"])
    got = report_to_dict(read_report(folder))
    assert got["queries"] == _expected(pdf)["queries"]
    assert got["warnings"] == _expected(pdf)["warnings"]


@pytest.mark.slow
def test_off_centre_two_up_sheet_is_split_by_its_footers(tmp_path: Path) -> None:
    """A 2-up sheet scanned off-centre (white lid beside it, the gutter far from the
    image's middle) is cut where its two footers place the pages: every account and
    query of the case on the page it is printed on."""
    pdf = FIXTURES / "simple" / "active-cards-and-loans.pdf"
    folder = render_case(pdf, tmp_path, STYLES["scan-200-2up-offset"])
    got = report_to_dict(read_report(folder))
    expected = _expected(pdf)
    assert got["report"]["source"]["pages"] == 2
    assert got["queries"] == expected["queries"]
    assert [(a["family"], a["page"]) for a in got["accounts"]] == [
        (a["family"], a["page"]) for a in expected["accounts"]
    ]


@pytest.mark.slow
def test_image_only_pdf_is_read_by_ocr_not_refused(tmp_path: Path) -> None:
    """An image-only PDF is OCR'd under --ocr auto and refused with --ocr never."""
    pdf = FIXTURES / "simple" / "no-credit-history.pdf"
    scanned = render_case(pdf, tmp_path, STYLES["pdf-200"])
    never = CliRunner().invoke(app, ["parse", "--ocr", "never", "--json", str(scanned)])
    assert never.exit_code == 2 and "no text layer" in never.stderr
    auto = CliRunner().invoke(app, ["parse", "--json", str(scanned)])
    assert auto.exit_code == 0, auto.stderr
    assert json.loads(auto.stdout)["queries"] == _expected(pdf)["queries"]


def test_blank_page_image_is_one_error(tmp_path: Path) -> None:
    """A blank page image is one error line naming the file, exit 2."""
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((1100, 800), 255, np.uint8))
    result = CliRunner().invoke(app, ["parse", str(blank)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"creditdiff: error: {blank}: no readable report text")


def test_image_that_is_not_a_report_is_one_error(tmp_path: Path) -> None:
    """A picture of other text is named not a credit report, exit 2."""
    image = np.full((600, 900), 255, np.uint8)
    for row in range(6):
        cv2.putText(
            image,
            "Grocery list: milk, eggs, bread",
            (40, 80 + row * 80),
            cv2.FONT_HERSHEY_SIMPLEX,
            1.2,
            0,
            2,
        )
    path = tmp_path / "photo.jpg"
    cv2.imwrite(str(path), image)
    result = CliRunner().invoke(app, ["parse", str(path)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"creditdiff: error: {path}: ")
    assert "credit report" in result.stderr or "no readable report text" in result.stderr


@pytest.mark.slow
@pytest.mark.ocr_full
@pytest.mark.parametrize("style", sorted(STYLES))
def test_detailed_case_in_every_style(style: str, tmp_path: Path) -> None:
    """Every scan style of the 本人版 all-families case finds all accounts and queries, with
    at least 97 % of the fields exact."""
    pdf = FIXTURES / "detailed" / "all-families.pdf"
    target = render_case(pdf, tmp_path, STYLES[style])
    result = score(_expected(pdf), report_to_dict(read_report(target)))
    matched, total = result["accounts"]
    assert matched == total
    same, fields = result["fields"]
    assert same >= 0.97 * fields, result["wrong"]
    assert result["queries"][0] == result["queries"][1]
