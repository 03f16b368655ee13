"""Seconds per logical page and peak RSS of OCR at 150/200/300 dpi, tuned vs default.

    python benchmarks/bench_ocr.py [--case detailed/all-families] [--dpis 150,200,300]
                                   [--baseline /path/to/other/checkout]

Each configuration runs in a fresh process, on the same rendered scan, so tuned and
default settings are measured side by side in one run; ``--baseline`` adds the tuned
settings of another checkout (e.g. ``git worktree add /tmp/main main``) to the same run.
CPU seconds (of the process and the OCR workers it waited for) are printed beside wall
seconds: on a shared machine the wall time mostly says how busy the machine was. Peak
RSS counts all processes together: the parent's peak plus, with workers, the largest
worker's peak times the number of workers (an upper bound: workers peak at different
moments); the sampled column is the largest sum of the resident memory of the process
and all its workers, read every 50 ms, the figure the memory bound is about.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _tree_rss_mb() -> float:
    """Resident memory of this process and all its descendants now (Linux /proc)."""
    total, pending = 0, [os.getpid()]
    while pending:
        pid = pending.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += int(status.split("VmRSS:")[1].split()[0])
            for task in Path(f"/proc/{pid}/task").iterdir():
                pending += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            continue
    return total / 1024


def _sample(peak: list[float], stop: threading.Event) -> None:
    while not stop.wait(0.05):
        peak[0] = max(peak[0], _tree_rss_mb())


def _child(folder: str, tuned: bool, root: str) -> None:
    sys.path.insert(0, root)
    from creditdiff.sources.ocr import folder_images, scan_images

    paths = folder_images(Path(folder))
    sampled, stop = [0.0], threading.Event()
    sampler = threading.Thread(target=_sample, args=(sampled, stop), daemon=True)
    sampler.start()
    start, cpu = time.perf_counter(), time.process_time()
    result = scan_images(paths, Path(folder), tuned=tuned)
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = time.process_time() - cpu + children.ru_utime + children.ru_stime
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    try:
        from creditdiff.sources.ocr.parallel import workers_for

        workers = workers_for(len(paths)) if tuned else 0
    except ImportError:  # a checkout from before the worker pool
        workers = 0
    peak += workers * children.ru_maxrss / 1024
    row = {
        "pages": len(result.pages),
        "seconds": seconds,
        "cpu": cpu,
        "rss_mb": peak,
        "sampled_mb": sampled[0],
    }
    print(json.dumps(row))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default="detailed/all-families")
    parser.add_argument("--dpis", default="150,200,300")
    parser.add_argument("--baseline", help="another checkout whose tuned settings to add")
    parser.add_argument("--child", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1] == "tuned", args.child[2])
        return
    sys.path.insert(0, str(ROOT))
    from fixtures.generator.scan import Style, render_case

    runs = [("tuned", "tuned", ROOT), ("default", "default", ROOT)]
    if args.baseline:
        runs.insert(1, ("tuned (baseline)", "tuned", Path(args.baseline).resolve()))
    pdf = ROOT / "fixtures" / f"{args.case}.pdf"
    print(
        "| dpi | settings | logical pages | s/page (wall) | CPU s/page "
        "| peak RSS MB (bound) | peak RSS MB (sampled) |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in (int(d) for d in args.dpis.split(",")):
            folder = render_case(pdf, Path(tmp) / str(dpi), Style(f"bench-{dpi}", dpi=dpi))
            for name, settings, root in runs:
                output = subprocess.run(
                    [sys.executable, __file__, "--child", str(folder), settings, str(root)],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                row = json.loads(output.strip().splitlines()[-1])
                pages = max(1, row["pages"])
                print(
                    f"| {dpi} | {name} | {row['pages']} | {row['seconds'] / pages:.1f} "
                    f"| {row['cpu'] / pages:.1f} | {row['rss_mb']:.0f} "
                    f"| {row.get('sampled_mb', 0):.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
