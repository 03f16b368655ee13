"""The indexed matcher pairs exactly as scoring every pair does (hypothesis)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from creditdiff.diff.match import account_facets, account_score, match_reports
from creditdiff.model import Account, CreditAgreement, Family, Month, Report, ReportFormat

INSTITUTIONS = ("示例银行股份有限公司", "示例银行股份有限公司北京分行", "样例消费金融有限公司")
#: Card tails, full ids ending (or not) in them, and a loan id: every ``ids_relation``.
IDS = ("1234", "5678", "6225000011111234", "6225000022225678", "D1001", "d1001", None)
OPENED = (dt.date(2019, 3, 15), dt.date(2019, 3, 20), Month(2019, 3), Month(2021, 6), None)
CURRENCIES = ("人民币", "人民币元", "美元", None)

accounts = st.builds(
    Account,
    family=st.sampled_from([Family.CREDIT_CARD, Family.NON_REVOLVING_LOAN, Family.REVOLVING_LOAN]),
    institution=st.sampled_from(INSTITUTIONS),
    account_id=st.sampled_from(IDS),
    opened=st.sampled_from(OPENED),
    currency=st.sampled_from(CURRENCIES),
    amount=st.sampled_from([None, 100, 5000]),
    status=st.sampled_from(["正常", "结清", None]),
)
agreements = st.builds(
    CreditAgreement,
    institution=st.sampled_from(INSTITUTIONS),
    agreement_id=st.sampled_from(["A1", "a1", "A2", None]),
    effective=st.sampled_from(OPENED),
    limit=st.sampled_from([None, 1000]),
)


def reports() -> st.SearchStrategy[Report]:
    return st.builds(
        Report,
        format=st.sampled_from(list(ReportFormat)),
        accounts=st.lists(accounts, max_size=10).map(tuple),
        credit_agreements=st.lists(agreements, max_size=5).map(tuple),
    )


@settings(max_examples=400, deadline=None)
@given(reports(), reports())
def test_indexed_matching_equals_scoring_every_pair(old: Report, new: Report) -> None:
    """Pairs, ambiguities, agreements and notices are those of the exhaustive matcher."""
    assert match_reports(old, new) == match_reports(old, new, indexed=False)


@settings(max_examples=400, deadline=None)
@given(accounts, accounts)
def test_facets_never_rule_out_a_pair_the_score_allows(old: Account, new: Account) -> None:
    """When two accounts can be one account, every facet of them is compatible."""
    if account_score(old, new) is None:
        return
    for mine, theirs in zip(account_facets(old), account_facets(new), strict=True):
        if mine is not None and theirs is not None and mine[0] == theirs[0]:
            assert mine == theirs
