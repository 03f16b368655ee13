"""简版 card and guarantee sentences as real files print them are read exactly."""

from __future__ import annotations

import json

import pdfplumber
from conftest import FIXTURES

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict

CARDS = FIXTURES / "simple" / "real-card-variants.pdf"


def _text() -> str:
    """The sentences' text, the list numbers (separate runs left of x=45) left out."""
    with pdfplumber.open(CARDS) as pdf:
        pages = [
            page.filter(lambda obj: obj["object_type"] != "char" or obj["x0"] > 45)
            for page in pdf.pages
        ]
        return "".join("".join(page.extract_text().split()) for page in pages)


def test_card_fixture_really_prints_the_real_sentence_variants() -> None:
    """No-tail card, one tail twice, the …到期 form, 日元/新加坡元, a guarantee with no 合同编号."""
    text = _text()
    assert "发放的贷记卡（人民币账户）。截至" in text
    assert "（人民币账户，卡片尾号：6049）" in text and "（美元账户，卡片尾号：6049）" in text
    assert "（人民币账户，卡片尾号：2344），2026年07月到期，信用额度" in text
    assert "日元账户" in text and "新加坡元账户" in text
    assert "相关还款责任金额--。截至" in text and "保证合同编号" not in text


def test_card_fixture_parses_to_its_case() -> None:
    """Every variant parses exactly; the two 6049 sentences stay two accounts."""
    got = report_to_dict(parse_pdf(CARDS))
    expected = json.loads(CARDS.with_suffix(".expected.json").read_text("utf-8"))
    assert got == expected
    same_tail = [a for a in got["accounts"] if a["account_id"] == "6049"]
    assert [a["currency"] for a in same_tail] == ["人民币", "美元"]
    guarantee = got["accounts"][-1]
    assert (guarantee["family"], guarantee["account_id"], guarantee["amount"]) == (
        "guarantee",
        None,
        None,
    )
