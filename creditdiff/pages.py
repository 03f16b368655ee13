"""The backend-neutral page model: what every page source produces and every parser reads.

A report page is its glyphs with their boxes plus the ruling lines and rectangles that
draw the report's tables. A text-layer reader (pdfplumber, PDFium) and the OCR reader
all produce these records, so the format parsers never see a library's objects.

Coordinates are PDF points with the origin at the page's top-left corner, ``top`` growing
downwards (as pdfplumber reports them). Records are tuples: a 200-page report holds a
few hundred thousand glyphs, and tuples are the leanest record Python has.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple


class Char(NamedTuple):
    """One glyph (or, from OCR, one character of a recognised text box)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    #: Font size in points (OCR: the box height).
    size: float
    #: False for a glyph drawn at an angle or mirrored: the diagonal watermark.
    upright: bool = True
    #: Lightness of the fill, 0.0 black to 1.0 white; light glyphs are watermarks.
    lightness: float = 0.0
    #: OCR confidence of the character's text box, 0..1; None for a text layer.
    confidence: float | None = None


class Segment(NamedTuple):
    """A stroked straight line (a table ruling), as its bounding box."""

    x0: float
    top: float
    x1: float
    bottom: float


class Rect(NamedTuple):
    """A drawn rectangle: a cell border, a thin ruling drawn as a filled bar, a frame."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Page:
    """One logical report page (a 2-up sheet is two pages)."""

    #: 1-based position in the report.
    number: int
    width: float
    height: float
    chars: tuple[Char, ...]
    lines: tuple[Segment, ...] = ()
    rects: tuple[Rect, ...] = ()

    @property
    def text(self) -> str:
        """The page's glyphs in drawing order, for detection and emptiness checks."""
        return "".join(char.text for char in self.chars)
