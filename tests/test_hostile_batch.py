"""One bad file never sinks a batch: every command reading many files keeps the good ones."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import _reportcases as cases
import pytest
from typer.testing import CliRunner

from creditdiff.cli import app

runner = CliRunner()

pytestmark = pytest.mark.slow

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
#: 15 generated report PDFs (both formats), each with the JSON its case data expects.
GOOD = sorted([*FIXTURES.glob("detailed/*.pdf"), *FIXTURES.glob("simple/*.pdf")])[:15]
BAD_NAME = "zz-bad.pdf"


def two_number_mediabox(data: bytes) -> bytes:
    """Every page's MediaBox cut to two numbers (``[ 595.2756 841.8898 ]``)."""
    cut, count = re.subn(rb"/MediaBox \[ 0 0 ([0-9.]+) ([0-9.]+) \]", rb"/MediaBox [ \1 \2 ]", data)
    assert count > 0
    return cut


def truncated(data: bytes) -> bytes:
    """The first third of the file: no xref, no trailer."""
    return data[: len(data) // 3]


def one_error_line(stderr: str, name: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("creditdiff: error: ") and name in lines[0], stderr
    assert "Traceback" not in stderr
    return lines[0]


# PDFium reads a two-number MediaBox as a page of default size (the file parses), so
# under PDFium the hostile file is one pdfplumber and PDFium both refuse: a truncated one.
@pytest.mark.parametrize(
    ("reader", "spoil"), [("pdfplumber", two_number_mediabox), ("pdfium", truncated)]
)
def test_parse_dir_out_dir_writes_every_good_file(
    tmp_path: Path, reader: str, spoil: Callable[[bytes], bytes]
) -> None:
    """``parse DIR --out-dir OUT`` with 15 good reports and one bad one writes the 15
    expected JSON files, names the bad file in one stderr line and exits 2."""
    folder = tmp_path / "in"
    folder.mkdir()
    for path in GOOD:
        shutil.copy(path, folder / path.name)
    (folder / BAD_NAME).write_bytes(spoil(GOOD[0].read_bytes()))
    out = tmp_path / "out"
    args = ["parse", str(folder), "--out-dir", str(out), "--workers", "2", "--reader", reader]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, BAD_NAME)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{p.stem}.json" for p in GOOD)
    for path in GOOD:
        written = json.loads((out / f"{path.stem}.json").read_text("utf-8"))
        expected = json.loads(path.with_suffix("").with_suffix(".expected.json").read_text())
        assert written["report"]["number"] == expected["report"]["number"], path.name
        assert written["accounts"] == expected["accounts"], path.name


@pytest.fixture
def clients(tmp_path: Path) -> Path:
    """Two client folders: one person's older and newer report, and one clean report
    beside a PDF whose MediaBox has two numbers (read with pdfplumber)."""
    root = tmp_path / "clients"
    (root / "a").mkdir(parents=True)
    (root / "b").mkdir()
    cases.write(cases.older(), root / "a" / "older.pdf", "detailed")
    cases.write(cases.newer(), root / "a" / "newer.pdf", "detailed")
    cases.write(cases.clean(), root / "b" / "clean.pdf", "simple")
    good = root / "b" / "clean.pdf"
    (root / "b" / BAD_NAME).write_bytes(two_number_mediabox(good.read_bytes()))
    return root


def test_parse_recursive_writes_the_good_files(clients: Path, tmp_path: Path) -> None:
    """``parse --recursive`` mirrors every good report as JSON, names the bad one, exits 2."""
    out = tmp_path / "out"
    args = ["parse", "--recursive", str(clients), "--out-dir", str(out), "--reader", "pdfplumber"]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, BAD_NAME)
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*.json"))
    assert written == ["a/newer.json", "a/older.json", "b/clean.json"]


def test_overview_keeps_every_readable_client(clients: Path, tmp_path: Path) -> None:
    """``overview`` writes the row of the person it could read (the same 测试甲 in both
    folders), names the bad file in one line and exits 2."""
    target = tmp_path / "overview.csv"
    args = ["overview", str(clients), "-o", str(target), "--workers", "2"]
    result = runner.invoke(app, [*args], env={"CREDITDIFF_READER": "pdfplumber"})
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, BAD_NAME)
    rows = target.read_text("utf-8-sig").splitlines()
    assert len(rows) == 2 and rows[1].startswith("1101**********1234 测试甲,"), rows


@pytest.mark.parametrize("command", [["check", "--dir"], ["recheck"]])
def test_a_folder_check_with_a_bad_file_is_an_error(clients: Path, command: list[str]) -> None:
    """``check --dir`` and ``recheck`` on a folder holding a bad file exit 2 with one line
    naming it (the order by 报告时间 cannot be known), not 1 as if findings were due,
    and write no action PDF."""
    folder = clients / "b"
    result = runner.invoke(app, [*command, str(folder), "--reader", "pdfplumber"])
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, BAD_NAME)
    assert not list(folder.glob("*.actions.pdf"))


def test_check_dir_recursive_checks_the_others(clients: Path) -> None:
    """``check --dir DIR --recursive`` checks the person it could read (测试甲, whose
    newest report is checked against the one before), names the bad file on stderr, and
    exits 2 for the file it could not read."""
    result = runner.invoke(
        app, ["check", "--dir", str(clients), "--recursive", "--reader", "pdfplumber"]
    )
    assert result.exit_code == 2, result.output
    one_error_line(result.stderr, BAD_NAME)
    assert "测试甲" in result.stdout and "检查结果" in result.stdout
