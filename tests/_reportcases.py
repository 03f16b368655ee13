"""Report cases for the check tests, written as generated PDFs or as parse JSON.

The same fictitious person 测试甲 in three reports: ``older`` (a card in use, a loan
being repaid), ``newer`` (the card paid off but still open: settled_not_closed, medium;
a new consumer loan: new_account, low) and ``clean`` (the card closed: only good news).
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from fixtures.generator import detailed, simple

PERSON = {"name": "测试甲", "id_type": "身份证", "id_number": "110101199001011234"}

CARD = {
    "family": "credit_card",
    "institution": "示例银行股份有限公司信用卡中心",
    "account_id": "E10053310H0002B",
    "opened": "2019-03-15",
    "currency": "人民币元",
    "amount": 30000,
    "business_type": "贷记卡",
    "status": "正常",
    "balance": 1800,
    "used": 1800,
    "overdue_amount": 0,
}

LOAN = {
    "family": "non_revolving_loan",
    "institution": "示例住房储蓄银行股份有限公司",
    "account_id": "A87654321",
    "opened": "2018-07-12",
    "due": "2048-07-12",
    "currency": "人民币元",
    "amount": 900000,
    "business_type": "个人住房商业贷款",
    "status": "正常",
    "classification": "正常",
    "balance": 712345,
    "overdue_amount": 0,
}

NEW_LOAN = {
    "family": "non_revolving_loan",
    "institution": "示例消费金融有限公司",
    "account_id": "N20240101X",
    "opened": "2024-01-20",
    "due": "2025-01-20",
    "currency": "人民币元",
    "amount": 5000,
    "business_type": "其他个人消费贷款",
    "status": "正常",
    "classification": "正常",
    "balance": 3000,
    "overdue_amount": 0,
}


def _case(number: str, when: str, accounts: list[dict[str, Any]]) -> dict[str, Any]:
    as_of = when[:10]
    dated = []
    for account in accounts:
        account = copy.deepcopy(account)
        if account.get("status") == "正常":
            account.setdefault("as_of", as_of)
        dated.append(account)
    return {
        "person": dict(PERSON),
        "report": {"number": number, "generated_at": when},
        # The built-in CID font: these reports test checking, not fonts, and need no install.
        "layout": {"font": "cid"},
        "accounts": dated,
        "queries": [],
    }


def older(
    number: str = "2023113009000012345678", when: str = "2023-11-30T09:00:00"
) -> dict[str, Any]:
    return _case(number, when, [LOAN, CARD])


def newer(
    number: str = "2024053110121345678901", when: str = "2024-05-31T10:12:13"
) -> dict[str, Any]:
    paid_card = {**CARD, "balance": 0, "used": 0}
    return _case(number, when, [LOAN, NEW_LOAN, paid_card])


def clean(
    number: str = "2024053110121345678901", when: str = "2024-05-31T10:12:13"
) -> dict[str, Any]:
    closed_card = {
        key: value
        for key, value in CARD.items()
        if key not in ("balance", "used", "overdue_amount")
    }
    closed_card.update(status="销户", closed_on="2024-03-01")
    return _case(number, when, [LOAN, closed_card])


def write(case: dict[str, Any], path: Path, kind: str = "detailed") -> Path:
    """Draw the case as a PDF (``kind`` detailed: 本人版, simple: 简版), or (``.json``)
    write the 本人版 parse JSON it stands for."""
    if path.suffix == ".pdf":
        (simple if kind == "simple" else detailed).build(case, path)
    else:
        scratch = path.with_name(f".{path.stem}.scratch.pdf")
        expected = detailed.build(case, scratch)
        scratch.unlink()
        path.write_text(json.dumps(expected, ensure_ascii=False), encoding="utf-8")
    return path
