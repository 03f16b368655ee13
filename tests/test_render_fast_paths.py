"""The action report's speed-ups change nothing: a layout that only finds the pages, and
remembered string widths."""

from __future__ import annotations

import datetime as dt

import pytest
from reportlab.pdfbase import pdfmetrics

from creditdiff.render import action_pdf, fonts
from creditdiff.render.action_sections import COMMON, DISPUTE
from creditdiff.wording import load_wording
from tests import action_sample as sample

TODAY = dt.date(2024, 8, 1)


@pytest.mark.slow
@pytest.mark.parametrize("comparison", [sample.pair(), sample.many(40)], ids=["pair", "many"])
def test_a_layout_that_only_finds_pages_finds_the_drawn_layouts_pages(comparison: object) -> None:
    """Laid out without drawing, the report has the pages and section pages it has drawn."""
    wording = load_wording()
    font = fonts.choose_font().name
    for sections in ({}, {COMMON: 7, DISPUTE: 12}):
        drawn = action_pdf._build(comparison, wording, font, TODAY, sections)  # type: ignore[arg-type]
        found = action_pdf._build(comparison, wording, font, TODAY, sections, draw=False)  # type: ignore[arg-type]
        assert drawn.pdf is not None and drawn.pages > 1 and drawn.sections
        assert (found.pages, found.sections, found.cited) == (
            drawn.pages,
            drawn.sections,
            drawn.cited,
        )
        # Only a layout whose cards cite no page is drawn: it is the report then.
        assert (found.pdf is None) == found.cited


def test_remembered_widths_equal_reportlab_widths() -> None:
    """Every width through the cache is the one pdfmetrics computes, for each font and size."""
    names = {fonts.choose_font().name, fonts.cid_font().name, "Helvetica"}
    for name in sorted(names):
        for size in (7.5, 9, 10.5):
            for text in ("中", "国", "A", "0", "，", "示例银行", "2024-01-31", ""):
                for _ in range(2):  # the second call answers from the cache
                    want = pdfmetrics.stringWidth(text, name, size)
                    assert fonts._cached_string_width(text, name, size) == want


def test_registering_a_font_forgets_remembered_widths() -> None:
    """A font registered afresh cannot be measured with an earlier font's widths."""
    name = fonts.choose_font().name
    fonts._cached_string_width("中", name, 9)
    assert fonts._WIDTHS
    fonts._WIDTHS[("中", "STSong-Light", 99.0, "utf8")] = -1.0
    pdfmetrics._fonts.pop(fonts.CID_FONT, None)  # as if never registered
    fonts.cid_font()
    assert fonts._cached_string_width("中", "STSong-Light", 99.0) > 0
