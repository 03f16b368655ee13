"""JUnit XML: one test case per finding, so any CI system lists them.

A counted finding (at/above the threshold, not accepted) is a ``<failure>``; an
accepted or below-threshold one is ``<skipped>`` with the reason, so it stays visible
without failing the build. Each checked pair of reports is one ``<testsuite>``.
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from creditdiff.check.verdict import CheckResult, Judged, Verdict
from creditdiff.model import Report
from creditdiff.output.findings import evidence_to_dict


def _label(report: Report | None) -> str:
    if report is None:
        return "(none)"
    when = "" if report.generated_at is None else f" {report.generated_at.date().isoformat()}"
    return f"{report.source or report.number or 'report'}{when}"


def suite_name(result: CheckResult) -> str:
    comparison = result.comparison
    return f"creditdiff check {_label(comparison.old)} -> {_label(comparison.new)}"


def _details(judged: Judged) -> str:
    finding = judged.finding
    lines = [
        finding.message,
        f"id: {finding.id}",
        f"severity: {finding.severity.value}",
        f"institution: {finding.institution}",
    ]
    if finding.account_id:
        lines.append(f"account: {finding.account_id}")
    if finding.evidence is not None:
        evidence = evidence_to_dict(finding.evidence)
        lines.append("evidence: " + json.dumps(evidence, ensure_ascii=False))
    return "\n".join(lines)


def _testcase(parent: ET.Element, judged: Judged, threshold: str) -> None:
    finding = judged.finding
    case = ET.SubElement(
        parent,
        "testcase",
        classname=f"creditdiff.{finding.code.value}",
        name=f"{finding.institution}: {finding.message} [{finding.id}]",
    )
    if judged.verdict is Verdict.COUNTED:
        failure = ET.SubElement(
            case, "failure", message=finding.message, type=finding.severity.value
        )
        failure.text = _details(judged)
    elif judged.verdict is Verdict.ACCEPTED:
        reason = judged.entry.reason if judged.entry is not None else ""
        ET.SubElement(case, "skipped", message=f"accepted in the baseline: {reason}")
    else:
        ET.SubElement(
            case,
            "skipped",
            message=f"below the threshold ({finding.severity.value} < {threshold})",
        )
    if judged.expired_entry and judged.entry is not None and judged.entry.expires is not None:
        ET.SubElement(
            case, "system-out"
        ).text = f"baseline acceptance expired after {judged.entry.expires.isoformat()}"


def junit_element(results: Sequence[CheckResult]) -> ET.Element:
    """The ``<testsuites>`` element for one or more checked pairs."""
    root = ET.Element("testsuites", name="creditdiff")
    totals = {"tests": 0, "failures": 0, "skipped": 0}
    for result in results:
        failures = len(result.with_verdict(Verdict.COUNTED))
        counts = {
            "tests": len(result.judged),
            "failures": failures,
            "skipped": len(result.judged) - failures,
        }
        suite = ET.SubElement(
            root,
            "testsuite",
            name=suite_name(result),
            tests=str(counts["tests"]),
            failures=str(counts["failures"]),
            errors="0",
            skipped=str(counts["skipped"]),
        )
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="fail_on", value=result.threshold.value)
        for judged in result.judged:
            _testcase(suite, judged, result.threshold.value)
        for key, value in counts.items():
            totals[key] += value
    for key, value in totals.items():
        root.set(key, str(value))
    root.set("errors", "0")
    return root


def to_junit(results: Sequence[CheckResult]) -> str:
    """JUnit XML text (UTF-8, with an XML declaration) for the checked pairs."""
    root = junit_element(results)
    ET.indent(root)
    body = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
