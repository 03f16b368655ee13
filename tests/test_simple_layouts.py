"""简版 layout variants real files show, drawn at random: tables, summary, entries, cards."""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from fixtures.generate import load_case
from fixtures.generator import simple

BORDERED = FIXTURES / "simple" / "bordered-query-tables.pdf"
#: Examples of the layout property; raise it for a long run (the suite keeps it small).
EXAMPLES = int(os.environ.get("CREDITDIFF_LAYOUT_EXAMPLES", "12"))

NAMES = st.sampled_from(
    [
        "示例银行股份有限公司",
        "示例融资担保有限公司某某市分公司营业部门市场部",
        "示例消费金融有限公司",
        "示例互联网小额贷款有限公司（原：示例网络小贷有限公司）",
        "平安融易（江苏）融资担保有限公司",
        "示例汽车金融有限公司",
    ]
)
REASONS = st.sampled_from(
    [
        "贷后管理",
        "贷款审批",
        "信用卡审批",
        "担保资格审查",
        "法人代表、负责人、高管等资信审查",
        "保后管理",
        "融资审批",
    ]
)


def _rows_with_text(page: Any) -> list[float]:
    return sorted({round(line["top"], 1) for line in page.lines if line["x0"] != line["x1"]})


def test_bordered_fixture_really_has_cell_borders_and_centred_cells() -> None:
    """The fixture draws rulings around query rows, centres reasons and tall rows' cells."""
    with pdfplumber.open(BORDERED) as pdf:
        pages = list(pdf.pages)
        assert len(pages) >= 2, "the bordered table should run onto a second page"
        assert sum(len(_rows_with_text(page)) for page in pages) > 30
        words = pages[0].extract_words()
    reason_column_x = simple.QUERY_COLUMNS[3][0]
    reasons = [w for w in words if w["text"] in ("贷后管理", "贷款审批")]
    assert reasons and all(w["x0"] > reason_column_x + 10 for w in reasons), "not centred"
    # A row whose 机构 wraps: its 编号 sits between the two lines of the name.
    head = next(w for w in words if w["text"].startswith("示例融资担保有限公司"))
    tail = next(w for w in words if w["text"] == "业部门市场部")
    dates = [w for w in words if w["text"].endswith("日") and w["x0"] < simple.QUERY_COLUMNS[2][0]]
    assert any(head["top"] + 2 < d["top"] < tail["top"] - 2 for d in dates)


def test_bordered_fixture_reads_every_query() -> None:
    """Every query of the bordered case comes out, wrapped names and reasons whole."""
    got = report_to_dict(parse_pdf(BORDERED))
    case = load_case(FIXTURES / "cases" / "simple" / "bordered-query-tables.yaml")
    assert len(got["queries"]) == len(case["queries"])
    assert got["warnings"] == []


LOAN = {
    "family": "non_revolving_loan",
    "institution": "示例消费金融有限公司",
    "opened": "2024-03-15",
    "due": "2027-03-15",
    "currency": "人民币元",
    "amount": 30000,
    "as_of": "2025-12-31",
    "balance": 12345,
    "closed_on": "2025-06-30",
    "transferred_on": "2025-08-31",
    "last_payment": "2025-02-25",
}


def _guarantee(knobs: dict[str, Any], generation: int) -> dict[str, Any]:
    enterprise = knobs["id_type"] == "中征码"
    borrower = {
        "name": "示例寅卯商贸有限公司" if enterprise else "示例辰",
        "id_type": knobs["id_type"],
        "id_number": "1101000000001234" if enterprise else "110101199001010000",
    }
    return {
        "family": "guarantee",
        "institution": knobs["institution"],
        "opened": "2023-06-01",
        "amount": knobs["amount"],
        "contract_id": knobs["contract_id"],
        # The 一代 sentence is a loan guarantee (…办理的贷款提供担保) and names no
        # 责任人类型 or 合同编号: those knobs are 二代 wordings.
        "business_type": "贷款" if generation == 1 else knobs["business_type"],
        "guarantor_type": knobs["guarantor_type"],
        "for_enterprise": enterprise,
        "as_of": "2026-01-05",
        "balance": knobs["balance"],
        "currency": "人民币元",
        "borrower": borrower,
    }


def _case(queries: list[dict[str, Any]], knobs: dict[str, Any]) -> dict[str, Any]:
    """A case from drawn knobs; the 二代-only ones fall back to plain under ``generation: 1``."""
    gen1 = knobs["generation"] == 1
    card = {
        "family": "credit_card",
        "institution": "示例银行股份有限公司信用卡中心",
        "card_tail": "1357",
        "opened": "2019-09-09",
        "currency": "人民币元",
        "amount": 20000,
        "as_of": "2025-12-31",
        "status": "正常",
        "used": 0,
        **knobs["card"],
    }
    if gen1:
        card["expiry"] = None  # the …到期 form is a 二代 sentence
    elif card["status"] == "呆账":
        card["status"] = "正常"  # the 二代 wording for a written-off card is not known
    accounts = [card]
    if knobs["dual"]:
        # The same card's second currency: one tail, two sentences, two accounts.
        other = "美元" if card["currency"] == "人民币元" else "人民币元"
        accounts.append({**card, "currency": other, "used": 100, "overdue_months": 0})
    status = knobs["loan_status"]
    if status in ("转出", "呆账") and not gen1:
        status = "正常"  # the 二代 wordings for a loan passed on or written off are not known
    loan = {**LOAN, "status": status, "business_type": knobs["loan_business"]}
    accounts += [loan] * knobs["loans"]
    if knobs["guarantee"] is not None:
        accounts.append(_guarantee(knobs["guarantee"], knobs["generation"]))
    return {
        "name": "layout-property",
        "person": {"name": "测试庚", "id_type": "身份证", "id_number": "110101199303038888"},
        "report": {"number": "2026010512000033334444", "generated_at": "2026-01-05T12:00:00"},
        "layout": {
            "generation": knobs["generation"],
            "font": "cid",
            "footer": knobs["footer"],
            "query_table": knobs["style"],
            "summary": "grid" if gen1 else knobs["summary"],
            "entry_runs": knobs["runs"],
            "entry_numbers": "section" if gen1 else knobs["numbering"],
            "self_query_heading": "个人查询记录明细" if gen1 else knobs["self_heading"],
            "punctuation": knobs["punctuation"],
            "thousands": knobs["thousands"],
            # A page ends after the first line of the card's sentence.
            **({"page_break_in_account": 0} if knobs["page_break"] else {}),
        },
        "accounts": accounts,
        "queries": queries,
    }


QUERY = st.fixed_dictionaries(
    {
        "kind": st.just("institution"),
        "date": st.dates(min_value=dt.date(2024, 1, 6), max_value=dt.date(2026, 1, 5)).map(
            dt.date.isoformat
        ),
        "institution": NAMES,
        "reason": REASONS,
        # The 一代 查询操作员 cell's masked operator (the 二代 table prints none).
        "operator": st.sampled_from(["*MBUS*R003", "*9*9999999", None]),
    }
)
GUARANTEE = st.fixed_dictionaries(
    {
        "institution": NAMES,
        "amount": st.sampled_from([None, 200000]),
        "contract_id": st.sampled_from([None, "BZ2023-0001"]),
        "business_type": st.sampled_from(["贷款", "融资租赁业务"]),
        "guarantor_type": st.sampled_from(["保证人", "共同借款人"]),
        "id_type": st.sampled_from(["身份证", "中征码"]),
        "balance": st.sampled_from([0, 150000]),
    }
)
KNOBS = st.fixed_dictionaries(
    {
        "generation": st.sampled_from([2, 1]),
        "style": st.fixed_dictionaries(
            {"borders": st.booleans(), "centred_reason": st.booleans(), "middle": st.booleans()}
        ),
        "summary": st.sampled_from(["grid", "real"]),
        "runs": st.fixed_dictionaries(
            {"separate_numbers": st.booleans(), "spaced_dates": st.booleans()}
        ),
        "numbering": st.sampled_from(["section", "per_heading"]),
        "footer": st.sampled_from([True, "half"]),
        "punctuation": st.sampled_from(["full", "half"]),
        "thousands": st.booleans(),
        "page_break": st.booleans(),
        "self_heading": st.sampled_from(["个人查询记录明细", "本人查询记录明细"]),
        "loans": st.integers(min_value=0, max_value=4),
        "loan_status": st.sampled_from(["正常", "结清", "转出", "呆账"]),
        "loan_business": st.sampled_from(["其他个人消费贷款", "个人住房商业贷款"]),
        "card": st.fixed_dictionaries(
            {
                "card_tail": st.sampled_from(["1357", None]),
                "currency": st.sampled_from(["人民币元", "美元", "日元", "新加坡元"]),
                "expiry": st.sampled_from([None, "2027-03-01"]),
                "overdue_months": st.sampled_from([0, 2]),
                "status": st.sampled_from(["正常", "呆账"]),
                "balance": st.just(4800),
            }
        ),
        "dual": st.booleans(),
        "guarantee": st.none() | GUARANTEE,
    }
)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(queries=st.lists(QUERY, min_size=1, max_size=40), self_query=st.booleans(), knobs=KNOBS)
def test_random_query_tables_parse_to_their_case(
    queries: list[dict[str, Any]], self_query: bool, knobs: dict[str, Any]
) -> None:
    """Any mix of both generations' table, summary, entry, card and guarantee variants parses
    exactly."""
    queries = sorted(queries, key=lambda q: q["date"], reverse=True)
    if knobs["generation"] == 2:
        queries = [{**q, "operator": None} for q in queries]
    if self_query and knobs["generation"] == 1:
        # A 一代 counter self query shows the PBOC branch and its operator, not 本人.
        queries.append(
            {
                "kind": "self",
                "date": "2025-03-02",
                "institution": "中国人民银行营业管理部",
                "operator": "*YY*0017",
                "reason": "本人查询（临柜）",
            }
        )
    elif self_query:
        queries.append({"kind": "self", "date": "2025-03-02", "reason": "本人查询（临柜）"})
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        expected = simple.build(_case(queries, knobs), pdf)
        got = report_to_dict(parse_pdf(pdf))
    assert got["queries"] == expected["queries"]
    assert got["warnings"] == expected["warnings"]
    assert got == expected
