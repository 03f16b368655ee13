"""Ruling lines and rectangles of a PDFium page, from its painted path objects.

Lines and rectangles are classified as pdfminer does (``paint_path``): each subpath of a
painted path, a single straight segment being a line and a closed, axis-aligned
four-cornered one a rectangle; curves are left out, as no parser reads them.

A report page holds a thousand or more path objects (every cell border is one), so the
walk makes as few calls into PDFium as it can: a path's points are read in one go. A
``FPDF_PATHSEGMENT`` points into PDFium's array of path points, 12 bytes each (x and y
as float32, the segment type, the close flag, two bytes of padding), the segment types
numbered as the API numbers them. That layout is checked against the point-by-point
API on the first path read; if it ever differs, every path is read point by point.
"""

from __future__ import annotations

import ctypes
import struct
from typing import Any

import pypdfium2.raw as raw

from creditdiff.pages import Rect, Segment

Matrix = tuple[float, float, float, float, float, float]

_new = tuple.__new__  # a NamedTuple record without its Python-level __new__


def _fast(function: Any, restype: Any, *argtypes: Any) -> Any:
    """The same C function with plain ``c_void_p``/number types: ctypes then converts
    nothing, which halves the cost of a call made once per object."""
    address = ctypes.cast(function, ctypes.c_void_p).value or 0
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_VP, _INT = ctypes.c_void_p, ctypes.c_int
_count_objects = _fast(raw.FPDFPage_CountObjects, _INT, _VP)
_get_object = _fast(raw.FPDFPage_GetObject, _VP, _VP, _INT)
_form_count = _fast(raw.FPDFFormObj_CountObjects, _INT, _VP)
_form_object = _fast(raw.FPDFFormObj_GetObject, _VP, _VP, ctypes.c_ulong)
_object_type = _fast(raw.FPDFPageObj_GetType, _INT, _VP)
_object_matrix = _fast(raw.FPDFPageObj_GetMatrix, _INT, _VP, _VP)
_count_segments = _fast(raw.FPDFPath_CountSegments, _INT, _VP)
_segment = _fast(raw.FPDFPath_GetPathSegment, _VP, _VP, _INT)
_segment_type = _fast(raw.FPDFPathSegment_GetType, _INT, _VP)
_segment_point = _fast(raw.FPDFPathSegment_GetPoint, _INT, _VP, _VP, _VP)
_segment_close = _fast(raw.FPDFPathSegment_GetClose, _INT, _VP)
#: ``ctypes.string_at`` without its Python wrapper (one frame fewer per path).
_string_at = getattr(ctypes, "_string_at", ctypes.string_at)

_PATH, _FORM = raw.FPDF_PAGEOBJ_PATH, raw.FPDF_PAGEOBJ_FORM
_MOVETO, _LINETO = raw.FPDF_SEGMENT_MOVETO, raw.FPDF_SEGMENT_LINETO
#: One path point as PDFium stores it: x, y, segment type, close flag, padding.
_POINT = struct.Struct("=ffBBxx")
#: Two path points: a single straight segment when they are a move-to and a line-to.
_LINE = struct.Struct("=ffBBxxffBBxx")
#: An ``FS_MATRIX``: six float32.
_MATRIX = struct.Struct("=6f")

#: Whether a path's points can be read as one block (None: not checked yet).
_BLOCK_POINTS: list[bool | None] = [None]

Point = tuple[float, float, int, int]


def multiply(m: Matrix, n: Matrix) -> Matrix:
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


def _api_points(obj: int, count: int) -> list[Point]:
    """A path's points through the API, one call per value."""
    x, y = ctypes.c_float(), ctypes.c_float()
    x_p, y_p = ctypes.addressof(x), ctypes.addressof(y)
    points = []
    for index in range(count):
        segment = _segment(obj, index)
        _segment_point(segment, x_p, y_p)
        points.append((x.value, y.value, _segment_type(segment), _segment_close(segment)))
    return points


def _points(obj: int, count: int) -> list[Point]:
    """A path's points ``(x, y, type, close)``, in one read where the layout allows."""
    trusted = _BLOCK_POINTS[0]
    if trusted is False:
        return _api_points(obj, count)
    first = _segment(obj, 0)
    if not first:
        return []
    if trusted is None:
        expected = _api_points(obj, count)
        last = _segment(obj, count - 1)
        block = _POINT.iter_unpack(_string_at(first, _POINT.size * count))
        _BLOCK_POINTS[0] = last - first == _POINT.size * (count - 1) and [
            (x, y, kind, bool(close)) for x, y, kind, close in block
        ] == [(x, y, kind, bool(close)) for x, y, kind, close in expected]
        return expected
    return list(_POINT.iter_unpack(_string_at(first, _POINT.size * count)))


def _ruling(px: float, py: float, qx: float, qy: float, m: Matrix, height: float) -> Segment:
    """One straight segment (a table ruling, pdfminer's "ml" line) in top-down page space."""
    a, b, c, d, e, f = m
    x0, y0 = a * px + c * py + e, b * px + d * py + f
    x1, y1 = a * qx + c * qy + e, b * qx + d * qy + f
    if x1 < x0:
        x0, x1 = x1, x0
    if y1 < y0:
        y0, y1 = y1, y0
    return _new(Segment, (x0, height - y1, x1, height - y0))


class Drawings:
    """The lines and rectangles of one page, walked from its objects."""

    def __init__(self, ctm: Matrix, height: float) -> None:
        self.ctm = ctm
        self.height = height
        self.lines: list[Segment] = []
        self.rects: list[Rect] = []
        self._matrix = ctypes.create_string_buffer(_MATRIX.size)
        self._matrix_p = ctypes.addressof(self._matrix)
        #: Per matrix above (the page's, a form's): object matrix bytes -> the matrix
        #: to device space.
        self._transforms: dict[Matrix, dict[bytes, Matrix]] = {}

    def _transform(self, obj: int, ctm: Matrix) -> Matrix:
        """The object's matrix followed by ``ctm``, computed once per distinct matrix."""
        _object_matrix(obj, self._matrix_p)
        transforms = self._transforms.setdefault(ctm, {})
        key = self._matrix.raw
        transform = transforms.get(key)
        if transform is None:
            transform = transforms[key] = multiply(_MATRIX.unpack(key), ctm)
        return transform

    def walk(self, container: int, form: bool = False, ctm: Matrix | None = None) -> None:
        """Walk a page's (or a form XObject's) objects for painted paths.

        The loop makes five calls into PDFium per path (its segment count, which also
        tells a path from any other object, its matrix, first segment and points) and
        reads a single straight segment, a table ruling, inline. Every path object is
        painted: PDFium's content parser makes one only for a stroked or filled path
        (``n``, which ends a clipping path, makes none), so no draw mode is asked.
        """
        ctm = self.ctm if ctm is None else ctm
        count, get = (_form_count, _form_object) if form else (_count_objects, _get_object)
        matrix, matrix_p = self._matrix, self._matrix_p
        #: Object matrix bytes -> the matrix to device space, under this ``ctm``.
        transforms = self._transforms.setdefault(ctm, {})
        block = _BLOCK_POINTS[0] is True
        lines, height = self.lines, self.height
        count_segments, segment = _count_segments, _segment
        object_matrix, string_at, unpack_line = _object_matrix, _string_at, _LINE.unpack
        for index in range(count(container)):
            obj = get(container, index)
            total = count_segments(obj)  # -1: not a path
            if total <= 0:
                if total < 0 and _object_type(obj) == _FORM:
                    # Paths inside a form carry the form's matrix on top of their own.
                    self.walk(obj, True, self._transform(obj, ctm))
                continue
            object_matrix(obj, matrix_p)
            key = matrix.raw
            m = transforms.get(key)
            if m is None:
                m = transforms[key] = multiply(_MATRIX.unpack(key), ctm)
            if not block or total != 2:
                self._path(_points(obj, total), m)
                block = _BLOCK_POINTS[0] is True
                continue
            first = segment(obj, 0)
            if not first:
                continue
            px, py, kind, close, qx, qy, kind2, close2 = unpack_line(string_at(first, _LINE.size))
            if kind != _MOVETO or kind2 != _LINETO or close or close2:
                self._path([(px, py, kind, close), (qx, qy, kind2, close2)], m)
                continue
            lines.append(_ruling(px, py, qx, qy, m, height))

    def _path(self, points: list[Point], m: Matrix) -> None:
        """The lines and rectangles of one painted path."""
        a, b, c, d, e, f = m
        height = self.height
        if len(points) == 2:
            (px, py, kind, close), (qx, qy, kind2, close2) = points
            if kind == _MOVETO and kind2 == _LINETO and not close and not close2:
                self.lines.append(_ruling(px, py, qx, qy, m, height))
                return
        shape: list[str] = []
        pts: list[tuple[float, float]] = []
        for px, py, kind, close in points:
            point = (a * px + c * py + e, b * px + d * py + f)
            if kind == _MOVETO:
                if shape:
                    self._classify("".join(shape), pts)
                shape, pts = ["m"], [point]
            else:  # a Bézier control or end point makes the subpath a curve
                shape.append("l" if kind == _LINETO else "c")
                pts.append(point)
            if close and pts:
                shape.append("h")
                pts.append(pts[0])
        if shape:
            self._classify("".join(shape), pts)

    def _classify(self, shape: str, pts: list[tuple[float, float]]) -> None:
        """pdfminer's ``paint_path`` rules for one subpath."""
        height = self.height
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts = pts[:-1]
        if shape in ("ml", "mlh"):
            (x0, y0), (x1, y1) = pts[0], pts[1]
            self.lines.append(
                Segment(min(x0, x1), height - max(y0, y1), max(x0, x1), height - min(y0, y1))
            )
        elif shape in ("mlllh", "mllll"):
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), last = pts[:5]
            closed = pts[0] == last
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            if closed and square:
                self.rects.append(
                    Rect(min(x0, x2), height - max(y0, y2), max(x0, x2), height - min(y0, y2))
                )
