"""End to end: generated report pairs give exactly the findings their scenario was built with.

Each pair under ``fixtures/cases/pairs/`` carries a hand-written
``expected-findings.json``. The PDFs (``fixtures/pairs/``, ``fixtures/demo/``) are parsed
and diffed; the same pairs are also diffed from the generators' expected parse JSON, so a
parser regression and an engine regression show up as different failures.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.diff import load_closures
from creditdiff.model import Comparison, Settings
from creditdiff.output.diff import comparison_to_dict
from creditdiff.reports import compare_files, compare_reports, read_report
from creditdiff.serialize import report_from_dict, report_to_dict, validate
from fixtures.generator.pairs import PairFiles, all_pairs, build_side

PAIRS = all_pairs()
KEYS = ("code", "institution", "family", "account_id", "opened")


def projected(comparison: Comparison) -> Counter[tuple[Any, ...]]:
    """Findings reduced to what the expected lists state (queries add their date)."""
    found = []
    for finding in comparison_to_dict(comparison)["findings"]:
        query = finding["evidence"].get("query")
        found.append((*(finding[k] for k in KEYS), query["date"] if query else None))
    return Counter(found)


def expected(pair: PairFiles) -> Counter[tuple[Any, ...]]:
    rows = json.loads((pair.case_dir / "expected-findings.json").read_text("utf-8"))
    return Counter((*(row[k] for k in KEYS), row.get("date")) for row in rows)


def settings_of(pair: PairFiles) -> Settings:
    closures = pair.case_dir / "closures.csv"
    return Settings(closures=load_closures(closures) if closures.is_file() else ())


def test_pairs_include_a_simple_older_against_a_detailed_newer() -> None:
    """The e2e set covers a 本人版 compared with a 简版."""
    formats = {(p.case("old")["format"], p.case("new")["format"]) for p in PAIRS}
    assert ("simple", "detailed") in formats
    assert "demo" in {p.name for p in PAIRS}


@pytest.mark.slow
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_pair_from_generator_json_gives_expected_findings(pair: PairFiles, tmp_path: Path) -> None:
    """Diffing the generators' expected parses finds exactly the designed findings."""
    old = report_from_dict(build_side(pair.case("old"), tmp_path / "old.pdf"), "old.pdf")
    new = report_from_dict(build_side(pair.case("new"), tmp_path / "new.pdf"), "new.pdf")
    comparison = compare_reports(new, old, settings_of(pair))
    assert projected(comparison) == expected(pair)


@pytest.mark.slow
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_pair_pdfs_give_expected_findings(pair: PairFiles) -> None:
    """Parsing and diffing the checked-in pair PDFs finds exactly the designed findings."""
    comparison = compare_files(pair.old, pair.new, settings_of(pair))
    validate(comparison_to_dict(comparison), "diff")
    assert comparison.notices == ()
    assert projected(comparison) == expected(pair)


@pytest.mark.slow
def test_parse_json_stands_in_for_its_pdf(tmp_path: Path) -> None:
    """A report parsed once with ``creditdiff parse --json`` diffs exactly like its PDF."""
    demo = next(p for p in PAIRS if p.name == "demo")
    parsed = tmp_path / "older.json"
    result = CliRunner().invoke(app, ["parse", str(demo.old), "--json", "-o", str(parsed)])
    assert result.exit_code == 0, result.output
    settings = settings_of(demo)
    from_json = compare_files(parsed, demo.new, settings)
    from_pdf = compare_files(demo.old, demo.new, settings)
    assert from_json.findings == from_pdf.findings
    assert from_json.changes == from_pdf.changes


@pytest.mark.slow
@pytest.mark.parametrize("pair", PAIRS, ids=[p.name for p in PAIRS])
def test_committed_pair_pdfs_match_their_cases(pair: PairFiles, tmp_path: Path) -> None:
    """Each committed pair PDF parses to what its case file says (regenerate if not).

    Run ``python -m fixtures.generate pairs`` after editing a pair's case files.
    """
    for side, pdf in (("old", pair.old), ("new", pair.new)):
        designed = build_side(pair.case(side), tmp_path / f"{side}.pdf")
        assert report_to_dict(read_report(pdf)) == designed, f"{pair.name}/{side}"
