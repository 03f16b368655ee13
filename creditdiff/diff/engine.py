"""``compare``: match two reports, compute changes, run every rule, order the findings."""

from __future__ import annotations

from dataclasses import replace

from creditdiff.diff.changes import account_changes, agreement_changes
from creditdiff.diff.identity import institution_key, stable_id
from creditdiff.diff.match import Matching, match_reports
from creditdiff.diff.registry import FINDINGS, POSITION
from creditdiff.diff.rules import Context, closure_notices
from creditdiff.model import Change, Comparison, Finding, Report, Settings


def finding_sort_key(finding: Finding) -> tuple[object, ...]:
    """Most severe first, then institution, then code (registry order), then account."""
    return (
        -finding.severity.rank,
        institution_key(finding.institution),
        finding.institution,
        POSITION[finding.code],
        "" if finding.opened is None else finding.opened.isoformat(),
        finding.account_id or "",
        finding.id,
    )


def _unique_ids(findings: list[Finding]) -> list[Finding]:
    """Two records identical in every identity field would share an id: number the rest."""
    seen: dict[str, int] = {}
    unique = []
    for finding in findings:
        count = seen.get(finding.id, 0)
        seen[finding.id] = count + 1
        if count:
            finding = replace(finding, id=stable_id(finding.id, (str(count + 1),)))
        unique.append(finding)
    return unique


def _changes(old: Report, new: Report, matching: Matching) -> list[Change]:
    cross = old.format != new.format
    changes: list[Change] = []
    for i, j in matching.accounts:
        changes.extend(account_changes(old.accounts[i], new.accounts[j], cross))
    for i, j in matching.agreements:
        changes.extend(agreement_changes(old.credit_agreements[i], new.credit_agreements[j], cross))
    return changes


def compare(old: Report | None, new: Report, settings: Settings | None = None) -> Comparison:
    """Compare an older report (or None: the newer report alone) with a newer one.

    The caller has put the reports in order (``compare_files`` does that by 报告时间).
    """
    settings = settings or Settings()
    matching = Matching() if old is None else match_reports(old, new)
    context = Context(old=old, new=new, matching=matching)
    findings = [finding for spec in FINDINGS for finding in spec.rule(context, settings)]
    findings = _unique_ids(sorted(findings, key=finding_sort_key))
    notices = [*matching.notices, *closure_notices(new, settings)]
    if (
        old is not None
        and old.generated_at
        and new.generated_at
        and old.generated_at > new.generated_at
    ):
        # compare() trusts its caller's order; compare_reports/compare_files sort first.
        notices.append("作为较早报告传入的报告，报告时间反而更晚；结果按传入顺序计算")
    if settings.closures and new.generated_at is None:
        notices.append("较新报告没有报告时间，无法判断关闭记录是否已超过宽限期")
    return Comparison(
        old=old,
        new=new,
        findings=tuple(findings),
        changes=() if old is None else tuple(_changes(old, new, matching)),
        notices=tuple(notices),
    )
