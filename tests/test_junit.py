"""JUnit XML: one test case per finding, failures for counted ones, skips for the rest."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from _checkdata import comparison, finding

from creditdiff.check import Baseline, BaselineEntry, check, to_junit
from creditdiff.model import FindingCode, Severity

TODAY = dt.date(2024, 6, 1)


def _parsed(text: str) -> ET.Element:
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(text.encode("utf-8"))


def test_one_testcase_per_finding_with_failure_or_skip() -> None:
    """Counted findings are failures; accepted and below-threshold ones are skipped."""
    current = comparison(
        finding("a1", Severity.HIGH),
        finding("b2", Severity.MEDIUM, FindingCode.POST_CLOSURE_QUERY),
        finding("c3", Severity.LOW, FindingCode.NEW_HARD_INQUIRY),
        finding("d4", Severity.INFO, FindingCode.CLOSED),
    )
    baseline = Baseline((BaselineEntry(id="b2", reason="已申请异议"),))
    root = _parsed(to_junit([check(current, Severity.MEDIUM, baseline, today=TODAY)]))
    suites = root.findall("testsuite")
    assert len(suites) == 1
    cases = suites[0].findall("testcase")
    assert len(cases) == 4
    by_id = {case.get("name", "").rsplit("[", 1)[1].rstrip("]"): case for case in cases}
    assert set(by_id) == {"a1", "b2", "c3", "d4"}
    assert by_id["a1"].find("failure") is not None
    assert by_id["a1"].find("failure").get("type") == "high"  # type: ignore[union-attr]
    accepted = by_id["b2"].find("skipped")
    assert accepted is not None and "已申请异议" in accepted.get("message", "")
    for below in ("c3", "d4"):
        skipped = by_id[below].find("skipped")
        assert skipped is not None and "below the threshold" in skipped.get("message", "")
        assert by_id[below].find("failure") is None
    assert by_id["b2"].get("classname") == "creditdiff.post_closure_query"
    assert suites[0].get("tests") == "4"
    assert suites[0].get("failures") == "1"
    assert suites[0].get("skipped") == "3"
    assert root.get("failures") == "1"


def test_threshold_changes_failures() -> None:
    """With --fail-on low, a low finding becomes a failure too."""
    current = comparison(finding("a1", Severity.HIGH), finding("c3", Severity.LOW))
    root = _parsed(to_junit([check(current, Severity.LOW, None, today=TODAY)]))
    assert len(root.findall(".//testcase/failure")) == 2
    assert root.findall(".//testcase/skipped") == []


def test_no_findings_gives_an_empty_passing_suite() -> None:
    """A clean comparison is a suite with no test cases and no failures."""
    root = _parsed(to_junit([check(comparison(), Severity.MEDIUM, None, today=TODAY)]))
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "0" and suite.get("failures") == "0"
    assert suite.findall("testcase") == []


def test_markup_characters_are_escaped() -> None:
    """Institution names with XML markup characters still give well-formed XML."""
    odd = finding("a1", institution='示例<信托>&"合作"公司')
    root = _parsed(to_junit([check(comparison(odd), Severity.MEDIUM, None, today=TODAY)]))
    case = root.find(".//testcase")
    assert case is not None and case.get("name", "").startswith('示例<信托>&"合作"公司: ')


def test_several_pairs_are_several_suites() -> None:
    """Checking every pair (--all) gives one testsuite per pair and totals on the root."""
    first = check(comparison(finding("a1")), Severity.MEDIUM, None, today=TODAY)
    second = check(comparison(finding("b2"), finding("c3")), Severity.MEDIUM, None, today=TODAY)
    root = _parsed(to_junit([first, second]))
    assert [s.get("tests") for s in root.findall("testsuite")] == ["1", "2"]
    assert root.get("tests") == "3"
    assert root.get("failures") == "3"
