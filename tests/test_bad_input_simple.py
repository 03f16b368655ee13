"""Bad 简版 input: one stderr line naming the file, exit 2, no traceback, no personal data."""

from __future__ import annotations

import copy
import json
import random
from pathlib import Path
from typing import Any

import pypdfium2
import pytest
from conftest import FIXTURES
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.sources.read import READER_ENV, READERS
from fixtures.generate import load_case
from fixtures.generator import simple
from fixtures.generator.simple_text import sentence

BASE = load_case(FIXTURES / "cases" / "simple" / "active-cards-and-loans.yaml")
#: Personal data of the base case that must never reach an error message.
PERSONAL = ("测试甲", "110101199001011234", "1101", "1234")


@pytest.fixture(autouse=True, params=READERS)
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs under both readers (``--reader`` defaults to the variable)."""
    monkeypatch.setenv(READER_ENV, request.param)
    return str(request.param)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def assert_one_line_error(result: Any, path: Path, problem: str) -> None:
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert str(path) in lines[0] and problem in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not any(item in lines[0].replace(str(path), "") for item in PERSONAL)


def build(tmp_path: Path, name: str, **layout: Any) -> Path:
    case = copy.deepcopy(BASE)
    case["layout"] = {**case.get("layout", {}), **layout}
    pdf = tmp_path / f"{name}.pdf"
    simple.build(case, pdf)
    return pdf


def test_truncated_simple_report(tmp_path: Path) -> None:
    """A 简版 cut off half-way is reported as truncated or corrupt, exit 2."""
    whole = (FIXTURES / "simple" / "active-cards-and-loans.pdf").read_bytes()
    pdf = tmp_path / "truncated.pdf"
    pdf.write_bytes(whole[: len(whole) // 2])
    assert_one_line_error(run("parse", str(pdf), "--json"), pdf, "truncated or corrupt")


def test_encrypted_simple_report_without_password(tmp_path: Path) -> None:
    """An encrypted 简版 without --password says so in one line; with it, it parses."""
    # pdfminer leaves an encrypted file's CIDSystemInfo strings encrypted, so the
    # non-embedded CID font's glyphs come out as (cid:N); this case embeds its font.
    pdf = build(tmp_path, "encrypted", password="8642", font="ttf")
    assert_one_line_error(run("parse", str(pdf), "--json"), pdf, "encrypted")
    opened = run("parse", str(pdf), "--json", "--password", "8642")
    assert opened.exit_code == 0
    assert json.loads(opened.stdout)["format"] == "pboc-simple"


def test_image_only_simple_report(tmp_path: Path) -> None:
    """A 简版 rendered to images (no text layer) is refused with --ocr never, one line, exit 2."""
    source = FIXTURES / "simple" / "active-cards-and-loans.pdf"
    pdf = tmp_path / "scanned.pdf"
    canvas = Canvas(str(pdf), pagesize=A4, invariant=1)
    document = pypdfium2.PdfDocument(str(source))
    try:
        for page in document:
            image = page.render(scale=1).to_pil()
            canvas.drawImage(ImageReader(image), 0, 0, *A4)
            canvas.showPage()
    finally:
        document.close()
    canvas.save()
    assert_one_line_error(run("parse", str(pdf), "--json", "--ocr", "never"), pdf, "no text layer")


def garble(text: str, seed: int) -> str:
    """The sentence's characters shuffled: still CJK text, no template can fit it."""
    chars = list(text)
    random.Random(seed).shuffle(chars)
    return "".join(chars).replace("。", "") + "。"


def test_garbled_simple_report_warns_instead_of_crashing(tmp_path: Path) -> None:
    """Unreadable sentences give one warning each (section + number) and exit 0."""
    case = copy.deepcopy(BASE)
    for seed, account in enumerate(case["accounts"]):
        account["raw_sentence"] = garble(sentence(account, True), seed)
    pdf = tmp_path / "garbled.pdf"
    simple.build(case, pdf)
    result = run("parse", str(pdf), "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    warnings = json.loads(result.stdout)["warnings"]
    assert json.loads(result.stdout)["accounts"] == []
    unread = [w for w in warnings if "句子未能识别" in w]
    assert unread == [
        "信用卡第 1 条：句子未能识别，该账户未读取",
        "信用卡第 2 条：句子未能识别，该账户未读取",
        "贷款第 1 条：句子未能识别，该账户未读取",
        "贷款第 2 条：句子未能识别，该账户未读取",
        "贷款第 3 条：句子未能识别，该账户未读取",
    ]
    assert any(w.startswith("信息概要“信用卡 账户数”：从明细读出 0 个") for w in warnings)


@pytest.mark.parametrize("name", ["empty", "text"])
def test_not_a_pdf_named_like_a_simple_report(tmp_path: Path, name: str) -> None:
    """A .pdf file that is empty or plain text is refused in one line, exit 2."""
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(b"" if name == "empty" else "个人信用报告 信贷记录".encode())
    result = run("parse", str(pdf))
    assert_one_line_error(result, pdf, "empty file" if name == "empty" else "not a PDF")
