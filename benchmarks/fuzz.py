"""Fuzz ``creditdiff parse --json`` with mutated fixture PDFs (on demand, seeded).

    python benchmarks/fuzz.py --count 10000 --seed 1 --jobs 2 [--budget 10] [--until 02:30]

Mutant ``i`` of seed ``s`` is made from ``random.Random(f"{s}:{i}")``: a fixture PDF of
either format (``fixtures/detailed``, ``fixtures/simple``), a reader (pdfium or
pdfplumber) and a mutation (``fuzz_mutate.MUTATORS``: byte and bit flips, truncation,
stream damage, xref damage, hostile numbers in dictionaries, swapped object numbers,
damaged content-stream tokens, spliced hostile constructs). Each mutant is parsed by the
CLI in a child process (``fuzz_worker``) with ``CREDITDIFF_TIME_LIMIT`` set to the
budget and killed once it has computed for budget + ``--grace`` seconds of CPU (or waited
six times that in all: on a shared machine a child may wait for a core far longer than it
computes). A run is bad when it

- prints a traceback, dies by a signal, or exits with anything but 0 or 2;
- is killed at the cap (it went on beyond the tool's own budget);
- fails with anything but one ``creditdiff: error: <file>: ...`` line on stderr;
- succeeds with a stderr line that is not a parse warning, or with stdout that is not JSON;
- has a person's name or six digits of an ID number of the fixture cases in its stderr.

It prints the counts by outcome and by mutator and the commonest error messages, and
copies every bad mutant with its stderr to ``<scratch>/failing`` for reproduction:
``creditdiff parse --json --reader R <scratch>/failing/NAME.pdf``.
"""

from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fuzz_mutate import MUTATORS, leaks, secrets

ROOT = Path(__file__).resolve().parents[1]
READERS = ("pdfium", "pdfplumber")
BAD = (
    "traceback",
    "signal",
    "bad_exit",
    "hang",
    "extra_stderr",
    "noise_on_success",
    "bad_json",
    "leak",
)
#: What a parse warning line starts with, in either language.
_WARNING = ("警告：", "warning: ")
_ERROR = "creditdiff: error: "
#: Words of the budget errors (time, memory, inflate limit), in either language.
_BUDGET = ("longer than", "MB", "读取超过", "内存", "解压后超过")


def fixture_pdfs(root: Path = ROOT) -> list[Path]:
    """The generated fixture PDFs of both formats."""
    return sorted((root / "fixtures" / "detailed").glob("*.pdf")) + sorted(
        (root / "fixtures" / "simple").glob("*.pdf")
    )


@dataclass
class Mutant:
    index: int
    fixture: Path
    reader: str
    mutator: str
    data: bytes


def mutant(seed: int, index: int, pdfs: list[Path], mutators: list[str]) -> Mutant:
    """Mutant ``index`` of ``seed``: always the same bytes for the same fixtures."""
    rng = random.Random(f"{seed}:{index}")
    fixture = rng.choice(pdfs)
    reader = rng.choice(READERS)
    name = rng.choice(mutators)
    data = MUTATORS[name](rng, fixture.read_bytes())
    return Mutant(index, fixture, reader, name, data)


@dataclass
class Counts:
    """Outcomes of a fuzz run."""

    total: int = 0
    exits: collections.Counter[str] = field(default_factory=collections.Counter)
    bad: collections.Counter[str] = field(default_factory=collections.Counter)
    by_mutator: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )
    messages: collections.Counter[str] = field(default_factory=collections.Counter)
    budget_errors: int = 0
    max_seconds: float = 0.0
    max_cpu_seconds: float = 0.0
    max_peak_mb: float = 0.0
    failing: list[str] = field(default_factory=list)


def classify(
    result: dict[str, Any], stdout: str, stderr: str, path: Path, names: set[str], ids: set[str]
) -> tuple[list[str], str | None]:
    """The bad outcomes of one run, and its error message (path left out) if it failed."""
    bad: list[str] = []
    code = result["code"]
    lines = stderr.splitlines()
    if "Traceback" in stderr:
        bad.append("traceback")
    if result["killed"]:
        bad.append("hang")
    elif result["signal"] is not None:
        bad.append("signal")
    elif code not in (0, 2):
        bad.append("bad_exit")
    message = None
    if code != 0 and not result["killed"]:
        prefix = f"{_ERROR}{path}: "
        if len(lines) != 1 or not lines[0].startswith(prefix):
            bad.append("extra_stderr")
        else:
            message = lines[0][len(prefix) :]
    if code == 0:
        if any(not line.startswith(_WARNING) for line in lines):
            bad.append("noise_on_success")
        try:
            json.loads(stdout)
        except ValueError:
            bad.append("bad_json")
    if leaks(stderr.replace(str(path), "<file>"), names, ids):
        bad.append("leak")
    return bad, message


class Worker:
    """One fork server (``fuzz_worker.py``) and the requests sent to it."""

    def __init__(self) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(Path(__file__).with_name("fuzz_worker.py"))],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
        )

    def run(self, request: dict[str, Any]) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        answer: dict[str, Any] = json.loads(self.process.stdout.readline())
        return answer

    def close(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait()


def fuzz(
    count: int,
    seed: int,
    jobs: int = 1,
    budget: float = 10.0,
    grace: float = 10.0,
    scratch: Path = Path("/tmp/creditdiff-fuzz"),
    mutators: list[str] | None = None,
    until: datetime.datetime | None = None,
    progress: bool = False,
) -> Counts:
    """Parse ``count`` mutants on ``jobs`` fork servers and count the outcomes."""
    pdfs = fixture_pdfs()
    names, ids = secrets(ROOT / "fixtures" / "cases")
    chosen = mutators or sorted(MUTATORS)
    work, failing = scratch / "work", scratch / "failing"
    work.mkdir(parents=True, exist_ok=True)
    failing.mkdir(parents=True, exist_ok=True)
    counts = Counts()
    lock = threading.Lock()
    indices = iter(range(count))
    env = {"CREDITDIFF_TIME_LIMIT": f"{budget:g}"}

    def one(worker: Worker, index: int) -> None:
        m = mutant(seed, index, pdfs, chosen)
        stem = f"{index:06d}-{m.mutator}-{m.reader}-{m.fixture.stem}"
        path = work / f"{stem}.pdf"
        path.write_bytes(m.data)
        out, err = work / f"{stem}.out", work / f"{stem}.err"
        request: dict[str, Any] = {
            "args": ["parse", "--json", "--reader", m.reader, str(path)],
            "stdout": str(out),
            "stderr": str(err),
            "env": env,
            "cap": budget + grace,
            "wall_cap": 6 * (budget + grace),
        }
        result = worker.run(request)
        stdout = out.read_text(encoding="utf-8", errors="replace")
        stderr = err.read_text(encoding="utf-8", errors="replace")
        bad, message = classify(result, stdout, stderr, path, names, ids)
        with lock:
            counts.total += 1
            label = "killed" if result["killed"] else str(result["code"])
            if result["signal"] is not None and not result["killed"]:
                label = f"signal {result['signal']}"
            counts.exits[label] += 1
            row = counts.by_mutator[m.mutator]
            row["runs"] += 1
            row[f"exit {label}"] += 1
            if message is not None:
                counts.messages[message] += 1
                counts.budget_errors += any(word in message for word in _BUDGET)
            counts.max_seconds = max(counts.max_seconds, result["seconds"])
            counts.max_cpu_seconds = max(counts.max_cpu_seconds, result["cpu_seconds"])
            counts.max_peak_mb = max(counts.max_peak_mb, result["peak_mb"])
            for outcome in bad:
                counts.bad[outcome] += 1
                row[outcome] += 1
            if bad:
                counts.failing.append(stem)
            if counts.total % 100 == 0:
                (scratch / "table.txt").write_text(table(counts) + "\n", encoding="utf-8")
            if progress and counts.total % 200 == 0:
                print(f"{counts.total} runs, bad {dict(counts.bad)}", file=sys.stderr, flush=True)
        if bad:
            shutil.copy(path, failing / path.name)
            (failing / f"{stem}.stderr").write_text(
                f"{' '.join(request['args'])}\n{bad}\n{result}\n{stderr}", encoding="utf-8"
            )
        for leftover in (path, out, err):
            leftover.unlink(missing_ok=True)

    def loop() -> None:
        worker = Worker()
        try:
            while True:
                if until is not None and datetime.datetime.now(datetime.timezone.utc) > until:
                    return
                with lock:
                    index = next(indices, None)
                if index is None:
                    return
                one(worker, index)
        finally:
            worker.close()

    threads = [threading.Thread(target=loop) for _ in range(max(1, jobs))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return counts


def table(counts: Counts) -> str:
    """The counts as a plain-text table."""
    lines = [f"mutants run: {counts.total}"]
    lines.append("exit codes: " + ", ".join(f"{k}: {v}" for k, v in sorted(counts.exits.items())))
    lines.append("bad outcomes:")
    lines += [f"  {name:<18}{counts.bad[name]:>7}" for name in BAD]
    lines.append(f"budget/limit errors (clean exit 2): {counts.budget_errors}")
    lines.append(
        f"slowest run: {counts.max_seconds:.1f} s wall, {counts.max_cpu_seconds:.1f} s CPU; "
        f"highest peak RSS: {counts.max_peak_mb:.0f} MB"
    )
    columns = ["runs", "exit 0", "exit 2", *BAD]
    lines.append("by mutator:")
    lines.append("  " + f"{'mutator':<10}" + "".join(f"{c[:9]:>10}" for c in columns))
    for name, row in sorted(counts.by_mutator.items()):
        lines.append("  " + f"{name:<10}" + "".join(f"{row[c]:>10}" for c in columns))
    lines.append("error messages:")
    lines += [f"  {n:>7}  {text}" for text, n in counts.messages.most_common(12)]
    return "\n".join(lines)


def _until(text: str | None) -> datetime.datetime | None:
    if text is None:
        return None
    hour, minute = (int(v) for v in text.split(":"))
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.replace(hour=hour, minute=minute, second=0, microsecond=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--budget", type=float, default=10.0, help="CREDITDIFF_TIME_LIMIT")
    parser.add_argument("--grace", type=float, default=10.0, help="seconds past the budget")
    parser.add_argument("--scratch", type=Path, default=Path("/tmp/creditdiff-fuzz"))
    parser.add_argument("--mutator", action="append", choices=sorted(MUTATORS))
    parser.add_argument("--until", help="stop starting mutants at this UTC time (HH:MM)")
    args = parser.parse_args()
    counts = fuzz(
        args.count,
        args.seed,
        args.jobs,
        args.budget,
        args.grace,
        args.scratch,
        args.mutator,
        _until(args.until),
        progress=True,
    )
    print(table(counts))
    if counts.failing:
        print(f"bad mutants in {args.scratch / 'failing'}")


if __name__ == "__main__":
    main()
