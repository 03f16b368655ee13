"""One person's accounts read the same from a 本人版 and from a 简版 (issue 3, "Must show")."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from creditdiff.diff import compare
from creditdiff.model import Account, Report, ReportFormat
from creditdiff.reports import parse_pdf
from fixtures.generator import detailed, simple

# One case, both formats. Revolving lines are R1 ``revolving_loan`` and loans
# ``non_revolving_loan``: the families a 简版 sentence maps to (it never names the loan family).
CASE = yaml.safe_load(
    """
name: same-person-both-formats
description: one fictitious person's accounts, rendered as a 本人版 and as a 简版
person: {name: 测试壬, id_type: 身份证, id_number: "110101199107071357", marital: 已婚}
report: {number: "2025060109300112345678", generated_at: "2025-06-01T09:30:01"}
layout: {font: cid, footer: true}
accounts:
  - family: credit_card
    institution: 示例银行股份有限公司信用卡中心
    account_id: "E10053310H0009Z"
    card_tail: "6021"
    opened: "2018-05-20"
    amount: 20000
    as_of: "2025-05-31"
    status: 正常
    balance: 0
    used: 0
  - family: credit_card
    institution: 样例发展银行股份有限公司信用卡中心
    account_id: "E20053310H0001K"
    card_tail: "7788"
    opened: "2014-09-01"
    amount: 10000
    status: 销户
    closed_on: "2021-04-15"
  - family: credit_card
    institution: 虚构农村商业银行股份有限公司
    account_id: "E30053310H0002M"
    card_tail: "3309"
    opened: "2024-12-08"
    amount: 5000
    as_of: "2025-05-31"
    status: 未激活
  - family: semi_credit_card
    institution: 示例城市商业银行股份有限公司
    account_id: "F10053310H0003C"
    card_tail: "4410"
    opened: "2016-02-04"
    amount: 2000
    as_of: "2025-05-31"
    status: 正常
    used: 0
  - family: non_revolving_loan
    institution: 示例银行股份有限公司
    account_id: "A12345678"
    opened: "2022-01-01"
    due: "2030-01-01"
    amount: 65000
    business_type: 其他个人消费贷款
    as_of: "2025-05-31"
    status: 正常
    balance: 42000
  - family: non_revolving_loan
    institution: 示例消费金融有限公司
    account_id: "A22345678"
    opened: "2019-03-03"
    due: "2020-03-03"
    amount: 8000
    business_type: 其他个人消费贷款
    status: 结清
    closed_on: "2020-02-20"
  - family: revolving_loan
    institution: 示例网商银行股份有限公司
    account_id: "D10053310H0001A"
    opened: "2022-05-29"
    due: "2027-05-29"
    amount: 10000
    business_type: 个人经营性贷款
    as_of: "2025-05-31"
    status: 正常
    balance: 0
  - family: guarantee
    institution: 样例农村商业银行股份有限公司
    contract_id: "BZ2023-0001"
    opened: "2023-06-01"
    due: "2026-06-01"
    amount: 200000
    business_type: 贷款
    as_of: "2025-06-01"
    balance: 150000
queries:
  - {date: "2025-05-02", institution: 示例银行股份有限公司, reason: 贷后管理, kind: institution}
  - date: "2025-06-01"
    institution: 本人
    reason: 本人查询（互联网个人信用信息服务平台）
    kind: self
"""
)


def identity(account: Account) -> tuple[Any, ...]:
    """What both formats print for every account: family, institution, opening date, state."""
    return (account.family, account.institution, account.opened, account.state)


@pytest.fixture(scope="module")
def both(tmp_path_factory: pytest.TempPathFactory) -> tuple[Report, Report]:
    folder: Path = tmp_path_factory.mktemp("cross")
    detailed.build(CASE, folder / "detailed.pdf")
    simple.build(CASE, folder / "simple.pdf")
    return parse_pdf(folder / "detailed.pdf"), parse_pdf(folder / "simple.pdf")


def test_each_rendering_is_read_by_its_own_parser(both: tuple[Report, Report]) -> None:
    """The 本人版 rendering parses as pboc-detailed and the 简版 one as pboc-simple."""
    full, short = both
    assert full.format is ReportFormat.DETAILED
    assert short.format is ReportFormat.SIMPLE
    assert full.warnings == () and short.warnings == ()


def test_same_accounts_in_both_formats(both: tuple[Report, Report]) -> None:
    """Family, institution, opening date and state agree account by account."""
    full, short = both
    assert len(full.accounts) == len(CASE["accounts"])
    assert sorted(map(identity, full.accounts), key=repr) == sorted(
        map(identity, short.accounts), key=repr
    )


def test_values_both_formats_print_agree(both: tuple[Report, Report]) -> None:
    """Where the 简版 prints a value (limit, balance, used, due) it equals the 本人版's."""
    full, short = both
    by_identity = {identity(a): a for a in full.accounts}
    compared = 0
    for account in short.accounts:
        other = by_identity[identity(account)]
        for name in ("amount", "balance", "used", "due"):
            value = getattr(account, name)
            if value is not None and getattr(other, name) is not None:
                assert value == getattr(other, name), (account.institution, name)
                compared += 1
    assert compared >= 8


def test_header_agrees(both: tuple[Report, Report]) -> None:
    """Report number, time, name and masked ID read the same from both formats."""
    full, short = both
    for name in ("number", "generated_at", "subject_name", "id_type", "id_number"):
        assert getattr(full, name) == getattr(short, name), name


def test_queries_agree(both: tuple[Report, Report]) -> None:
    """Both formats list the same queries (date, institution, reason, kind)."""
    full, short = both
    assert sorted(full.queries, key=repr) == sorted(short.queries, key=repr)


def test_finding_ids_do_not_depend_on_the_format(both: tuple[Report, Report]) -> None:
    """The same report's own findings carry the same ids read from either format."""
    full, short = both
    by_format = [
        sorted((f.id, f.code.value, f.institution) for f in compare(None, report).findings)
        for report in (full, short)
    ]
    assert by_format[0], "the case has paid-off open lines, so there are findings"
    assert by_format[0] == by_format[1]
