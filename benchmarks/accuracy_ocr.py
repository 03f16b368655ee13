"""Accuracy of OCR parses against the generator's expected JSON, per scan style.

    python benchmarks/accuracy_ocr.py [--styles scan-300,photo-folder] [--cases all-families]
        [--cache /tmp/ocr-cache] [--verbose]

Account recall: expected accounts matched (by family, opening date and amount, else by
position); field accuracy: equal fields over all fields of matched accounts; query recall:
expected queries found with the same date, institution and reason. A field read as
``null`` (low confidence, not confirmed) counts as wrong. One markdown table row per style,
with the pages read, the fields compared and the fields most often wrong; ``--cache``
reuses the engine's recognition of identical pixels from earlier runs (dev only: the
CPU column then says little).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from creditdiff.reports import read_report  # noqa: E402
from creditdiff.serialize import report_to_dict  # noqa: E402
from fixtures.generator.scan import STYLES, render_case  # noqa: E402

SKIP = {"page", "warnings"}
DEFAULT_CASES = (
    "all-families,split-across-pages,first-generation-2018,real-guarantees-and-numbering"
)


def _key(account: dict[str, Any]) -> tuple[Any, ...]:
    return (account.get("family"), account.get("opened"), account.get("account_id"))


def _history_diff(want: list[dict[str, Any]], have: list[dict[str, Any]]) -> str:
    """The months of a repayment history that differ, as ``2024-03 N->Z``."""
    before = {m["month"]: m for m in want}
    after = {m["month"]: m for m in have}
    changes = []
    for month in sorted(before.keys() | after.keys()):
        old, new = before.get(month), after.get(month)
        if old != new:
            old_text = "-" if old is None else f"{old['status']}/{old.get('overdue_amount')}"
            new_text = "-" if new is None else f"{new['status']}/{new.get('overdue_amount')}"
            changes.append(f"{month} {old_text}->{new_text}")
    return ", ".join(changes[:8]) + (f" (+{len(changes) - 8})" if len(changes) > 8 else "")


def _fields(expected: dict[str, Any], got: dict[str, Any]) -> tuple[int, int, list[str]]:
    total = same = 0
    wrong = []
    for name, value in expected.items():
        if name in SKIP:
            continue
        total += 1
        if got.get(name) == value:
            same += 1
        elif name == "history" and isinstance(value, list) and isinstance(got.get(name), list):
            wrong.append(f"history: {_history_diff(value, got[name])}")
        else:
            wrong.append(f"{name}: {value!r} -> {got.get(name)!r}")
    return same, total, wrong


def _query_keys(parse: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(q["date"], q["institution"], q["reason"]) for q in parse["queries"]]


def score(expected: dict[str, Any], got: dict[str, Any]) -> dict[str, Any]:
    """Recall and field accuracy of one parse."""
    want = expected["accounts"]
    have = list(got["accounts"])
    matched = same = total = 0
    wrong: list[str] = []
    for index, account in enumerate(want):
        found = next((a for a in have if _key(a) == _key(account)), None)
        if found is None and index < len(got["accounts"]):
            candidate = got["accounts"][index]
            if candidate.get("family") == account.get("family"):
                found = candidate
        if found is None:
            total += sum(1 for k in account if k not in SKIP)
            wrong.append(f"missing account {_key(account)}")
            continue
        if found in have:
            have.remove(found)
        matched += 1
        s, t, w = _fields(account, found)
        same, total = same + s, total + t
        wrong += w
    queries = set(_query_keys(got))
    want_q = _query_keys(expected)
    found_q = sum(1 for q in want_q if q in queries)
    return {
        "accounts": (matched, len(want)),
        "fields": (same, total),
        "queries": (found_q, len(want_q)),
        "wrong": wrong,
    }


def _wrong_fields(lines: list[str]) -> str:
    """The fields most often wrong, as ``name ×count``."""
    names = Counter(
        "missing account" if line.startswith("missing") else line.split(":")[0] for line in lines
    )
    return ", ".join(f"{name} ×{count}" for name, count in names.most_common(4)) or "—"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--styles", default=",".join(STYLES))
    parser.add_argument("--cases", default=DEFAULT_CASES)
    parser.add_argument("--cache", type=Path, help="reuse recognitions stored here (dev)")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    if args.cache is not None:
        from ocr_cache import install

        install(args.cache)
    print(
        "| style | accounts | field accuracy | queries | pages | fields | wrong fields | CPU s/p |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for style_name in args.styles.split(","):
        totals = {"accounts": [0, 0], "fields": [0, 0], "queries": [0, 0]}
        seconds = 0.0
        pages = 0
        wrong: list[str] = []
        for case in args.cases.split(","):
            pdf = ROOT / "fixtures" / "detailed" / f"{case}.pdf"
            if not pdf.exists():
                pdf = ROOT / "fixtures" / "simple" / f"{case}.pdf"
            expected = json.loads(pdf.with_suffix(".expected.json").read_text("utf-8"))
            with tempfile.TemporaryDirectory() as tmp:
                target = render_case(pdf, Path(tmp), STYLES[style_name])
                start = time.process_time()
                got = report_to_dict(read_report(target))
                seconds += time.process_time() - start
            pages += got["report"]["source"]["pages"]
            result = score(expected, got)
            for name in totals:
                totals[name][0] += result[name][0]
                totals[name][1] += result[name][1]
            wrong += result["wrong"]
            if args.verbose:
                missed = set(_query_keys(expected)) - set(_query_keys(got))
                lines = result["wrong"] + [f"query missing: {q}" for q in sorted(missed)]
                for line in lines + list(got["warnings"]):
                    print(f"  {style_name} {case}: {line}", flush=True)
        a, f, q = totals["accounts"], totals["fields"], totals["queries"]
        print(
            f"| {style_name} | {a[0]}/{a[1]} | {100 * f[0] / max(1, f[1]):.1f} % "
            f"| {q[0]}/{q[1]} | {pages} | {f[1]} | {_wrong_fields(wrong)} "
            f"| {seconds / max(1, pages):.1f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
