"""本人版 parsing: every fixture equals its expected JSON, plus invariants a snapshot misses."""

from __future__ import annotations

import copy
import datetime as dt
import json
import tempfile
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.model import Account, Family, ReportFormat
from creditdiff.parsers.detailed.blocks import Block, SummaryTable
from creditdiff.parsers.detailed.check import cross_check
from creditdiff.parsers.detailed.labels import FAMILY_SECTIONS, NOT_OPEN, SUMMARY_TITLES, norm
from creditdiff.parsers.detailed.layout import Line, Row, is_content_char
from creditdiff.parsers.detailed.reader import _Reader
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict, validate
from creditdiff.sources import plumber
from fixtures.generate import load_case
from fixtures.generator import detailed

CASES = FIXTURES / "cases" / "detailed"
OUT = FIXTURES / "detailed"
NAMES = sorted(path.stem for path in CASES.glob("*.yaml"))


def expected(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((OUT / f"{name}.expected.json").read_text("utf-8"))
    return loaded


def parsed(name: str) -> dict[str, Any]:
    return report_to_dict(parse_pdf(OUT / f"{name}.pdf"))


def test_there_are_enough_named_cases() -> None:
    """At least 8 本人版 cases exist, each with a committed PDF and expected JSON."""
    assert len(NAMES) >= 8
    for name in NAMES:
        assert (OUT / f"{name}.pdf").is_file(), name
        assert (OUT / f"{name}.expected.json").is_file(), name


@pytest.mark.parametrize("name", NAMES)
def test_fixture_parses_to_its_expected_json(name: str) -> None:
    """The parse of each fixture equals its expected JSON exactly and fits the schema."""
    result = parsed(name)
    validate(result, "report")
    assert result == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_expected_json_is_what_the_generator_writes(name: str, tmp_path: Path) -> None:
    """Regenerating a fixture from its case gives the committed expected JSON (no hand edits)."""
    case = load_case(CASES / f"{name}.yaml")
    assert detailed.build(case, tmp_path / f"{name}.pdf") == expected(name)


@pytest.mark.parametrize("name", NAMES)
def test_open_counts_equal_the_reports_own_summary(name: str) -> None:
    """Per family, open parsed accounts match 信息概要, and all accounts match 合计."""
    case = load_case(CASES / f"{name}.yaml")
    if case.get("summary_override"):
        pytest.skip("this case's summary is wrong on purpose")
    result = parsed(name)
    if case.get("warns"):
        # The case reproduces a warning of its own (not a count mismatch): counts still hold.
        result = {**result, "warnings": []}
    families = result["summary"].get("信贷交易授信及负债信息概要", {})
    for family, title in SUMMARY_TITLES.items():
        open_accounts = [
            a
            for a in result["accounts"]
            if a["family"] == family.value and a["status"] not in NOT_OPEN
        ]
        printed = families.get(title, {}).get("账户数") or 0  # ``--`` (null) means none
        assert printed == len(open_accounts), title
    own = [a for a in result["accounts"] if a["family"] != Family.GUARANTEE.value]
    assert result["summary"]["信贷交易信息提示"]["合计"]["账户数"] == len(own)
    assert result["warnings"] == []


def test_summary_mismatch_warns_with_family_and_counts() -> None:
    """A report whose 信息概要 disagrees with its accounts warns, naming family and counts."""
    result = parsed("summary-mismatch")
    assert result["warnings"] == [
        "贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个",
        "信贷交易信息提示：合计载明账户 4 个，读出 3 个",
    ]
    assert len(result["accounts"]) == 3  # nothing is dropped to make the counts fit


def test_warnings_carry_no_personal_data() -> None:
    """Warnings name families and counts, never the subject's name or ID digits."""
    case = load_case(CASES / "summary-mismatch.yaml")
    for warning in parsed("summary-mismatch")["warnings"]:
        assert case["person"]["name"] not in warning
        assert case["person"]["id_number"][-4:] not in warning


def test_every_family_and_both_query_kinds_are_covered() -> None:
    """Across the fixtures every account family, agreements and both query tables occur."""
    families, kinds, agreements = set(), set(), 0
    for name in NAMES:
        data = expected(name)
        families |= {a["family"] for a in data["accounts"]}
        kinds |= {q["kind"] for q in data["queries"]}
        agreements += len(data["credit_agreements"])
    assert families == {family.value for family in Family}
    assert kinds == {"institution", "self"}
    assert agreements > 0


def test_header_is_read_and_the_id_is_masked() -> None:
    """报告编号, 报告时间, name, ID type and a masked ID come from the header."""
    report = parse_pdf(OUT / "all-families.pdf")
    assert report.format is ReportFormat.DETAILED
    assert report.number == "2024053110121345678901"
    assert report.generated_at is not None
    assert report.generated_at.isoformat() == "2024-05-31T10:12:13"
    assert (report.subject_name, report.id_type) == ("测试甲", "身份证")
    assert report.id_number == "1101**********1234"


def test_settled_short_form_prints_no_balance() -> None:
    """Short-form accounts (账户状态 | 账户关闭日期) have closed_on and a null balance."""
    settled = [a for a in parsed("settled-short-form")["accounts"] if a["closed_on"]]
    assert {a["status"] for a in settled} == {"结清", "销户", "结束"}
    assert all(a["balance"] is None and a["used"] is None for a in settled)


def test_long_term_due_and_dashes_become_null() -> None:
    """``长期`` due dates and ``--`` cells come out as null, never as text."""
    accounts = parsed("cards-closed-and-inactive")["accounts"]
    inactive = next(a for a in accounts if a["status"] == "未激活")
    assert (inactive["state"], inactive["used"], inactive["balance"]) == ("inactive", None, None)
    assert any(a["account_id"] is None for a in accounts)
    revolving = [
        a for a in parsed("revolving-variants")["accounts"] if a["family"] == "revolving_loan"
    ]
    assert revolving and revolving[0]["due"] is None


# -- the layout quirks really are in the fixtures ---------------------------------------


def page_texts(name: str) -> list[str]:
    with pdfplumber.open(OUT / f"{name}.pdf") as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def test_fonts_cid_in_some_embedded_truetype_in_others() -> None:
    """Some fixtures use the non-embedded STSong-Light, others embed a TrueType font."""
    cid = (OUT / "all-families.pdf").read_bytes()
    assert b"STSong-Light" in cid and b"/FontFile" not in cid
    ttf = (OUT / "embedded-font-watermark.pdf").read_bytes()
    assert b"/FontFile2" in ttf and b"STSong-Light" not in ttf


@pytest.mark.parametrize("name", ["embedded-font-watermark", "revolving-variants"])
def test_watermark_is_drawn_over_the_text(name: str) -> None:
    """Rotated watermark glyphs exist on every page and come after the page's content."""
    with pdfplumber.open(OUT / f"{name}.pdf") as pdf:
        for page in pdf.pages:
            rotated = [i for i, c in enumerate(page.chars) if abs(c["matrix"][1]) > 0.1]
            assert rotated, page.page_number
            assert max(rotated) == len(page.chars) - 1  # drawn last, i.e. on top


def test_running_header_and_footer_on_every_page() -> None:
    """split-across-pages repeats its header and prints 第 N 页，共 M 页 on each page."""
    texts = page_texts("split-across-pages")
    assert len(texts) > 2
    for n, text in enumerate(texts, start=1):
        assert text.splitlines()[0] == "个人信用报告（本人版）" or n == 1
        assert f"第 {n} 页，共 {len(texts)} 页" in text


def test_an_account_block_is_split_by_a_page_break() -> None:
    """Some page starts inside an account block: its first text is 截至…, not 账户N."""
    texts = page_texts("split-across-pages")
    continuing = [t for t in texts[1:] if t.splitlines()[1].startswith("截至")]
    assert continuing


def test_institution_names_wrap_inside_their_cell() -> None:
    """In the account table the long name is cut over lines of its cell, yet parses whole."""
    name = "示例省农村信用社联合社示例县农村信用合作联社营业部"
    lines = [
        line.replace(" ", "")
        for text in page_texts("wrapped-institution-names")
        for line in text.split("\n")
    ]
    # The name's start is on a line without its end (the wide query table fits it whole).
    assert any(name[:6] in line and name not in line for line in lines)
    institutions = [a["institution"] for a in parsed("wrapped-institution-names")["accounts"]]
    assert name in institutions


def test_dash_variants_and_spaced_labels_are_printed() -> None:
    """overdue-accounts prints 逾期31—60天未还本金 with — － - and 至, with spaces."""
    text = "".join(page_texts("overdue-accounts"))
    for dash in "—－-至":
        assert f"逾期 31{dash}60 天未还本金" in text


def test_split_label_cells_and_paren_headings_are_printed() -> None:
    """revolving-variants has 循环贷账户（一） and three labels in one cell."""
    text = "".join(page_texts("revolving-variants"))
    assert "循环贷账户（一）" in text and "循环贷账户（二）" in text
    assert "管理机构 账户标识 开立日期" in text


def test_empty_cells_print_double_dash() -> None:
    """``--`` fills empty cells in the fixtures (e.g. the not-activated card)."""
    assert "--" in "".join(page_texts("cards-closed-and-inactive"))


# -- the parser is not shaped to the committed fixtures ------------------------------

LAYOUTS = [
    {"font": "ttf", "watermark": "仅供本人使用", "header": "个人信用报告（本人版）"},
    {"font": "cid", "dash": "至", "spaced_labels": True, "shared_limit": False, "footer": False},
    {"font": "cid", "family_heading": "paren", "split_cells": True, "header_table": True},
    {"font": "ttf", "page_break_in_account": [0, 3, 5], "dash": "－", "frame": True},
]


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: "+".join(layout))
def test_all_families_parse_under_other_layouts(layout: dict[str, Any], tmp_path: Path) -> None:
    """The all-families case drawn with other quirk combinations still parses exactly."""
    case = copy.deepcopy(load_case(CASES / "all-families.yaml"))
    case["layout"] = layout
    pdf = tmp_path / "variant.pdf"
    want = detailed.build(case, pdf)
    assert report_to_dict(parse_pdf(pdf)) == want


# -- the command line ------------------------------------------------------------------


@pytest.mark.parametrize("name", NAMES)
def test_cli_parse_json_prints_the_expected_document(name: str) -> None:
    """``creditdiff parse FIXTURE --json`` prints JSON equal to the expected file."""
    result = CliRunner().invoke(app, ["parse", str(OUT / f"{name}.pdf"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == expected(name)


def test_cli_parse_writes_json_to_a_file(tmp_path: Path) -> None:
    """``-o FILE`` writes the same JSON to the file."""
    target = tmp_path / "out.json"
    pdf = str(OUT / "overdue-accounts.pdf")
    result = CliRunner().invoke(app, ["parse", pdf, "--json", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert json.loads(target.read_text("utf-8")) == expected("overdue-accounts")


def test_cli_parse_table_lists_accounts_and_warnings() -> None:
    """The default table shows each account's status; warnings follow it."""
    result = CliRunner().invoke(app, ["--lang", "zh", "parse", str(OUT / "summary-mismatch.pdf")])
    assert result.exit_code == 0, result.output
    assert "贷记卡" in result.stdout and "13,000" in result.stdout
    assert "贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个" in result.stdout


# -- reading pieces ------------------------------------------------------------------


def test_unreadable_value_becomes_a_warning_not_a_dropped_account(tmp_path: Path) -> None:
    """A garbled 开立日期 gives a warning naming family, account and label; the rest stays."""
    case = copy.deepcopy(load_case(CASES / "all-families.yaml"))
    loan = next(a for a in case["accounts"] if a["family"] == "non_revolving_loan")
    loan["opened"] = "2022-13-45"
    pdf = tmp_path / "garbled.pdf"
    want = detailed.build(case, pdf)
    got = report_to_dict(parse_pdf(pdf))
    assert got["warnings"] == ["非循环贷账户 账户1：无法读取“开立日期”"]
    assert len(got["accounts"]) == len(want["accounts"])
    first = next(a for a in got["accounts"] if a["family"] == "non_revolving_loan")
    assert first["opened"] is None and first["amount"] == loan["amount"]


def test_block_maps_values_by_label_whatever_the_column_order() -> None:
    """Labels in another order, split over one cell, still fill the right fields."""
    block = Block("account", Family.NON_REVOLVING_LOAN, 1)
    block.take_row(("账户币种", "借款金额 开立日期", "管理机构"))
    block.take_row(("人民币元", "6,500 2022.01.01", "示例银行股份有限公司"))
    block.take_row(("账户状态", "余额"))
    block.take_row(("结消", "--"))
    account = block.account()
    assert account is not None and block.warnings == []
    assert (account.institution, account.amount, account.currency) == (
        "示例银行股份有限公司",
        6500,
        "人民币元",
    )
    assert account.opened is not None and account.opened.isoformat() == "2022-01-01"
    assert (account.status, account.balance) == ("结清", None)  # 结消 is OCR for 结清


def test_block_warns_when_a_split_cell_does_not_split() -> None:
    """Three labels in one cell over two values cannot be paired: a warning, no guess."""
    block = Block("account", Family.CREDIT_CARD, 2)
    block.take_row(("发卡机构", "开立日期 账户授信额度 币种"))
    block.take_row(("示例银行", "2020.01.01 5,000"))
    account = block.account()
    assert account is not None and account.opened is None and account.amount is None
    assert block.warnings == ["贷记卡账户 账户2：无法拆分“开立日期/账户授信额度/币种”单元格"]


def test_grid_rows_are_not_taken_for_values() -> None:
    """Grid rows with no title are read as a grid, never as values, and warn once."""
    block = Block("account", Family.CREDIT_CARD, 1)
    block.take_row(("发卡机构", "账户状态"))
    block.take_row(("示例银行", "正常"))
    block.take_row(("月份", "1", "2"))
    block.take_row(("", "N", "N"))
    block.take_row(("2024", "0", "0"))
    account = block.account()
    assert account is not None and account.status == "正常"
    assert [h.status for h in account.history or ()] == ["N", "N"]
    assert block.warnings == ["贷记卡账户 账户1：还款记录没有标题行，月份范围未核对"]


def test_norm_unifies_dashes_spaces_and_numbered_headings() -> None:
    """Dash variants, spaced labels and （一） headings compare equal to the plain form."""
    for dash in "—－-至一~～":
        assert norm(f"逾期 31{dash}60 天未还本金") == "逾期31-60天未还本金"
    assert norm("循环贷账户（一）") == "循环贷账户一"
    assert FAMILY_SECTIONS[norm("循环贷账户-")] is Family.REVOLVING_SUB_ACCOUNT
    assert FAMILY_SECTIONS[norm("循环贷账户（二）")] is Family.REVOLVING_LOAN
    assert norm("最近 6 个月平均应还款") == "最近6个月平均应还款"
    assert norm("最近一次还款日期") == "最近一次还款日期"


def test_watermark_glyphs_are_not_content() -> None:
    """Rotated, oversized or grey glyphs are dropped; ordinary black text is kept."""
    char = {
        "text": "甲",
        "x0": 10.0,
        "x1": 17.0,
        "top": 20.0,
        "bottom": 27.0,
        "matrix": (1, 0, 0, 1, 0, 0),
        "size": 7.0,
        "non_stroking_color": (0,),
    }

    def content(**changes: object) -> bool:
        page = SimpleNamespace(
            chars=[{**char, **changes}], lines=[], rects=[], width=595.0, height=842.0
        )
        return is_content_char(plumber.to_page(page, 1).chars[0])

    assert content()
    assert not content(matrix=(0.8, 0.57, -0.57, 0.8, 0, 0))
    assert not content(size=40.0)
    assert not content(non_stroking_color=(0.6, 0.6, 0.6))
    assert not content(non_stroking_color=(0.1, 0.1, 0.1, 0.2))
    assert content(non_stroking_color=(0, 0, 0, 1))


def _account(family: Family, status: str | None) -> Account:
    return Account(family=family, institution="示例银行", status=status)


def test_cross_check_accepts_written_off_counted_either_way() -> None:
    """呆账 may or may not count as open: both counts pass, a third warns."""
    accounts = [_account(Family.CREDIT_CARD, "正常"), _account(Family.CREDIT_CARD, "呆账")]
    for printed, warns in ((1, False), (2, False), (3, True)):
        tables = {
            "信贷交易授信及负债信息概要": {"贷记卡账户信息汇总": {"账户数": printed}},
            "信贷交易信息提示": {"合计": {"账户数": 2}},
        }
        warnings = cross_check(accounts, tables)
        assert bool(warnings) is warns
    expected = "贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个"
    assert cross_check(accounts, tables) == [expected]


def test_cross_check_warns_when_the_summary_is_missing() -> None:
    """Open accounts with no summary table or 合计 at all are warned about, not ignored."""
    warnings = cross_check([_account(Family.REVOLVING_LOAN, "正常")], {})
    assert warnings == [
        "循环贷账户二：信息概要中没有“循环贷账户二信息汇总”，读出未结清/未销户 1 个",
        "信贷交易信息提示：没有找到“合计”，读出账户 1 个",
    ]


def test_summary_table_reads_by_label_and_warns_on_garbage() -> None:
    """A 信息概要 row maps by header label; an unreadable count is a warning, not a zero."""
    tables: dict[str, dict[str, dict[str, Any]]] = {}
    hint = SummaryTable("信贷交易信息提示")
    hint.take_row(("业务类型", "账户数", "首笔业务发放月份"), tables)
    hint.take_row(("贷款", "其他类贷款", "3", "2019.01"), tables)
    hint.take_row(("合计", "x3", "--"), tables)
    assert tables == {"信贷交易信息提示": {"其他类贷款": {"账户数": 3}, "合计": {}}}
    assert hint.warnings == ["信贷交易信息提示：无法读取“账户数”"]


def test_account_outside_a_family_section_is_warned_not_guessed() -> None:
    """An 账户N under an unknown sub-section is skipped with a warning naming it."""
    reader = _Reader()
    reader.read(
        [
            Line("三 信贷交易信息明细", 1, 100),
            Line("（九）后付费记录", 1, 110),
            Line("账户1", 1, 120),
            Row(("管理机构", "账户状态"), 1, 130),
            Row(("示例电信股份有限公司", "正常"), 1, 140),
            Line("（十）贷记卡账户", 1, 150),
            Line("账户1", 1, 160),
            Row(("发卡机构", "账户状态"), 1, 170),
            Row(("示例银行", "正常"), 1, 180),
        ]
    )
    assert [a.family for a in reader.accounts] == [Family.CREDIT_CARD]
    assert reader.warnings == ["未知账户类别 账户1：不在任何已知的账户类别下，未读取"]


def test_format_is_detected_from_content_not_file_name(tmp_path: Path) -> None:
    """A 本人版 saved under a misleading name still parses as pboc-detailed."""
    copy_path = tmp_path / "jianban-simple-report.pdf"
    copy_path.write_bytes((OUT / "summary-mismatch.pdf").read_bytes())
    assert parse_pdf(copy_path).format is ReportFormat.DETAILED


# -- random cases: parse == what the generator says it drew ----------------------------

INSTITUTIONS = [
    "示例银行股份有限公司",
    "示例消费金融有限公司",
    "示例外资银行（中国）有限公司示例分行信用卡业务中心",
    "示例省农村信用社联合社示例县农村信用合作联社营业部",
]
STATUSES = {
    "recovered": ["催收", "结束"],
    "non_revolving_loan": ["正常", "结清", "逾期", "呆账"],
    "revolving_sub_account": ["正常", "结清", "逾期"],
    "revolving_loan": ["正常", "结清", "银行止付"],
    "credit_card": ["正常", "销户", "未激活", "冻结", "呆账"],
    "semi_credit_card": ["正常", "销户", "呆账"],
    "guarantee": ["正常"],
}
days = st.dates(dt.date(2005, 1, 1), dt.date(2024, 5, 31)).map(dt.date.isoformat)
money = st.integers(min_value=0, max_value=5_000_000)


@st.composite
def random_account(draw: st.DrawFn) -> dict[str, Any]:
    family = draw(st.sampled_from(sorted(STATUSES)))
    status = draw(st.sampled_from(STATUSES[family]))
    account = {
        "family": family,
        "institution": draw(st.sampled_from(INSTITUTIONS)),
        "account_id": draw(st.from_regex(r"[A-Z][0-9]{8,14}[A-Z]?", fullmatch=True)),
        "opened": draw(days),
        "due": draw(st.one_of(days, st.just("长期"))),
        "amount": draw(money),
        "balance": draw(st.one_of(money, st.none())),
        "used": draw(money),
        "status": status,
        "overdue_amount": draw(money) if status in ("逾期", "呆账") else 0,
    }
    if family == "guarantee":
        account["contract_id"] = account.pop("account_id")
        account["balance"] = draw(money)
    if status in ("结清", "销户", "结束"):
        account["closed_on"] = draw(days)
    return account


@settings(max_examples=6, deadline=None, derandomize=True)
@given(
    accounts=st.lists(random_account(), min_size=1, max_size=8),
    layout=st.fixed_dictionaries(
        {
            "font": st.sampled_from(["cid", "ttf"]),
            "dash": st.sampled_from(["—", "－", "-", "至"]),
            "spaced_labels": st.booleans(),
            "shared_limit": st.booleans(),
            "split_cells": st.booleans(),
            "watermark": st.sampled_from([None, "仅供本人使用"]),
            "page_break_in_account": st.integers(min_value=0, max_value=7),
        }
    ),
)
def test_random_reports_parse_to_what_was_drawn(
    accounts: list[dict[str, Any]], layout: dict[str, Any]
) -> None:
    """Any mix of families, statuses, values and quirks parses back exactly, no warnings."""
    case = copy.deepcopy(load_case(CASES / "all-families.yaml"))
    case.update(accounts=accounts, layout=layout, credit_agreements=[])
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "random.pdf"
        want = detailed.build(case, pdf)
        got = report_to_dict(parse_pdf(pdf))
    assert got == want
    assert got["warnings"] == []
