"""本人版 parse benchmark: PDFium reader vs pdfplumber reader (on demand, not in the suite).

    python benchmarks/bench_parse.py [--pages 15 45 205] [--repeat 1]

For each page count it generates a synthetic 本人版 with the fixture generator (many
accounts of every family, running header, footer, watermark, embedded font) into a
temporary folder, checks that the parse equals the generator's expected JSON, then in
the same run times, best of N:

- bare pdfplumber: ``for page in pdf.pages: page.chars`` on the same file (pages kept);
- ``parse_pdf(path, reader="pdfplumber")`` (the old path);
- ``parse_pdf(path, reader="pdfium")`` (the default; ``creditdiff.reports.parse_pdf``).

Each is run in a fresh subprocess, which reports its CPU time (``time.process_time``:
one core's work, whatever else the machine runs) and its peak memory (VmHWM). It prints
pages per second of each, the speed-up of the PDFium parse over the pdfplumber one and over bare
pdfplumber, and the peak memory (the targets: >= 10x and < 150 MB at 205 pages).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402  (after the path set-up, like the fixtures package)

from creditdiff.reports import parse_pdf  # noqa: E402
from creditdiff.serialize import report_to_dict  # noqa: E402
from fixtures.generator import detailed  # noqa: E402

#: One round of accounts: every family, open and settled; about 3.75 pages per round.
ROUND: list[dict[str, Any]] = [
    {"family": "recovered", "business_type": "资产处置", "amount": 8000, "balance": 6500},
    {"family": "non_revolving_loan", "amount": 60000, "balance": 32000, "due": "2030-01-01"},
    {"family": "non_revolving_loan", "amount": 10000, "status": "结清", "balance": 0},
    {"family": "revolving_sub_account", "amount": 50000, "balance": 50000, "due": "2026-06-22"},
    {"family": "revolving_loan", "amount": 10000, "balance": 0, "due": "长期"},
    {"family": "credit_card", "amount": 30000, "balance": 1200, "used": 1100},
    {"family": "credit_card", "amount": 20000, "status": "销户", "balance": 0, "used": 0},
    {"family": "semi_credit_card", "amount": 2000, "used": 0},
    {"family": "guarantee", "amount": 300000, "balance": 120000, "due": "2027-02-28"},
]
PAGES_PER_ROUND = 3.75

# ru_maxrss survives fork+exec (a child starts with its parent's high-water mark), so
# the probe reads VmHWM, which a fresh exec resets, and falls back to ru_maxrss.
MEMORY_PROBE = """
import resource, sys, time
from pathlib import Path
from creditdiff.reports import parse_pdf
path = Path(sys.argv[2])
if sys.argv[1] == "bare":
    import pdfplumber  # only here: the PDFium parse's peak memory holds no pdfminer
start = time.process_time()
if sys.argv[1] == "bare":
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars
else:
    parse_pdf(path, reader=sys.argv[1])
seconds = time.process_time() - start
try:
    status = Path("/proc/self/status").read_text()
    peak = next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:"))
except (OSError, StopIteration):
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(seconds, peak)
"""


def big_case(rounds: int) -> dict[str, Any]:
    accounts = []
    for r in range(rounds):
        for i, template in enumerate(ROUND):
            account = dict(template)
            account.update(
                institution=f"示例第{r + 1}银行股份有限公司第{i + 1}分行",
                opened=f"{2010 + (r + i) % 12}-{1 + i:02d}-{1 + r % 28:02d}",
            )
            key = "contract_id" if account["family"] == "guarantee" else "account_id"
            account[key] = f"B{r:04d}{i:02d}X"
            if account.get("status") in ("结清", "销户"):
                account["closed_on"] = "2023-12-31"
            accounts.append(account)
    queries = [
        {
            "date": f"2024-{1 + q % 12:02d}-{1 + q % 28:02d}",
            "institution": f"示例第{q + 1}银行股份有限公司",
            "reason": "贷后管理",
            "kind": "institution",
        }
        for q in range(rounds * 4)
    ]
    return {
        "name": "bench",
        "person": {"name": "测试甲", "id_number": "110101199001011234", "marital": "未婚"},
        "report": {"number": "2024123110000000000001", "generated_at": "2024-12-31T10:00:00"},
        "layout": {
            "font": "ttf",
            "header": "个人信用报告（本人版）",
            "footer": True,
            "watermark": "仅供本人使用",
        },
        "accounts": accounts,
        "queries": queries,
    }


def probe(kind: str, path: Path) -> tuple[float, float]:
    """(CPU seconds of the work, peak RSS in MB) of ``kind`` in a fresh interpreter."""
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
        # The reader's wall-clock budget would end a slow pdfplumber read on a busy machine.
        env={**os.environ, "CREDITDIFF_TIME_LIMIT": "3600"},
    ).stdout
    seconds, peak = output.split()
    return float(seconds), int(peak) / 1024  # VmHWM and ru_maxrss are in KiB on Linux


def measure(kind: str, path: Path, repeat: int) -> tuple[float, float]:
    """Best CPU time and highest peak RSS over ``repeat`` fresh runs."""
    runs = [probe(kind, path) for _ in range(repeat)]
    return min(t for t, _ in runs), max(m for _, m in runs)


def bench(pages: int, repeat: int, folder: Path) -> dict[str, float]:
    case = big_case(math.ceil(pages / PAGES_PER_ROUND))  # about ``pages`` pages
    path = folder / f"bench-{pages}.pdf"
    expected = detailed.build(case, path)
    with pdfplumber.open(path) as pdf:
        actual_pages = len(pdf.pages)
    # tests/test_readers.py proves both readers equal on generated reports; here the
    # default reader is checked on this very file.
    if report_to_dict(parse_pdf(path)) != expected:
        raise SystemExit(f"{path.name}: the PDFium parse differs from the expected JSON")
    t_pdfium, m_pdfium = measure("pdfium", path, repeat)
    t_plumber, m_plumber = measure("pdfplumber", path, repeat)
    t_bare, m_bare = measure("bare", path, repeat)
    return {
        "pages": actual_pages,
        "accounts": len(expected["accounts"]),
        "pdfium_pages_s": actual_pages / t_pdfium,
        "pdfplumber_pages_s": actual_pages / t_plumber,
        "bare_chars_pages_s": actual_pages / t_bare,
        "speedup_vs_pdfplumber": t_plumber / t_pdfium,
        "speedup_vs_bare_chars": t_bare / t_pdfium,
        "rss_pdfium_mb": m_pdfium,
        "rss_pdfplumber_mb": m_plumber,
        "rss_bare_mb": m_bare,
    }


def main() -> None:
    # The reader's wall-clock budget (60 s) would end the check parse of a 205-page
    # report on a busy machine, as it would a probe's.
    os.environ.setdefault("CREDITDIFF_TIME_LIMIT", "3600")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[15, 45, 205])
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="creditdiff-bench-") as folder:
        for pages in args.pages:
            row = bench(pages, args.repeat, Path(folder))
            print(json.dumps({k: round(v, 2) for k, v in row.items()}), flush=True)
            rows.append(row)
    header = (
        "| pages | PDFium p/s | pdfplumber p/s | bare chars p/s | x pdfplumber | x bare |"
        " RSS PDFium MB | RSS pdfplumber MB | RSS bare MB |"
    )
    print(header)
    print("|" + "---|" * 9)
    for r in rows:
        print(
            f"| {r['pages']:.0f} | {r['pdfium_pages_s']:.1f} | {r['pdfplumber_pages_s']:.1f} "
            f"| {r['bare_chars_pages_s']:.1f} | {r['speedup_vs_pdfplumber']:.1f} "
            f"| {r['speedup_vs_bare_chars']:.1f} | {r['rss_pdfium_mb']:.0f} "
            f"| {r['rss_pdfplumber_mb']:.0f} | {r['rss_bare_mb']:.0f} |"
        )


if __name__ == "__main__":
    main()
