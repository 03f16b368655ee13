"""A read stuck inside C code (where no Python signal handler runs) still ends in one line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

STUCK = """
import signal, sys, time
from pathlib import Path
from creditdiff.sources import guard
guard.WATCHDOG_GRACE = 1.0
with guard.reading(Path(sys.argv[1])):
    # As in a long PDFium call: the alarm's Python handler never gets to run.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
    time.sleep(60)
print("not reached")
"""


def test_read_stuck_in_c_code_ends_with_one_line(tmp_path: Path) -> None:
    """Past the budget and the watchdog's grace, the process leaves with exit 2 and one line."""
    path = tmp_path / "stuck.pdf"
    path.write_bytes(b"%PDF-1.4\n")
    env = {**os.environ, "CREDITDIFF_TIME_LIMIT": "1"}
    done = subprocess.run(
        [sys.executable, "-c", STUCK, str(path)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=50,
    )
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    # Chinese: the language of the CLI by default.
    assert done.stderr.splitlines() == [f"creditdiff: error: {path}: 读取超过 1 秒，已停止"]
