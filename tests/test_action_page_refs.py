"""The pages the action cards cite, drawn once the layout is done: read back from the PDF,
each printed number is the page its section starts on."""

from __future__ import annotations

import io
import re
import shutil
import subprocess

import pdfplumber
import pytest

from creditdiff.render import action_pdf, fonts
from creditdiff.wording import Wording, load_wording
from tests import action_sample as sample

pytestmark = pytest.mark.slow

#: Wording keys of the citations, each with the section heading it cites.
CITATIONS = (
    ("cards.common_ref", "common.heading"),
    ("cards.dispute_heading", "dispute.heading"),
    ("cards.dispute_items", "dispute.heading"),
)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _template(wording: Wording, key: str) -> str:
    """The citation's text with ``{page}`` as the marker "\\0" (the item that has one)."""
    if key == "cards.dispute_items":
        return next(item for item in wording.lines(key, page="\0") if "\0" in item)
    return wording.text(key, page="\0")


def _pages_of(pdf: bytes, reader: str) -> list[str]:
    """The text of each page, by pdftotext or by pdfplumber."""
    if reader == "pdftotext":
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
        ).stdout.decode()
        return text.split("\f")[:-1]
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return [page.extract_text() or "" for page in document.pages]


def _check_citations(pdf: bytes, reader: str) -> dict[str, set[int]]:
    """Assert each citation prints the page its section's heading starts on (a line of
    its own); return the pages cited, per wording key."""
    wording = load_wording()
    pages = _pages_of(pdf, reader)
    done = _squash(wording.text("cards.done"))
    starts = {
        heading: [
            n
            for n, text in enumerate(pages, 1)
            if wording.text(heading) in (line.strip() for line in text.splitlines())
        ]
        for _, heading in CITATIONS
    }
    cited: dict[str, set[int]] = {}
    for key, heading in CITATIONS:
        assert len(starts[heading]) == 1, heading
        before, after = _squash(_template(wording, key)).split("\0")
        pattern = re.compile(re.escape(before) + r"(\d+)" + re.escape(after))
        numbers = []
        for text in pages:
            # The checklist's date column sits beside an item's first line.
            squashed = _squash(text).replace(done, "")
            found = pattern.findall(squashed)
            # Every citation on the page is read: none lost its number.
            assert len(found) == squashed.count(before), key
            numbers += [int(number) for number in found]
        assert numbers, key
        assert set(numbers) == {starts[heading][0]}, key
        cited[key] = set(numbers)
    return cited


@pytest.mark.parametrize("font", ["ttf", "cid"])
def test_cited_pages_past_page_nine_are_the_sections_pages(
    monkeypatch: pytest.MonkeyPatch, font: str
) -> None:
    """With forty institutions the sections start past page 9; every card's two-digit
    citation, read back with pdfplumber, is the page its section starts on, in the
    embedded font and in the CID fallback."""
    if font == "cid":
        monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    document = action_pdf.action_report_pdf(sample.many(40), today=sample.TODAY)
    assert font == "ttf" or not document.font.embedded
    cited = _check_citations(document.pdf, "pdfplumber")
    assert all(page > 9 for pages in cited.values() for page in pages)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler's pdftotext")
def test_cited_pages_past_page_ninety_nine_are_the_sections_pages() -> None:
    """With 190 institutions the sections start past page 99; every three-digit citation,
    read back with pdftotext, is the page its section starts on."""
    pdf = action_pdf.action_report_pdf(sample.many(190), today=sample.TODAY).pdf
    cited = _check_citations(pdf, "pdftotext")
    assert all(page > 99 for pages in cited.values() for page in pages)


def test_a_guess_of_too_few_digits_lays_the_report_out_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Gaps guessed one digit wide for sections past page 9: the report is laid out again
    with two-digit gaps, and the citations print the right pages."""
    comparison = sample.many(40)
    wording = load_wording()
    font = action_pdf.choose_font().name
    monkeypatch.setattr(action_pdf, "_page_digits", lambda plan: 1)
    short = action_pdf._build(comparison, wording, font, sample.TODAY)
    assert short.short and short.digits == 2
    pdf = action_pdf.action_report_pdf(comparison, today=sample.TODAY).pdf
    _check_citations(pdf, "pdfplumber")
