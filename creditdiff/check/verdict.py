"""Which findings fail a check: the threshold, the baseline and the exit code.

The exit code follows diff(1): 0 when no finding is counted, 1 when one is (2, usage or
input errors, is the CLI's business). A finding is counted when its severity is at or
above the threshold and no unexpired baseline entry accepts it.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass

from creditdiff.check.baseline import Baseline, BaselineEntry
from creditdiff.errors import UsageError
from creditdiff.model import Comparison, Finding, Severity

DEFAULT_THRESHOLD = Severity.MEDIUM

EXIT_OK = 0
EXIT_FINDINGS = 1


class Verdict(str, enum.Enum):
    COUNTED = "counted"  # at or above the threshold and not accepted: fails the check
    ACCEPTED = "accepted"  # accepted by an unexpired baseline entry
    BELOW_THRESHOLD = "below_threshold"  # less severe than the threshold


@dataclass(frozen=True)
class Judged:
    """A finding with what the check made of it."""

    finding: Finding
    verdict: Verdict
    #: The baseline entry for this finding: the accepting one, or an expired one.
    entry: BaselineEntry | None = None

    @property
    def expired_entry(self) -> bool:
        return self.entry is not None and self.verdict is not Verdict.ACCEPTED


def parse_threshold(text: str) -> Severity:
    """A ``--fail-on`` value (high, medium, low, info) as a Severity."""
    try:
        return Severity(text.strip().lower())
    except ValueError:
        choices = ", ".join(s.value for s in Severity)
        raise UsageError(f"unknown severity {text!r} (choose from {choices})") from None


def at_or_above(finding: Finding, threshold: Severity) -> bool:
    return finding.severity.rank >= threshold.rank


def judge(
    findings: Iterable[Finding],
    threshold: Severity = DEFAULT_THRESHOLD,
    baseline: Baseline | None = None,
    *,
    today: dt.date | None = None,
) -> tuple[Judged, ...]:
    """Each finding with its verdict, in the order given."""
    day = today or dt.date.today()
    judged = []
    for finding in findings:
        entry = baseline.entry(finding.id) if baseline is not None else None
        if entry is not None and not entry.expired(day):
            verdict = Verdict.ACCEPTED
        elif at_or_above(finding, threshold):
            verdict = Verdict.COUNTED
        else:
            verdict = Verdict.BELOW_THRESHOLD
        judged.append(Judged(finding, verdict, entry))
    return tuple(judged)


def exit_code(
    findings: Iterable[Finding],
    threshold: Severity = DEFAULT_THRESHOLD,
    baseline: Baseline | None = None,
    *,
    today: dt.date | None = None,
) -> int:
    """1 when any finding is counted (at/above the threshold, not accepted), else 0."""
    judged = judge(findings, threshold, baseline, today=today)
    return EXIT_FINDINGS if any(j.verdict is Verdict.COUNTED for j in judged) else EXIT_OK


@dataclass(frozen=True)
class CheckResult:
    """One checked comparison: the findings judged against a threshold and a baseline."""

    comparison: Comparison
    threshold: Severity
    judged: tuple[Judged, ...]

    def with_verdict(self, verdict: Verdict) -> tuple[Judged, ...]:
        return tuple(j for j in self.judged if j.verdict is verdict)

    @property
    def exit_code(self) -> int:
        return EXIT_FINDINGS if self.with_verdict(Verdict.COUNTED) else EXIT_OK


def check(
    comparison: Comparison,
    threshold: Severity = DEFAULT_THRESHOLD,
    baseline: Baseline | None = None,
    *,
    today: dt.date | None = None,
) -> CheckResult:
    """Judge a comparison's findings."""
    judged = judge(comparison.findings, threshold, baseline, today=today)
    return CheckResult(comparison, threshold, judged)


def overall_exit_code(results: Iterable[CheckResult]) -> int:
    """The worst exit code of several checked pairs (``check --dir --all``)."""
    return max((result.exit_code for result in results), default=EXIT_OK)
