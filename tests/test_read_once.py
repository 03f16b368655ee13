"""``check --dir`` and ``scripts/recheck`` read every report of the folder once per run."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import _reportcases as cases
import pytest
from typer.testing import CliRunner

import creditdiff.batch
import creditdiff.reports
from creditdiff.cli import app

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An older 简版 and a newer 本人版 with a finding to act on."""
    root = tmp_path / "reports"
    root.mkdir()
    cases.write(cases.older(), root / "b-older.pdf", "simple")
    cases.write(cases.newer(), root / "a-newer.pdf", "detailed")
    return root


@pytest.fixture()
def reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """Every report read in this process, by file name (one worker, so none is hidden)."""
    counted: Counter[str] = Counter()
    for module in (creditdiff.batch, creditdiff.reports):
        real = module.read_report

        def counting(path: Path, *args: Any, _real: Any = real, **kwargs: Any) -> Any:
            counted[Path(path).name] += 1
            return _real(path, *args, **kwargs)

        monkeypatch.setattr(module, "read_report", counting)
    monkeypatch.setattr(creditdiff.batch, "default_workers", lambda: 1)
    return counted


def test_check_dir_with_actions_pdf_reads_each_report_once(
    folder: Path, reads: Counter[str]
) -> None:
    """Checking a folder and writing its action PDF parses each report exactly one time."""
    result = CliRunner().invoke(app, ["check", "--dir", str(folder), "--actions-pdf"])
    assert result.exit_code == 1, result.output
    assert (folder / "a-newer.actions.pdf").read_bytes().startswith(b"%PDF-")
    assert reads == Counter({"a-newer.pdf": 1, "b-older.pdf": 1})


def test_check_dir_list_reads_each_report_once(folder: Path, reads: Counter[str]) -> None:
    """``--list`` prints the folder in 报告时间 order from one read of each report."""
    result = CliRunner().invoke(app, ["check", "--dir", str(folder), "--list"])
    assert result.exit_code == 0, result.output
    assert [line.split("\t")[1] for line in result.stdout.splitlines()] == [
        str(folder / "b-older.pdf"),
        str(folder / "a-newer.pdf"),
    ]
    assert reads == Counter({"a-newer.pdf": 1, "b-older.pdf": 1})


def test_recheck_runs_creditdiff_once(folder: Path, tmp_path: Path) -> None:
    """scripts/recheck starts creditdiff one time for the check and the action PDF."""
    log = tmp_path / "calls.log"
    wrapper = tmp_path / "creditdiff-logged"
    wrapper.write_text(
        f'#!/usr/bin/env bash\necho "$*" >> {log}\n'
        f'exec {Path(sys.executable).parent / "creditdiff"} "$@"\n',
        encoding="utf-8",
    )
    wrapper.chmod(0o755)
    run = subprocess.run(
        [str(ROOT / "scripts" / "recheck"), str(folder)],
        capture_output=True,
        text=True,
        env={**os.environ, "CREDITDIFF": str(wrapper)},
        check=False,
        timeout=600,
    )
    assert run.returncode == 1, run.stderr
    assert (folder / "a-newer.actions.pdf").is_file()
    assert len(log.read_text("utf-8").splitlines()) == 1
