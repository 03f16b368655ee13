"""Readable findings for a terminal: grouped by institution, most severe first.

A pure function from a Comparison to rich renderables; rich prints colours in a
terminal and plain text when the output is piped or written to a file.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.text import Text

from creditdiff.diff.groups import group_by_institution
from creditdiff.diff.registry import LABELS
from creditdiff.diff.registry import SEVERITY_LABELS as SEVERITY_LABELS
from creditdiff.evidence import ReadEvidence
from creditdiff.model import Comparison, Finding, Report, ReportFormat, Severity
from creditdiff.output.account_tail import account_tail
from creditdiff.render.wrapping import Hanging

SEVERITY_STYLES = {
    Severity.HIGH: "bold red",
    Severity.MEDIUM: "yellow",
    Severity.LOW: "cyan",
    Severity.INFO: "green",
}
#: The registry's labels, shared with the action PDF.
CODE_LABELS = LABELS
FORMAT_LABELS = {ReportFormat.DETAILED: "本人版", ReportFormat.SIMPLE: "简版"}


def _report_line(label: str, report: Report) -> Text:
    when = (
        "报告时间未知"
        if report.generated_at is None
        else "报告时间 " + report.generated_at.isoformat(sep=" ", timespec="seconds")
    )
    name = report.source or "（未命名）"
    return Text(f"{label}：{name}（{when}，{FORMAT_LABELS[report.format]}）")


def _finding_line(finding: Finding) -> Hanging:
    line = Text("  ")
    label = SEVERITY_LABELS[finding.severity]
    line.append(f"[{label}]", style=SEVERITY_STYLES[finding.severity])
    line.append(f" {CODE_LABELS[finding.code]}：", style="bold")
    line.append(finding.message)
    tail = account_tail(finding)
    if tail:
        # Two cards of one lender read alike: the tail number and limit tell them apart.
        line.append(f"（{tail}）")
    line.append(f"  ({finding.id})", style="dim")
    if isinstance(finding.evidence, ReadEvidence):
        # Say which parts were not read, so the person knows what to check by hand.
        for warning in finding.evidence.warnings:
            line.append(f"\n      · {warning}")
    # Continuation lines start under the finding's text, past "  [高] ".
    return Hanging(line, indent=6)


def summary_line(comparison: Comparison) -> Text:
    counts = Counter(f.severity for f in comparison.findings)
    if not comparison.findings:
        text = Text("没有发现需要处理的事项。", style="green")
    else:
        parts = "，".join(f"{SEVERITY_LABELS[s]} {counts[s]}" for s in Severity if counts[s])
        text = Text(f"共 {len(comparison.findings)} 项发现：{parts}")
    if comparison.old is not None:
        text.append(f"；已匹配账户的字段变化 {len(comparison.changes)} 处")
    return text


def render_comparison(comparison: Comparison) -> RenderableType:
    """The whole diff as one rich renderable."""
    parts: list[RenderableType] = []
    if comparison.old is None:
        parts.append(_report_line("仅一份报告", comparison.new))
        parts.append(
            Text(
                "（只有一份报告：列出它自身可见的问题：当前逾期、逾期记录、查询过多、已还清未销户与关闭记录）"
            )
        )
    else:
        parts.append(_report_line("较早报告", comparison.old))
        parts.append(_report_line("较新报告", comparison.new))
    for notice in comparison.notices:
        parts.append(Text(f"注意：{notice}", style="magenta"))
    for institution, findings in group_by_institution(comparison.findings):
        parts.append(Text(""))
        parts.append(Text(institution or "整份报告", style="bold underline"))
        parts.extend(_finding_line(f) for f in findings)
    parts.append(Text(""))
    parts.append(summary_line(comparison))
    return Group(*parts)
