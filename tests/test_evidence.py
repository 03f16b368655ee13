"""Typed evidence: every record's JSON is the shape the diff schema gives its codes."""

from __future__ import annotations

import datetime as dt
import typing
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.diff.registry import SPECS
from creditdiff.evidence import (
    AccountEvidence,
    AccountSnapshot,
    AgreementEvidence,
    ClosureEvidence,
    Evidence,
    NegativeEvidence,
    OverdueEvidence,
    QueryEvidence,
    QueryPressureEvidence,
    QueryWindow,
    ReadEvidence,
    ReappearedEvidence,
    WorsenedEvidence,
)
from creditdiff.model import (
    Account,
    ClosureRequest,
    Comparison,
    CreditAgreement,
    Family,
    Finding,
    FindingCode,
    Month,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    State,
)
from creditdiff.output.diff import comparison_to_dict
from creditdiff.output.findings import evidence_to_dict
from creditdiff.serialize import schema, validate

BANK = "示例银行股份有限公司"
OPEN = AccountSnapshot("正常", State.OPEN, 20000, 0, 0, 0, "正常", dt.date(2024, 7, 1), None)
SETTLED = AccountSnapshot(
    "结清", State.SETTLED, None, 0, None, None, None, Month(2024, 6), dt.date(2024, 6, 30)
)
QUERY = Query(dt.date(2024, 5, 20), BANK, "贷款审批", QueryKind.INSTITUTION)
AGREEMENT = CreditAgreement(BANK, "AGR001", dt.date(2020, 1, 1), dt.date(2030, 1, 1), 50000)
REQUEST = ClosureRequest(BANK, dt.date(2024, 2, 1), account="1234", note="电话", line=2)
SUB = Account(Family.REVOLVING_SUB_ACCOUNT, BANK, "S1", status="结清", closed_on=Month(2021, 1))

#: Each record in every variant a rule builds, under the code(s) that build it.
SAMPLES: list[tuple[FindingCode, Evidence]] = [
    (FindingCode.SETTLED_NOT_CLOSED, AccountEvidence(new=OPEN)),
    (FindingCode.SETTLED_NOT_CLOSED, AgreementEvidence(AGREEMENT, (SUB,))),
    (FindingCode.REAPPEARED, AccountEvidence(old=SETTLED, new=OPEN)),
    (FindingCode.REAPPEARED, ReappearedEvidence(OPEN, (SUB,))),
    (FindingCode.CLOSURE_NOT_REFLECTED, ClosureEvidence(REQUEST, 90, 60, new=OPEN)),
    (FindingCode.CLOSURE_NOT_REFLECTED, ClosureEvidence(REQUEST, 90, 60, agreement=AGREEMENT)),
    (FindingCode.NEW_ACCOUNT, AccountEvidence(new=OPEN)),
    (FindingCode.POST_CLOSURE_QUERY, QueryEvidence(QUERY, open_accounts_at_institution=0)),
    (FindingCode.NEW_HARD_INQUIRY, QueryEvidence(QUERY)),
    (FindingCode.STATUS_WORSENED, WorsenedEvidence(OPEN, OPEN, ("当前逾期总额上升",))),
    (
        FindingCode.STATUS_WORSENED,
        WorsenedEvidence(OPEN, OPEN, ("还款记录新增1个逾期月份",), (Month(2024, 2),)),
    ),
    (FindingCode.CLOSED, AccountEvidence(old=OPEN, new=SETTLED)),
    (FindingCode.PAID_OFF, AccountEvidence(old=OPEN, new=OPEN)),
    (FindingCode.INCOMPLETE_READ, ReadEvidence("newer", "b.pdf", ("无法读取“余额”",))),
    (FindingCode.INCOMPLETE_READ, ReadEvidence("older", None, ("无法读取“余额”",))),
    (FindingCode.OVERDUE_NOW, OverdueEvidence(OPEN, 3, Month(2024, 5))),
    (FindingCode.OVERDUE_NOW, OverdueEvidence(OPEN, None, None)),
    (FindingCode.NEGATIVE_RECORD, NegativeEvidence(OPEN, 2, 0, Month(2021, 5), Month(2026, 5))),
    (
        FindingCode.NEGATIVE_RECORD,
        NegativeEvidence(OPEN, 1, None, None, None, left_report=(Month(2019, 1),)),
    ),
    (
        FindingCode.QUERY_PRESSURE,
        QueryPressureEvidence((QueryWindow(1, 4, 3), QueryWindow(6, 4, 6)), (QUERY,) * 4),
    ),
    (FindingCode.REMOVED, AccountEvidence(old=OPEN)),
    (FindingCode.REMOVED, AccountEvidence(old=OPEN, new=OPEN, left_report=(Month(2019, 1),))),
]


def document(code: FindingCode, evidence: Evidence) -> dict[str, Any]:
    """The diff JSON of one finding with this evidence."""
    finding = Finding("f1", code, SPECS[code].severity, BANK, "消息", evidence=evidence)
    return comparison_to_dict(
        Comparison(old=None, new=Report(ReportFormat.DETAILED), findings=(finding,))
    )


@pytest.mark.parametrize(("code", "evidence"), SAMPLES, ids=lambda v: getattr(v, "value", ""))
def test_every_record_is_json_the_schema_accepts_for_its_code(
    code: FindingCode, evidence: Evidence
) -> None:
    """Each record, in each variant its rule builds, validates under its code's schema."""
    validate(document(code, evidence), "diff")


def test_samples_cover_every_record_and_every_code() -> None:
    """The samples hold every evidence record type and every finding code."""
    assert {type(e) for _, e in SAMPLES} == set(typing.get_args(Evidence))
    assert {code for code, _ in SAMPLES} == set(FindingCode)


def test_every_code_has_an_evidence_shape_in_the_schema() -> None:
    """The diff schema names the evidence shape of every finding code."""
    rules = schema("diff")["properties"]["findings"]["items"]["allOf"]
    named = {rule["if"]["properties"]["code"]["const"] for rule in rules}
    assert named == {code.value for code in FindingCode}


@pytest.mark.parametrize(
    ("code", "evidence"),
    [
        (FindingCode.SETTLED_NOT_CLOSED, QueryEvidence(QUERY)),
        (FindingCode.NEW_HARD_INQUIRY, AccountEvidence(new=OPEN)),
        (FindingCode.CLOSURE_NOT_REFLECTED, AccountEvidence(new=OPEN)),
        (FindingCode.INCOMPLETE_READ, ReadEvidence("newer", None, ())),
        (FindingCode.REMOVED, AccountEvidence()),
    ],
    ids=["query-as-account", "account-as-query", "no-closure", "no-warnings", "empty"],
)
def test_a_record_under_the_wrong_code_is_refused(code: FindingCode, evidence: Evidence) -> None:
    """The schema tells the shapes apart: a record another code builds does not validate."""
    with pytest.raises(jsonschema.ValidationError):
        validate(document(code, evidence), "diff")


def test_an_extra_or_missing_snapshot_key_is_refused() -> None:
    """An account snapshot with a key added or taken away breaks the schema."""
    good = document(FindingCode.NEW_ACCOUNT, AccountEvidence(new=OPEN))
    validate(good, "diff")
    added = document(FindingCode.NEW_ACCOUNT, AccountEvidence(new=OPEN))
    added["findings"][0]["evidence"]["new"]["extra"] = 1
    missing = document(FindingCode.NEW_ACCOUNT, AccountEvidence(new=OPEN))
    del missing["findings"][0]["evidence"]["new"]["status"]
    for bad in (added, missing):
        with pytest.raises(jsonschema.ValidationError):
            validate(bad, "diff")


def test_json_keys_keep_their_order() -> None:
    """Optional keys sit where the diff JSON has always put them."""
    on_agreement = evidence_to_dict(ClosureEvidence(REQUEST, 90, 60, agreement=AGREEMENT))
    assert list(on_agreement) == ["agreement", "closure", "days_since_request", "grace_days"]
    on_account = evidence_to_dict(ClosureEvidence(REQUEST, 90, 60, new=OPEN))
    assert list(on_account) == ["closure", "days_since_request", "grace_days", "new"]
    gone = AccountEvidence(old=OPEN, new=OPEN, left_report=(Month(2019, 1),))
    assert list(evidence_to_dict(gone)) == ["left_report", "old", "new"]
    negative = NegativeEvidence(OPEN, 1, None, None, None, left_report=(Month(2019, 1),))
    assert list(evidence_to_dict(negative))[-2:] == ["new", "left_report"]
    assert evidence_to_dict(None) == {}


def test_query_pressure_names_each_window_once() -> None:
    """Counts, limits and the windows over their limit are keyed ``1m``, ``6m``."""
    evidence = QueryPressureEvidence((QueryWindow(1, 4, 3), QueryWindow(6, 4, 6)), (QUERY,))
    values = evidence_to_dict(evidence)
    assert values["counts"] == {"1m": 4, "6m": 4}
    assert values["limits"] == {"1m": 3, "6m": 6}
    assert values["over"] == ["1m"]
    assert values["queries"][0] == {
        "date": "2024-05-20",
        "institution": BANK,
        "reason": "贷款审批",
        "kind": "institution",
    }


_amounts = st.none() | st.integers(min_value=0, max_value=10**9)
_dates = st.none() | st.dates() | st.builds(Month, st.integers(1990, 2040), st.integers(1, 12))


@settings(max_examples=60, deadline=None)
@given(
    snapshot=st.builds(
        AccountSnapshot,
        status=st.none() | st.sampled_from(["正常", "结清", "销户", "逾期", "呆账"]),
        state=st.sampled_from(State),
        amount=_amounts,
        balance=_amounts,
        used=_amounts,
        overdue_amount=_amounts,
        classification=st.none() | st.sampled_from(["正常", "关注", "次级"]),
        as_of=_dates,
        closed_on=_dates,
    )
)
def test_any_snapshot_validates(snapshot: AccountSnapshot) -> None:
    """Whatever an account prints (or leaves out), its snapshot is schema-valid JSON."""
    validate(document(FindingCode.CLOSED, AccountEvidence(old=snapshot, new=snapshot)), "diff")
    written = evidence_to_dict(AccountEvidence(new=snapshot))["new"]
    assert written["state"] == snapshot.state.value
    assert written["closed_on"] == (None if snapshot.closed_on is None else str(snapshot.closed_on))
