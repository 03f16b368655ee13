"""Diff and report benchmark (on demand, not part of the test suite).

    .venv/bin/python benchmarks/bench_diff.py [--sizes 10,100,1000,5000] [--before REV]

Builds pairs of reports in memory from model records (no PDF parsing): N accounts at one
lender ("same", the quadratic case of matching) and N accounts at N/10 lenders
("distinct"), the newer report with balances moved, some accounts paid off, settled or
closed, a few new accounts, new queries and a closure log. For each size it times, in
one run:

- matching with the indexed matcher and, as the baseline, scoring every pair
  (``match_reports(indexed=False)``, skipped above ``--exhaustive-max`` accounts);
- ``compare`` plus ``comparison_to_dict`` (diff) and ``write_action_report`` (report);
- with ``--before REV``: the same diff and report timed on the code of git revision REV
  (exported with ``git archive`` and run in a child process), up to ``--before-max``.

It prints one table and the growth factor of each time per 10x accounts (1.0x per 10x
accounts would be constant time, 10x linear, 100x quadratic).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BANKS = ("示例银行股份有限公司", "样例商业银行股份有限公司信用卡中心", "测试消费金融有限公司")
OLD_TIME = dt.datetime(2024, 1, 31, 10, 0, 0)
NEW_TIME = dt.datetime(2024, 7, 31, 10, 0, 0)


def lender(n: int, accounts: int, shape: str) -> str:
    if shape == "same":
        return BANKS[0]
    return f"示例第{n % max(1, accounts // 10)}号银行股份有限公司"


def build_pair(accounts: int, shape: str) -> tuple[Any, Any, Any]:
    """An older and a newer Report of ``accounts`` accounts each, and Settings."""
    from creditdiff.model import (
        Account,
        ClosureRequest,
        Family,
        Query,
        QueryKind,
        Report,
        ReportFormat,
        Settings,
    )

    families = (Family.CREDIT_CARD, Family.NON_REVOLVING_LOAN, Family.REVOLVING_LOAN)
    old, new, queries = [], [], []
    for n in range(accounts):
        family = families[n % 3]
        opened = dt.date(2010, 1, 1) + dt.timedelta(days=(n * 7) % 4000)
        base = Account(
            family=family,
            institution=lender(n, accounts, shape),
            account_id=f"D{n:08d}",
            opened=opened,
            currency="人民币元",
            amount=10000 + n,
            status="正常",
            balance=1000 + n,
            used=500 if family is Family.CREDIT_CARD else None,
            as_of=dt.date(2024, 1, 15),
        )
        old.append(base)
        kind = n % 10
        if kind == 0:  # paid off and settled
            after = replace_account(base, status="结清", balance=0, used=0)
        elif kind == 1:  # balance moved
            after = replace_account(base, balance=(base.balance or 0) // 2)
        elif kind == 2:  # a card paid off, still open
            after = replace_account(base, balance=0, used=0)
        else:
            after = base
        new.append(replace_account(after, as_of=dt.date(2024, 7, 15)))
        if n % 50 == 0:
            queries.append(
                Query(
                    dt.date(2024, 5, 1),
                    lender(n, accounts, shape),
                    "贷款审批",
                    QueryKind.INSTITUTION,
                )
            )
    for n in range(max(1, accounts // 100)):
        new.append(
            Account(
                family=Family.CREDIT_CARD,
                institution=lender(n, accounts, shape),
                account_id=f"N{n:08d}",
                opened=dt.date(2024, 3, 1),
                currency="人民币元",
                amount=5000,
                status="正常",
                balance=0,
                used=0,
            )
        )
    closures = tuple(
        ClosureRequest(lender(n, accounts, shape), dt.date(2024, 2, 1), None, None, n + 2)
        for n in range(0, accounts, max(1, accounts // 5))
    )
    older = Report(ReportFormat.DETAILED, generated_at=OLD_TIME, accounts=tuple(old))
    newer = Report(
        ReportFormat.DETAILED, generated_at=NEW_TIME, accounts=tuple(new), queries=tuple(queries)
    )
    return older, newer, Settings(closures=closures)


def replace_account(account: Any, **changes: Any) -> Any:
    from dataclasses import replace

    return replace(account, **changes)


def seconds(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


_WARM: list[bool] = []


def diff_and_report(accounts: int, shape: str, report_too: bool = True) -> dict[str, float]:
    """CPU seconds of diff (compare + JSON) and of the action report, on this code."""
    from creditdiff.diff import compare
    from creditdiff.output.diff import comparison_to_dict
    from creditdiff.render.action_pdf import write_action_report

    if not _WARM:  # imports, fonts and templates are start-up, not per-size cost
        _WARM.append(True)
        diff_and_report(3, shape)
    old, new, settings = build_pair(accounts, shape)
    result: dict[str, Any] = {}
    diff = seconds(lambda: result.update(c=compare(old, new, settings), d=comparison_to_dict))
    diff += seconds(lambda: json.dumps(result["d"](result["c"]), ensure_ascii=False))
    times = {"diff": diff, "findings": float(len(result["c"].findings))}
    if report_too:
        with tempfile.TemporaryDirectory() as folder:
            output = Path(folder) / "action.pdf"
            times["report"] = seconds(
                lambda: write_action_report(result["c"], output, today=dt.date(2024, 8, 1))
            )
    return times


def matching(accounts: int, shape: str, exhaustive: bool) -> dict[str, float]:
    from creditdiff.diff.match import match_reports

    old, new, _ = build_pair(accounts, shape)
    times = {"match": seconds(lambda: match_reports(old, new))}
    if exhaustive:
        found: list[object] = []
        times["match_exhaustive"] = seconds(
            lambda: found.append(match_reports(old, new, indexed=False))
        )
        assert found[0] == match_reports(old, new), "matchers disagree"
    return times


def before(rev: str, accounts: int, shape: str, folder: Path) -> dict[str, float]:
    """diff_and_report on the code of git revision ``rev``, in a child process."""
    tree = folder / rev
    if not tree.exists():
        tree.mkdir(parents=True)
        archive = subprocess.run(
            ["git", "-C", str(ROOT), "archive", rev, "creditdiff", "templates"],
            check=True,
            capture_output=True,
        ).stdout
        subprocess.run(["tar", "-x", "-C", str(tree)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(tree)}
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(accounts), shape],
        check=True,
        capture_output=True,
        text=True,
        env=env,
    )
    return dict(json.loads(child.stdout))


def growth(rows: list[dict[str, Any]], shape: str, name: str, size: int) -> str:
    values = {r["accounts"]: r.get(name) for r in rows if r["shape"] == shape}
    now, earlier = values.get(size), values.get(size // 10)
    if now is None or not earlier:
        return ""
    return f"{now / earlier:.1f}x"


COLUMNS = (
    ("match", "match"),
    ("match_exhaustive", "match (every pair)"),
    ("diff", "diff"),
    ("report", "report"),
    ("total", "diff+report"),
    ("before_diff", "diff @REV"),
    ("before_report", "report @REV"),
    ("before_total", "diff+report @REV"),
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--shapes", default="same,distinct")
    parser.add_argument("--exhaustive-max", type=int, default=5000)
    parser.add_argument("--before", metavar="REV", help="also time this git revision")
    parser.add_argument("--before-max", type=int, default=1000)
    parser.add_argument("--report-max", type=int, default=5000, help="largest size to report")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.child:
        print(json.dumps(diff_and_report(int(options.child[0]), options.child[1])))
        return
    sys.path.insert(0, str(ROOT))
    sizes = [int(s) for s in options.sizes.split(",")]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory() as folder:
        for shape in options.shapes.split(","):
            for size in sizes:
                row: dict[str, Any] = {"shape": shape, "accounts": size}
                row.update(matching(size, shape, size <= options.exhaustive_max))
                row.update(diff_and_report(size, shape, size <= options.report_max))
                if "report" in row:
                    row["total"] = row["diff"] + row["report"]
                if options.before and size <= options.before_max:
                    old = before(options.before, size, shape, Path(folder))
                    row["before_diff"], row["before_report"] = old["diff"], old["report"]
                    row["before_total"] = old["diff"] + old["report"]
                rows.append(row)
                print(f"  done: {json.dumps(row)}", file=sys.stderr, flush=True)
    shown = [(key, label) for key, label in COLUMNS if any(key in r for r in rows)]
    print(f"CPU seconds (process time), one core; REV = {options.before or '-'}")
    header = ["lender", "accounts", "findings", *(label for _, label in shown)]
    print(" | ".join(header))
    print(" | ".join("---" for _ in header))
    for row in rows:
        cells = [row["shape"], str(row["accounts"]), str(int(row["findings"]))]
        for key, _ in shown:
            value = row.get(key)
            cell = "" if value is None else f"{value:.3f}"
            factor = growth(rows, row["shape"], key, row["accounts"])
            cells.append(f"{cell} ({factor})" if factor and cell else cell)
        print(" | ".join(cells))
    print("(N.Nx): growth against the row with 10x fewer accounts; 10x is linear")


if __name__ == "__main__":
    main()
