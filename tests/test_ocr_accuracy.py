"""Fixes found by the per-style accuracy table, each on the generated scan that showed it.

Expected values come from the case's expected JSON, never from a parse.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from creditdiff.parsers.simple.lines import page_lines
from creditdiff.sources.ocr import folder_images, load_image
from creditdiff.sources.ocr.page import read_sheet
from fixtures.generator.scan import STYLES, render_case

ROOT = Path(__file__).resolve().parent.parent
#: Repayment-grid codes that are not digits (digits also print as month numbers).
_LETTER_CODES = set("NZ#*/CGDB")


@pytest.mark.slow
def test_grid_codes_and_year_cells_read_as_printed_at_300_dpi(tmp_path: Path) -> None:
    """On the 300 dpi scan of the page holding the card grids, every one-letter cell
    reads as a status the case's accounts have (all ``N``; a lone ``N`` recognised in a
    batch of long lines came back as ``Z``), and no year cell gains a ``#`` from the
    table's side border ending at the last row."""
    pdf = ROOT / "fixtures" / "detailed" / "all-families.pdf"
    expected = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    statuses = {
        month["status"]
        for account in expected["accounts"]
        if account["page"] in (3, 4)
        for month in account.get("history") or []
    }
    folder = render_case(pdf, tmp_path, STYLES["scan-300"])
    # A scan's file names end in the 0-based page index.
    image = load_image(next(p for p in folder_images(folder) if p.stem.endswith("_3")))
    (page,) = read_sheet(image, 4)
    tokens = [t.text for line in page_lines(page.page.chars, 4) for t in line.tokens]
    codes = [t for t in tokens if t in _LETTER_CODES]
    # The page's grids are read at all (cells the sheet pass misses are filled in later,
    # by the missed-glyph pass of a whole parse, which this test does not run).
    assert codes
    assert set(codes) <= statuses
    assert not [t for t in tokens if t.startswith("#")]
