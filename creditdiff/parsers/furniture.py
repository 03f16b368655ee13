"""Page furniture both report formats share: the diagonal watermark and the page footer.

The watermark (``仅供本人使用`` and the like) is drawn rotated, oversized or in grey over
the text; the footer ``第 N 页，共 M 页`` can fall in the middle of a sentence that runs
on to the next page. Both are dropped before a format reader sees the lines.
"""

from __future__ import annotations

import re

from creditdiff.pages import Char

#: Watermark glyphs are far larger than any report text (titles are 16pt at most).
MAX_TEXT_SIZE = 24.0
#: Glyphs lighter than this (0 black, 1 white) are the grey watermark, not content.
MAX_LIGHTNESS = 0.3

#: ``第 3 页，共 12 页`` and its half-width/spaced variants.
PAGE_FOOTER_RE = re.compile(r"第\s*\d+\s*页\s*[，,]?\s*共\s*\d+\s*页")


def is_content_char(char: Char) -> bool:
    """False for watermark glyphs: rotated, oversized or grey."""
    return char.upright and char.size <= MAX_TEXT_SIZE and char.lightness <= MAX_LIGHTNESS


def is_page_footer(text: str) -> bool:
    """Whether a line holds nothing but the ``第 N 页，共 M 页`` footer."""
    return not PAGE_FOOTER_RE.sub("", text).strip()
