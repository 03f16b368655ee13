"""A checked comparison as contract JSON or as text for a person.

The JSON is the contract's diff document (``creditdiff diff --json``) plus what the
check adds: a ``verdict`` on every finding (``counted``, ``accepted``,
``below_threshold``), the accepting ``baseline_reason``, and a top-level ``check``
object with the threshold, the counts and the exit code.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from rich.console import Group, RenderableType
from rich.text import Text

from creditdiff.check.verdict import CheckResult, Judged, Verdict
from creditdiff.output.diff import comparison_to_dict
from creditdiff.output.terminal import (
    CODE_LABELS,
    SEVERITY_LABELS,
    SEVERITY_STYLES,
    render_comparison,
)


def check_to_dict(result: CheckResult) -> dict[str, Any]:
    """The contract diff JSON of the comparison, with the check's verdicts added."""
    document: dict[str, Any] = comparison_to_dict(result.comparison)
    by_position = zip(document["findings"], result.judged, strict=True)
    for finding, judged in by_position:
        # The diff serialiser lists findings in Comparison order; a mismatch is a bug.
        assert finding["id"] == judged.finding.id
        finding["verdict"] = judged.verdict.value
        if judged.entry is not None:
            finding["baseline_reason"] = judged.entry.reason
            finding["baseline_expires"] = (
                None if judged.entry.expires is None else judged.entry.expires.isoformat()
            )
    document["check"] = {
        "fail_on": result.threshold.value,
        "exit_code": result.exit_code,
        "counted": len(result.with_verdict(Verdict.COUNTED)),
        "accepted": len(result.with_verdict(Verdict.ACCEPTED)),
        "below_threshold": len(result.with_verdict(Verdict.BELOW_THRESHOLD)),
    }
    return document


def checks_to_json(results: Sequence[CheckResult], *, as_list: bool = False) -> Any:
    """One document for one pair; a list of documents (one per pair) for ``--all``."""
    documents = [check_to_dict(result) for result in results]
    return documents if as_list or len(documents) != 1 else documents[0]


def _accepted_line(judged: Judged) -> Text:
    finding = judged.finding
    line = Text("  ")
    line.append(f"[{SEVERITY_LABELS[finding.severity]}]", style=SEVERITY_STYLES[finding.severity])
    line.append(f" {CODE_LABELS[finding.code]}：", style="bold")
    line.append(finding.message)
    line.append(f"  ({finding.id})", style="dim")
    if judged.entry is not None:
        until = "" if judged.entry.expires is None else f"，有效至 {judged.entry.expires}"
        line.append(f"\n      已接受：{judged.entry.reason}{until}", style="green")
    return line


def _expired_line(judged: Judged) -> Text:
    assert judged.entry is not None
    return Text(
        f"  基线中的接受已于 {judged.entry.expires} 到期，重新计入：{judged.finding.id}",
        style="red",
    )


def render_text(result: CheckResult) -> RenderableType:
    """The diff's own terminal rendering of the findings not accepted, then the baseline's
    accepted findings with their reasons, then the check's verdict in one line."""
    accepted = result.with_verdict(Verdict.ACCEPTED)
    accepted_ids = {j.finding.id for j in accepted}
    shown = dataclasses.replace(
        result.comparison,
        findings=tuple(f for f in result.comparison.findings if f.id not in accepted_ids),
    )
    parts: list[RenderableType] = [render_comparison(shown)]
    if accepted:
        parts.append(Text(""))
        parts.append(Text(f"基线中已接受（不计入退出码）{len(accepted)} 项", style="bold"))
        parts.extend(_accepted_line(j) for j in accepted)
    expired = [j for j in result.judged if j.expired_entry]
    parts.extend(_expired_line(j) for j in expired)
    parts.append(verdict_line(result))
    return Group(*parts)


def verdict_line(result: CheckResult) -> Text:
    """One line: how many findings need action at the threshold, and the exit code."""
    counted = len(result.with_verdict(Verdict.COUNTED))
    accepted = len(result.with_verdict(Verdict.ACCEPTED))
    below = len(result.with_verdict(Verdict.BELOW_THRESHOLD))
    threshold = SEVERITY_LABELS[result.threshold]
    if counted:
        line = Text(f"检查结果：{counted} 项达到“{threshold}”及以上，需要处理", style="bold red")
    else:
        line = Text(f"检查结果：没有达到“{threshold}”及以上的待处理事项", style="bold green")
    line.append(f"（已接受 {accepted} 项，低于阈值 {below} 项；退出码 {result.exit_code}）")
    return line
