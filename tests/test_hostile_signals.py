"""SIGINT and SIGTERM stop a batch and its workers; a killed write leaves no partial file."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
GOOD = sorted([*FIXTURES.glob("detailed/*.pdf"), *FIXTURES.glob("simple/*.pdf")])


def group_members(pgid: int) -> list[int]:
    """Live (not zombie) processes of a process group."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        state, group = fields[0], int(fields[2])
        if group == pgid and state != "Z":
            found.append(int(entry))
    return found


def wait_for(condition: object, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if callable(condition) and condition():
            return True
        time.sleep(0.05)
    return False


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads process groups from /proc")
@pytest.mark.parametrize(
    ("signum", "to_group", "lang", "expected"),
    [
        (signal.SIGTERM, False, "en", "creditdiff: error: stopped by SIGTERM"),
        (signal.SIGINT, True, "zh", "creditdiff: error: 已被 SIGINT 中止"),
    ],
)
def test_a_signal_stops_the_batch_and_its_workers(
    tmp_path: Path, signum: int, to_group: bool, lang: str, expected: str
) -> None:
    """A signal (SIGTERM to the main process, or Ctrl-C's SIGINT to the whole group) ends
    ``parse DIR --out-dir`` with one line and exit 128 + the signal; no worker outlives
    it, the files finished are whole JSON and no temporary file is left."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in GOOD:
        shutil.copy(path, folder / path.name)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "creditdiff",
            "--lang",
            lang,
            "parse",
            str(folder),
            "--out-dir",
            str(out),
            "--workers",
            "2",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        start_new_session=True,
    )
    try:
        assert wait_for(lambda: out.is_dir() and any(out.glob("*.json")), 120)
        assert len(group_members(process.pid)) >= 2  # the workers are running
        if to_group:
            os.killpg(process.pid, signum)
        else:
            os.kill(process.pid, signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode == 128 + signum, stderr
    assert stderr.splitlines() == [stderr.strip()] and stderr.startswith(expected), stderr
    assert wait_for(lambda: not group_members(process.pid), 5), group_members(process.pid)
    written = sorted(out.iterdir())
    assert written and len(written) < len(GOOD)
    assert all(p.suffix == ".json" and not p.name.startswith(".") for p in written)
    for path in written:
        assert path.read_text("utf-8").rstrip().endswith("}")


# The write is paused after its bytes are on disk and before the rename: the moment a
# kill would leave a half-written file if the target were written in place.
PAUSED_WRITE = """
import os, sys, time
import creditdiff.output.write as write

def fsync(fd):
    os.fsync_real(fd)
    print("paused", flush=True)
    time.sleep(600)

os.fsync_real = os.fsync
write.os.fsync = fsync
from creditdiff.cli import main
sys.argv = ["creditdiff", *sys.argv[1:]]
main()
"""


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_write_leaves_the_old_file_whole(tmp_path: Path, signum: int) -> None:
    """``report -o out.pdf`` killed in the middle of writing leaves out.pdf as it was
    (here an earlier version), never a partial PDF; SIGTERM also removes the temporary."""
    target = tmp_path / "out.pdf"
    target.write_bytes(b"%PDF-1.4 the earlier action PDF\n")
    before = target.read_bytes()
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            PAUSED_WRITE,
            "--lang",
            "en",
            "report",
            str(FIXTURES / "demo" / "older.pdf"),
            str(FIXTURES / "demo" / "newer.pdf"),
            "-o",
            str(target),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=ROOT,
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "paused"
        process.send_signal(signum)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert target.read_bytes() == before
    left = sorted(p.name for p in tmp_path.iterdir())
    if signum == signal.SIGKILL:
        # Nothing can run after SIGKILL: the hidden temporary stays, never the final name.
        assert process.returncode == -signal.SIGKILL
        assert len(left) == 2 and left[0].startswith(".out.pdf.") and left[0].endswith(".tmp")
    else:
        assert process.returncode == 143
        assert stderr.startswith("creditdiff: error: stopped by SIGTERM"), stderr
        assert left == ["out.pdf"]
