"""The 简版 page-1 信息概要 as real files lay it out is found and read exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pdfplumber
import pytest
from conftest import FIXTURES

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from fixtures.generate import load_case
from fixtures.generator import simple, simple_summary

REAL = FIXTURES / "simple" / "real-page-one-summary.pdf"


def test_real_summary_fixture_really_has_the_real_layout() -> None:
    """The fixture's page 1 glues 信用卡贷款, shares lines with the explanation, splits tables."""
    with pdfplumber.open(REAL) as pdf:
        text = pdf.pages[0].extract_text()
    lines = text.splitlines()
    assert "信用卡贷款" in lines
    assert any(line.startswith("其他业务 逾期记录") for line in lines)
    row_with_note = [line for line in lines if line.startswith("账户数 ") and "括个人" in line]
    assert row_with_note, "no row shares its line with the explanation column"
    assert "为个人 为企业" in lines and "资产处置信息 垫款信息" in lines
    assert any(line.endswith("-- --") or " -- " in line for line in lines if "账户数" in line)


def test_real_summary_fixture_parses_to_its_case() -> None:
    """Every count of the real-layout summary is read, so no summary warning is given."""
    got = report_to_dict(parse_pdf(REAL))
    expected = json.loads(REAL.with_suffix(".expected.json").read_text("utf-8"))
    assert got == expected
    assert got["warnings"] == []
    assert got["summary"]["信息概要"]["相关还款责任账户数"] == {"为个人": 1, "为企业": 1}
    assert got["summary"][simple_summary.DISPOSAL_TABLE]["账户数"]["资产处置信息"] == 1


def test_real_summary_counts_are_checked_against_the_sentences(tmp_path: Path) -> None:
    """A real-layout summary that disagrees with the sentences gives the mismatch warning."""
    case = load_case(FIXTURES / "cases" / "simple" / "real-page-one-summary.yaml")
    case["summary_override"] = {"账户数": {"信用卡": 4}}
    expected = simple.build(case, tmp_path / "report.pdf")
    got = report_to_dict(parse_pdf(tmp_path / "report.pdf"))
    assert got["warnings"] == ["信息概要“信用卡 账户数”：从明细读出 3 个，概要载明 4 个"]
    assert got == expected


def test_real_fixture_draws_list_numbers_as_runs_that_sort_after_their_sentence() -> None:
    """Each entry number is its own word left of the text, on a line below its sentence's."""
    with pdfplumber.open(REAL) as pdf:
        words = pdf.pages[0].extract_words()
        text = pdf.pages[0].extract_text()
    numbers = [w for w in words if w["text"] in ("1.", "2.", "3.") and w["x0"] < 40]
    assert len(numbers) >= 4
    starts = [w for w in words if w["x0"] > 45 and w["x0"] < 55 and w["text"].startswith("20")]
    for number in numbers:
        assert any(2 < number["top"] - s["top"] < 6 for s in starts), number
    assert "2024 年11 月15 日" in text


def test_separate_list_numbers_are_put_back_in_front_of_their_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without re-attaching the separate number runs the fixture's entries are misread."""
    from creditdiff.parsers.simple import reader

    got = report_to_dict(parse_pdf(REAL))
    assert all("编号条目以外" not in w for w in got["warnings"])
    monkeypatch.setattr(reader, "attach_list_numbers", list)
    broken = report_to_dict(parse_pdf(REAL))
    assert broken["warnings"] != got["warnings"]


def test_real_fixture_has_a_half_width_footer_inside_a_loan_sentence() -> None:
    """Page 1 ends inside a loan sentence, then ``第 1 页,共 2 页`` (half-width comma)."""
    with pdfplumber.open(REAL) as pdf:
        lines = pdf.pages[0].extract_text().splitlines()
        second = pdf.pages[1].extract_text().splitlines()
    assert lines[-1] == "第 1 页,共 2 页"
    assert not lines[-3].endswith("。") and second[0].startswith("到期。")
