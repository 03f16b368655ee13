"""Hand-built findings and comparisons for the check tests (no PDFs, no diff engine)."""

from __future__ import annotations

import datetime as dt

from creditdiff.evidence import AccountEvidence, AccountSnapshot
from creditdiff.model import (
    Account,
    Comparison,
    Family,
    Finding,
    FindingCode,
    Report,
    ReportFormat,
    Severity,
)


def _card(used: int) -> AccountSnapshot:
    """A card snapshot that is open with ``used`` yuan used."""
    return AccountSnapshot.of(
        Account(Family.CREDIT_CARD, "示例银行股份有限公司", "1234", status="正常", used=used)
    )


def finding(
    finding_id: str,
    severity: Severity = Severity.HIGH,
    code: FindingCode = FindingCode.SETTLED_NOT_CLOSED,
    institution: str = "示例银行股份有限公司",
) -> Finding:
    return Finding(
        id=finding_id,
        code=code,
        severity=severity,
        institution=institution,
        message="贷记卡已还清但仍未销户",
        family=Family.CREDIT_CARD,
        account_id="1234",
        evidence=AccountEvidence(old=_card(500), new=_card(0)),
    )


def report(number: str, when: str, source: str) -> Report:
    return Report(
        format=ReportFormat.DETAILED,
        number=number,
        generated_at=dt.datetime.fromisoformat(when),
        subject_name="测试甲",
        id_type="身份证",
        id_number="1101**********1234",
        source=source,
    )


def comparison(*findings: Finding) -> Comparison:
    return Comparison(
        old=report("2023113009000000000001", "2023-11-30T09:00:00", "older.pdf"),
        new=report("2024053110121345678901", "2024-05-31T10:12:13", "newer.pdf"),
        findings=findings,
    )
