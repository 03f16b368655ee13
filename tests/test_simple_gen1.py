"""The 一代 简版 (the 2018 web report printed to PDF) is drawn as real files show it and read
exactly."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES

from creditdiff.parsers.simple.sentences import read_sentence
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources.read import READERS
from fixtures.generate import load_case
from fixtures.generator import simple, simple_gen1
from fixtures.generator.simple_text import Unsupported

GEN1 = FIXTURES / "simple" / "first-generation-2018.pdf"
CASE = FIXTURES / "cases" / "simple" / "first-generation-2018.yaml"
WRITTEN_OFF = FIXTURES / "simple" / "first-generation-written-off.pdf"


def _lines(pdf: Path) -> list[str]:
    with pdfplumber.open(pdf) as document:
        return [line for page in document.pages for line in page.extract_text().splitlines()]


def _text(pdf: Path) -> str:
    return "".join("".join(_lines(pdf)).split())


def test_fixture_really_prints_the_first_generation_header_and_dates() -> None:
    """查询时间 before 报告时间, the masked ID, unpadded dates, an ASCII comma after 截至."""
    lines = _lines(GEN1)
    assert lines[1].startswith("报告编号：") and "查询时间：" in lines[1]
    assert lines[1].index("查询时间") < lines[1].index("报告时间")
    assert "证件号码：**************2121" in lines[2]
    text = _text(GEN1)
    assert "2009年5月8日示例银行" in text and "截至2018年4月,信用额度10,000，" in text
    assert "截至2018年4月,余额250,000。" in text
    assert "年05月" not in text and "非信贷交易记录" not in text


def test_fixture_really_numbers_cards_as_one_list_and_splits_loan_sections() -> None:
    """Card numbers run on across the sub-headings; 购房贷款 and 其他贷款 are sections."""
    lines = _lines(GEN1)
    heading = lines.index("从未逾期过的贷记卡及透支未超过60天的准贷记卡账户明细如下：")
    assert lines[heading - 2].startswith("1.") and lines[heading + 1].startswith("2.")
    assert "购房贷款" in lines and "其他贷款" in lines and "为他人担保信息" in lines
    assert lines[lines.index("其他贷款") + 1] == "发生过逾期的账户明细如下："
    assert "从未逾期过的账户明细如下：" in lines
    text = _text(GEN1)
    assert "（人民币账户），截至2010年7月已销户。" in text
    # The passed-on loan: no full stop after 已转出, the sub-heading follows at once.
    assert "2016年8月已转出从未逾期过的账户明细如下：" in text
    assert "办理的贷款提供担保，担保贷款合同金额120,000，担保金额100,000。" in text


def test_fixture_really_prints_the_three_column_summary_with_zeros() -> None:
    """The 信息概要 is 信用卡 | 购房贷款 | 其他贷款, ends in 为他人担保笔数, prints 0, never --."""
    lines = _lines(GEN1)
    top = lines.index("信用卡 购房贷款 其他贷款")
    rows = lines[top + 1 : top + 6]
    assert rows[0] == "账户数 5 1 2"
    assert rows[-1] == "为他人担保笔数 0 0 1"
    assert all(" 0" in row and "--" not in row for row in rows[2:])


def test_fixture_really_prints_operators_in_the_query_tables() -> None:
    """Both query tables are titled 查询操作员; counter self queries show the PBOC branch."""
    lines = _lines(GEN1)
    assert lines.count("编号 查询日期 查询操作员 查询原因") == 2
    assert "1 2018年4月2日 示例银行/*MBUS*R003 贷后管理" in lines
    assert "1 2018年3月8日 中国人民银行营业管理部/*YY*0017 本人查询（临柜）" in lines
    assert any(line.startswith("3 2016年10月10日 本人 本人查询") for line in lines)
    assert "这部分包含您的信用报告最近2年被查询的记录。" in lines


def test_second_fixture_really_prints_written_off_forms_without_a_footer() -> None:
    """呆账 card and loan wordings, no page footer, an entry across pages, ruled query rows."""
    with pdfplumber.open(WRITTEN_OFF) as pdf:
        pages = [page.extract_text().splitlines() for page in pdf.pages]
        rulings = [len(page.lines) for page in pdf.pages]
    assert len(pages) == 2 and not any("页" in line for page in pages for line in page[-2:])
    assert not pages[0][-1].endswith("。") and pages[1][0].startswith("份有限公司示例市分行")
    text = _text(WRITTEN_OFF)
    assert "截至2017年10月,信用额度5,000，已变成呆账，余额4,800。" in text
    assert "个人消费贷款，已变成呆账，最近一次还款日期为2013年3月25日，余额为72,144元。" in text
    assert "担保贷款合同金额--，担保金额--。" in text
    # The query tables are ruled; an operator cell wraps onto a second line.
    assert rulings[0] == 0 and rulings[1] > 20
    assert "示例银行股份有限公司信用卡中心/*XY" in pages[1]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("pdf", [GEN1, WRITTEN_OFF], ids=lambda p: p.stem)
def test_fixture_parses_to_its_case_with_either_reader(pdf: Path, reader: str) -> None:
    """Each 一代 fixture parses to its expected JSON exactly, as a 简版, with no warning."""
    got = report_to_dict(parse_pdf(pdf, reader=reader))
    assert got == json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    assert got["format"] == "pboc-simple" and got["warnings"] == []


def test_written_off_accounts_are_read_as_written_off() -> None:
    """A 呆账 card keeps limit, month and 余额; a 呆账 loan has no 截至 month or due date."""
    got = report_to_dict(parse_pdf(WRITTEN_OFF))
    card, loan = (a for a in got["accounts"] if a["status"] == "呆账")
    assert (card["state"], card["amount"], card["as_of"], card["balance"]) == (
        "written_off",
        5000,
        "2017-10",
        4800,
    )
    assert (loan["state"], loan["amount"], loan["as_of"], loan["due"], loan["balance"]) == (
        "written_off",
        80000,
        None,
        None,
        72144,
    )
    queries = {q["institution"]: q["kind"] for q in got["queries"]}
    assert queries["样例商业银行股份有限公司示例市分行营业部个人金融部"] == "institution"
    assert queries["中国人民银行示例市中心支行"] == "self"


def test_first_generation_values_are_read_as_printed() -> None:
    """Header time, the guarantee row, the 转出 loan and query institutions come out right."""
    got = report_to_dict(parse_pdf(GEN1))
    assert got["report"]["generated_at"] == "2018-05-09T10:49:39"
    assert got["report"]["id_number"] == "*" * 14 + "2121"
    assert got["summary"]["信息概要"]["为他人担保笔数"] == {
        "信用卡": 0,
        "购房贷款": 0,
        "其他贷款": 1,
    }
    passed_on = next(a for a in got["accounts"] if a["status"] == "转出")
    assert (passed_on["state"], passed_on["as_of"], passed_on["balance"]) == (
        "transferred",
        "2016-09",
        481693,
    )
    guarantee = next(a for a in got["accounts"] if a["family"] == "guarantee")
    assert (guarantee["amount"], guarantee["balance"], guarantee["as_of"]) == (
        100000,
        50000,
        "2018-04",
    )
    own = [q["institution"] for q in got["queries"] if q["kind"] == "self"]
    assert own == ["中国人民银行营业管理部", "中国人民银行示例市中心支行", "本人"]
    # The operator codes name bank clerks, not lenders: they are not kept.
    assert "*MBUS*R003" not in json.dumps(got, ensure_ascii=False)


def _case() -> dict[str, Any]:
    return copy.deepcopy(load_case(CASE))


def test_first_generation_summary_mismatch_names_the_guarantee_row(tmp_path: Path) -> None:
    """A 为他人担保笔数 that disagrees with the guarantee sentences warns under that name."""
    case = _case()
    case["summary_override"] = {"为他人担保笔数": {"其他贷款": 2}}
    expected = simple.build(case, tmp_path / "report.pdf")
    got = report_to_dict(parse_pdf(tmp_path / "report.pdf"))
    assert got["warnings"] == ["信息概要“为他人担保笔数”：从明细读出 1 个，概要载明 2 个"]
    assert got == expected


def test_unreadable_first_generation_entry_names_its_own_section(tmp_path: Path) -> None:
    """An entry no template fits is reported under 购房贷款 with its number, not lost."""
    case = _case()
    house = next(a for a in case["accounts"] if a.get("business_type") == "个人住房贷款")
    house["raw_sentence"] = "2013年5月10日示例银行发放的住房贷款，情况不明。"
    expected = simple.build(case, tmp_path / "report.pdf")
    got = report_to_dict(parse_pdf(tmp_path / "report.pdf"))
    assert got["warnings"][0] == "购房贷款第 1 条：句子未能识别，该账户未读取"
    assert got == expected


@pytest.mark.parametrize(
    "change",
    [
        {"layout": {"generation": 1, "summary": "real"}},
        {
            "accounts": [
                {"family": "revolving_loan", "institution": "示例银行", "opened": "2017-01-01"}
            ]
        },
    ],
    ids=["real-summary", "revolving-line"],
)
def test_generator_refuses_second_generation_forms_in_a_first_generation_case(
    tmp_path: Path, change: dict[str, Any]
) -> None:
    """A 一代 case asking for a 二代-only form is refused, never drawn in a made-up wording."""
    case = {**_case(), **change}
    with pytest.raises(Unsupported):
        simple.build(case, tmp_path / "report.pdf")


def test_generation_knob_accepts_only_one_or_two() -> None:
    """An unknown generation is a case error, not silently the 二代 report."""
    assert simple_gen1.is_gen1({"layout": {"generation": 1}})
    assert not simple_gen1.is_gen1({})
    with pytest.raises(ValueError, match="generation"):
        simple_gen1.is_gen1({"layout": {"generation": 3}})


def test_written_off_loan_sentence_reads_with_padded_dates_too() -> None:
    """The 呆账 loan wording reads whatever the date padding, with no 截至 month invented."""
    loan = read_sentence(
        "2013年01月25日示例公司发放的80,000元（人民币）其他个人消费贷款，已变成呆账，"
        "最近一次还款日期为2013年03月25日，余额为72,144元。"
    )
    assert (loan.status, loan.state.value, loan.amount, loan.balance, loan.as_of) == (
        "呆账",
        "written_off",
        80000,
        72144,
        None,
    )
