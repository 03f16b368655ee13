"""本人版 parse benchmark (on demand, not part of the test suite).

    /work/venv/bin/python benchmarks/bench_parse.py [--pages 40 200] [--repeat 3]

For each page count it generates a synthetic 本人版 with the fixture generator (many
accounts of every family, running header, footer, watermark, embedded font) into a
temporary folder, checks that the parse equals the generator's expected JSON, then in
the same run times, best of N:

- bare pdfplumber: ``for page in pdf.pages: page.chars`` on the same file;
- ``creditdiff.reports.parse_pdf`` (what ``creditdiff parse`` runs).

Peak memory (max RSS) of each is measured in a fresh subprocess. It prints the times,
the parse/bare ratio (the issue asks for <= 1.5) and the peak memory (< 300 MB asked).
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pdfplumber  # noqa: E402  (after the path set-up, like the fixtures package)

from creditdiff.reports import parse_pdf  # noqa: E402
from creditdiff.serialize import report_to_dict  # noqa: E402
from fixtures.generator import detailed  # noqa: E402

#: One round of accounts: every family, open and settled; about 2.4 pages per round.
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
PAGES_PER_ROUND = 2.35

# ru_maxrss survives fork+exec (a child starts with its parent's high-water mark), so
# the probe reads VmHWM, which a fresh exec resets, and falls back to ru_maxrss.
MEMORY_PROBE = """
import resource, sys
from pathlib import Path
import pdfplumber
from creditdiff.parsers import parse_pdf
path = Path(sys.argv[2])
if sys.argv[1] == "bare":
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.chars
else:
    parse_pdf(path)
try:
    status = Path("/proc/self/status").read_text()
    print(next(l.split()[1] for l in status.splitlines() if l.startswith("VmHWM:")))
except (OSError, StopIteration):
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
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


def best_of(repeat: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bare(path: Path, close: bool = False) -> int:
    count = 0
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            count += len(page.chars)
            if close:
                page.close()
    return count


def peak_mb(kind: str, path: Path) -> float:
    output = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, kind, str(path)],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    ).stdout
    return int(output.strip()) / 1024  # VmHWM and ru_maxrss are in KiB on Linux


def bench(pages: int, repeat: int, folder: Path) -> None:
    case = big_case(math.ceil(pages / PAGES_PER_ROUND))  # at least ``pages`` pages
    path = folder / f"bench-{pages}.pdf"
    expected = detailed.build(case, path)
    with pdfplumber.open(path) as pdf:
        actual_pages = len(pdf.pages)
    if report_to_dict(parse_pdf(path)) != expected:
        raise SystemExit(f"{path.name}: the parse differs from the generator's expected JSON")
    t_bare = best_of(repeat, lambda: bare(path))
    # The same loop releasing each page, as the parser does: the fairer floor.
    t_closed = best_of(repeat, lambda: bare(path, close=True))
    t_parse = best_of(repeat, lambda: parse_pdf(path))
    m_bare, m_parse = peak_mb("bare", path), peak_mb("parse", path)
    print(
        json.dumps(
            {
                "pages": actual_pages,
                "accounts": len(expected["accounts"]),
                "bare_chars_s": round(t_bare, 3),
                "bare_chars_closing_pages_s": round(t_closed, 3),
                "parse_s": round(t_parse, 3),
                "ratio": round(t_parse / t_bare, 3),
                "ratio_vs_closing_pages": round(t_parse / t_closed, 3),
                "peak_rss_bare_mb": round(m_bare, 1),
                "peak_rss_parse_mb": round(m_parse, 1),
            }
        ),
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, nargs="+", default=[40, 200])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="creditdiff-bench-") as folder:
        for pages in args.pages:
            bench(pages, args.repeat, Path(folder))


if __name__ == "__main__":
    main()
