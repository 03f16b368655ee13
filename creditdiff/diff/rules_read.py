"""The ``incomplete_read`` rule: a report that was not read completely is never "all clear".

Every parse warning says that something the report prints (an account, a sentence, a
table row, a value) could not be read, or that the parsed counts disagree with the
report's own 信息概要. Either way the findings of that report may be missing something,
so the report itself becomes a high finding that names the warnings. Warnings that say
only how a page was read, and lose nothing, start with one of ``INFORMATIONAL`` and do
not count.
"""

from __future__ import annotations

from collections.abc import Iterator

from creditdiff.diff.context import Context, report_finding
from creditdiff.evidence import ReadEvidence
from creditdiff.model import Finding, FindingCode, Report, Settings

#: Prefixes of warnings that report how a page was read without anything being lost.
INFORMATIONAL: tuple[str, ...] = ("读取方式：",)


def lost_warnings(report: Report) -> list[str]:
    """The report's warnings that mean part of it was not read (or counts disagree)."""
    return [w for w in report.warnings if not w.startswith(INFORMATIONAL)]


def _finding(report: Report, role: str) -> Finding | None:
    lost = lost_warnings(report)
    if not lost:
        return None
    label = "较新报告" if role == "newer" else "较早报告"
    name = report.source or label
    return report_finding(
        FindingCode.INCOMPLETE_READ,
        report,
        f"{label}（{name}）有 {len(lost)} 处内容未能读取或与报告自身的汇总不符，"
        "结果可能不完整：请对照原报告逐项核对",
        ReadEvidence(role, report.source, tuple(lost)),
    )


def incomplete_read(ctx: Context, settings: Settings) -> Iterator[Finding]:
    """One finding per report (older and newer) whose parse left warnings."""
    for report, role in ((ctx.old, "older"), (ctx.new, "newer")):
        if report is not None:
            finding = _finding(report, role)
            if finding is not None:
                yield finding
