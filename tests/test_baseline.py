"""Baselines: accepted findings stop counting, expired ones count again, bad files fail clearly."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from _checkdata import comparison, finding

from creditdiff.check import (
    Baseline,
    BaselineEntry,
    BaselineError,
    Verdict,
    check,
    exit_code,
    load_baseline,
    write_baseline,
)
from creditdiff.model import Severity

TODAY = dt.date(2024, 6, 1)


def test_accepted_finding_does_not_count_but_is_listed() -> None:
    """A finding accepted by the baseline leaves the exit code at 0 and is judged accepted."""
    findings = (finding("a1", Severity.HIGH),)
    baseline = Baseline((BaselineEntry(id="a1", reason="waiting for the bank"),))
    assert exit_code(findings, Severity.MEDIUM, None, today=TODAY) == 1
    assert exit_code(findings, Severity.MEDIUM, baseline, today=TODAY) == 0
    result = check(comparison(*findings), Severity.MEDIUM, baseline, today=TODAY)
    assert [j.verdict for j in result.judged] == [Verdict.ACCEPTED]
    assert result.judged[0].entry is not None
    assert result.judged[0].entry.reason == "waiting for the bank"


def test_baseline_only_accepts_its_own_ids() -> None:
    """An unaccepted finding beside an accepted one still makes the check exit 1."""
    findings = (finding("a1"), finding("b2"))
    baseline = Baseline((BaselineEntry(id="a1", reason="ok"),))
    result = check(comparison(*findings), Severity.MEDIUM, baseline, today=TODAY)
    assert [j.verdict for j in result.judged] == [Verdict.ACCEPTED, Verdict.COUNTED]
    assert result.exit_code == 1


def test_expired_entry_counts_again() -> None:
    """An entry past its expires date no longer suppresses the finding."""
    findings = (finding("a1"),)
    expired = Baseline((BaselineEntry(id="a1", reason="ok", expires=dt.date(2024, 5, 31)),))
    assert exit_code(findings, Severity.MEDIUM, expired, today=TODAY) == 1
    judged = check(comparison(*findings), Severity.MEDIUM, expired, today=TODAY).judged[0]
    assert judged.verdict is Verdict.COUNTED
    assert judged.expired_entry


def test_entry_holds_through_its_expiry_day() -> None:
    """The expires date is the last day the acceptance holds."""
    findings = (finding("a1"),)
    baseline = Baseline((BaselineEntry(id="a1", reason="ok", expires=TODAY),))
    assert exit_code(findings, Severity.MEDIUM, baseline, today=TODAY) == 0
    later = TODAY + dt.timedelta(days=1)
    assert exit_code(findings, Severity.MEDIUM, baseline, today=later) == 1


def test_load_yaml_baseline_with_unquoted_date(tmp_path: Path) -> None:
    """A hand-written YAML baseline with an unquoted expires date is read."""
    path = tmp_path / "baseline.yaml"
    path.write_text(
        "accepted:\n  - id: a1\n    reason: 已申请注销\n    expires: 2025-06-01\n  - id: b2\n"
        "    reason: 已确认\n",
        encoding="utf-8",
    )
    baseline = load_baseline(path)
    assert [e.id for e in baseline.entries] == ["a1", "b2"]
    assert baseline.entries[0].expires == dt.date(2025, 6, 1)
    assert baseline.entries[1].expires is None


def test_load_json_baseline(tmp_path: Path) -> None:
    """A JSON baseline (with a string date) is read as well as YAML."""
    path = tmp_path / "baseline.json"
    document = {"accepted": [{"id": "a1", "reason": "ok", "expires": "2025-01-31"}]}
    path.write_text(json.dumps(document), encoding="utf-8")
    assert load_baseline(path).entries == (
        BaselineEntry(id="a1", reason="ok", expires=dt.date(2025, 1, 31)),
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("accepted: [\n", "not valid YAML"),
        ("- a1\n- b2\n", "'accepted' list"),
        ("accepted:\n  - reason: ok\n", "entry 1 has no 'id'"),
        ("accepted:\n  - id: a1\n", "entry 1 has no 'reason'"),
        ("accepted:\n  - id: a1\n    reason: ok\n    expires: 2025-13-45\n", "impossible date"),
        ("accepted:\n  - id: a1\n    reason: ok\n    expires: soon\n", "not a date"),
        ("accepted:\n  - id: a1\n    reason: ok\n  - id: a1\n    reason: x\n", "repeats an id"),
        ("accepted:\n  - just-a-string\n", "not a mapping"),
    ],
)
def test_malformed_baseline_names_the_file(tmp_path: Path, text: str, problem: str) -> None:
    """A malformed baseline raises BaselineError naming the file and the problem."""
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(BaselineError) as raised:
        load_baseline(path)
    assert str(path) in str(raised.value)
    assert problem in str(raised.value)


def test_missing_baseline_is_an_error(tmp_path: Path) -> None:
    """A baseline path that does not exist is an error, not an empty baseline."""
    with pytest.raises(BaselineError, match="no such baseline file"):
        load_baseline(tmp_path / "absent.yaml")


@pytest.mark.parametrize("name", ["baseline.yaml", "baseline.json"])
def test_write_baseline_round_trip(tmp_path: Path, name: str) -> None:
    """write_baseline accepts every current finding, and the file reads back the same."""
    current = comparison(finding("a1"), finding("b2", Severity.LOW))
    path = tmp_path / name
    written = write_baseline(current, path, "checked by phone", expires=dt.date(2025, 1, 1))
    loaded = load_baseline(path)
    assert [e.id for e in loaded.entries] == ["a1", "b2"]
    assert {e.reason for e in loaded.entries} == {"checked by phone"}
    assert loaded.entries == written.entries
    assert check(current, Severity.INFO, loaded, today=TODAY).exit_code == 0


def test_write_baseline_keeps_existing_entries(tmp_path: Path) -> None:
    """Baselining again keeps earlier reasons and adds only the new findings."""
    path = tmp_path / "baseline.yaml"
    write_baseline(comparison(finding("a1")), path, "first reason")
    write_baseline(comparison(finding("a1"), finding("c3")), path, "second reason")
    entries = load_baseline(path).entries
    assert [(e.id, e.reason) for e in entries] == [("a1", "first reason"), ("c3", "second reason")]
