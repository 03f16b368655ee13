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

Ruling lines and rectangles come from the page's path objects
(``creditdiff.sources.pdfium_paths``).
"""

from __future__ import annotations

import ctypes
import struct
from array import array
from collections import deque
from collections.abc import Iterator
from itertools import repeat
from operator import itemgetter
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from creditdiff.pages import Char, Page
from creditdiff.sources.pdfium_paths import Drawings, Matrix

_new = tuple.__new__  # a NamedTuple record without its Python-level __new__
_MATRIX = struct.Struct("=6f")  # an FS_MATRIX: six float32
_RGBA = struct.Struct("=4I")  # four unsigned ints


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
_get_text = _fast(raw.FPDFText_GetText, _INT, _VP, _INT, _INT, _VP)
_text_index = _fast(raw.FPDFText_GetTextIndexFromCharIndex, _INT, _VP, _INT)
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


def _codes(textpage: int, count: int) -> list[int] | None:
    """Every character's code point in one call (``FPDFText_GetText``), or None where the
    page's text does not line up one unit per character (a surrogate pair, a character
    left out of or added to the text): the caller then asks character by character."""
    # GetText writes text indexes first..last; where they are the character indexes the
    # text is ``count`` units and a NUL (the buffer has room to spare all the same).
    if _text_index(textpage, 0) != 0 or _text_index(textpage, count - 1) != count - 1:
        return None
    buffer = (ctypes.c_ushort * (2 * count + 2))()
    if _get_text(textpage, 0, count, ctypes.addressof(buffer)) != count + 1:
        return None
    codes = array("H", bytes(buffer)).tolist()
    del codes[count:]  # the terminating NUL and the spare room
    if any(0xD800 <= code <= 0xDFFF for code in codes):
        return None
    # A character left out and another added would keep the length: a few samples agree
    # with the per-character API only where the text lines up throughout.
    step = max(1, count // 8)
    for index in (*range(0, count, step), count - 1):
        if codes[index] != _unicode(textpage, index):
            return None
    return codes


def _chars(textpage: int, ctm: Matrix, height: float) -> tuple[Char, ...] | None:
    """The page's drawn glyphs in drawing order, or None when one cannot be mapped.

    A glyph's box runs from its origin to the next glyph's origin in the same text
    object (pdfminer's advance: PDFium's loose box takes the substituted font's widths),
    on the font's descent, one font size tall; the last glyph of an object takes the
    advance the same glyph of the same font and size shows elsewhere on the page, else
    (as a rotated glyph does) PDFium's loose box.

    A page holds a thousand characters or more, so the per-character calls (object, map
    error, origin) run under ``map`` with no Python code between them, the code points
    come in one call, and the origins are written straight into one array.
    """
    count = _count_chars(textpage)
    if count <= 0:
        return ()
    every = repeat(textpage)
    objects = list(map(_text_object, every, range(count)))
    # The drawn glyphs; PDFium's own characters (spaces, line breaks) have no object.
    drawn = [index for index, obj in enumerate(objects) if obj is not None]
    if not drawn:
        return ()  # no drawn glyph: a page of images or drawings only
    codes = _codes(textpage, count)
    if codes is None:
        codes = list(map(_unicode, every, range(count)))
    pick = itemgetter(*drawn) if len(drawn) > 1 else lambda values: (values[drawn[0]],)
    glyph_codes: tuple[int, ...] = pick(codes)
    if not _UNMAPPED.isdisjoint(glyph_codes) or any(map(_map_error, every, drawn)):
        return None
    origins = (ctypes.c_double * (2 * count))()
    base = ctypes.addressof(origins)
    x_at = [base + 16 * index for index in drawn]
    deque(map(_origin, every, drawn, x_at, [at + 8 for at in x_at]), maxlen=0)
    flat = origins[:]
    xs: tuple[float, ...] = pick(flat[0::2])
    ys: tuple[float, ...] = pick(flat[1::2])
    glyph_objects: tuple[int, ...] = pick(objects)
    # Each object's style, read at its first glyph.
    reader = _StyleReader(textpage, ctm)
    firsts = dict(zip(reversed(glyph_objects), reversed(drawn), strict=True))
    styles = {obj: reader.style(index, obj) for obj, index in firsts.items()}
    a, b, c, d, e, f = ctm
    level = b == 0 and c == 0  # rotation 0/180; else the page is turned (90/270)
    chars: list[Char | None] = []
    append = chars.append
    #: Glyphs boxed once the page's advances are known: (position, index, code, x, y, style).
    later: list[tuple[int, int, int, float, float, Style]] = []
    for obj, obj2, code, x, x2, y, y2, index in zip(
        glyph_objects,
        (*glyph_objects[1:], 0),
        glyph_codes,
        xs,
        (*xs[1:], 0.0),
        ys,
        (*ys[1:], 0.0),
        drawn,
        strict=True,
    ):
        style = styles[obj]
        if obj == obj2 and y == y2:
            style[5][code] = x2 - x  # the glyph's advance in its font and size
            if style[1] and level:
                # The common case, inline: upright, boxed by the next glyph's origin.
                size, _, lightness, descent, _, _ = style
                x0, x1 = a * x + e, a * x2 + e
                if x1 < x0:
                    x0, x1 = x1, x0
                bottom = height - (d * y + f) - descent
                append(
                    _new(
                        Char,
                        (chr(code), x0, x1, bottom - size, bottom, size, True, lightness, None),
                    )
                )
                continue
            if style[1]:
                append(_upright(code, x, x2, y, style, ctm, height))
                continue
        later.append((len(chars), index, code, x, y, style))
        append(None)
    box = raw.FS_RECTF()
    box_p = ctypes.addressof(box)
    for position, index, code, x, y, style in later:
        advance = style[5].get(code) if style[1] else None
        if advance is not None:
            chars[position] = _upright(code, x, x + advance, y, style, ctm, height)
            continue
        _loose_box(textpage, index, box_p)
        if style[1]:
            chars[position] = _upright(code, x, box.right, y, style, ctm, height)
        else:
            chars[position] = _rotated(
                code, box.left, box.top, box.right, box.bottom, ctm, height, style[2]
            )
    return tuple(chars)  # type: ignore[arg-type]  # every placeholder is filled above


def _upright(
    code: int, x: float, right: float, y: float, style: Style, ctm: Matrix, height: float
) -> Char:
    """A glyph upright in user space from its origin ``(x, y)`` to ``right``, on a level
    (rotation 0/180) or turned (90/270) page."""
    a, b, c, d, e, f = ctm
    size, _, lightness, descent, _, _ = style
    if b == 0 and c == 0:
        x0, x1 = a * x + e, a * right + e
        base = d * y + f
    else:
        x0 = c * y + e
        x1 = x0 + (right - x) * abs(b)
        base = b * x + f
    if x1 < x0:
        x0, x1 = x1, x0
    bottom = height - base - descent
    return _new(Char, (chr(code), x0, x1, bottom - size, bottom, size, True, lightness, None))


def _rotated(
    code: int,
    left: float,
    top: float,
    right: float,
    bottom: float,
    ctm: Matrix,
    height: float,
    lightness: float,
) -> Char:
    """A glyph drawn at an angle or mirrored, boxed by PDFium's loose box."""
    a, b, c, d, e, f = ctm
    xs = sorted((a * left + c * bottom + e, a * right + c * top + e))
    ys = sorted((b * left + d * bottom + f, b * right + d * top + f))
    return Char(
        chr(code), xs[0], xs[1], height - ys[1], height - ys[0], ys[1] - ys[0], False, lightness
    )


#: Font size, uprightness, fill lightness, font descent and font of a text object, and
#: the advances of glyphs (by code point) seen in that font at that size on the page.
Style = tuple[float, bool, float, float, int, dict[int, float]]


class _StyleReader:
    """Reads the style of a text page's objects, with the calls' buffers made once."""

    def __init__(self, textpage: int, ctm: Matrix) -> None:
        self.textpage = textpage
        self.linear = ctm[:4]
        self.matrix = ctypes.create_string_buffer(_MATRIX.size)
        self.matrix_p = ctypes.addressof(self.matrix)
        self.rgba = ctypes.create_string_buffer(_RGBA.size)
        rgba_p = ctypes.addressof(self.rgba)
        self.rgba_p = (rgba_p, rgba_p + 4, rgba_p + 8, rgba_p + 12)
        self.descent = ctypes.c_float()
        self.descent_p = ctypes.addressof(self.descent)
        #: (font, size) -> the font's descent at that size, and the glyph advances seen.
        self.fonts: dict[tuple[int, float], tuple[float, dict[int, float]]] = {}

    def style(self, index: int, obj: int) -> Style:
        """The style of text object ``obj``, read at its glyph ``index``."""
        textpage = self.textpage
        _char_matrix(textpage, index, self.matrix_p)
        # Judged in device space, as pdfplumber's matrix includes the page's rotation:
        # the linear part of ``multiply(matrix, ctm)``, term for term.
        a1, b1, c1, d1, _, _ = _MATRIX.unpack(self.matrix.raw)
        a, b, c, d = self.linear
        upright = (
            abs(a1 * b + b1 * d) <= 1e-3
            and abs(c1 * a + d1 * c) <= 1e-3
            and a1 * a + b1 * c > 0
            and c1 * b + d1 * d > 0
        )
        # FPDFText_GetFontSize is the size the text matrix scales the font to, in points.
        size = float(_font_size(textpage, index))
        lightness = 0.0
        if _fill_color(textpage, index, *self.rgba_p):
            red, green, blue, _ = _RGBA.unpack(self.rgba.raw)
            lightness = min(red, green, blue) / 255.0
        font = _object_font(obj) or 0
        known = self.fonts.get((font, size))
        if known is None:
            if not font or not _descent(font, size, self.descent_p):
                self.descent.value = 0.0
            known = self.fonts[(font, size)] = (self.descent.value, {})
        return size, upright, lightness, known[0], font, known[1]


def text_count(textpage: Any) -> int:
    """The page's non-space characters in PDFium's text, the measure ``--ocr auto``
    judges a page by (``creditdiff.sources.ocr.report.text_page_counts``)."""
    return len("".join(textpage.get_text_range().split()))


def to_page(page: Any, number: int, counts: dict[int, int] | None = None) -> Page | None:
    """One PDFium page as a ``Page``, or None when a glyph has no Unicode mapping.

    ``counts``, if given, gets the page's ``text_count`` under its number.
    """
    ctm, width, height = _device_matrix(page, page.get_rotation())
    textpage = page.get_textpage()
    try:
        if counts is not None:
            counts[number] = text_count(textpage)
        chars = _chars(ctypes.cast(textpage.raw, ctypes.c_void_p).value or 0, ctm, height)
    finally:
        textpage.close()
    if chars is None:
        return None
    drawings = Drawings(ctm, height)
    drawings.walk(ctypes.cast(page.raw, ctypes.c_void_p).value or 0)
    return Page(number, width, height, chars, tuple(drawings.lines), tuple(drawings.rects))


def pages(
    pdf: pdfium.PdfDocument, start: int = 1, counts: dict[int, int] | None = None
) -> Iterator[tuple[int, Page | None]]:
    """``(number, page)`` from page ``start`` on; ``page`` is None where pdfplumber must
    read it. ``counts`` gets each page's ``text_count``.

    Each PDFium page is closed once converted, so memory stays flat on long reports.
    """
    for index in range(start - 1, len(pdf)):
        page = pdf[index]
        try:
            yield index + 1, to_page(page, index + 1, counts)
        finally:
            page.close()
