"""The report and diff JSON documents: text for ``parse --json`` and ``diff --json``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from creditdiff.model import Comparison, Report
from creditdiff.serialize import report_to_dict


def to_json_text(document: Any) -> str:
    """A JSON document as creditdiff writes it: UTF-8 text, indented, one final newline."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def report_json(report: Report) -> str:
    """``creditdiff parse --json`` of one report: the contract's report JSON."""
    return to_json_text(report_to_dict(report))


def reports_json(reports: Iterable[Report]) -> str:
    """``creditdiff parse --json`` of several reports: a list of report JSON."""
    return to_json_text([report_to_dict(report) for report in reports])


def diff_json(comparison: Comparison) -> str:
    """``creditdiff diff --json``: the contract's diff JSON."""
    # Imported here: a parse's JSON never needs the findings' wording and evidence.
    from creditdiff.output.diff import comparison_to_dict

    return to_json_text(comparison_to_dict(comparison))
