"""PDFium pages -> the page model, through pypdfium2's raw API.

PDFium reads a report's text layer 30-50 times faster than pdfminer. This module turns
its text page (characters) and page objects (path segments) into the same ``Page``
records ``creditdiff.sources.plumber`` makes from pdfplumber, in pdfplumber's
coordinates: origin at the top-left corner, ``top`` growing downwards, a character's box
as wide as its advance and as tall as its font size, sitting on the font's descent.

Two things PDFium does differently are met here:

- it inserts characters of its own (spaces, line breaks) and marks them "generated":
  they are dropped, as pdfplumber has no such characters; a run of drawn spaces comes
  out as one space, which neither parser can tell apart (a space only separates);
- a glyph it cannot map to Unicode (no ToUnicode entry, U+FFFE, a missing glyph) makes
  the page ``None``: the caller reads that page with pdfplumber instead and says so.

Ruling lines and rectangles are classified as pdfminer does (``paint_path``): each
subpath of a painted path, a single straight segment being a line and a closed,
axis-aligned four-cornered one a rectangle; curves are left out, as no parser reads them.
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from itertools import pairwise
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from creditdiff.pages import Char, Page, Rect, Segment

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)

#: Code points PDFium gives a glyph it could not map: the page is read by pdfplumber.
_UNMAPPED = frozenset({0, 0xFFFE, 0xFFFF, 0xFFFD})


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function with plain ``c_void_p``/number types: ctypes then converts
    nothing, which halves the cost of the calls made once per character."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT, _DBL = ctypes.c_void_p, ctypes.c_int, ctypes.c_double
_count_chars = _fast(raw.FPDFText_CountChars, _INT, _VP)
_unicode = _fast(raw.FPDFText_GetUnicode, ctypes.c_uint, _VP, _INT)
_text_object = _fast(raw.FPDFText_GetTextObject, _VP, _VP, _INT)
_loose_box = _fast(raw.FPDFText_GetLooseCharBox, _INT, _VP, _INT, _VP)
_font_size = _fast(raw.FPDFText_GetFontSize, _DBL, _VP, _INT)
_char_matrix = _fast(raw.FPDFText_GetMatrix, _INT, _VP, _INT, _VP)
_fill_color = _fast(raw.FPDFText_GetFillColor, _INT, _VP, _INT, _VP, _VP, _VP, _VP)
_origin = _fast(raw.FPDFText_GetCharOrigin, _INT, _VP, _INT, _VP, _VP)
_object_font = _fast(raw.FPDFTextObj_GetFont, _VP, _VP)
_descent = _fast(raw.FPDFFont_GetDescent, _INT, _VP, ctypes.c_float, _VP)
_map_error = _fast(raw.FPDFText_HasUnicodeMapError, _INT, _VP, _INT)


def _device_matrix(page: Any, rotation: int) -> tuple[Matrix, float, float]:
    """PDF user space -> pdfminer's device space (the CTM pdfminer starts a page with),
    and the page's width and height as pdfplumber reports them."""
    box = page.get_mediabox()
    # PDFium holds the box in float32; the file (and pdfplumber) has 4 decimals at most.
    x0, y0, x1, y1 = (round(float(v), 4) for v in box)
    if rotation == 90:
        return (0.0, -1.0, 1.0, 0.0, -y0, x1), y1 - y0, x1 - x0
    if rotation == 180:
        return (-1.0, 0.0, 0.0, -1.0, x1, y1), x1 - x0, y1 - y0
    if rotation == 270:
        return (0.0, 1.0, -1.0, 0.0, y1, -x0), y1 - y0, x1 - x0
    return (1.0, 0.0, 0.0, 1.0, -x0, -y0), x1 - x0, y1 - y0


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (PDF row-vector convention, as pdfminer's ``mult_matrix``)."""
    a, b, c, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c * a1 + d * c1,
        c * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _chars(textpage: int, ctm: Matrix, height: float) -> tuple[Char, ...] | None:
    """The page's drawn glyphs in drawing order, or None when one cannot be mapped.

    A glyph's box runs from its origin to the next glyph's origin in the same text
    object (pdfminer's advance: PDFium's loose box takes the substituted font's widths),
    on the font's descent, one font size tall; the last glyph of an object, and a rotated
    one, take PDFium's loose box.
    """
    count = _count_chars(textpage)
    box = raw.FS_RECTF()
    box_p = ctypes.addressof(box)
    ox, oy = _DBL(), _DBL()
    ox_p, oy_p = ctypes.addressof(ox), ctypes.addressof(oy)
    matrix = raw.FS_MATRIX()
    matrix_p = ctypes.addressof(matrix)
    rgba = [ctypes.c_uint() for _ in range(4)]
    rgba_p = [ctypes.addressof(v) for v in rgba]
    styles: dict[int, tuple[float, bool, float, float, int]] = {}
    drawn: list[tuple[int, int, int, float, float]] = []
    for index in range(count):
        obj = _text_object(textpage, index)
        if obj is None:
            continue  # generated by PDFium (a space or line break it inserted)
        code = _unicode(textpage, index)
        if code in _UNMAPPED or _map_error(textpage, index):
            return None
        if obj not in styles:
            styles[obj] = _style(textpage, index, obj, matrix, matrix_p, rgba, rgba_p, ctm)
        _origin(textpage, index, ox_p, oy_p)
        drawn.append((index, obj, code, ox.value, oy.value))
    a, b, c, d, e, f = ctm
    chars: list[Char] = []
    append = chars.append
    last = len(drawn) - 1
    # A glyph's advance wherever the next glyph shows it, for the last glyph of an object.
    advances: dict[tuple[int, float, int], float] = {}
    for (_, obj, code, x, y), (_, obj2, _, x2, y2) in pairwise(drawn):
        if obj == obj2 and y == y2:
            style = styles[obj]
            advances[(style[4], style[0], code)] = x2 - x
    for position, (index, obj, code, x, y) in enumerate(drawn):
        size, upright, lightness, descent, font = styles[obj]
        following = drawn[position + 1] if position < last else None
        if upright and following is not None and following[1] == obj and following[4] == y:
            right = following[3]
        elif upright and (font, size, code) in advances:
            right = x + advances[(font, size, code)]
        else:
            _loose_box(textpage, index, box_p)
            right = box.right
            if not upright:
                left, top, bottom = box.left, box.top, box.bottom
                xs = sorted((a * left + c * bottom + e, a * right + c * top + e))
                ys = sorted((b * left + d * bottom + f, b * right + d * top + f))
                append(
                    Char(
                        chr(code),
                        xs[0],
                        xs[1],
                        height - ys[1],
                        height - ys[0],
                        ys[1] - ys[0],
                        False,
                        lightness,
                    )
                )
                continue
        # Upright in user space and the page level (rotation 0/180) or turned (90/270).
        if b == 0 and c == 0:
            x0, x1 = sorted((a * x + e, a * right + e))
            base = d * y + f
        else:
            x0, x1 = sorted((c * y + e, c * y + e + (right - x) * abs(b)))
            base = b * x + f
        bottom = height - base - descent
        append(Char(chr(code), x0, x1, bottom - size, bottom, size, True, lightness))
    return tuple(chars)


def _style(
    textpage: int,
    index: int,
    obj: int,
    matrix: Any,
    matrix_p: int,
    rgba: list[Any],
    rgba_p: list[int],
    ctm: Matrix,
) -> tuple[float, bool, float, float, int]:
    """Font size, uprightness, fill lightness, font descent and font of a text object."""
    _char_matrix(textpage, index, matrix_p)
    # Judged in device space, as pdfplumber's matrix includes the page's rotation.
    m = _multiply((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), ctm)
    a, b, c, d = m[:4]
    upright = abs(b) <= 1e-3 and abs(c) <= 1e-3 and a > 0 and d > 0
    # FPDFText_GetFontSize is the size the text matrix scales the font to, in points.
    size = float(_font_size(textpage, index))
    lightness = 0.0
    if _fill_color(textpage, index, *rgba_p):
        lightness = min(rgba[0].value, rgba[1].value, rgba[2].value) / 255.0
    descent = ctypes.c_float()
    font = _object_font(obj)
    if not font or not _descent(font, size, ctypes.addressof(descent)):
        descent.value = 0.0
    return size, upright, lightness, descent.value, font or 0


class _Buffers:
    """The out-parameters of the path calls, made once per page instead of per object."""

    def __init__(self) -> None:
        self.fill, self.stroke = ctypes.c_int(), ctypes.c_int()
        self.fill_p, self.stroke_p = ctypes.addressof(self.fill), ctypes.addressof(self.stroke)
        self.matrix = raw.FS_MATRIX()
        self.matrix_p = ctypes.addressof(self.matrix)
        self.x, self.y = ctypes.c_float(), ctypes.c_float()
        self.x_p, self.y_p = ctypes.addressof(self.x), ctypes.addressof(self.y)


_draw_mode = _fast(raw.FPDFPath_GetDrawMode, _INT, _VP, _VP, _VP)
_object_matrix = _fast(raw.FPDFPageObj_GetMatrix, _INT, _VP, _VP)
_count_segments = _fast(raw.FPDFPath_CountSegments, _INT, _VP)
_segment = _fast(raw.FPDFPath_GetPathSegment, _VP, _VP, _INT)
_segment_type = _fast(raw.FPDFPathSegment_GetType, _INT, _VP)
_segment_point = _fast(raw.FPDFPathSegment_GetPoint, _INT, _VP, _VP, _VP)
_segment_close = _fast(raw.FPDFPathSegment_GetClose, _INT, _VP)
_MOVETO, _LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO


def _path_items(
    obj: int,
    ctm: Matrix,
    height: float,
    lines: list[Segment],
    rects: list[Rect],
    buffers: _Buffers,
) -> None:
    """The lines and rectangles of one painted path object, as pdfminer would see them."""
    if not _draw_mode(obj, buffers.fill_p, buffers.stroke_p) or not (
        buffers.fill.value or buffers.stroke.value
    ):
        return
    m = buffers.matrix
    _object_matrix(obj, buffers.matrix_p)
    a, b, c, d, e, f = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
    x, y, x_p, y_p = buffers.x, buffers.y, buffers.x_p, buffers.y_p
    shape: list[str] = []
    points: list[tuple[float, float]] = []
    subpaths: list[tuple[str, list[tuple[float, float]]]] = []
    for index in range(_count_segments(obj)):
        segment = _segment(obj, index)
        kind = _segment_type(segment)
        _segment_point(segment, x_p, y_p)
        px, py = x.value, y.value
        point = (a * px + c * py + e, b * px + d * py + f)
        if kind == _MOVETO:
            if shape:
                subpaths.append(("".join(shape), points))
            shape, points = ["m"], [point]
        else:  # a Bézier control or end point makes the subpath a curve
            shape.append("l" if kind == _LINETO else "c")
            points.append(point)
        if _segment_close(segment) and points:
            shape.append("h")
            points.append(points[0])
    if shape:
        subpaths.append(("".join(shape), points))
    for text, pts in subpaths:
        _classify(text, pts, height, lines, rects)


def _classify(
    shape: str,
    pts: list[tuple[float, float]],
    height: float,
    lines: list[Segment],
    rects: list[Rect],
) -> None:
    """pdfminer's ``paint_path`` rules for one subpath."""
    if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
        shape = shape[:-2] + "h"
        pts = pts[:-1]
    if shape in ("ml", "mlh"):
        (x0, y0), (x1, y1) = pts[0], pts[1]
        lines.append(Segment(min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1)))
    elif shape in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts[:5]
        closed = pts[0] == last
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
            y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
        )
        if closed and square:
            rects.append(Rect(min(x0, x2), height - max(y0, y2), max(x0, x2), height - min(y0, y2)))


_count_objects = _fast(raw.FPDFPage_CountObjects, _INT, _VP)
_get_object = _fast(raw.FPDFPage_GetObject, _VP, _VP, _INT)
_form_count = _fast(raw.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = _fast(raw.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)
_object_type = _fast(raw.FPDFPageObj_GetType, _INT, _VP)
_PATH, _FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM


def _drawings(
    container: int,
    form: bool,
    ctm: Matrix,
    height: float,
    lines: list[Segment],
    rects: list[Rect],
    buffers: _Buffers,
) -> None:
    """Walk a page's (or a form XObject's) objects for painted paths."""
    count, get = (_form_count, _form_object) if form else (_count_objects, _get_object)
    for index in range(count(container)):
        obj = get(container, index)
        kind = _object_type(obj)
        if kind == _PATH:
            _path_items(obj, ctm, height, lines, rects, buffers)
        elif kind == _FORM:
            m = buffers.matrix
            _object_matrix(obj, buffers.matrix_p)
            # Paths inside a form carry the form's matrix on top of their own.
            inner = _multiply((m.a, m.b, m.c, m.d, m.e, m.f), ctm)
            _drawings(obj, True, inner, height, lines, rects, buffers)


def to_page(page: Any, number: int) -> Page | None:
    """One PDFium page as a ``Page``, or None when a glyph has no Unicode mapping."""
    ctm, width, height = _device_matrix(page, page.get_rotation())
    textpage = page.get_textpage()
    try:
        chars = _chars(ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0, ctm, height)
    finally:
        textpage.close()
    if chars is None:
        return None
    lines: list[Segment] = []
    rects: list[Rect] = []
    page_address = ctypes.cast(page.raw, ctypes.c_void_p).value or 0
    _drawings(page_address, False, ctm, height, lines, rects, _Buffers())
    return Page(number, width, height, chars, tuple(lines), tuple(rects))


def pages(pdf: pdfium.PdfDocument, start: int = 1) -> Iterator[tuple[int, Page | None]]:
    """``(number, page)`` from page ``start`` on; ``page`` is None where pdfplumber must
    read it.

    Each PDFium page is closed once converted, so memory stays flat on long reports.
    """
    for index in range(start - 1, len(pdf)):
        page = pdf[index]
        try:
            yield index + 1, to_page(page, index + 1)
        finally:
            page.close()
