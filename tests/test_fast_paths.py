"""The page source's and ruling code's fast paths give exactly what the plain paths give."""

from __future__ import annotations

import ctypes
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.pages import Page, Rect, Segment
from creditdiff.parsers import rulings
from creditdiff.parsers.detailed import layout
from creditdiff.sources import pdfium as source
from creditdiff.sources import pdfium_paths

PDFS = [
    FIXTURES / "detailed" / "all-families.pdf",
    FIXTURES / "detailed" / "split-across-pages.pdf",
    FIXTURES / "simple" / "bordered-query-tables.pdf",
    FIXTURES / "simple" / "real-page-one-summary.pdf",
]


def _shapes_pdf(path: Path) -> Path:
    """A page of every path kind: lines, filled and stroked rectangles, a curve, a closed
    polygon, a clipping path and a form XObject drawn twice, one of them on a turned page."""
    from reportlab.pdfgen import canvas

    pdf = canvas.Canvas(str(path), pagesize=(300, 400))
    for turned in (False, True):
        if turned:
            pdf.setPageRotation(90)
        pdf.line(10, 10, 200, 10)
        pdf.line(20, 20, 20, 300)
        pdf.rect(30, 40, 100, 0.8, stroke=0, fill=1)
        pdf.rect(50, 60, 80, 40, stroke=1, fill=0)
        pdf.bezier(10, 300, 50, 350, 100, 250, 150, 300)
        path_object = pdf.beginPath()
        path_object.moveTo(200, 200)
        path_object.lineTo(250, 200)
        path_object.lineTo(250, 260)
        path_object.lineTo(200, 260)
        path_object.close()
        pdf.drawPath(path_object, stroke=1, fill=0)
        clip = pdf.beginPath()
        clip.rect(0, 0, 290, 390)
        pdf.clipPath(clip, stroke=0, fill=0)
        form = f"cell{int(turned)}"
        pdf.beginForm(form)
        pdf.rect(0, 0, 20, 10)
        pdf.line(0, 5, 20, 5)
        pdf.endForm()
        pdf.saveState()
        pdf.translate(150, 100)
        pdf.doForm(form)
        pdf.scale(2, 2)
        pdf.doForm(form)
        pdf.restoreState()
        pdf.showPage()
    pdf.save()
    return path


def _drawings(
    path: Path, monkeypatch: pytest.MonkeyPatch, block: bool | None
) -> list[tuple[list[Segment], list[Rect]]]:
    """Every page's (lines, rects) with the block read allowed (None/True) or refused."""
    monkeypatch.setattr(pdfium_paths, "_BLOCK_POINTS", [block])
    pdf = pdfium.PdfDocument(path)
    try:
        result = []
        for index in range(len(pdf)):
            page = pdf[index]
            ctm, _, height = source._device_matrix(page, page.get_rotation())
            walk = pdfium_paths.Drawings(ctm, height)
            walk.walk(ctypes.cast(page.raw, ctypes.c_void_p).value or 0)
            result.append((walk.lines, walk.rects))
            page.close()
        return result
    finally:
        pdf.close()


@pytest.mark.parametrize("path", PDFS, ids=lambda p: p.stem)
def test_block_read_of_path_points_equals_the_point_by_point_api(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Reading a path's points as one block gives the same rulings as one call per point."""
    by_api = _drawings(path, monkeypatch, False)
    assert any(lines for lines, _ in by_api)
    assert _drawings(path, monkeypatch, None) == by_api  # checks the layout, then trusts it
    assert pdfium_paths._BLOCK_POINTS == [True]
    assert _drawings(path, monkeypatch, True) == by_api


def test_every_path_kind_reads_the_same_in_one_block(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Rectangles, curves, closed polygons and forms, upright and turned, come out the same
    read as one block as read point by point, with the rectangles found as rectangles."""
    path = _shapes_pdf(tmp_path / "shapes.pdf")
    by_api = _drawings(path, monkeypatch, False)
    assert _drawings(path, monkeypatch, True) == by_api
    for lines, rects in by_api:
        # Lines: two drawn, the form's twice. Rects: the thin bar, the frame, the square, two cells.
        assert len(lines) == 4 and len(rects) == 5


def _reference_rows(page: Page) -> set[int]:
    """Band indices crossed by two vertical rules, by testing every rule on every band."""
    horizontal, vertical = rulings.rulings(page)
    ys = rulings.merge(y for y, _, _ in horizontal)
    return {
        index
        for index in range(len(ys) - 1)
        if sum(
            1 for _, top, bottom in vertical if top <= ys[index] + 1 and bottom >= ys[index + 1] - 1
        )
        >= 2
    }


def _reaches_any(extents: list[tuple[float, float]], x: float) -> bool:
    return any(x0 <= x <= x1 for x0, x1 in extents)


coordinate = st.integers(min_value=0, max_value=80).map(lambda v: v * 2.5)
horizontal_lines = st.lists(
    st.tuples(coordinate, coordinate, coordinate).map(
        lambda t: Segment(min(t[0], t[1]), t[2], max(t[0], t[1]), t[2])
    ),
    max_size=25,
)
vertical_lines = st.lists(
    st.tuples(coordinate, coordinate, coordinate).map(
        lambda t: Segment(t[2], min(t[0], t[1]), t[2], max(t[0], t[1]))
    ),
    max_size=25,
)
cell_rects = st.lists(
    st.tuples(coordinate, coordinate, coordinate, coordinate).map(
        lambda t: Rect(min(t[0], t[1]), min(t[2], t[3]), max(t[0], t[1]), max(t[2], t[3]))
    ),
    max_size=5,
)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(lines=st.tuples(horizontal_lines, vertical_lines), rects=cell_rects)
def test_row_bands_equal_the_every_rule_every_band_count(
    lines: tuple[list[Segment], list[Segment]], rects: list[Rect]
) -> None:
    """RowBands finds the same ruled rows as counting every vertical rule on every band."""
    page = Page(1, 200.0, 200.0, (), tuple(lines[0] + lines[1]), tuple(rects))
    assert rulings.RowBands(page).rows == _reference_rows(page)


@settings(max_examples=200, deadline=None, derandomize=True)
@given(
    extents=st.lists(st.tuples(coordinate, coordinate).map(sorted).map(tuple), max_size=8),
    x=st.integers(min_value=-4, max_value=84).map(lambda v: v * 2.5),
)
def test_joined_spans_reach_exactly_where_one_of_the_extents_does(
    extents: list[tuple[float, float]], x: float
) -> None:
    """A column position is within the joined spans exactly when it is within one extent."""
    spans = layout._union(list(extents)) if extents else None
    assert layout._reaches(spans, x) == _reaches_any(extents, x)
