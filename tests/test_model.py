"""The domain model, contract JSON round trips and the shared text helpers."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from conftest import FIXTURES
from hypothesis import given
from hypothesis import strategies as st

from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Month,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    State,
    Summary,
    parse_partial_date,
    state_of,
)
from creditdiff.serialize import report_from_dict, report_to_dict, validate
from creditdiff.text import mask_id, parse_amount, parse_date, parse_day

SAMPLE = Report(
    format=ReportFormat.DETAILED,
    number="2024053110121345678901",
    generated_at=dt.datetime(2024, 5, 31, 10, 12, 13),
    subject_name="测试甲",
    id_type="身份证",
    id_number="1101**********1234",
    accounts=(
        Account(
            family=Family.CREDIT_CARD,
            institution="示例银行股份有限公司信用卡中心",
            account_id="E1",
            opened=dt.date(2019, 3, 15),
            currency="人民币元",
            amount=10000,
            as_of=dt.date(2024, 5, 31),
            status="正常",
            balance=0,
            used=0,
            overdue_amount=0,
        ),
        Account(
            family=Family.NON_REVOLVING_LOAN,
            institution="示例银行股份有限公司",
            opened=Month(2017, 12),
            closed_on=Month(2018, 1),
            status="结清",
            classification="正常",
        ),
    ),
    credit_agreements=(
        CreditAgreement(
            "示例银行股份有限公司", "X1", dt.date(2021, 1, 1), None, 20000, 0, "循环贷款额度"
        ),
    ),
    queries=(
        Query(dt.date(2024, 5, 1), "示例银行股份有限公司", "贷后管理", QueryKind.INSTITUTION),
    ),
    summary=Summary(tables={"信贷交易信息提示": {"合计": {"账户数": 2}}}),
    warnings=("贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个",),
)


def test_report_round_trips_through_contract_json() -> None:
    """report_to_dict then report_from_dict gives back an equal Report."""
    data = report_to_dict(SAMPLE)
    validate(data, "report")
    assert report_from_dict(json.loads(json.dumps(data))) == SAMPLE


def test_contract_json_keeps_date_precision() -> None:
    """Full dates print as YYYY-MM-DD, month-only dates as YYYY-MM, absent ones as null."""
    data = report_to_dict(SAMPLE)
    card, loan = data["accounts"]
    assert (card["opened"], card["due"], card["state"]) == ("2019-03-15", None, "open")
    assert (loan["opened"], loan["closed_on"], loan["state"]) == ("2017-12", "2018-01", "settled")
    assert data["report"]["generated_at"] == "2024-05-31T10:12:13"


@pytest.mark.parametrize("path", sorted((FIXTURES / "detailed").glob("*.expected.json")))
def test_expected_fixture_json_round_trips(path: Path) -> None:
    """Every expected 本人版 document survives report_from_dict -> report_to_dict unchanged."""
    data = json.loads(path.read_text("utf-8"))
    assert report_to_dict(report_from_dict(data)) == data


# -- state derivation ------------------------------------------------------------------

STATES = {
    "正常": "open",
    "结清": "settled",
    "销户": "closed",
    "逾期": "delinquent",
    "担保物不足": "delinquent",
    "强制平仓": "delinquent",
    "司法追偿": "delinquent",
    "催收": "delinquent",
    "呆账": "written_off",
    "转出": "transferred",
    "未激活": "inactive",
    "冻结": "suspended",
    "止付": "suspended",
    "银行止付": "suspended",
    "结束": "settled",
    "到期": "unknown",
    "": "unknown",
}


@pytest.mark.parametrize(("status", "state"), STATES.items())
def test_state_derives_from_status_as_the_contract_says(status: str, state: str) -> None:
    """Each verbatim 账户状态 maps to the contract's state; anything else is unknown."""
    assert state_of(status).value == state


def test_missing_status_is_unknown_and_open_states_count_as_open() -> None:
    """No status -> unknown; open, inactive, suspended and delinquent are still open lines."""
    assert state_of(None) is State.UNKNOWN
    assert {s for s in State if s.is_open} == {
        State.OPEN,
        State.INACTIVE,
        State.SUSPENDED,
        State.DELINQUENT,
    }


# -- helpers ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "masked"),
    [
        ("110101199001011234", "1101**********1234"),
        ("11010119950505678X", "1101**********678X"),
        ("110108******181X", "1101**********181X"),
        ("**************2121", "****" + "*" * 10 + "2121"),
        ("1234567", "*******"),
        ("--", None),
        (None, None),
    ],
)
def test_mask_id_keeps_first_and_last_four(number: str | None, masked: str | None) -> None:
    """mask_id keeps 4 + 4 characters, stars the rest, and passes through absent values."""
    assert mask_id(number) == masked
    if masked is not None:
        assert mask_id(masked) == masked  # idempotent


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2024.05.31", dt.date(2024, 5, 31)),
        ("2024年05月31日", dt.date(2024, 5, 31)),
        ("2024.5.3", dt.date(2024, 5, 3)),
        ("2024.05.\n31", dt.date(2024, 5, 31)),
        ("2024年05月", Month(2024, 5)),
        ("2024-05", Month(2024, 5)),
        ("长期", None),
        ("--", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date_forms(text: str | None, value: object) -> None:
    """Printed dates in every form, wrapped or empty, read as the right value."""
    assert parse_date(text) == value


@pytest.mark.parametrize("text", ["2024.02.30", "2024.13", "明天", "20240531"])
def test_parse_date_rejects_non_dates(text: str) -> None:
    """Impossible or foreign values raise ValueError instead of guessing."""
    with pytest.raises(ValueError):
        parse_date(text)


def test_parse_day_needs_a_day() -> None:
    """parse_day refuses a month-precision date."""
    assert parse_day("2024.05.01") == dt.date(2024, 5, 1)
    with pytest.raises(ValueError):
        parse_day("2024年05月")


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("10,000", 10000),
        ("1,000,000", 1000000),
        ("10，000", 10000),
        ("500元", 500),
        ("0", 0),
        ("-1,200", -1200),
        ("--", None),
        (" ", None),
        (None, None),
    ],
)
def test_parse_amount_forms(text: str | None, value: int | None) -> None:
    """Amounts with separators, full-width commas or 元 read as integers; -- is None."""
    assert parse_amount(text) == value


@pytest.mark.parametrize("text", ["12,34", "1.5", "十万", "2024.05.31"])
def test_parse_amount_rejects_non_amounts(text: str) -> None:
    """Malformed separators, decimals and words raise ValueError."""
    with pytest.raises(ValueError):
        parse_amount(text)


@given(st.integers(min_value=0, max_value=10**12))
def test_parse_amount_reads_any_printed_amount(value: int) -> None:
    """Whatever whole amount the report prints with thousands separators reads back."""
    assert parse_amount(f"{value:,}") == value


def test_month_bounds_and_validation() -> None:
    """A Month knows its first and last day (leap years too) and refuses month 13."""
    assert Month(2024, 2).last_day() == dt.date(2024, 2, 29)
    assert Month(2023, 12).last_day() == dt.date(2023, 12, 31)
    assert Month(2024, 2).first_day() == dt.date(2024, 2, 1)
    assert parse_partial_date("2024-02") == Month(2024, 2)
    with pytest.raises(ValueError):
        Month(2024, 13)
