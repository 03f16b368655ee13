"""Bad input to ``creditdiff parse``: one stderr line naming the file, exit 2, no traceback.

The base file is a 本人版 fixture, so the checks also prove that no personal data of
its subject (name, ID digits) leaks into an error message.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pdfplumber
import pypdfium2
import pytest
from conftest import FIXTURES
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.errors import InputError
from creditdiff.reports import parse_pdf
from creditdiff.sources.read import READER_ENV, READERS
from fixtures.generate import load_case
from fixtures.generator import detailed

SOURCE = FIXTURES / "detailed" / "all-families.pdf"
CASE = load_case(FIXTURES / "cases" / "detailed" / "all-families.yaml")
PERSONAL = ("测试甲", CASE["person"]["id_number"], CASE["person"]["id_number"][-6:])


@pytest.fixture(autouse=True, params=READERS)
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs under both readers (``--reader`` defaults to the variable)."""
    monkeypatch.setenv(READER_ENV, request.param)
    return str(request.param)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, ["parse", *args])


def assert_one_line_error(result: Any, path: Path, problem: str) -> None:
    """Exit 2 and exactly one stderr line naming the file and the problem."""
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and problem in lines[0], lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    rest = lines[0].replace(str(path), "")
    assert not any(item in rest for item in PERSONAL)
    assert result.stdout == ""


def encrypted_report(tmp_path: Path, password: str) -> tuple[Path, dict[str, Any]]:
    """The all-families case as an encrypted PDF (embedded font: see the generator note)."""
    case = copy.deepcopy(CASE)
    case["layout"] = {"font": "ttf", "password": password}
    pdf = tmp_path / "encrypted.pdf"
    return pdf, detailed.build(case, pdf)


def test_text_file_named_pdf(tmp_path: Path) -> None:
    """A text file with a .pdf name is not a PDF."""
    path = tmp_path / "report.pdf"
    path.write_text("个人信用报告（本人版） 测试甲", encoding="utf-8")
    assert_one_line_error(run(str(path)), path, "not a PDF file")


def test_zero_byte_file(tmp_path: Path) -> None:
    """An empty file says it is empty."""
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    assert_one_line_error(run(str(path), "--json"), path, "empty file")


def test_truncated_report(tmp_path: Path) -> None:
    """A report cut off half-way is truncated or corrupt."""
    path = tmp_path / "truncated.pdf"
    path.write_bytes(SOURCE.read_bytes()[: SOURCE.stat().st_size // 2])
    assert_one_line_error(run(str(path), "--json"), path, "truncated or corrupt")


@pytest.mark.parametrize("where", ["middle", "after-header"])
def test_corrupt_report(tmp_path: Path, where: str) -> None:
    """Scrambled bytes (inside the file, or everything after the header) are corrupt."""
    data = bytearray(SOURCE.read_bytes())
    if where == "middle":
        start = len(data) // 3
        for i in range(start, start + 2000):
            data[i] = (data[i] * 7 + 13) % 256
    else:
        data = bytearray(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    path = tmp_path / "corrupt.pdf"
    path.write_bytes(bytes(data))
    assert_one_line_error(run(str(path), "--json"), path, "truncated or corrupt")


def test_encrypted_without_password(tmp_path: Path) -> None:
    """An encrypted report without --password asks for one."""
    path, _ = encrypted_report(tmp_path, "7531")
    assert_one_line_error(run(str(path), "--json"), path, "encrypted")


def test_encrypted_with_wrong_password(tmp_path: Path) -> None:
    """A wrong --password is reported as such."""
    path, _ = encrypted_report(tmp_path, "7531")
    assert_one_line_error(run(str(path), "--password", "0000"), path, "wrong password")


def test_encrypted_with_right_password_parses(tmp_path: Path) -> None:
    """With the right --password the encrypted report parses to its expected JSON."""
    path, want = encrypted_report(tmp_path, "7531")
    result = run(str(path), "--json", "--password", "7531")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == want


def test_scanned_report_without_text_layer(tmp_path: Path) -> None:
    """A report rendered to page images has no text layer and, with --ocr never, is refused."""
    path = tmp_path / "scanned.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    document = pypdfium2.PdfDocument(str(SOURCE))
    try:
        for page in document:
            canvas.drawImage(ImageReader(page.render(scale=0.5).to_pil()), 0, 0, *A4)
            canvas.showPage()
    finally:
        document.close()
    canvas.save()
    assert_one_line_error(run(str(path), "--json", "--ocr", "never"), path, "no text layer")


def test_pdf_with_only_drawings(tmp_path: Path) -> None:
    """A PDF of ruling lines and no characters has no text layer either."""
    path = tmp_path / "lines.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.grid([40, 200, 400], [100, 300, 500])
    canvas.showPage()
    canvas.save()
    assert_one_line_error(run(str(path), "--ocr", "never"), path, "no text layer")


def test_pdf_that_is_not_a_credit_report(tmp_path: Path) -> None:
    """A PDF with text that is not a 个人信用报告 is refused as not a credit report."""
    path = tmp_path / "minutes.pdf"
    canvas = Canvas(str(path), pagesize=A4, invariant=1)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 760, "Minutes of the quarterly meeting")
    canvas.showPage()
    canvas.save()
    assert_one_line_error(run(str(path), "--json"), path, "not a PBOC personal credit report")


def test_undecodable_text_layer(tmp_path: Path, reader: str) -> None:
    """Text pdfminer gives as ``(cid:N)`` glyph numbers is named undecodable; PDFium reads it."""
    case = copy.deepcopy(CASE)
    # reportlab leaves the CID font's Registry/Ordering strings unencrypted in an encrypted
    # PDF; pdfminer then "decrypts" them into garbage and cannot map glyphs to Unicode.
    case["layout"] = {"font": "cid", "password": "pw"}
    path = tmp_path / "undecodable.pdf"
    want = detailed.build(case, path)
    with pdfplumber.open(path, password="pw") as pdf:
        if "(cid:" not in pdf.pages[0].chars[0]["text"]:
            pytest.skip("this reportlab encrypts font strings: no undecodable PDF to test with")
    if reader == "pdfium":
        # PDFium decrypts the font's strings correctly: the report is readable.
        result = run(str(path), "--password", "pw", "--json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout) == want
        return
    result = run(str(path), "--password", "pw")
    assert_one_line_error(result, path, "text layer cannot be decoded")


def test_missing_file(tmp_path: Path) -> None:
    """A path that does not exist says so."""
    path = tmp_path / "nowhere.pdf"
    assert_one_line_error(run(str(path)), path, "no such file")


def test_directory_is_not_a_report_file(tmp_path: Path) -> None:
    """The library refuses a directory given as a report, naming it."""
    with pytest.raises(InputError, match="is a directory") as error:
        parse_pdf(tmp_path)
    assert str(tmp_path) in str(error.value)


def test_directory_without_reports_on_the_command_line(tmp_path: Path) -> None:
    """``parse`` reads folders of reports; one without any is one line naming it, exit 2."""
    result = run(str(tmp_path), "--json")
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert "no report PDFs" in result.stderr and "Traceback" not in result.stderr
    assert str(tmp_path) in result.stderr


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe\x00garbage", "not valid JSON"),
        (b'{"format": "pboc-detailed", "accounts": []}', "not a creditdiff parse result"),
    ],
)
def test_broken_parse_json_given_to_diff(tmp_path: Path, content: bytes, problem: str) -> None:
    """A .json input that is not a parse result is one error line naming it, exit 2."""
    broken = tmp_path / "older.json"
    broken.write_bytes(content)
    newer = FIXTURES / "detailed" / "all-families.pdf"
    result = CliRunner().invoke(app, ["diff", str(broken), str(newer)])
    assert_one_line_error(result, broken, problem)
