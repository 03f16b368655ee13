"""OCR page preparation and early decisions that need no recognition: perspective, order,
refusing a non-report after its first sheets, the OCR texts in both languages."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff import i18n
from creditdiff.errors import InputError, NotACreditReportError
from creditdiff.pages import Char, Page
from creditdiff.sources.ocr import EarlyCheck, geometry, order_pages
from creditdiff.sources.ocr.page import ScannedPage


def _sheet(width: int = 700, height: int = 990) -> np.ndarray:
    """A white sheet with a black frame and rules, so its shape can be measured."""
    sheet = np.full((height, width), 250, np.uint8)
    cv2.rectangle(sheet, (40, 40), (width - 40, height - 40), 0, 3)
    for y in range(120, height - 80, 70):
        cv2.line(sheet, (40, y), (width - 40, y), 0, 2)
    return sheet


def _photograph(sheet: np.ndarray, inset: float, shade: float) -> np.ndarray:
    """The sheet on a dark table, keystoned (top edge narrower) and shaded left to right."""
    height, width = sheet.shape
    margin = 60
    canvas = np.full((height + 2 * margin, width + 2 * margin), 50, np.uint8)
    canvas[margin : margin + height, margin : margin + width] = sheet
    h, w = canvas.shape
    source = np.float32([[0, 0], [w, 0], [w, h], [0, h]])
    target = np.float32([[inset * w, 0], [w - inset * w, 0], [w, h], [0, h]])
    warped = cv2.warpPerspective(
        canvas, cv2.getPerspectiveTransform(source, target), (w, h), borderValue=50
    )
    gradient = np.linspace(1.0, shade, w, dtype=np.float32)[None, :]
    return np.clip(warped.astype(np.float32) * gradient, 0, 255).astype(np.uint8)


def _frame_widths(image: np.ndarray) -> tuple[int, int]:
    """Width of the drawn frame near the top and near the bottom of the image."""
    ink = image < 100
    rows = np.nonzero(ink.sum(axis=1) > image.shape[1] // 2)[0]
    top, bottom = rows.min(), rows.max()
    widths = []
    for y in (top + 30, bottom - 30):
        cols = np.nonzero(ink[y])[0]
        widths.append(int(cols.max() - cols.min()))
    return widths[0], widths[1]


@settings(max_examples=5, deadline=None)
@given(st.floats(min_value=0.01, max_value=0.04), st.floats(min_value=0.7, max_value=0.9))
def test_keystoned_photo_is_made_rectangular(inset: float, shade: float) -> None:
    """A photographed sheet whose top edge is narrower comes out with its frame as wide at
    the top as at the bottom, and the table around it cut away."""
    photo = _photograph(_sheet(), inset, shade)
    top, bottom = _frame_widths(_photograph(_sheet(), 0.0, 1.0)[60:-60, 60:-60])
    assert abs(top - bottom) < 4
    flat = geometry.unwarp(photo)
    top, bottom = _frame_widths(flat)
    assert abs(top - bottom) <= max(6, 0.01 * bottom)
    assert flat.shape[0] < photo.shape[0] - 60 and flat.shape[1] < photo.shape[1] - 60


def test_scan_without_a_surround_is_not_warped() -> None:
    """A scan whose page fills the image is returned unchanged (no sheet outline to find)."""
    page = _sheet()
    assert geometry.page_quad(page) is None
    assert geometry.unwarp(page) is page


def test_uneven_lighting_is_divided_out() -> None:
    """After lighting is flattened, the paper is equally light on the dark and bright side."""
    page = _sheet()
    shaded = (page.astype(np.float32) * np.linspace(1.0, 0.6, page.shape[1])[None, :]).astype(
        np.uint8
    )
    flat = geometry.flatten_lighting(shaded)
    left, right = flat[200:260, 60:120], flat[200:260, -120:-60]
    assert abs(float(np.median(left)) - float(np.median(right))) < 12


def _page(text: str, footer: tuple[int, int] | None = None) -> ScannedPage:
    chars = tuple(Char(g, i * 10.0, i * 10.0 + 10, 100, 110, 10) for i, g in enumerate(text))
    return ScannedPage(Page(1, 595, 842, chars), footer, 0.9, len(text))


REPORT_PAGE = "个人信用报告 查询机构 账户信息 管理机构 开立日期 余额 还款状态"
OTHER_PAGE = "Grocery list milk eggs bread butter cheese apples"


def test_report_like_first_sheet_decides_at_once() -> None:
    """A first sheet reading like a report page settles the question; later sheets are
    not checked again."""
    early = EarlyCheck(Path("scan"))
    early.after_sheet([_page(REPORT_PAGE)], last=False)
    early.after_sheet([_page(REPORT_PAGE), _page(OTHER_PAGE)], last=False)
    assert early.decided


def test_non_report_is_refused_after_the_first_two_sheets() -> None:
    """Two sheets of other text are refused as not a credit report before the third."""
    early = EarlyCheck(Path("scan"))
    early.after_sheet([_page(OTHER_PAGE)], last=False)
    with pytest.raises(NotACreditReportError):
        early.after_sheet([_page(OTHER_PAGE), _page(OTHER_PAGE)], last=False)


def test_blank_sheets_are_refused_as_unreadable() -> None:
    """Two sheets with nothing recognised are refused as blank or too blurred."""
    early = EarlyCheck(Path("scan"))
    with pytest.raises(InputError, match="no readable report text"):
        early.after_sheet([_page(""), _page("")], last=True)


def test_page_with_unread_footer_stays_after_its_file_neighbour() -> None:
    """Where one page's footer was not read, it stays just after the page before it in
    file order while the others sort by their printed numbers."""
    pages = [
        ("a.jpg", _page(REPORT_PAGE + "3", (3, 4))),
        ("b.jpg", _page(REPORT_PAGE + "x", None)),
        ("c.jpg", _page(REPORT_PAGE + "1", (1, 4))),
        ("d.jpg", _page(REPORT_PAGE + "2", (2, 4))),
    ]
    result = order_pages(pages, Path("folder"))
    assert [page.text[-1] for page in result.pages] == ["1", "2", "3", "x"]
    assert [page.number for page in result.pages] == [1, 2, 3, 4]
    assert result.warnings == []


@pytest.mark.parametrize(
    ("chinese", "english"),
    [
        (
            "OCR：第 2 张页面图片（b.jpg）空白或无法识别，未读取",
            "OCR: page image 2 (b.jpg) is blank or unreadable, not read",
        ),
        ("OCR：缺页：共 4 页，缺第 2、4 页", "OCR: 4 pages, page(s) 2、4 missing"),
        (
            "OCR：PDF 第 3 页空白或无法识别，未读取",
            "OCR: PDF page 3 is blank or unreadable, not read",
        ),
    ],
)
def test_ocr_warnings_read_in_english_on_request(chinese: str, english: str) -> None:
    """An OCR warning (worded in Chinese like every parse warning) prints in English with
    --lang en."""
    before = i18n.language()
    i18n.set_language("en")
    try:
        assert i18n.translate(chinese) == english
    finally:
        i18n.set_language(before)
