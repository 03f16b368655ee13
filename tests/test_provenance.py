"""The parse says how its text was obtained (report.source) and where each record was read."""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from conftest import FIXTURES

from creditdiff.diff.engine import compare
from creditdiff.model import Settings
from creditdiff.output.findings import finding_to_dict
from creditdiff.reports import parse_pdf
from creditdiff.serialize import report_from_dict, report_to_dict, validate

SPLIT = FIXTURES / "detailed" / "split-across-pages.pdf"
ACROSS = FIXTURES / "simple" / "sentence-across-pages.pdf"


def test_text_reports_carry_their_source() -> None:
    """A text-layer parse records kind text, one file, every page read and no confidence."""
    for pdf in (SPLIT, ACROSS):
        expected = json.loads(pdf.with_suffix("").with_suffix(".expected.json").read_text("utf-8"))
        data = report_to_dict(parse_pdf(pdf))
        assert data["report"]["source"] == {
            "kind": "text",
            "files": 1,
            "pages": expected["report"]["source"]["pages"],
            "confidence": None,
        }
        assert data["report"]["source"]["pages"] >= 2


def test_records_on_later_pages_say_so() -> None:
    """Accounts and queries past page 1 carry the page the generator drew them on."""
    for pdf in (SPLIT, ACROSS):
        data = report_to_dict(parse_pdf(pdf))
        pages = [a["page"] for a in data["accounts"]] + [q["page"] for q in data["queries"]]
        assert all(isinstance(p, int) and p >= 1 for p in pages)
        assert max(pages) == data["report"]["source"]["pages"]
        # Both formats print accounts before queries, in page order.
        assert pages == sorted(pages)


def test_json_round_trip_keeps_source_and_pages() -> None:
    """A parse JSON read back gives the same JSON, source and pages included."""
    data = report_to_dict(parse_pdf(SPLIT))
    assert report_to_dict(report_from_dict(data)) == data


def test_json_without_the_new_keys_still_reads() -> None:
    """JSON written before source and page existed validates and reads with them null."""
    data: dict[str, Any] = report_to_dict(parse_pdf(ACROSS))
    del data["report"]["source"]
    for record in (*data["accounts"], *data["queries"]):
        del record["page"]
    validate(data, "report")
    again = report_to_dict(report_from_dict(data))
    assert again["report"]["source"] is None
    assert {a["page"] for a in again["accounts"]} == {None}


def test_pages_do_not_make_records_differ() -> None:
    """The same report read with every page shifted yields no findings of change."""
    report = parse_pdf(SPLIT)
    shifted = dataclasses.replace(
        report,
        accounts=tuple(dataclasses.replace(a, page=(a.page or 0) + 7) for a in report.accounts),
        queries=tuple(dataclasses.replace(q, page=(q.page or 0) + 7) for q in report.queries),
    )
    assert shifted.accounts == report.accounts and shifted.queries == report.queries
    plain = compare(report, report, Settings())
    moved = compare(report, shifted, Settings())
    assert [finding_to_dict(f) for f in moved.findings] == [
        finding_to_dict(f) for f in plain.findings
    ]
