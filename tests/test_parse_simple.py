"""The 简版 parser: every fixture parses to its expected JSON, plus what a snapshot misses."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.model import Family, Month, QueryKind
from creditdiff.parsers.detailed.reader import DetailedParser
from creditdiff.parsers.simple import checks as simple_checks
from creditdiff.parsers.simple import reader as simple_parser
from creditdiff.parsers.simple.lines import Line, Token, report_lines
from creditdiff.parsers.simple.reader import SimpleParser
from creditdiff.parsers.simple.sentences import UnreadableSentence, read_sentence
from creditdiff.parsers.simple.tables import QUERY_HEADER, read_queries
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict, validate
from creditdiff.sources import plumber
from fixtures.generator.simple_text import sentence

SIMPLE = FIXTURES / "simple"
PDFS = sorted(SIMPLE.glob("*.pdf"))
CASES = FIXTURES / "cases" / "simple"


def expected(pdf: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
    return loaded


def parsed(pdf: Path) -> dict[str, Any]:
    return report_to_dict(parse_pdf(pdf))


def page_text(pdf: Path) -> str:
    with pdfplumber.open(pdf) as document:
        return "\n".join(page.extract_text() or "" for page in document.pages)


def test_there_are_at_least_six_fixtures_each_with_a_case() -> None:
    """Every 简版 fixture PDF comes from a case file and has an expected JSON beside it."""
    assert len(PDFS) >= 6
    for pdf in PDFS:
        assert (CASES / f"{pdf.stem}.yaml").is_file()
        assert pdf.with_suffix(".expected.json").is_file()


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_fixture_parses_to_its_expected_json(pdf: Path) -> None:
    """A fixture's parse equals its expected JSON exactly and validates against the schema."""
    result = parsed(pdf)
    validate(result, "report")
    assert result == expected(pdf)


@pytest.mark.parametrize("pdf", PDFS, ids=[p.stem for p in PDFS])
def test_clean_fixtures_match_their_own_summary(pdf: Path) -> None:
    """Without warnings, card, loan and guarantee counts equal the report's 信息概要."""
    result = parsed(pdf)
    if result["warnings"]:
        pytest.skip("this fixture reproduces a warning")
    if "信息概要" not in result["summary"]:
        # Only a report with no credit history omits the table.
        assert result["accounts"] == []
        assert "系统中没有您的信用卡、贷款和其他信贷记录" in page_text(pdf)
        return
    table = result["summary"]["信息概要"]

    def printed(row: str, *columns: str) -> int:
        return sum(table[row][column] or 0 for column in columns)

    accounts = result["accounts"]
    cards = [a for a in accounts if a["family"] in ("credit_card", "semi_credit_card")]
    loans = [a for a in accounts if a["family"] in ("non_revolving_loan", "revolving_loan")]
    guarantees = [a for a in accounts if a["family"] == "guarantee"]
    assert len(cards) == printed("账户数", "信用卡")
    assert sum(a["state"] != "closed" for a in cards) == printed("未结清/未销户账户数", "信用卡")
    assert len(loans) == printed("账户数", "购房贷款", "其他贷款")
    # Passed on (转出, 一代) is no more 未结清 than settled.
    assert sum(a["state"] not in ("settled", "transferred") for a in loans) == printed(
        "未结清/未销户账户数", "购房贷款", "其他贷款"
    )
    # The 一代 summary counts guarantees in 为他人担保笔数.
    row = "相关还款责任账户数" if "相关还款责任账户数" in table else "为他人担保笔数"
    assert len(guarantees) == printed(row, *table[row])


def test_every_fixture_is_read_by_the_simple_parser_only() -> None:
    """Each 简版 fixture's first page is detected as 简版 and not as 本人版."""
    for pdf in PDFS:
        with pdfplumber.open(pdf) as document:
            first = "".join(char["text"] for char in document.pages[0].chars)
        assert SimpleParser().detect(first)
        assert not DetailedParser().detect(first)


def test_detailed_first_page_is_not_detected_as_simple() -> None:
    """A 本人版 first page (title, （本人版）, 个人基本信息) is never taken for a 简版."""
    detailed = (
        "个人信用报告（本人版）报告编号：2024072314523944185099 报告时间：2024.07.23 14:52:39"
        "一 个人基本信息 二 信息概要 （一）信贷交易信息提示 信贷记录"
    )
    assert not SimpleParser().detect(detailed)
    assert SimpleParser().detect("个人信用报告 报告编号：1 信贷记录 这部分包含您的信用卡")


def test_unreadable_sentence_is_a_warning_with_section_and_number() -> None:
    """An entry no template fits is reported by section and number, with no personal data."""
    pdf = SIMPLE / "unreadable-sentence-warns.pdf"
    result = parsed(pdf)
    assert any(w.startswith("贷款第 2 条：") for w in result["warnings"])
    # The two readable loans around it are still read.
    assert [a["opened"] for a in result["accounts"]] == ["2019-06-06", "2015-10-10"]
    for warning in result["warnings"]:
        assert "示例辛" not in warning and "虚构小额贷款" not in warning
        assert not re.search(r"\d{6,}", warning)


def test_summary_mismatch_case_warns() -> None:
    """Counts the sentences do not reproduce give one 信息概要 warning per count."""
    result = parsed(SIMPLE / "summary-mismatch-warns.pdf")
    mismatches = [w for w in result["warnings"] if w.startswith("信息概要")]
    assert len(mismatches) == 4
    assert "信息概要“信用卡 账户数”：从明细读出 1 个，概要载明 2 个" in mismatches


def test_half_width_fixture_really_prints_half_width_and_no_separators() -> None:
    """The half-width case prints ``(`` and ``:`` and no ``（``, and amounts without commas."""
    text = page_text(SIMPLE / "half-width-no-separators.pdf")
    assert "(人民币账户,卡片尾号:2344)" in text.replace("\n", "")
    assert "（" not in text and "：" not in text
    assert "1000000元" in text.replace("\n", "") and "1,000,000" not in text


def test_page_break_fixture_really_has_a_sentence_spanning_pages() -> None:
    """In the page-break case one entry starts on page 1 and ends on page 2 after a footer."""
    pdf = SIMPLE / "sentence-across-pages.pdf"
    with pdfplumber.open(pdf) as document:
        first_page = document.pages[0].extract_text().splitlines()
        assert re.fullmatch(r"第 1 页，共 \d 页", first_page[-1])
        lines = list(report_lines(plumber.pages(document)))
    starts = [i for i, line in enumerate(lines) if re.match(r"^\d+\.\d{4}年", line.joined)]
    spanning = []
    for index in starts:
        end = index
        while not lines[end].joined.endswith("。"):
            end += 1
        if lines[end].page != lines[index].page:
            spanning.append(lines[index].joined)
    assert spanning, "no entry sentence crosses a page boundary"
    result = parsed(pdf)
    assert result["accounts"][2]["balance"] == 2211870


def test_fonts_differ_between_cases() -> None:
    """Some fixtures use the non-embedded CID font, others an embedded TrueType subset."""
    fonts = set()
    for pdf in PDFS:
        with pdfplumber.open(pdf) as document:
            fonts |= {char["fontname"] for char in document.pages[0].chars}
    assert any("STSong" in name for name in fonts)
    assert any("+WenQuanYi" in name for name in fonts)


def test_cli_parse_json_prints_simple_format() -> None:
    """``creditdiff parse <简版> --json`` prints the contract JSON with format pboc-simple."""
    pdf = SIMPLE / "active-cards-and-loans.pdf"
    result = CliRunner().invoke(app, ["parse", str(pdf), "--json"])
    assert result.exit_code == 0, result.output
    assert '"format": "pboc-simple"' in result.output
    assert json.loads(result.output) == expected(pdf)


# Sentence-level behaviour, on strings.

CARD = (
    "2019年03月15日示例银行股份有限公司发放的贷记卡（人民币账户，卡片尾号：1234）。"
    "截至2024年05月，信用额度10,000，已使用额度1,520。"
)


def test_card_sentence_fields() -> None:
    """An active card gives its tail, limit, used amount and month-precision as_of."""
    card = read_sentence(CARD)
    assert card.family is Family.CREDIT_CARD
    assert card.institution == "示例银行股份有限公司"
    assert card.account_id == "1234"
    assert card.opened == dt.date(2019, 3, 15)
    assert card.as_of == Month(2024, 5)
    assert (card.amount, card.used, card.balance, card.due) == (10000, 1520, None, None)
    assert (card.currency, card.status) == ("人民币", "正常")


def test_wrapped_sentence_reads_like_the_unwrapped_one() -> None:
    """Line breaks and stray spaces inside a word or number do not change the account."""
    wrapped = CARD[:23] + "\n" + CARD[23:60] + " \n" + CARD[60:]
    assert "\n" in wrapped
    assert read_sentence(wrapped) == read_sentence(CARD)


def test_half_width_punctuation_and_no_separators_read_the_same() -> None:
    """``():,`` for ``（）：，`` and amounts without commas give the same account."""
    half = CARD.translate(str.maketrans("（）：，", "():,")).replace("10,000", "10000")
    half = half.replace("1,520", "1520").replace("。", ".")
    assert read_sentence(half) == read_sentence(CARD)


def test_half_width_commas_do_not_merge_amounts() -> None:
    """``余额1000,当前无逾期`` is 1000: a half-width comma is not a thousands separator."""
    loan = read_sentence(
        "2021年06月18日示例银行股份有限公司发放的1200000元(人民币)其他个人消费贷款,"
        "2031年06月18日到期.截至2024年05月,余额1000,当前无逾期."
    )
    assert (loan.amount, loan.balance) == (1200000, 1000)


def test_names_keep_full_width_brackets_as_printed() -> None:
    """The business type keeps the report's full-width brackets (contract: verbatim)."""
    loan = read_sentence(
        "2021年06月18日示例银行股份有限公司发放的1,200,000元（人民币）"
        "个人商用房（含商住两用）贷款，2031年06月18日到期。截至2024年05月，余额986,431。"
    )
    assert loan.business_type == "个人商用房（含商住两用）贷款"
    assert loan.family is Family.NON_REVOLVING_LOAN
    assert (loan.due, loan.as_of, loan.status) == (dt.date(2031, 6, 18), Month(2024, 5), "正常")


def test_foreign_currency_card() -> None:
    """A 美元 card names its currency and gives the limit printed 折合人民币."""
    card = read_sentence(
        "2018年04月01日示例银行股份有限公司发放的贷记卡（美元账户，卡片尾号：5678）。"
        "截至2022年12月，信用额度折合人民币20,000，已使用额度0。"
    )
    assert (card.currency, card.amount, card.used) == ("美元", 20000, 0)


@pytest.mark.parametrize(
    ("sentence", "status", "state"),
    [
        ("2012年08月09日示例银行发放的贷记卡（人民币账户），2020年03月销户。", "销户", "closed"),
        (
            "2022年10月08日示例银行发放的贷记卡（人民币账户，卡片尾号：3309）。"
            "截至2022年12月，信用额度5,000，尚未激活。",
            "未激活",
            "inactive",
        ),
        (
            "2014年02月11日示例银行发放的贷记卡（人民币账户，卡片尾号：7001）。截至2026年02月，"
            "信用额度30,000，已使用额度28,765，当前有逾期。最近5年内有7个月处于逾期状态，"
            "其中2个月逾期超过90天。",
            "逾期",
            "delinquent",
        ),
        (
            "2017年12月16日示例银行发放的10,000元（人民币）其他个人消费贷款，2018年01月已结清。",
            "结清",
            "settled",
        ),
        (
            "2022年07月01日示例银行发放的150,000元（人民币）个人汽车消费贷款，2027年07月01日到期。"
            "截至2026年02月，余额61,200，当前无逾期。最近5年内有1个月处于逾期状态，"
            "没有发生过90天以上逾期。",
            "正常",
            "open",
        ),
        (
            "2024年11月15日示例银行发放的50,000元（人民币）其他个人消费贷款，2026年11月15日到期。"
            "截至2026年02月，余额35,210，当前有逾期。",
            "逾期",
            "delinquent",
        ),
    ],
)
def test_each_status_wording(sentence: str, status: str, state: str) -> None:
    """已结清 -> 结清, 销户, 尚未激活 -> 未激活, 当前有逾期 -> 逾期, otherwise 正常."""
    account = read_sentence(sentence)
    assert account.status == status
    assert account.state.value == state


def test_closed_card_and_settled_loan_have_month_dates_and_no_balance() -> None:
    """Ended accounts carry a month-precision closed_on and print no as_of or balance."""
    card = read_sentence("2012年08月09日示例银行发放的贷记卡（人民币账户），2020年03月销户。")
    assert (card.closed_on, card.as_of, card.account_id, card.used) == (
        Month(2020, 3),
        None,
        None,
        None,
    )
    loan = read_sentence(
        "2017年12月16日示例银行发放的10,000元（人民币）其他个人消费贷款，2018年01月已结清。"
    )
    assert (loan.closed_on, loan.balance, loan.due, loan.amount) == (
        Month(2018, 1),
        None,
        None,
        10000,
    )


def test_revolving_line_sentence() -> None:
    """A ``…授信，…可循环使用`` line is a revolving_loan with its limit, expiry and balance."""
    line = read_sentence(
        "2022年01月10日示例消费金融有限公司为个人消费贷款授信，额度有效期至2027年01月10日，"
        "可循环使用。截至2024年05月，信用额度100元（人民币），余额为0，当前无逾期。"
    )
    assert line.family is Family.REVOLVING_LOAN
    assert (line.institution, line.business_type) == ("示例消费金融有限公司", "个人消费贷款")
    assert (line.due, line.amount, line.balance, line.status) == (
        dt.date(2027, 1, 10),
        100,
        0,
        "正常",
    )


def test_semi_credit_card_overdraft() -> None:
    """A 准贷记卡's 透支余额 is its ``used``, and the 透支超过60天 add-on is accepted."""
    card = read_sentence(
        "2011年05月20日样例银行发放的准贷记卡（人民币账户，卡片尾号：4410）。截至2026年02月，"
        "信用额度5,000，透支余额300。最近5年内有3个月透支超过60天，其中1个月透支超过90天。"
    )
    assert (card.family, card.used, card.business_type) == (
        Family.SEMI_CREDIT_CARD,
        300,
        "准贷记卡",
    )


def test_guarantee_sentence() -> None:
    """相关还款责任 gives the contract number as account_id, full-date as_of, null status."""
    guarantee = read_sentence(
        "2023年06月01日，为示例丁（证件类型：身份证，证件号码：110101199912120000）在样例银行"
        "办理的贷款承担相关还款责任，责任人类型为保证人，相关还款责任金额200,000"
        "（保证合同编号：BZ2023-0001）。截至2026年03月12日，贷款余额150,000（人民币元）。"
    )
    assert guarantee.family is Family.GUARANTEE
    assert (guarantee.institution, guarantee.account_id) == ("样例银行", "BZ2023-0001")
    assert (guarantee.amount, guarantee.balance, guarantee.currency) == (200000, 150000, "人民币元")
    assert (guarantee.as_of, guarantee.status, guarantee.state.value) == (
        dt.date(2026, 3, 12),
        None,
        "unknown",
    )


def test_unknown_wording_raises_unreadable() -> None:
    """A sentence no template fits raises UnreadableSentence, never returns a guess."""
    with pytest.raises(UnreadableSentence):
        read_sentence(
            "2013年01月25日示例公司发放的80,000元（人民币）其他个人消费贷款，已进入司法追偿，"
            "余额为72,144元。"
        )
    with pytest.raises(UnreadableSentence):
        read_sentence("2019年13月45日示例银行发放的贷记卡（人民币账户），2020年03月销户。")


def test_card_sentence_without_as_of_month() -> None:
    """The one-source form ``（卡片尾号：2344），2026年07月到期，…`` reads with no as_of or due."""
    card = read_sentence(
        "2020年02月29日示例银行发放的贷记卡（人民币账户，卡片尾号：2344），2026年07月到期，"
        "信用额度54,000，已使用额度20,932。"
    )
    assert (card.account_id, card.amount, card.used) == ("2344", 54000, 20932)
    assert (card.as_of, card.due, card.status) == (None, None, "正常")


def lines_of(*texts: str) -> list[Line]:
    return [Line((Token(text, 50.0, 500.0),), 1, 20.0 * n) for n, text in enumerate(texts)]


def test_entries_join_wrapped_lines_and_keep_digit_led_continuations() -> None:
    """A wrapped ``2.`` line with no date continues its entry; ``2.2018年`` starts one."""
    entries = simple_parser.split_entries(
        lines_of(
            "从未发生过逾期的账户明细如下：",
            "1.2017年12月16日示例银行发放的10,000元（人民币）其他个人消费贷款，截至余额1",
            "2.最近5年内",
            "。",
            "2.2018年01月01日示例银行发放的",
            "5,000元（人民币）其他个人消费贷款，2019年01月已结清。",
        )
    )
    assert [number for number, _ in entries] == ["1", "2"]
    assert entries[0][1].endswith("余额12.最近5年内。")
    assert entries[1][1] == (
        "2018年01月01日示例银行发放的5,000元（人民币）其他个人消费贷款，2019年01月已结清。"
    )


def test_garbled_entry_keeps_its_own_number() -> None:
    """An entry whose text has no date still starts at its number when the one before ended."""
    entries = simple_parser.split_entries(
        lines_of("1.2017年12月16日示例银行发放的贷记卡（人民币账户），2020年03月销户。", "2.卡日发")
    )
    assert [number for number, _ in entries] == ["1", "2"]


def test_text_outside_entries_is_reported() -> None:
    """Unrecognised text before the first entry becomes a warning too, never vanishes."""
    warning = simple_checks.unreadable_sentence("信用卡", "?")
    assert warning == "信用卡：编号条目以外的文字未能识别"
    entries = simple_parser.split_entries(lines_of("某些无法识别的文字"))
    assert entries == [("?", "某些无法识别的文字")]


def test_sentences_really_wrap_mid_word() -> None:
    """The fixtures break sentences inside dates and numbers, and the parse still joins them."""
    text = page_text(SIMPLE / "active-cards-and-loans.pdf")
    assert re.search(r"截至\d{4}\n年\d{2}月", text) or re.search(r"\d\n[\d,年月日]", text)
    assert parsed(SIMPLE / "active-cards-and-loans.pdf")["accounts"][0]["as_of"] == "2024-05"


def test_long_institution_name_really_splits_in_the_query_table() -> None:
    """A long 查询机构 wraps onto a second line of its cell and is read back whole."""
    name = "示例银行股份有限公司北京市朝阳区某某支行信用卡分中心"
    pdf = SIMPLE / "half-width-no-separators.pdf"
    lines = page_text(pdf).splitlines()
    assert not any(name in line for line in lines if re.match(r"^\d+ \d{4}年", line))
    assert parsed(pdf)["queries"][0]["institution"] == name


@settings(max_examples=60, deadline=None)
@given(
    amount=st.integers(min_value=0, max_value=99_999_999),
    balance=st.integers(min_value=0, max_value=99_999_999),
    thousands=st.booleans(),
    half=st.booleans(),
    cuts=st.lists(st.integers(min_value=1, max_value=80), max_size=4),
)
def test_loan_sentence_round_trips(
    amount: int, balance: int, thousands: bool, half: bool, cuts: list[int]
) -> None:
    """Any amounts, with or without separators, half/full punctuation and any wraps, read back."""
    account = {
        "family": "non_revolving_loan",
        "institution": "示例银行股份有限公司",
        "opened": "2021-06-18",
        "due": "2031-06-18",
        "amount": amount,
        "business_type": "其他个人消费贷款",
        "as_of": "2024-05-31",
        "status": "正常",
        "balance": balance,
    }
    text = sentence(account, thousands)
    if half:
        # Extraction may also give ``.`` for ``。``.
        text = text.translate(str.maketrans("（）：，。", "():,."))
    for cut in sorted(set(cuts), reverse=True):
        text = text[:cut] + "\n" + text[cut:]
    loan = read_sentence(text)
    assert (loan.amount, loan.balance) == (amount, balance)
    assert (loan.opened, loan.due, loan.as_of) == (
        dt.date(2021, 6, 18),
        dt.date(2031, 6, 18),
        Month(2024, 5),
    )


def test_impossible_query_date_is_a_warning_not_a_crash() -> None:
    """A query row whose date cannot exist is reported by its number and skipped."""
    header = Line(
        tuple(
            Token(text, x, x + 20) for text, x in zip(QUERY_HEADER, (50, 90, 196, 392), strict=True)
        ),
        1,
        0.0,
    )
    row = Line(
        (
            Token("1", 50, 55),
            Token("2024年13月01日", 90, 160),
            Token("示例银行", 196, 240),
            Token("贷后管理", 392, 432),
        ),
        1,
        16.0,
    )
    queries, bad = read_queries([header, row], QueryKind.INSTITUTION)
    assert (queries, bad) == ([], ["1"])


@settings(max_examples=200, deadline=None)
@given(
    st.text(
        alphabet="0123456789年月日,，.。:：()（）-发放的贷记卡账户人民币元截至余额为已结清销户授信"
    )
)
def test_any_text_reads_or_raises_unreadable(text: str) -> None:
    """Whatever text an entry holds, reading it gives an account or UnreadableSentence."""
    try:
        account = read_sentence(text)
    except UnreadableSentence:
        return
    assert account.institution and account.opened is not None
