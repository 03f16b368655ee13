"""PDFium and pdfplumber read every fixture and generated report to the same JSON."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from test_parse_detailed import random_account

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources import pdfium_read
from creditdiff.sources.read import READERS
from fixtures.generate import load_case
from fixtures.generator import detailed, simple

PDFS = sorted(FIXTURES.rglob("*.pdf"))
WITH_EXPECTED = [pdf for pdf in PDFS if pdf.with_suffix(".expected.json").is_file()]


def test_every_fixture_is_counted() -> None:
    """All committed fixture PDFs are in the comparison, most with an expected JSON."""
    assert len(PDFS) >= 25 and len(WITH_EXPECTED) >= 17


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("pdf", WITH_EXPECTED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_fixture_parses_to_its_expected_json_with_either_reader(pdf: Path, reader: str) -> None:
    """Each fixture with an expected JSON parses to exactly it with either reader."""
    want = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    assert report_to_dict(parse_pdf(pdf, reader=reader)) == want


@pytest.mark.parametrize("pdf", PDFS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_both_readers_give_the_same_json(pdf: Path) -> None:
    """Every fixture PDF (pairs and demo included) gives one JSON whichever reader reads it."""
    by_pdfium = report_to_dict(parse_pdf(pdf, reader="pdfium"))
    assert by_pdfium == report_to_dict(parse_pdf(pdf, reader="pdfplumber"))


def test_an_unknown_reader_is_refused() -> None:
    """A reader name that is neither pdfium nor pdfplumber is a ValueError, not a guess."""
    with pytest.raises(ValueError, match="unknown reader"):
        parse_pdf(WITH_EXPECTED[0], reader="mupdf")


@settings(max_examples=6, deadline=None, derandomize=True)
@given(
    accounts=st.lists(random_account(), min_size=1, max_size=8),
    layout=st.fixed_dictionaries(
        {
            "font": st.sampled_from(["cid", "ttf"]),
            "dash": st.sampled_from(["—", "－", "-", "至"]),
            "spaced_labels": st.booleans(),
            "split_cells": st.booleans(),
            "watermark": st.sampled_from([None, "仅供本人使用"]),
            "page_break_in_account": st.integers(min_value=0, max_value=7),
        }
    ),
)
@pytest.mark.slow
def test_random_detailed_reports_read_the_same_with_both_readers(
    accounts: list[dict[str, Any]], layout: dict[str, Any]
) -> None:
    """A generated 本人版 of any mix of accounts and quirks parses to what was drawn, twice."""
    case = copy.deepcopy(load_case(FIXTURES / "cases" / "detailed" / "all-families.yaml"))
    case.update(accounts=accounts, layout=layout, credit_agreements=[])
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "random.pdf"
        want = detailed.build(case, pdf)
        for reader in READERS:
            assert report_to_dict(parse_pdf(pdf, reader=reader)) == want, reader


SIMPLE_CASES = sorted((FIXTURES / "cases" / "simple").glob("*.yaml"))


@settings(max_examples=6, deadline=None, derandomize=True)
@given(case_path=st.sampled_from(SIMPLE_CASES), font=st.sampled_from(["cid", "ttf"]))
@pytest.mark.slow
def test_generated_simple_reports_read_the_same_with_both_readers(
    case_path: Path, font: str
) -> None:
    """A 简版 case drawn in either font parses to what was drawn with either reader."""
    case = copy.deepcopy(load_case(case_path))
    case.setdefault("layout", {})["font"] = font
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "random.pdf"
        want = simple.build(case, pdf)
        for reader in READERS:
            assert report_to_dict(parse_pdf(pdf, reader=reader)) == want, reader


def test_a_scrambled_stream_is_damage_not_a_shorter_page() -> None:
    """The damage probe finds a stream that does not decode; an intact file passes it."""
    data = (FIXTURES / "detailed" / "all-families.pdf").read_bytes()
    assert not pdfium_read.damaged(data)
    broken = bytearray(data)
    start = len(broken) // 3
    for i in range(start, start + 2000):
        broken[i] = (broken[i] * 7 + 13) % 256
    assert pdfium_read.damaged(bytes(broken))


def test_an_unmapped_page_falls_back_to_pdfplumber_with_a_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A page PDFium cannot map is read by pdfplumber: same accounts, and an informational
    warning (not an incomplete read) says so."""
    from creditdiff.sources import pdfium as source

    real = source.to_page
    monkeypatch.setattr(
        source,
        "to_page",
        lambda page, number, counts=None: None if number == 2 else real(page, number, counts),
    )
    pdf = FIXTURES / "detailed" / "split-across-pages.pdf"
    want = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    got = report_to_dict(parse_pdf(pdf, reader="pdfium"))
    assert got["warnings"][-1].startswith("读取方式：第 2 页 PDFium 无法")
    assert {**got, "warnings": got["warnings"][:-1]} == want


def test_help_imports_no_heavy_library() -> None:
    """``creditdiff --help`` loads no pdfplumber, pdfminer, reportlab, deepdiff or jsonschema."""
    code = (
        "import sys\n"
        "from creditdiff.cli import main\n"
        "sys.argv = ['creditdiff', '--help']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ('pdfplumber', 'pdfminer', 'reportlab', 'deepdiff', 'jsonschema')\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & set(heavy)))\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip().splitlines()[-1] == "[]"
