"""A 简版 combining several real variants (per-heading numbers, guarantee wordings, a
dual-currency card, borderless centred reasons) is drawn as real files show it and read
exactly."""

from __future__ import annotations

import json

import pdfplumber
import pytest
from conftest import FIXTURES

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources.read import READERS
from fixtures.generator import simple

MIXED = FIXTURES / "simple" / "real-guarantees-and-numbering.pdf"
#: Entry numbers are drawn as their own runs left of the sentences (x < 45).
_NUMBER_X = 45


def _pages() -> list[list[str]]:
    with pdfplumber.open(MIXED) as pdf:
        return [page.extract_text().splitlines() for page in pdf.pages]


def _sentences() -> str:
    """The sentences' text without spaces, the separate list-number runs left out."""
    with pdfplumber.open(MIXED) as pdf:
        pages = [
            page.filter(lambda obj: obj["object_type"] != "char" or obj["x0"] > _NUMBER_X)
            for page in pdf.pages
        ]
        return "".join("".join(page.extract_text().split()) for page in pages)


def test_fixture_really_numbers_entries_from_one_under_each_sub_heading() -> None:
    """Each sub-heading's first entry is numbered 1., so 1. appears once per sub-heading."""
    with pdfplumber.open(MIXED) as pdf:
        words = [w for page in pdf.pages for w in page.extract_words()]
    numbers = [w["text"] for w in words if w["x0"] < _NUMBER_X and w["text"].endswith(".")]
    # Cards: 1. | 1. 2. 3.; loans: 1. | 1.; guarantees: 1. 2. (说明 notes sit at x=50).
    assert numbers == ["1.", "1.", "2.", "3.", "1.", "1.", "1.", "2."]


def test_fixture_really_prints_the_real_guarantee_wordings() -> None:
    """共同借款人, a 中征码 borrower, -- with no 合同编号, and a 融资租赁余额 are all printed."""
    text = _sentences()
    assert "（证件类型：中征码，证件号码：" in text
    assert "责任人类型为共同借款人，相关还款责任金额--。截至" in text
    assert "融资租赁余额275,000（人民币元）" in text
    assert text.count("保证合同编号") == 1


def test_fixture_really_prints_a_dual_currency_card_and_spaced_dates() -> None:
    """One tail on two sentences (人民币 and 美元), a 日元 card, ``2019 年10 月`` spacing."""
    text = "".join(line for page in _pages() for line in page)
    squashed = "".join(text.split())
    assert (
        "（人民币账户，卡片尾号：5926）" in squashed and "（美元账户，卡片尾号：5926）" in squashed
    )
    assert "（日元账户，卡片尾号：5358）" in squashed
    assert "2019 年10 月10 日" in text


def test_fixture_really_has_the_footer_inside_the_guarantee_list() -> None:
    """Page 1 ends inside guarantee 2, under the half-width ``第 1 页,共 2 页`` footer."""
    first, second = _pages()
    assert first[-1] == "第 1 页,共 2 页"
    assert not first[-2].endswith("。") and second[0].startswith("理的融资租赁业务")


def test_fixture_really_centres_reasons_in_a_borderless_query_table() -> None:
    """No rulings around the query rows, and the reasons start right of their column."""
    with pdfplumber.open(MIXED) as pdf:
        page = pdf.pages[-1]
        words = page.extract_words()
        assert not page.lines and "本人查询记录明细" in page.extract_text()
    reasons = [w for w in words if w["text"] in ("贷后管理", "担保资格审查")]
    assert len(reasons) == 2
    assert all(w["x0"] > simple.QUERY_COLUMNS[3][0] + 10 for w in reasons)


@pytest.mark.parametrize("reader", READERS)
def test_fixture_parses_to_its_case_with_either_reader(reader: str) -> None:
    """Every variant parses exactly with either reader; nothing is left unread."""
    got = report_to_dict(parse_pdf(MIXED, reader=reader))
    assert got == json.loads(MIXED.with_suffix(".expected.json").read_text("utf-8"))
    assert got["warnings"] == []


def test_guarantee_and_card_variants_keep_their_identity() -> None:
    """The 共同借款人 guarantee has no id or amount; the two 5926 cards stay two accounts."""
    got = report_to_dict(parse_pdf(MIXED))
    guarantees = [a for a in got["accounts"] if a["family"] == "guarantee"]
    assert [(g["account_id"], g["amount"]) for g in guarantees] == [
        (None, None),
        ("ZL-2025-07", 300000),
    ]
    same_tail = [a["currency"] for a in got["accounts"] if a["account_id"] == "5926"]
    assert same_tail == ["人民币", "美元"]
    assert got["summary"]["信息概要"]["相关还款责任账户数"] == {"为个人": 1, "为企业": 1}
