"""Start-up benchmark: import time of ``creditdiff --help`` and of a one-page parse.

    python benchmarks/bench_startup.py [--runs 9] [--before REV] [--pdf FILE]

Each case runs N times in a fresh ``python -X importtime -m creditdiff ...`` with the tree
on ``PYTHONPATH``, and prints the median of:

- imports: the sum of the top-level cumulative times ``-X importtime`` reports from the
  first ``creditdiff`` module on (everything the program imports, lazily loaded modules
  included; the interpreter's own start-up before it is left out);
- CPU: the child's user + system time (``resource.getrusage``), the figure to compare;
- wall: the child's wall-clock time (on a busy machine mostly says how busy it is).

The cases: ``--help``, ``parse --help`` and ``parse FILE --json`` (FILE a one-page text
PDF, the 简版 fixture ``no-credit-history.pdf`` by default). With ``--before REV`` the same
cases run on that revision, exported with ``git archive`` into a temporary folder, runs of
the two trees alternating so both see the same load.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONE_PAGE = ROOT / "fixtures" / "simple" / "no-credit-history.pdf"
#: ``import time: self | cumulative | name``, the name indented two spaces per level.
LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \| ( *)(\S+)")


@dataclass(frozen=True)
class Run:
    imports: float  # seconds
    cpu: float
    wall: float


def import_seconds(stderr: str) -> float:
    """Sum of the top-level cumulative import times from the first creditdiff module on."""
    total, started = 0, False
    for line in stderr.splitlines():
        match = LINE.match(line)
        if match is None or match.group(3):
            continue
        started = started or match.group(4).startswith("creditdiff")
        if started:
            total += int(match.group(2))
    if not started:
        raise SystemExit("no creditdiff import in the -X importtime output: " + stderr[-500:])
    return total / 1e6


def run_once(tree: Path, args: list[str]) -> Run:
    env = {**os.environ, "PYTHONPATH": str(tree), "LANG": "C.UTF-8"}
    env.pop("CREDITDIFF_READER", None)
    command = [sys.executable, "-X", "importtime", "-m", "creditdiff", *args]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=tree, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(
            f"{' '.join(args)} in {tree}: exit {done.returncode}\n{done.stderr[-800:]}"
        )
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(import_seconds(done.stderr), cpu, wall)


def export(rev: str, into: Path) -> Path:
    """The tree of ``rev`` (``git archive``), unpacked into ``into``."""
    archive = into / "tree.tar"
    with archive.open("wb") as out:
        subprocess.run(["git", "-C", str(ROOT), "archive", rev], stdout=out, check=True)
    tree = into / "tree"
    with tarfile.open(archive) as tar:
        tar.extractall(tree, filter="data")
    return tree


def check_tree(tree: Path) -> None:
    """Make sure ``creditdiff`` resolves to ``tree`` when it is on PYTHONPATH."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    code = "import creditdiff; print(creditdiff.__file__)"
    where = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tree, check=True
    ).stdout.strip()
    if not Path(where).resolve().is_relative_to(tree.resolve()):
        raise SystemExit(f"creditdiff imports from {where}, not from {tree}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--before", metavar="REV", help="also measure this git revision")
    parser.add_argument("--pdf", type=Path, default=ONE_PAGE, help="a one-page text PDF")
    options = parser.parse_args()
    cases = {
        "--help": ["--help"],
        "parse --help": ["parse", "--help"],
        "parse 1 page": ["parse", str(options.pdf.resolve()), "--json"],
    }
    with tempfile.TemporaryDirectory() as scratch:
        trees = {"now": ROOT}
        if options.before:
            trees = {options.before: export(options.before, Path(scratch)), **trees}
        for tree in trees.values():
            check_tree(tree)
            for args in cases.values():
                run_once(tree, args)  # warm: byte-compile, page cache
        runs: dict[tuple[str, str], list[Run]] = {}
        for _ in range(options.runs):
            for case, args in cases.items():
                for name, tree in trees.items():
                    runs.setdefault((name, case), []).append(run_once(tree, args))
    print(f"median of {options.runs} fresh processes; imports from -X importtime, CPU user+sys")
    print(f"{'tree':<14}{'case':<16}{'imports s':>10}{'CPU s':>9}{'wall s':>9}")
    for (name, case), found in runs.items():
        imports = statistics.median(run.imports for run in found)
        cpu = statistics.median(run.cpu for run in found)
        wall = statistics.median(run.wall for run in found)
        print(f"{name:<14}{case:<16}{imports:>10.3f}{cpu:>9.3f}{wall:>9.3f}")


if __name__ == "__main__":
    main()
