"""``--templates DIR`` reaches contacts.yaml and letters.yaml; ``recheck`` takes ``--font``
and ``--templates`` again and passes them to the action PDF it writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pdfplumber
import pytest
import yaml
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.demo import demo_dir
from creditdiff.render.font_names import find_font
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
runner = CliRunner()

#: An obviously made-up hotline and letter heading, to find in the PDF.
HOTLINE = "12345-000"
HEADING = "致{institution}：测试用申请书标题"


def _templates(folder: Path) -> Path:
    """A user templates folder changing only contacts.yaml and letters.yaml."""
    folder.mkdir()
    contacts = yaml.safe_load((ROOT / "templates" / "contacts.yaml").read_text("utf-8"))
    contacts["contacts"].insert(
        0,
        {
            "names": ["示例银行股份有限公司"],
            "label": "示例银行测试热线",
            "phone": HOTLINE,
            "channel": "测试 App",
            "source": "测试用，虚构号码",
        },
    )
    (folder / "contacts.yaml").write_text(yaml.safe_dump(contacts, allow_unicode=True), "utf-8")
    letters = yaml.safe_load((ROOT / "templates" / "letters.yaml").read_text("utf-8"))
    letters["heading"] = HEADING
    (folder / "letters.yaml").write_text(yaml.safe_dump(letters, allow_unicode=True), "utf-8")
    return folder


def _text(pdf_path: Path) -> str:
    with pdfplumber.open(pdf_path) as pdf:
        return "".join("".join((page.extract_text() or "").split()) for page in pdf.pages)


def test_report_templates_reach_contacts_and_letters(tmp_path: Path) -> None:
    """A user folder's contacts.yaml hotline and letters.yaml heading are printed."""
    templates = _templates(tmp_path / "templates")
    folder = demo_dir()
    output = tmp_path / "actions.pdf"
    result = runner.invoke(
        app,
        [
            *("report", str(folder / "older.pdf"), str(folder / "newer.pdf")),
            *("-o", str(output), "--templates", str(templates)),
        ],
    )
    assert result.exit_code == 0, result.output
    text = _text(output)
    assert f"客服电话：{HOTLINE}（示例银行测试热线" in text
    assert "致示例银行股份有限公司：测试用申请书标题" in text
    assert "异议及个人信息删除申请" not in text


def test_recheck_takes_font_and_templates(tmp_path: Path) -> None:
    """``recheck DIR --templates T --font F`` writes the PDF with them; a missing font file
    is an error line, exit 2, before any PDF is written."""
    reports = tmp_path / "reports"
    reports.mkdir()
    for name in ("older.pdf", "newer.pdf"):
        shutil.copy(demo_dir() / name, reports / name)
    templates = _templates(tmp_path / "templates")
    missing = runner.invoke(
        app, ["--lang", "en", "recheck", str(reports), "--font", str(tmp_path / "none.ttf")]
    )
    assert missing.exit_code == 2
    assert missing.stderr.startswith("creditdiff: error:") and "Traceback" not in missing.output
    assert not (reports / "newer.actions.pdf").exists()
    font = find_font("wqy-microhei")
    args = ["recheck", str(reports), "--templates", str(templates)]
    if font is not None:
        args += ["--font", str(font)]
    result = runner.invoke(app, args)
    assert result.exit_code == 1, result.output
    pdf = reports / "newer.actions.pdf"
    assert f"客服电话：{HOTLINE}" in _text(pdf)
    if font is not None:
        with pdfplumber.open(pdf) as document:
            names = {c["fontname"] for c in document.pages[0].chars}
        assert not any("STSong" in name for name in names)


def test_font_and_templates_need_actions_pdf(tmp_path: Path) -> None:
    """``check`` refuses --font or --templates without --actions-pdf (they would do nothing)."""
    folder = demo_dir()
    result = runner.invoke(
        app,
        [
            *("--lang", "en", "check", str(folder / "older.pdf"), str(folder / "newer.pdf")),
            *("--templates", str(tmp_path)),
        ],
    )
    assert result.exit_code == 2
    assert "--actions-pdf" in result.stderr
