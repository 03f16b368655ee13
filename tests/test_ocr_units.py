"""OCR building blocks that need no recognition: corrections, page order, geometry, inputs."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.pages import Page
from creditdiff.sources.ocr import geometry, order_pages
from creditdiff.sources.ocr.correct import correct, footer_numbers
from creditdiff.sources.ocr.engine import TextBox
from creditdiff.sources.ocr.page import ScannedPage, _chars


@pytest.mark.parametrize(
    ("read", "printed"),
    [
        ("结消", "结清"),
        ("费后管理", "贷后管理"),
        ("磁资审批", "融资审批"),
        ("营理机构", "管理机构"),
        ("循环贷账户-", "循环贷账户一"),
        ("2024,02.16", "2024.02.16"),
        ("2022.1214", "2022.12.14"),
        ("第2页。共29页", "第2页，共29页"),
        ("发放的10.000元（人民币）", "发放的10,000元（人民币）"),
        ("相关还款责任金额300.000（保证合同编号", "相关还款责任金额300,000（保证合同编号"),
    ],
)
def test_known_misreadings_are_corrected(read: str, printed: str) -> None:
    """A confusion real scans show or a broken date separator becomes the printed text."""
    assert correct(read) == printed


def test_amounts_and_names_are_not_rewritten() -> None:
    """Numbers and institution names pass through unchanged (never guessed)."""
    assert correct("341,000") == "341,000"
    assert correct("示例银行股份有限公司") == "示例银行股份有限公司"
    assert correct("2024.02") == "2024.02"
    assert correct("2021.06.30") == "2021.06.30"


def test_footer_is_found_among_texts() -> None:
    """The printed 第N页，共M页 footer gives the page number and total."""
    assert footer_numbers(["账户1", "第 3 页，共 7 页"]) == (3, 7)
    assert footer_numbers(["账户1"]) is None


def _scanned(footer: tuple[int, int] | None, characters: int = 100) -> ScannedPage:
    return ScannedPage(Page(1, 595, 842, ()), footer, 0.9, characters)


def test_pages_are_ordered_by_footer_and_gaps_are_named() -> None:
    """Pages sort by their printed number; a missing and a duplicate page are warned by number."""
    result = order_pages(
        [("c.jpg", _scanned((3, 4))), ("a.jpg", _scanned((1, 4))), ("b.jpg", _scanned((3, 4)))],
        Path("folder"),
    )
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert "OCR：页码重复：第 3 页" in result.warnings
    assert "OCR：缺页：共 4 页，缺第 2、4 页" in result.warnings


def test_blank_page_is_warned_and_skipped() -> None:
    """A page with no text is left out with a warning naming it; the others are kept."""
    result = order_pages(
        [("a.jpg", _scanned((1, 2))), ("b.jpg", _scanned(None, characters=0))], Path("f")
    )
    assert len(result.pages) == 1
    assert result.warnings == [
        "OCR：第 1 张页面图片（b.jpg）空白或无法识别，未读取",
        "OCR：缺页：共 2 页，缺第 2 页",
    ]


def test_text_box_becomes_one_char_per_glyph() -> None:
    """A box is split into per-character boxes across its width (a space kept as a glyph so
    the layout sees the gap), each with the box's confidence."""
    box = TextBox(((0, 0), (40, 0), (40, 10), (0, 10)), "余额 12", 0.8)
    chars = _chars([box], 1.0)
    assert [c.text for c in chars] == ["余", "额", " ", "1", "2"]
    assert chars[0].x0 == 0 and chars[-1].x1 == 40
    assert all(c.confidence == 0.8 for c in chars)


def test_boxes_of_one_line_share_a_top_whatever_their_heights() -> None:
    """A query row read as a tall ``本人`` box beside flatter date and number boxes gives
    characters with one top (one line for the parser); the wrapped line below stays apart."""

    def box(x: float, top: float, bottom: float, text: str) -> TextBox:
        return TextBox(((x, top), (x + 60, top), (x + 60, bottom), (x, bottom)), text, 0.99)

    boxes = [
        box(537, 1073, 1115, "本人"),
        box(246, 1080, 1112, "2025年12月20日"),
        box(133, 1081, 1111, "1"),
        box(1085, 1078, 1112, "本人查询（互联网个人信用信息服"),
        box(1083, 1121, 1158, "务平台）"),
    ]
    chars = _chars(boxes, 0.35)
    row = {c.top for c in chars if c.text in "本人2025年12月20日1" and c.x0 < 300}
    assert len(row) == 1
    wrapped = [c for c in chars if c.text == "务"]
    assert wrapped[0].top - row.pop() > 10


def test_overlapping_boxes_on_a_line_stay_two_tokens() -> None:
    """The column titles ``编号`` and ``查询日期``, detected as two boxes whose padding
    overlaps, read as two tokens (the query table is read by its titles' columns)."""
    from creditdiff.parsers.simple.lines import page_lines

    def box(x0: float, x1: float, text: str) -> TextBox:
        return TextBox(((x0, 967), (x1, 967), (x1, 1018), (x0, 1018)), text, 0.99)

    chars = _chars([box(202, 304, "编号"), box(283, 546, "查询日期")], 0.24)
    (line,) = page_lines(chars, 1)
    assert [token.text for token in line.tokens] == ["编号", "查询日期"]


def _lined_page(width: int = 800, height: int = 1100) -> np.ndarray:
    image = np.full((height, width), 255, np.uint8)
    for y in range(100, 1000, 60):
        cv2.line(image, (60, y), (740, y), 0, 2)
        cv2.putText(image, "ABCDEFG 12345 HIJK", (80, y + 40), cv2.FONT_HERSHEY_SIMPLEX, 1, 0, 2)
    return image


@settings(max_examples=4, deadline=None)
@given(st.floats(min_value=-4.5, max_value=4.5))
def test_skew_is_measured(angle: float) -> None:
    """A page rotated by a small angle reports that angle within a quarter degree."""
    turned = geometry.rotate(_lined_page(), angle)
    assert abs(-geometry.skew_angle(turned) - angle) < 0.25


def test_sideways_page_is_detected() -> None:
    """Text running vertically is recognised as a page turned by 90°."""
    page = _lined_page()
    assert not geometry.is_sideways(page)
    assert geometry.is_sideways(geometry.turn(page, 1))


def test_two_up_sheet_splits_at_the_gutter() -> None:
    """A landscape sheet of two pages becomes two portrait halves; a portrait page stays one."""
    page = _lined_page()
    sheet = np.hstack([page, np.full((1100, 40), 255, np.uint8), page])
    left, right = geometry.halves(sheet)
    assert abs(left.shape[1] - right.shape[1]) < 60
    assert len(geometry.halves(page)) == 1


def test_off_centre_two_up_sheet_is_cut_where_its_footers_say() -> None:
    """A 2-up sheet with a wide blank margin on its left is cut between its two pages
    (each reaching as far past its footer as the gutter is from it), where a cut near
    the image's middle would go through the left page's text."""
    page = _lined_page()
    lid = np.full((1100, 700), 255, np.uint8)
    sheet = np.hstack([lid, page, np.full((1100, 40), 255, np.uint8), page])
    centres = [700 + 400, 700 + 800 + 40 + 400]
    left, right = geometry.halves(sheet, [float(x) for x in centres])
    assert abs(left.shape[1] - 820) < 30 and abs(right.shape[1] - 820) < 30
    assert np.count_nonzero(left < 128) == np.count_nonzero(page < 128)
    assert np.count_nonzero(right < 128) == np.count_nonzero(page < 128)


def test_ruling_lines_are_found() -> None:
    """The horizontal rules drawn on a page come back as horizontal ruling lines."""
    _, binary = cv2.threshold(_lined_page(), 128, 255, cv2.THRESH_BINARY_INV)
    horizontal, _ = geometry.ruling_lines(binary)
    assert len(horizontal) == len(range(100, 1000, 60))


def _error(*args: str) -> str:
    result = CliRunner().invoke(app, ["parse", *args])
    assert result.exit_code == 2, result.output
    return result.stderr.strip()


def test_folder_without_images_is_one_error(tmp_path: Path) -> None:
    """A folder with neither PDFs nor images is one error line naming it, exit 2."""
    (tmp_path / "notes.txt").write_text("x")
    assert _error(str(tmp_path)).startswith(f"creditdiff: error: {tmp_path}")


def test_unreadable_heic_is_one_error(tmp_path: Path) -> None:
    """A HEIC file that cannot be decoded is one error line naming the file, exit 2."""
    broken = tmp_path / "page.heic"
    broken.write_bytes(b"\x00\x00\x00\x18ftypheic" + b"\x00" * 64)
    assert _error(str(broken)) == f"creditdiff: error: {broken}: not a readable image file"


def _report_page(confidence: float) -> Page:
    from creditdiff.pages import Char

    chars = tuple(
        Char(glyph, i * 10.0, i * 10.0 + 10, 100, 110, 10, confidence=confidence)
        for i, glyph in enumerate("示例银行A12345678")
    )
    return Page(1, 595, 842, chars)


def test_low_confidence_number_becomes_null_with_a_warning() -> None:
    """An account id read with low confidence is cleared and warned with account and page."""
    from creditdiff.model import Account, Family, Report, ReportFormat
    from creditdiff.sources.ocr.confidence import flag_low_confidence

    account = Account(Family.NON_REVOLVING_LOAN, "示例银行", "A12345678")
    report = Report(ReportFormat.DETAILED, accounts=(account,))
    low = flag_low_confidence(report, [_report_page(0.3)])
    assert low.accounts[0].account_id is None
    assert "OCR：第 1 个账户（第 1 页）：account_id 识别置信度低，未采用" in low.warnings
    assert flag_low_confidence(report, [_report_page(0.95)]) == report


@pytest.mark.parametrize("offset", [0.0, 0.8])
def test_dense_two_up_sheet_is_upright_and_a_turned_page_is_not(offset: float) -> None:
    """A 本人版 2-up sheet of dense tables (small glyphs, close rows) is judged upright,
    centred or off-centre, and one of its pages turned by 90° is judged turned."""
    from fixtures.generator.scan import _two_up, render_pages

    pages = render_pages(Path(__file__).parent.parent / "fixtures/detailed/all-families.pdf", 200)
    for sheet in _two_up(pages[:4], offset):
        assert not geometry.is_sideways(sheet)
    for page in pages[:2]:
        assert geometry.is_sideways(geometry.turn(page, 1))


def _box(text: str, x: float, y: float) -> TextBox:
    return TextBox(((x - 5, y - 5), (x + 5, y - 5), (x + 5, y + 5), (x - 5, y + 5)), text, 0.7)


def test_a_round_glyph_alone_in_a_ruled_cell_is_a_zero() -> None:
    """``。`` alone in a table cell reads as ``0``; beside other text in its cell, or
    outside the ruled tables, it stays as read."""
    from creditdiff.sources.ocr.cells import round_zeros

    horizontal = [(0, 0, 300), (50, 0, 300)]
    vertical = [(x, 0, 50) for x in (0, 100, 200, 300)]
    boxes = [_box("。", 50, 25), _box("o", 130, 25), _box("12", 170, 25), _box("。", 50, 100)]
    texts = [b.text for b in round_zeros(boxes, horizontal, vertical)]
    assert texts == ["0", "o", "12", "。"]


def _rect(text: str, x0: float, x1: float, y0: float, y1: float) -> TextBox:
    return TextBox(((x0, y0), (x1, y0), (x1, y1), (x0, y1)), text, 0.95)


def test_a_glyph_boxed_twice_at_an_overlap_is_read_once() -> None:
    """An item number boxed with the first digit of the date after it (``3.2`` over
    ``2023年…``) reads ``3.2023年…``; boxes that only touch, or end and begin with
    different characters, keep every glyph."""
    doubled = [_rect("3.2", 98, 148, 1468, 1498), _rect("2023年05月05日", 134, 420, 1463, 1495)]
    assert "".join(c.text for c in _chars(doubled, 1.0)) == "3.2023年05月05日"
    apart = [_rect("12", 98, 128, 1468, 1498), _rect("2023年", 130, 230, 1463, 1495)]
    assert "".join(c.text for c in _chars(apart, 1.0)) == "122023年"
    different = [_rect("编号", 98, 148, 1468, 1498), _rect("查询日期", 134, 230, 1463, 1495)]
    assert "".join(c.text for c in _chars(different, 1.0)) == "编号查询日期"


def test_a_line_two_strips_both_kept_is_left_once() -> None:
    """Of two boxes from neighbouring strips covering the same line, one is kept; boxes
    of one strip, or that barely overlap, all stay."""
    from creditdiff.sources.ocr.strips import _without_twins

    def quad(x0: float, y0: float, x1: float, y1: float) -> list[list[float]]:
        return [[x0, y0], [x1, y0], [x1, y1], [x0, y1]]

    boxes = np.array(
        [quad(10, 690, 400, 710), quad(11, 691, 401, 711), quad(380, 690, 500, 710)],
        np.float32,
    )
    assert len(_without_twins(boxes, np.array([0, 1, 1]))) == 2
    assert len(_without_twins(boxes, np.array([0, 0, 0]))) == 3
