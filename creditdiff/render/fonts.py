"""Pick the font the action report is written in, so Chinese renders on any machine.

A TrueType CJK font found on the system (or given with ``--font``) is embedded, and
reportlab subsets it to the glyphs used. Without one, reportlab's built-in
``STSong-Light`` CID font is used: it is not embedded, and the PDF viewer substitutes
a Chinese font of its own.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from creditdiff.errors import CreditDiffError
from creditdiff.render import paragraphs
from creditdiff.render.font_names import find_font

CID_FONT = "STSong-Light"

#: Usual places of TrueType-outlined CJK fonts, most preferred first. CFF-outlined
#: OpenType fonts (Noto Sans CJK .otf/.ttc) fail to load in reportlab and are skipped;
#: DroidSansFallback is left out on purpose: it has no Latin digits.
SYSTEM_FONTS: tuple[str, ...] = (
    # Linux
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
    "/usr/share/fonts/truetype/noto/NotoSansSC-Regular.ttf",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    # macOS
    "/System/Library/Fonts/STHeiti Medium.ttc",
    "/System/Library/Fonts/STHeiti Light.ttc",
    "/Library/Fonts/Arial Unicode.ttf",
    "/System/Library/Fonts/Supplemental/Arial Unicode.ttf",
    # Windows
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simhei.ttf",
)

#: What the report prints and a usable font must therefore draw.
_REQUIRED_CHARS = "0123456789中国银行"


class FontError(CreditDiffError):
    """The font given with ``--font`` does not exist or cannot draw the report."""


@dataclass(frozen=True)
class FontChoice:
    """The registered font the report is written in."""

    name: str
    #: The embedded TrueType file, or None for the built-in CID font.
    path: Path | None

    @property
    def embedded(self) -> bool:
        return self.path is not None

    def describe(self) -> str:
        """One line for the CLI: which font, and whether it is embedded."""
        if self.path is None:
            return f"{CID_FONT} (built-in CID font, not embedded)"
        return f"{self.path} (TrueType, embedded subset)"


#: Widths reportlab's paragraphs asked for, by (text, font, size, encoding).
_WIDTHS: dict[tuple[str, str, float, str], float] = {}
_WIDTHS_LIMIT = 200_000


def _cached_string_width(
    text: str,
    fontName: str,
    fontSize: float,
    encoding: str = "utf8",
) -> float:
    """``pdfmetrics.stringWidth``, remembered: CJK line breaking measures every character
    of every paragraph one at a time, mostly the same few hundred characters."""
    key = (text, fontName, fontSize, encoding)
    width = _WIDTHS.get(key)
    if width is None:
        if len(_WIDTHS) >= _WIDTHS_LIMIT:
            _WIDTHS.clear()
        width = _WIDTHS[key] = pdfmetrics.stringWidth(text, fontName, fontSize, encoding)
    return width


def _cache_paragraph_widths() -> None:
    """Make reportlab's paragraph and word-splitting code measure through the cache.

    A width depends only on the text and the registered font of that name and size;
    registering a font clears the cache.
    """
    from reportlab.lib import textsplit
    from reportlab.platypus import paragraph

    paragraph.stringWidth = _cached_string_width
    textsplit.stringWidth = _cached_string_width


def _forget() -> None:
    """A font registered afresh: widths and line breaks measured with the old one go."""
    _WIDTHS.clear()
    paragraphs.forget()


def _register_family(name: str) -> None:
    # CJK fonts ship one weight; map bold/italic to it so <b> in a Paragraph never fails.
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(name, bold, italic, name)


def _load_ttf(path: Path) -> FontChoice:
    """Register a TrueType font (first face of a .ttc); raise FontError if unusable."""
    digest = hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:8]
    name = f"CreditDiffCJK-{digest}"
    if name in pdfmetrics.getRegisteredFontNames():
        return FontChoice(name=name, path=path)
    try:
        font = TTFont(name, str(path), subfontIndex=0)
    except (TTFError, OSError, ValueError, KeyError, IndexError, AssertionError) as error:
        # e.g. "postscript outlines are not supported" for CFF-based OpenType fonts.
        raise FontError(f"{path}: cannot be used as a TrueType font ({error})") from None
    missing = [c for c in _REQUIRED_CHARS if ord(c) not in font.face.charToGlyph]
    if missing:
        raise FontError(f"{path}: lacks Chinese characters or digits the report needs")
    pdfmetrics.registerFont(font)
    _forget()
    _register_family(name)
    return FontChoice(name=name, path=path)


def cid_font() -> FontChoice:
    if CID_FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(CID_FONT))
        _forget()
        _register_family(CID_FONT)
    return FontChoice(name=CID_FONT, path=None)


def choose_font(
    explicit: Path | None = None, candidates: Iterable[str] | None = None
) -> FontChoice:
    """The ``--font`` file if given (it must load), else the first usable font of
    ``candidates`` (default ``SYSTEM_FONTS``), else the built-in CID font."""
    _cache_paragraph_widths()
    if explicit is not None:
        is_name = len(explicit.parts) == 1 and explicit.suffix.lower() not in (
            ".ttf",
            ".ttc",
            ".otf",
        )
        if not explicit.is_file() and is_name:
            # Not a file here: the name of an installed font (``--font 微软雅黑``).
            found = find_font(str(explicit))
            if found is None:
                raise FontError(f"no installed font named {explicit}")
            explicit = found
        if not explicit.is_file():
            raise FontError(f"{explicit}: font file not found")
        return _load_ttf(explicit)
    for candidate in SYSTEM_FONTS if candidates is None else candidates:
        path = Path(candidate)
        if path.is_file():
            try:
                return _load_ttf(path)
            except FontError:
                continue
    return cid_font()


__all__ = ["CID_FONT", "SYSTEM_FONTS", "FontChoice", "FontError", "choose_font", "cid_font"]
