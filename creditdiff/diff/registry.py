"""Every finding code in one record: severity, sort position, rule and label.

``FINDINGS`` lists the codes in sort order (the order findings of one severity and one
institution are printed in). Each record names the rule that produces the code and the
one label the terminal and the action PDF both print for it. The explanation and the
checklist of the PDF stay in ``templates/findings/<code>.yaml``, keyed by the code.

Severities: something the person asked for or did not expect and that a lender still
reports against them is ``high`` (closure_not_reflected, reappeared, status_worsened); a
report that was not read completely is ``high`` too (incomplete_read), and so is an account
delinquent now (overdue_now); a line or query to clean up, an overdue month still shown in
the 5-year repayment record, or more approval queries than the limits allow is ``medium``
(settled_not_closed, post_closure_query, new_hard_inquiry, negative_record,
query_pressure); a new account is ``low`` (usually the person's own doing); good news kept
as evidence is ``info`` (closed, paid_off, removed).

Adding a code: a member of ``FindingCode``, its rule, a record here, its template and
its tests.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from creditdiff.diff import rules
from creditdiff.diff.context import Rule
from creditdiff.diff.rules_read import incomplete_read
from creditdiff.diff.rules_single import negative_record, overdue_now_rule, query_pressure, removed
from creditdiff.model import FindingCode, Severity


@dataclass(frozen=True)
class FindingSpec:
    """What the program knows about one finding code."""

    code: FindingCode
    severity: Severity
    rule: Rule
    #: Printed by the terminal and as the PDF's heading of the finding.
    label: str


FINDINGS: tuple[FindingSpec, ...] = (
    FindingSpec(
        FindingCode.SETTLED_NOT_CLOSED, Severity.MEDIUM, rules.settled_not_closed, "已还清未销户"
    ),
    FindingSpec(FindingCode.REAPPEARED, Severity.HIGH, rules.reappeared, "已结清后又出现"),
    FindingSpec(
        FindingCode.CLOSURE_NOT_REFLECTED,
        Severity.HIGH,
        rules.closure_not_reflected,
        "已申请注销但报告未体现",
    ),
    FindingSpec(FindingCode.NEW_ACCOUNT, Severity.LOW, rules.new_account, "新增账户"),
    FindingSpec(
        FindingCode.POST_CLOSURE_QUERY,
        Severity.MEDIUM,
        rules.post_closure_query,
        "无账户后仍有贷后管理查询",
    ),
    FindingSpec(
        FindingCode.NEW_HARD_INQUIRY, Severity.MEDIUM, rules.new_hard_inquiry, "新的审批类查询"
    ),
    FindingSpec(FindingCode.STATUS_WORSENED, Severity.HIGH, rules.status_worsened, "账户状况变差"),
    FindingSpec(FindingCode.CLOSED, Severity.INFO, rules.closed, "已结清或销户"),
    FindingSpec(FindingCode.PAID_OFF, Severity.INFO, rules.paid_off, "欠款已还清"),
    FindingSpec(FindingCode.INCOMPLETE_READ, Severity.HIGH, incomplete_read, "报告未完整读取"),
    FindingSpec(FindingCode.OVERDUE_NOW, Severity.HIGH, overdue_now_rule, "当前有逾期"),
    FindingSpec(FindingCode.NEGATIVE_RECORD, Severity.MEDIUM, negative_record, "近5年有逾期记录"),
    FindingSpec(FindingCode.QUERY_PRESSURE, Severity.MEDIUM, query_pressure, "近期审批查询过多"),
    FindingSpec(FindingCode.REMOVED, Severity.INFO, removed, "记录已不再展示（好消息）"),
)

SPECS: Mapping[FindingCode, FindingSpec] = {spec.code: spec for spec in FINDINGS}
#: Sort position of each code among findings of one severity and one institution.
POSITION: Mapping[FindingCode, int] = {spec.code: k for k, spec in enumerate(FINDINGS)}
LABELS: Mapping[FindingCode, str] = {spec.code: spec.label for spec in FINDINGS}
#: Severity names, printed by the terminal and the action PDF alike.
SEVERITY_LABELS: Mapping[Severity, str] = {
    Severity.HIGH: "高",
    Severity.MEDIUM: "中",
    Severity.LOW: "低",
    Severity.INFO: "提示",
}


def label(code: FindingCode) -> str:
    """The one label of a finding code."""
    return SPECS[code].label


__all__ = ["FINDINGS", "LABELS", "POSITION", "SEVERITY_LABELS", "SPECS", "FindingSpec", "label"]
