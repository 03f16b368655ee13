"""Seconds per logical page and peak RSS of OCR at 150/200/300 dpi, tuned vs default.

    python benchmarks/bench_ocr.py [--case detailed/all-families] [--dpis 150,200,300]

Each configuration runs in a fresh process (peak RSS is per process), on the same
rendered scan, so tuned and default settings are measured side by side in one run. CPU
seconds are printed beside wall seconds: on a shared machine the wall time mostly says
how busy the machine was.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _child(folder: str, tuned: bool) -> None:
    from creditdiff.sources.ocr import folder_images, scan_images

    start, cpu = time.perf_counter(), time.process_time()
    result = scan_images(folder_images(Path(folder)), Path(folder), tuned=tuned)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    row = {"pages": len(result.pages), "seconds": seconds, "cpu": cpu, "rss_mb": peak}
    print(json.dumps(row))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", default="detailed/all-families")
    parser.add_argument("--dpis", default="150,200,300")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        _child(args.child[0], args.child[1] == "tuned")
        return
    from fixtures.generator.scan import Style, render_case

    pdf = ROOT / "fixtures" / f"{args.case}.pdf"
    print("| dpi | settings | logical pages | s/page (wall) | CPU s/page | peak RSS MB |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for dpi in (int(d) for d in args.dpis.split(",")):
            folder = render_case(pdf, Path(tmp) / str(dpi), Style(f"bench-{dpi}", dpi=dpi))
            for settings in ("tuned", "default"):
                output = subprocess.run(
                    [sys.executable, __file__, "--child", str(folder), settings],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
                row = json.loads(output.strip().splitlines()[-1])
                pages = max(1, row["pages"])
                print(
                    f"| {dpi} | {settings} | {row['pages']} | {row['seconds'] / pages:.1f} "
                    f"| {row['cpu'] / pages:.1f} | {row['rss_mb']:.0f} |",
                    flush=True,
                )


if __name__ == "__main__":
    main()
