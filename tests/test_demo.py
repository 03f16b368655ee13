"""`creditdiff demo`: the bundled pair is compared and the action PDF is written."""

from __future__ import annotations

from pathlib import Path

import pdfplumber
import pytest
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.demo import ACTION_PDF_NAME, DemoMissingError, demo_dir, run_demo

runner = CliRunner()

pytestmark = pytest.mark.slow


def test_demo_writes_the_pdf_in_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without -o the PDF lands in the current directory and the output says where."""
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    written = tmp_path / ACTION_PDF_NAME
    assert written.read_bytes().startswith(b"%PDF-")
    assert str(written.resolve()) in result.stdout
    assert [p.name for p in tmp_path.iterdir()] == [ACTION_PDF_NAME]


def test_demo_prints_findings_that_are_in_the_pdf(tmp_path: Path) -> None:
    """Every institution with a finding is printed and appears in the written PDF."""
    result = runner.invoke(app, ["demo", "--out-dir", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    comparison = run_demo(tmp_path / "again").comparison
    assert comparison.findings, "the demo pair should show findings"
    with pdfplumber.open(tmp_path / "out" / ACTION_PDF_NAME) as pdf:
        text = "".join((page.extract_text() or "") for page in pdf.pages)
    squashed = "".join(text.split())
    for finding in comparison.findings:
        assert finding.id in result.stdout
        assert finding.institution in squashed


def test_demo_dir_holds_the_pair_and_closure_log() -> None:
    """The demo folder holds both reports and the closure log."""
    folder = demo_dir()
    assert {"older.pdf", "newer.pdf", "closures.csv"} <= {p.name for p in folder.iterdir()}


def test_missing_demo_files_are_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """An installation without the demo reports says so instead of failing obscurely."""
    monkeypatch.setattr("creditdiff.demo._complete", lambda folder: False)
    with pytest.raises(DemoMissingError, match="demo reports are missing"):
        demo_dir()
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 2
    assert "demo reports are missing" in result.stderr


def test_demo_output_names_the_pdf_as_report_does(tmp_path: Path) -> None:
    """`demo -o FILE` writes the PDF to FILE itself, as `report -o FILE` does."""
    target = tmp_path / "mine.pdf"
    result = runner.invoke(app, ["demo", "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")
    assert not (tmp_path / ACTION_PDF_NAME).exists()
