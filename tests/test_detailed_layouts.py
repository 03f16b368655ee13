"""本人版 layout variants real files show, drawn at random: sections, tables, blocks, queries."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_to_dict
from creditdiff.sources.guard import TIME_ENV
from creditdiff.sources.read import READERS
from fixtures.generate import load_case
from fixtures.generator import detailed

CASES = FIXTURES / "cases" / "detailed"
#: Examples of the layout property; raise it for a long run (the suite keeps it small).
EXAMPLES = int(os.environ.get("CREDITDIFF_LAYOUT_EXAMPLES", "10"))

INSTITUTIONS = [
    "示例银行股份有限公司",
    "示例消费金融有限公司",
    "重庆蚂蚁消费金融有限公司（原：重庆市蚂蚁商诚小额贷款有限公司）",
    "平安融易（江苏）融资担保有限公司",
    "示例省农村信用社联合社示例县农村信用合作联社营业部",
]
REASONS = [
    "贷后管理",
    "贷款审批",
    "信用卡审批",
    "担保资格审查",
    "法人代表、负责人、高管等资信审查",
    "保后管理",
]
STATUSES = {
    "recovered": ["催收", "结束"],
    "non_revolving_loan": ["正常", "结清", "逾期"],
    "revolving_sub_account": ["正常", "结清"],
    "revolving_loan": ["正常", "结清"],
    "credit_card": ["正常", "销户", "未激活"],
    "semi_credit_card": ["正常", "销户"],
    "guarantee": ["正常"],
}
REPORT_DAY = dt.date(2024, 5, 31)
SELF_REASON = "本人查询（互联网个人信用信息服务平台）"
days = st.dates(dt.date(2012, 1, 1), dt.date(2024, 4, 30)).map(dt.date.isoformat)
money = st.integers(min_value=0, max_value=3_000_000)
ids = st.from_regex(r"[A-Z][0-9]{8,14}[A-Z]?", fullmatch=True)
MERGED_ID = "蚂蚁借呗合并20180831J1010110000"


@st.composite
def random_account(draw: st.DrawFn) -> dict[str, Any]:
    """One account of any family, with the per-account variants drawn too."""
    family = draw(st.sampled_from(sorted(STATUSES)))
    status = draw(st.sampled_from(STATUSES[family]))
    account: dict[str, Any] = {
        "family": family,
        "institution": draw(st.sampled_from(INSTITUTIONS)),
        "account_id": draw(ids),
        "opened": draw(days),
        "due": draw(st.one_of(days, st.just("长期"))),
        "amount": draw(money),
        "balance": draw(money),
        "used": draw(money),
        "status": status,
        "monthly_payment": draw(st.integers(0, 20_000)),
        "overdue_amount": draw(money) if status == "逾期" else 0,
        "overdue_months": draw(st.integers(1, 3)) if status == "逾期" else 0,
    }
    if family == "revolving_sub_account" and draw(st.booleans()):
        account["agreement_id"] = draw(ids)  # else the R4 anchor has no 授信协议标识
    if family == "non_revolving_loan" and draw(st.booleans()):
        account.update(merged=True, account_id=MERGED_ID)
    if family in ("non_revolving_loan", "revolving_sub_account", "revolving_loan"):
        account["latest"] = {
            "classification": draw(st.sampled_from(["正常", "关注"])),
            "balance": draw(money),
        }
    if draw(st.booleans()):
        account["remark"] = "该账户信息由机构报送，如有异议请联系机构。"
    if family == "guarantee":
        account["contract_id"] = account.pop("account_id")
        account["borrower_kind"] = draw(st.sampled_from(["个人", "企业"]))
        account["guarantor_type"] = draw(st.sampled_from(["保证人", "其他"]))
        account["classification"] = draw(st.sampled_from(["正常", "关注"]))
    if status in ("结清", "销户", "结束"):
        closed = max(draw(days), account["opened"])
        account.update(closed_on=closed, as_of=closed, grid=draw(st.booleans()))
    if status == "未激活":
        account.update(used=None, balance=None)
    return account


QUERY = st.fixed_dictionaries(
    {
        "kind": st.just("institution"),
        "date": st.dates(dt.date(2022, 6, 1), REPORT_DAY).map(dt.date.isoformat),
        "institution": st.sampled_from(INSTITUTIONS),
        "reason": st.sampled_from(REASONS),
    }
)
LAYOUT = st.fixed_dictionaries(
    {
        "font": st.sampled_from(["cid", "ttf"]),
        "numbering": st.sampled_from(["fixed", "dynamic"]),
        "notes": st.booleans(),
        "query_summary": st.booleans(),
        "basic_info": st.sampled_from(["row", "tables"]),
        "summary_dashes": st.booleans(),
        "latest_repayment": st.booleans(),
        "inactive_line": st.booleans(),
        "guarantee_groups": st.booleans(),
        "closed_swapped": st.booleans(),
        "query_wrap": st.sampled_from([None, 12, 15]),
        "query_page_rows": st.sampled_from([0, 25]),
        "repeat_query_header": st.booleans(),
        "family_heading": st.sampled_from([None, "paren"]),
        "split_cells": st.booleans(),
        "dash": st.sampled_from(["—", "－", "至"]),
        "grid_order": st.sampled_from([None, "descending"]),
        "footer": st.sampled_from([True, "half"]),
        "page_break_in_account": st.integers(min_value=0, max_value=6),
        "grid_page_break": st.lists(st.integers(min_value=0, max_value=6), max_size=2),
        "header_table": st.booleans(),
        "spaced_labels": st.booleans(),
        "shared_limit": st.booleans(),
        "watermark": st.sampled_from([None, "仅供本人使用"]),
        "frame": st.booleans(),
    }
)
#: The ID forms reports print: all 18 digits, 6+6*+4 and 14*+4.
ID_NUMBERS = st.sampled_from(["110101199001011234", "110108******181X", "**************2121"])


@contextlib.contextmanager
def _unbounded_time() -> Iterator[None]:
    """Lift the per-file read-time budget: on a loaded machine pdfplumber can take over
    its 60 s on a 100-row query table, and this test is about what is read, not how fast."""
    before = os.environ.get(TIME_ENV)
    os.environ[TIME_ENV] = "100000"
    try:
        yield
    finally:
        if before is None:
            del os.environ[TIME_ENV]
        else:
            os.environ[TIME_ENV] = before


@pytest.mark.slow
@settings(max_examples=EXAMPLES, deadline=None)
@given(
    accounts=st.lists(random_account(), min_size=1, max_size=7),
    queries=st.lists(QUERY, max_size=30),
    long_table=st.sampled_from([0, 0, 0, 110]),
    layout=LAYOUT,
    id_number=ID_NUMBERS,
    reader=st.sampled_from(READERS),
)
def test_random_layouts_parse_to_their_case(
    accounts: list[dict[str, Any]],
    queries: list[dict[str, Any]],
    long_table: int,
    layout: dict[str, Any],
    id_number: str,
    reader: str,
) -> None:
    """Any mix of 本人版 variants, accounts, values and queries parses back exactly."""
    case = copy.deepcopy(load_case(CASES / "all-families.yaml"))
    case["person"]["id_number"] = id_number
    case.update(
        accounts=accounts,
        layout=layout,
        credit_agreements=[],
        queries=[
            *sorted(queries, key=lambda q: q["date"], reverse=True),
            {"kind": "self", "date": "2024-05-31", "institution": "本人", "reason": SELF_REASON},
        ],
    )
    if long_table:
        case["query_series"] = {
            "count": long_table,
            "last": "2022-05-30",
            "every_days": 6,
            "institutions": INSTITUTIONS,
            "reasons": REASONS,
        }
    with tempfile.TemporaryDirectory() as folder, _unbounded_time():
        pdf = Path(folder) / "report.pdf"
        want = detailed.build(case, pdf)
        got = report_to_dict(parse_pdf(pdf, reader=reader))
    assert got["warnings"] == want["warnings"]
    assert got["queries"] == want["queries"]
    assert got == want
