"""Which format parser reads a report: the first whose ``detect`` accepts page 1's text."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from creditdiff.errors import NotACreditReportError, NoTextLayerError
from creditdiff.pages import Page
from creditdiff.parsers.base import ReportParser
from creditdiff.parsers.detailed.reader import DetailedParser
from creditdiff.parsers.simple.reader import SimpleParser

_CID_GLYPH_RE = re.compile(r"\(cid:\d+\)")

#: Every format parser, in the order detection tries them.
PARSERS: tuple[ReportParser, ...] = (DetailedParser(), SimpleParser())


def first_page_text(pages: Iterable[Page], path: Path) -> str:
    """The text of the first page that has any, for detection."""
    for page in pages:
        text = page.text
        if text.strip():
            return text
    raise NoTextLayerError(
        path, "no text layer (a scanned image?); creditdiff needs the PDF as issued"
    )


def detect(text: str, path: Path) -> ReportParser:
    """The parser for a report whose first page reads ``text``."""
    for parser in PARSERS:
        if parser.detect(text):
            return parser
    if 2 * sum(len(glyph) for glyph in _CID_GLYPH_RE.findall(text)) > len(text):
        # pdfminer prints ``(cid:N)`` for glyphs it cannot map to Unicode: the text layer
        # exists but cannot be read, which is a different fix for the user than "wrong file".
        raise NoTextLayerError(path, "text layer cannot be decoded (fonts without a Unicode map)")
    raise NotACreditReportError(path, "not a PBOC personal credit report (个人信用报告)")
