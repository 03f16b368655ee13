"""`scripts/recheck`: exit code passed through, action PDF beside the newest report, baselines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import _reportcases as cases
import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "recheck"
BIN = Path(sys.executable).parent

pytestmark = pytest.mark.slow


def _env() -> dict[str, str]:
    """The environment a scheduler gives: the venv's bin on PATH, no CREDITDIFF override."""
    env = {k: v for k, v in os.environ.items() if k != "CREDITDIFF"}
    env["PATH"] = f"{BIN}{os.pathsep}{env.get('PATH', '/usr/bin:/bin')}"
    return env


def _recheck(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(SCRIPT), *map(str, args)],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
        timeout=600,
    )


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """A 简版 (older) and a 本人版 (newer) PDF whose names put them in the wrong order."""
    root = tmp_path / "征信报告"
    root.mkdir()
    cases.write(cases.older(), root / "z-latest-download.pdf", "simple")
    cases.write(cases.newer(), root / "a-first.pdf", "detailed")
    return root


def test_script_is_executable() -> None:
    """The script is an executable bash script."""
    assert os.access(SCRIPT, os.X_OK)
    assert SCRIPT.read_text("utf-8").startswith("#!/usr/bin/env bash")


def test_findings_exit_1_and_write_the_pdf_next_to_newest(folder: Path) -> None:
    """With a finding to act on the script exits 1 and writes the PDF beside the newest report."""
    run = _recheck(folder)
    assert run.returncode == 1, run.stderr
    pdf = folder / "a-first.actions.pdf"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert not (folder / "z-latest-download.actions.pdf").exists()
    assert "已还清未销户" in run.stdout
    assert str(pdf) in run.stderr


def test_exit_0_after_baseline(folder: Path, tmp_path: Path) -> None:
    """After `creditdiff baseline` accepted the findings the script exits 0 and writes no PDF."""
    baseline = tmp_path / "baseline.yaml"
    accepted = subprocess.run(
        [
            str(BIN / "creditdiff"),
            "baseline",
            str(folder / "z-latest-download.pdf"),
            str(folder / "a-first.pdf"),
            "-o",
            str(baseline),
            "--reason",
            "已致电银行申请销户",
        ],
        capture_output=True,
        text=True,
        env=_env(),
        check=False,
    )
    assert accepted.returncode == 0, accepted.stderr
    run = _recheck(folder, "--baseline", baseline)
    assert run.returncode == 0, run.stdout + run.stderr
    assert not list(folder.glob("*.actions.pdf"))
    assert "已致电银行申请销户" in run.stdout


def test_json_stdout_stays_clean(folder: Path) -> None:
    """With --format json, stdout is only the JSON document even when the PDF is written."""
    run = _recheck(folder, "--format", "json")
    assert run.returncode == 1
    assert json.loads(run.stdout)["check"]["exit_code"] == 1
    assert "Reading reports" not in run.stderr


def test_rerun_ignores_its_own_pdf(folder: Path) -> None:
    """A second run does not trip over the action PDF the first run left in the folder."""
    assert _recheck(folder).returncode == 1
    second = _recheck(folder)
    assert second.returncode == 1, second.stderr


def test_errors_exit_2(tmp_path: Path, folder: Path) -> None:
    """A missing folder or an unreadable report exits 2 and writes no PDF."""
    assert _recheck(tmp_path / "absent").returncode == 2
    assert _recheck().returncode == 2
    (folder / "broken.pdf").write_bytes(b"not a pdf")
    run = _recheck(folder)
    assert run.returncode == 2
    assert "broken.pdf" in run.stderr
    assert not list(folder.glob("*.actions.pdf"))


def test_single_report_with_spaces_in_its_name(tmp_path: Path) -> None:
    """A folder's first report is checked alone; a name with spaces still gets its PDF."""
    root = tmp_path / "reports"
    root.mkdir()
    cases.write(cases.newer(), root / "my report 2024.pdf", "detailed")
    run = _recheck(root)
    assert run.returncode == 1, run.stderr
    assert (root / "my report 2024.actions.pdf").read_bytes().startswith(b"%PDF-")
