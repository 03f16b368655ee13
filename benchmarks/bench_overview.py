"""Overview benchmark (on demand): time ``creditdiff overview`` over a generated client tree.

    python benchmarks/bench_overview.py [--clients 30]

Builds the tree of tests/_clienttree.py (2-3 reports per client, generic names, one mixed
folder, per-client closure logs) into ``benchmarks/out/clients/``, then times
``creditdiff overview DIR -o overview.csv`` and ``-o overview.xlsx`` (all cores).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests._clienttree import build_tree  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--clients", type=int, default=30)
    args = parser.parse_args()
    out = ROOT / "benchmarks" / "out" / "clients"
    shutil.rmtree(out, ignore_errors=True)
    clients = build_tree(out / "tree", args.clients)
    reports = sum(len(c.files) for c in clients)
    print(f"{len(clients)} clients, {reports} reports, {os.cpu_count()} cores")
    for suffix in ("csv", "xlsx"):
        target = out / f"overview.{suffix}"
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "creditdiff", "overview", str(out / "tree"), "-o", str(target)],
            check=True,
        )
        print(f"overview .{suffix}: {time.perf_counter() - start:.1f} s")


if __name__ == "__main__":
    main()
