"""Small builders of Accounts, Queries and Reports for the diff tests (no PDFs)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    parse_partial_date,
)

BANK = "示例银行股份有限公司"
OTHER_BANK = "样例商业银行股份有限公司"
OLD_TIME = dt.datetime(2024, 1, 31, 10, 0, 0)
NEW_TIME = dt.datetime(2024, 7, 31, 10, 0, 0)

_DATE_FIELDS = ("opened", "due", "as_of", "closed_on")


def _dates(values: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    for name in names:
        if isinstance(values.get(name), str):
            values[name] = parse_partial_date(values[name])
    return values


def account(family: str = "credit_card", **fields: Any) -> Account:
    """An account with plausible defaults; dates may be given as ISO strings."""
    values: dict[str, Any] = {
        "institution": BANK,
        "opened": "2019-03-15",
        "status": "正常",
        "amount": 10000,
        "currency": "人民币元",
    }
    fam = Family(family)
    if fam.is_card:
        values.update(used=0, balance=0, business_type="贷记卡")
    else:
        values.update(balance=0, due="2030-01-01", business_type="其他个人消费贷款")
    values.update(fields)
    return Account(family=fam, **_dates(values, _DATE_FIELDS))


def agreement(**fields: Any) -> CreditAgreement:
    values: dict[str, Any] = {
        "institution": BANK,
        "agreement_id": "A0001",
        "effective": "2021-01-01",
        "due": "2030-01-01",
        "limit": 20000,
        "used": 0,
        "purpose": "循环贷款额度",
    }
    values.update(fields)
    return CreditAgreement(**_dates(values, ("effective", "due")))


def query(day: str, reason: str, institution: str = BANK, kind: str = "institution") -> Query:
    return Query(
        date=dt.date.fromisoformat(day),
        institution=institution,
        reason=reason,
        kind=QueryKind(kind),
    )


def report(
    accounts: tuple[Account, ...] | list[Account] = (),
    *,
    when: dt.datetime | None = NEW_TIME,
    fmt: str = "pboc-detailed",
    agreements: tuple[CreditAgreement, ...] | list[CreditAgreement] = (),
    queries: tuple[Query, ...] | list[Query] = (),
    name: str | None = "测试甲",
    id_number: str | None = "1101**********1234",
    source: str | None = None,
) -> Report:
    return Report(
        format=ReportFormat(fmt),
        number=None if when is None else when.strftime("%Y%m%d%H%M%S") + "00000000",
        generated_at=when,
        subject_name=name,
        id_type="身份证",
        id_number=id_number,
        accounts=tuple(accounts),
        credit_agreements=tuple(agreements),
        queries=tuple(queries),
        source=source,
    )


def old_report(accounts: tuple[Account, ...] | list[Account] = (), **kwargs: Any) -> Report:
    kwargs.setdefault("when", OLD_TIME)
    return report(accounts, **kwargs)
