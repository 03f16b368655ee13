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


def _case(
    queries: list[dict[str, Any]],
    style: dict[str, bool],
    font: str,
    summary: str = "grid",
    runs: dict[str, bool] | None = None,
    loans: int = 0,
    card: dict[str, Any] | None = None,
) -> dict[str, Any]:
    loan = {
        "family": "non_revolving_loan",
        "institution": "示例消费金融有限公司",
        "opened": "2024-03-15",
        "due": "2027-03-15",
        "currency": "人民币元",
        "amount": 30000,
        "business_type": "其他个人消费贷款",
        "as_of": "2025-12-31",
        "status": "正常",
        "balance": 12345,
    }
    return {
        "name": "layout-property",
        "person": {"name": "测试庚", "id_type": "身份证", "id_number": "110101199303038888"},
        "report": {"number": "2026010512000033334444", "generated_at": "2026-01-05T12:00:00"},
        "layout": {
            "font": font,
            "footer": True,
            "query_table": style,
            "summary": summary,
            "entry_runs": runs or {},
        },
        "accounts": [
            {
                "family": "credit_card",
                "institution": "示例银行股份有限公司信用卡中心",
                "card_tail": "1357",
                "opened": "2019-09-09",
                "currency": "人民币元",
                "amount": 20000,
                "as_of": "2025-12-31",
                "status": "正常",
                "used": 0,
                **(card or {}),
            },
            *([loan] * loans),
        ],
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
    }
)


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(
    queries=st.lists(QUERY, min_size=1, max_size=40),
    borders=st.booleans(),
    centred=st.booleans(),
    middle=st.booleans(),
    self_query=st.booleans(),
    summary=st.sampled_from(["grid", "real"]),
    runs=st.fixed_dictionaries({"separate_numbers": st.booleans(), "spaced_dates": st.booleans()}),
    loans=st.integers(min_value=0, max_value=4),
    card=st.fixed_dictionaries(
        {
            "card_tail": st.sampled_from(["1357", None]),
            "currency": st.sampled_from(["人民币元", "美元", "日元", "新加坡元"]),
            "expiry": st.sampled_from([None, "2027-03-01"]),
        }
    ),
)
def test_random_query_tables_parse_to_their_case(
    queries: list[dict[str, Any]],
    borders: bool,
    centred: bool,
    middle: bool,
    self_query: bool,
    summary: str,
    runs: dict[str, bool],
    loans: int,
    card: dict[str, Any],
) -> None:
    """Any mix of query-table, summary, list-number and card-sentence variants parses exactly."""
    queries = sorted(queries, key=lambda q: q["date"], reverse=True)
    if self_query:
        queries.append({"kind": "self", "date": "2025-03-02", "reason": "本人查询（临柜）"})
    style = {"borders": borders, "centred_reason": centred, "middle": middle}
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        expected = simple.build(_case(queries, style, "cid", summary, runs, loans, card), pdf)
        got = report_to_dict(parse_pdf(pdf))
    assert got["queries"] == expected["queries"]
    assert got["warnings"] == expected["warnings"]
    assert got == expected
