"""Batch parse benchmark (on demand, not part of the test suite).

    /work/venv/bin/python benchmarks/bench_batch.py [--reports 20] [--accounts 24] [--kind simple]

Generates N 本人版 (or 简版) reports (copies of one multi-page case with their own report numbers
and times) into ``benchmarks/out/batch/``, then, in the same run, times:

1. ``creditdiff parse DIR --out-dir OUT`` (one process pool, ``os.cpu_count()`` workers);
2. the same command with ``--workers 1``: the same files parsed one after another in one
   process (the same start-up cost, one core), writing the same JSON files;
3. for context, a shell-style loop of N ``creditdiff parse FILE --json -o`` commands.

It checks that both ways wrote identical JSON and prints the times and the ratio.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "benchmarks" / "out" / "batch"
BIN = Path(sys.executable).parent

#: The case each generated report copies: the richest case file of each format.
BASE_CASES = {
    "detailed": ROOT / "fixtures" / "cases" / "detailed" / "all-families.yaml",
    "simple": ROOT / "fixtures" / "cases" / "simple" / "overdue-history-and-guarantees.yaml",
}


def make_case(index: int, accounts: int, kind: str = "detailed") -> dict[str, Any]:
    sys.path.insert(0, str(ROOT))
    from fixtures.generate import load_case

    base = load_case(BASE_CASES[kind])
    case = copy.deepcopy(base)
    month = 1 + index % 12
    day = 1 + index % 28
    case["report"] = {
        "number": f"2024{month:02d}{day:02d}0912{index:02d}00000000{index:02d}",
        "generated_at": f"2024-{month:02d}-{day:02d}T09:12:{index:02d}",
    }
    # Repeat the case's accounts (with distinct ids) to get a report of several pages.
    originals = [a for a in base["accounts"] if a["family"] != "recovered"]
    extra = []
    for n in range(max(0, accounts - len(base["accounts"]))):
        account = copy.deepcopy(originals[n % len(originals)])
        for key in ("account_id", "contract_id"):
            if account.get(key):
                account[key] = f"{account[key]}{n:03d}"
        extra.append(account)
    case["accounts"] = base["accounts"] + extra
    case.pop("summary_override", None)
    return case


def generate(count: int, accounts: int, kind: str) -> Path:
    from fixtures.generator import detailed, simple

    builder = simple if kind == "simple" else detailed
    reports = OUT / "reports"
    if reports.exists():
        shutil.rmtree(reports)
    reports.mkdir(parents=True)
    for index in range(count):
        builder.build(make_case(index, accounts, kind), reports / f"report-{index:02d}.pdf")
    return reports


#: CPU seconds (user + system) the children of each timed run used, by command kind.
CPU: dict[str, list[float]] = {}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str], label: str = "") -> float:
    """Wall time of one command; its CPU time goes to ``CPU[label]``."""
    cpu = _children_cpu()
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    CPU.setdefault(label, []).append(_children_cpu() - cpu)
    return wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=20)
    parser.add_argument("--accounts", type=int, default=24)
    parser.add_argument("--kind", choices=("detailed", "simple"), default="detailed")
    parser.add_argument(
        "--repeat", type=int, default=3, help="Best of N runs (the machine may be shared)."
    )
    options = parser.parse_args()

    reports = generate(options.reports, options.accounts, options.kind)
    pages = _pages(next(reports.glob("*.pdf")))
    batch_out, sequential_out = OUT / "json-batch", OUT / "json-sequential"
    loop_out = OUT / "json-loop"
    for folder in (batch_out, sequential_out, loop_out):
        shutil.rmtree(folder, ignore_errors=True)
    loop_out.mkdir(parents=True)

    creditdiff = str(BIN / "creditdiff")
    load = os.getloadavg()[0]
    batch_runs, sequential_runs = [], []
    serial = ["--workers", "1"]
    # Interleaved, so a burst of load elsewhere on the machine hits both ways alike.
    for _ in range(options.repeat):
        batch_runs.append(
            timed([creditdiff, "parse", str(reports), "--out-dir", str(batch_out)], "batch")
        )
        sequential_runs.append(
            timed(
                [creditdiff, "parse", str(reports), "--out-dir", str(sequential_out), *serial],
                "serial",
            )
        )
    batch, sequential = min(batch_runs), min(sequential_runs)
    start = time.perf_counter()
    for pdf in sorted(reports.glob("*.pdf")):
        subprocess.run(
            [creditdiff, "parse", str(pdf), "--json", "-o", str(loop_out / f"{pdf.stem}.json")],
            check=True,
            capture_output=True,
        )
    loop = time.perf_counter() - start

    for written in sorted(batch_out.glob("*.json")):
        other = sequential_out / written.name
        assert json.loads(written.read_text("utf-8")) == json.loads(other.read_text("utf-8"))
    assert len(list(batch_out.glob("*.json"))) == options.reports

    print(f"{options.reports} {options.kind} reports of {pages} pages, {os.cpu_count()} cores")
    print(f"best of {options.repeat}; load average before: {load:.2f}")
    print(f"batch   creditdiff parse DIR --out-dir OUT      {batch:7.2f} s  {_runs(batch_runs)}")
    print(
        f"serial  same, --workers 1 (one after another)   {sequential:7.2f} s  "
        f"{_runs(sequential_runs)}"
    )
    print(f"loop    {options.reports} x creditdiff parse FILE --json -o   {loop:7.2f} s")
    # CPU time over wall time: how many cores a run kept busy (a shared machine lowers it).
    for label, wall in (("batch", batch_runs), ("serial", sequential_runs)):
        cpu = CPU[label]
        print(
            f"{label:7} CPU s per run {_runs(cpu)}; cores kept busy "
            f"{_runs([c / w for c, w in zip(cpu, wall, strict=True)])}"
        )
    print(f"serial / batch = {sequential / batch:.2f}x   loop / batch = {loop / batch:.2f}x")


def _runs(runs: list[float]) -> str:
    return "(" + ", ".join(f"{r:.2f}" for r in runs) + ")"


def _pages(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as opened:
        return len(opened.pages)


if __name__ == "__main__":
    main()
