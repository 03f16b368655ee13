"""The action report's footer: every page says which page it is of how many."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest

from creditdiff.render.action_pdf import write_action_report
from creditdiff.wording import load_wording
from tests import action_sample as sample

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("case", ["pair", "sixty findings"])
def test_every_page_footer_names_its_page_and_the_total(tmp_path: Path, case: str) -> None:
    """Page N of an M-page report prints 第 N 页，共 M 页 once, with M the page count."""
    comparison = sample.pair() if case == "pair" else sample.many(60)
    info = write_action_report(comparison, tmp_path / "a.pdf", today=sample.TODAY)
    wording = load_wording()
    with pdfplumber.open(info.output) as pdf:
        assert len(pdf.pages) == info.pages
        for number, page in enumerate(pdf.pages, 1):
            text = re.sub(r"\s+", "", page.extract_text() or "")
            footer = re.sub(
                r"\s+", "", wording.text("document.footer", page=number, pages=info.pages)
            )
            assert text.count(footer) == 1, number
