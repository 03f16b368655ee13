"""The 本人版 variants real files show are really in the fixtures, and each is read exactly."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.parsers.detailed.layout import Line, Row
from creditdiff.parsers.detailed.reader import DetailedParser, _Reader
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources.read import READERS
from fixtures.generate import load_case
from fixtures.generator import detailed

OUT = FIXTURES / "detailed"
KIOSK = "self-service-layout"
GROUPS = "guarantee-groups-closed-history"


@cache
def text(name: str) -> str:
    """The fixture's text as pdfplumber extracts it, pages joined."""
    with pdfplumber.open(OUT / f"{name}.pdf") as pdf:
        return "\n".join(page.extract_text() or "" for page in pdf.pages)


def expected(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((OUT / f"{name}.expected.json").read_text("utf-8"))
    return loaded


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", [KIOSK, GROUPS])
def test_variant_fixtures_parse_exactly_with_either_reader(name: str, reader: str) -> None:
    """Both variant fixtures parse to their expected JSON, with no warning, by either reader."""
    got = report_to_dict(parse_pdf(OUT / f"{name}.pdf", reader=reader))
    assert got["warnings"] == []
    assert got == expected(name)


def test_a_report_printed_masked_id_keeps_its_hidden_digits() -> None:
    """The header's ``110108******181X`` becomes the contract's 18-character mask."""
    assert "110108******181X" in text(GROUPS)
    assert report_to_dict(parse_pdf(OUT / f"{GROUPS}.pdf"))["report"]["id_number"] == (
        "1101**********181X"
    )


def test_top_level_numbering_follows_the_sections_present() -> None:
    """Both fixtures number 查询记录 四 (no 非信贷/公共/声明/异议 sections), never 八."""
    for name in (KIOSK, GROUPS):
        lines = text(name).splitlines()
        assert "四 查询记录" in lines and "八 查询记录" not in lines
        assert "三 信贷交易信息明细" in lines


def test_summary_subsections_renumber_and_notes_close_the_report() -> None:
    """（三）查询记录概要 without 违约, （四） with it; 报告说明 then 编制说明 at the end."""
    assert "（三）查询记录概要" in text(KIOSK) and "违约信息概要" not in text(KIOSK)
    assert "（四）查询记录概要" in text(GROUPS) and "（二）信贷交易违约信息概要" in text(GROUPS)
    for name in (KIOSK, GROUPS):
        lines = text(name).splitlines()
        assert lines.index("报告说明") < lines.index("编制说明")
        assert lines.index("四 查询记录") < lines.index("报告说明")


def test_basic_info_is_small_tables_with_data_source_columns() -> None:
    """个人基本信息 prints three 2-row tables, a 4-column phone table, 编号 数据发生机构名称."""
    kiosk = text(KIOSK)
    for labels in (
        "性别 出生日期 婚姻状况 就业状况",
        "学历 学位 国籍 电子邮箱",
        "通讯地址 户籍地址",
        "编号 手机号码 信息更新日期 数据发生机构名称",
    ):
        assert labels in kiosk
    assert kiosk.count("编号 数据发生机构名称") == 3


def test_latest_repayment_table_sits_between_status_and_grid_and_is_not_a_status() -> None:
    """The 以后的最新还款记录 table follows the status rows; its 余额/五级分类 are not read."""
    kiosk = text(KIOSK)
    block = kiosk[kiosk.index("账户1") : kiosk.index("账户2")]
    status, latest = block.index("账户状态 五级分类 余额"), block.index("以后的最新还款记录")
    assert status < latest < block.index("的还款记录\n月份")
    assert "五级分类 余额 还款日期 还款金额 当前还款状态\n关注 78,200" in block
    assert "机构说明 该账户于2023年06月办理展期" in block  # a remark row closes the block
    first = report_to_dict(parse_pdf(OUT / f"{KIOSK}.pdf"))["accounts"][0]
    assert (first["balance"], first["classification"]) == (80500, "正常")


def test_inactive_one_liner_replaces_the_status_table() -> None:
    """The 未激活 card prints one sentence, no status labels, and parses as inactive."""
    kiosk = text(KIOSK)
    line = "截至2024年06月30日，账户状态为“未激活”。"
    assert line in kiosk
    after = kiosk[kiosk.index(line) :].splitlines()[1]
    assert "账户状态" not in after
    card = next(a for a in expected(KIOSK)["accounts"] if a["status"] == "未激活")
    assert card["state"] == "inactive" and card["used"] is None and card["balance"] is None


def test_merged_small_loan_wraps_its_former_name_and_leaves_cells_empty() -> None:
    """蚂蚁借呗合并… with a （原：…） name over four or more lines and empty 到期日期/还款方式."""
    kiosk = text(KIOSK)
    assert "蚂蚁借呗合并20180831J1010110000 2018.08.31 56,000 人民币元" in kiosk  # no 到期日期
    start = kiosk.index("重庆蚂蚁消费金")
    name_lines = kiosk[start : kiosk.index("公司）", start)].count("\n") + 1
    assert name_lines >= 4
    assert "其他个人消费贷款 信用/免担保 12 月 无" in kiosk  # no 还款方式
    merged = expected(KIOSK)["accounts"][1]
    assert merged["institution"] == "重庆蚂蚁消费金融有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）"
    assert merged["account_id"].startswith("蚂蚁借呗合并") and merged["due"] is None


def test_sub_account_without_agreement_id_and_closed_accounts_without_grid() -> None:
    """The R4 anchor is a bare 账户1; accounts closed years ago print no grid at all."""
    kiosk = text(KIOSK)
    section = kiosk[kiosk.index("（二）循环贷账户一") :]
    assert section.splitlines()[1] == "账户1"
    r4 = next(a for a in expected(KIOSK)["accounts"] if a["family"] == "revolving_sub_account")
    assert r4["agreement_id"] is None
    closed = [a for name in (KIOSK, GROUPS) for a in expected(name)["accounts"] if a["closed_on"]]
    assert len(closed) == 4 and all(a["history"] == [] for a in closed)
    assert "账户关闭日期 账户状态\n2016.03.28 结清" in text(GROUPS)
    settled = text(GROUPS)[text(GROUPS).index("2016.03.28 结清") :]
    assert settled.splitlines()[1].startswith("（")  # the next family, no 还款记录 title


def test_double_dash_summary_cells_are_null_and_count_as_none() -> None:
    """信息概要 prints -- for zero; the summary holds null there and nothing warns."""
    assert "准贷记卡 -- --" in text(KIOSK) and "-- -- -- -- --" in text(GROUPS)
    summary = expected(GROUPS)["summary"]
    assert summary["信贷交易授信及负债信息概要"]["非循环贷账户信息汇总"]["账户数"] is None
    assert expected(GROUPS)["warnings"] == []


def test_guarantees_grouped_with_main_borrower_rows() -> None:
    """相关还款责任 under 个人/企业 groups, 主业务借款人 rows, 还款状态 and 逾期月数 columns."""
    groups = text(GROUPS)
    personal, company = (
        groups.index("有相关还款责任的个人借款"),
        groups.index("有相关还款责任的企业借款"),
    )
    assert personal < company
    assert groups.count("主业务借款人 主业务借款人证件类型 主业务借款人证件号码") == 3
    assert "余额 五级分类 还款状态" in groups[personal:company]
    assert "余额 五级分类 逾期月数" in groups[company:]
    guarantees = [a for a in expected(GROUPS)["accounts"] if a["family"] == "guarantee"]
    assert [a["balance"] for a in guarantees] == [120000, 410000, 1500000]
    assert "110101198001010000" not in json.dumps(expected(GROUPS))  # borrowers are not read


def test_long_query_tables_wrap_onto_continuation_rows() -> None:
    """120 queries; names and reasons continue on rows of their own, and read whole."""
    kiosk = text(KIOSK)
    assert re.search(r"^120 2\d{3}\.\d\d\.\d\d ", kiosk, re.M)
    assert "平安融易（江苏）融资担保有限公 信用卡审批\n司\n" in kiosk
    assert "法人代表、负责人、高管等资信审\n查\n" in kiosk
    queries = expected(KIOSK)["queries"]
    assert len(queries) == 121
    assert "平安融易（江苏）融资担保有限公司" in {q["institution"] for q in queries}
    assert "法人代表、负责人、高管等资信审查" in {q["reason"] for q in queries}
    # The label row repeats on each new page of the other fixture's table.
    assert text(GROUPS).count("编号 查询日期 查询机构 查询原因") >= 4


# -- nothing lost: what the reader cannot place is a warning -------------------------


def _read(*items: Line | Row) -> _Reader:
    reader = _Reader()
    reader.read(items)
    return reader


def ln(text: str) -> Line:
    return Line(text, 1, 0.0)


def row(*cells: str) -> Row:
    return Row(cells, 1, 0.0)


DETAIL = (ln("三 信贷交易信息明细"), ln("（一）非循环贷账户"), ln("账户1"))
BASIC = (row("管理机构", "账户标识"), row("示例银行", "A1"), ln("截至2024年05月31日"))


def test_a_row_no_block_table_explains_is_a_warning() -> None:
    """A table row that is neither labels nor their values warns instead of vanishing."""
    reader = _read(*DETAIL, *BASIC, row("账户状态", "余额"), row("正常", "10"), row("甲", "乙"))
    assert reader.warnings == ["非循环贷账户 账户1：有一行表格无法识别，未读取"]
    assert reader.accounts[0].balance == 10


def test_a_row_outside_any_account_is_a_warning() -> None:
    """A table row under a family heading but before 账户1 is reported, not dropped."""
    reader = _read(ln("三 信贷交易信息明细"), ln("（一）非循环贷账户"), row("示例", "1"))
    assert reader.warnings == ["信贷交易信息明细：有一行表格不在任何账户内，未读取"]


def test_latest_repayment_rows_never_replace_the_status() -> None:
    """余额/五级分类 after ``…以后的最新还款记录`` are read past; odd rows there warn."""
    latest = row("五级分类", "余额", "还款日期", "还款金额", "当前还款状态")
    reader = _read(
        *DETAIL,
        *BASIC,
        row("账户状态", "五级分类", "余额"),
        row("正常", "正常", "100"),
        ln("2024年06月01日以后的最新还款记录"),
        latest,
        row("次级", "90", "2024.06.01", "10", "N"),
    )
    account = reader.accounts[0]
    assert (account.balance, account.classification, reader.warnings) == (100, "正常", [])
    odd = _read(*DETAIL, *BASIC, ln("2024年06月01日以后的最新还款记录"), latest, row("次级", "90"))
    assert odd.warnings == ["非循环贷账户 账户1：最新还款记录的数值行对不上，该行未读取"]
    unlabelled = _read(*DETAIL, *BASIC, ln("2024年06月01日以后的最新还款记录"), row("次级", "90"))
    assert unlabelled.warnings[0] == "非循环贷账户 账户1：最新还款记录的标题行无法识别"


def test_status_one_liner_gives_the_status() -> None:
    """``截至…，账户状态为“未激活”。`` sets the status and the 截至 date."""
    reader = _read(
        ln("三 信贷交易信息明细"),
        ln("（一）贷记卡账户"),
        ln("账户1"),
        row("发卡机构", "账户授信额度"),
        row("示例银行", "5,000"),
        ln("截至2022年12月31日，账户状态为“未激活”。"),
    )
    card = reader.accounts[0]
    assert (card.status, str(card.as_of), reader.warnings) == ("未激活", "2022-12-31", [])


QUERY_HEAD = (
    ln("四 查询记录"),
    ln("机构查询记录明细"),
    row("编号", "查询日期", "查询机构", "查询原因"),
)


def test_query_continuation_rows_join_the_query_above() -> None:
    """A row with no 编号/查询日期 extends the query above; with none above it warns."""
    reader = _read(
        *QUERY_HEAD,
        row("1", "2024.05.01", "平安融易（江苏）融资担保有限公", "法人代表、负责人、高管等资信审"),
        row("", "", "司", "查"),
    )
    query = reader.queries[0]
    assert (query.institution, query.reason) == (
        "平安融易（江苏）融资担保有限公司",
        "法人代表、负责人、高管等资信审查",
    )
    orphan = _read(*QUERY_HEAD, row("", "", "司", ""))
    assert orphan.warnings == ["查询记录：有一行续行前面没有读出的查询记录，未读取"]
    broken = _read(*QUERY_HEAD, row("1", "--", "示例银行", "贷后管理"), row("", "", "司", ""))
    assert len(broken.warnings) == 2 and broken.queries == []
    short = _read(*QUERY_HEAD, row("1", "2024.05.01", "示例银行"))
    assert short.warnings == ["查询记录：有一行表格与标题行对不上，该行未读取"]


def test_section_words_not_numbers_decide_the_section() -> None:
    """``（三）查询记录概要`` stays in 信息概要; ``四 查询记录`` opens the query section."""
    reader = _read(ln("二 信息概要"), ln("（三）查询记录概要"), *QUERY_HEAD[1:])
    assert reader.section == "信息概要" and reader.queries == []
    assert DetailedParser().detect("个人信用报告\n（本人版）")


def test_check_on_a_variant_report_read_incompletely_exits_1(tmp_path: Path) -> None:
    """A kiosk-layout 本人版 whose counts disagree with its 信息概要 is incomplete_read in check."""
    case = load_case(FIXTURES / "cases" / "detailed" / f"{KIOSK}.yaml")
    case["summary_override"] = {"贷记卡账户信息汇总": {"账户数": 3}}
    pdf = tmp_path / "kiosk.pdf"
    want = detailed.build(case, pdf)
    assert want["warnings"]  # the generator says what the parser owes
    result = CliRunner().invoke(app, ["check", str(pdf), "--format", "json"])
    assert result.exit_code == 1, result.output
    read = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "incomplete_read"]
    assert len(read) == 1 and read[0]["severity"] == "high"
    assert read[0]["evidence"]["warnings"] == want["warnings"]


def test_labels_glued_by_a_lost_space_are_split_by_the_vocabulary() -> None:
    """``管理机构 账户标识开立日期`` (a space lost in extraction) still pairs three values."""
    reader = _read(
        *DETAIL[:3],
        row("管理机构 账户标识开立日期", "到期日期 借款金额"),
        row("示例银行 A1 2020.01.01", "2025.01.01 5,000"),
    )
    loan = reader.accounts[0]
    assert (loan.institution, loan.account_id, str(loan.opened), loan.amount) == (
        "示例银行",
        "A1",
        "2020-01-01",
        5000,
    )
    assert reader.warnings == []
