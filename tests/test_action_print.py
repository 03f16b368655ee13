"""Print audit of the action PDF: sizes, dark colours, severity in words, fonts.

Walks every character pdfplumber reads from the demo's action PDF. Printed on an office
black-and-white laser, text must be at least 8 pt (9 pt for what the person reads and
does: checklists, branches, call scripts, table cells) and dark: light grey and amber
text fade to nothing, so colour may only mark what a word beside it also says.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.demo import demo_dir, run_demo
from creditdiff.render import fonts
from creditdiff.render.font_names import find_font
from creditdiff.wording import load_wording

pytestmark = pytest.mark.slow
runner = CliRunner()

#: Grey value (0 black … 1 white) a text colour may reach when printed in black and white.
DARKEST_LIGHT = 0.45
#: Lines a person reads to act: the smallest text there.
BODY_PT = 9.0
#: Anything else (evidence, notes, chart labels, the footer).
SMALLEST_PT = 8.0
BODY_STARTS = ("电话里这样说", "客服电话", "联系渠道", "如果", "确认该账户", "向机构申请注销")
SEVERITY_WORDS = ("高", "中", "低", "提示")


def grey(colour: Sequence[float] | None) -> float:
    """The grey a colour prints as (ITU-R 601 luma of the RGB or grey value)."""
    if not colour:
        return 0.0
    if len(colour) == 1:
        return float(colour[0])
    if len(colour) == 4:  # CMYK
        c, m, y, k = colour
        r, g, b = (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    else:
        r, g, b = colour[:3]
    return 0.299 * r + 0.587 * g + 0.114 * b


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    """Each page's characters and text lines (with their characters)."""
    result = run_demo(tmp_path_factory.mktemp("print"))
    out = []
    with pdfplumber.open(result.action_report.output) as pdf:
        for page in pdf.pages:
            out.append({"chars": list(page.chars), "lines": page.extract_text_lines()})
    return out


def test_every_character_is_at_least_8pt(pages: list[dict[str, Any]]) -> None:
    """No character anywhere (footer and chart labels included) is below 8 pt."""
    small = [
        (n, c["text"], round(c["size"], 1))
        for n, page in enumerate(pages, 1)
        for c in page["chars"]
        if c["size"] < SMALLEST_PT - 0.01
    ]
    assert not small, small[:10]


def test_lines_to_act_on_are_at_least_9pt(pages: list[dict[str, Any]]) -> None:
    """Checklist items, branches, hotlines and call scripts are printed at 9 pt or more."""
    checked = 0
    for page in pages:
        for line in page["lines"]:
            text = "".join(line["text"].split())
            if text.startswith(BODY_STARTS):
                checked += 1
                # The "日期：____" blank beside a tick box is a note (8 pt), not the step.
                step = len(text.split("日期：")[0])
                chars = [c for c in line["chars"] if c["text"].strip()][:step]
                sizes = {round(c["size"], 1) for c in chars}
                assert min(sizes) >= BODY_PT, (text, sizes)
    assert checked >= 20


def test_text_is_dark_enough_for_black_and_white(pages: list[dict[str, Any]]) -> None:
    """Every character but the coloured severity mark prints dark (or white on a dark
    fill): no light grey or amber text."""
    light = []
    for n, page in enumerate(pages, 1):
        for c in page["chars"]:
            value = grey(c.get("non_stroking_color"))
            if c["text"] == "■" or value > 0.99:
                continue
            if value > DARKEST_LIGHT:
                light.append((n, c["text"], round(value, 2)))
    assert not light, light[:10]


def test_severity_marks_carry_their_word(pages: list[dict[str, Any]]) -> None:
    """Each coloured ■ is followed by the severity in words: colour never says it alone."""
    marks = 0
    for page in pages:
        for line in page["lines"]:
            text = "".join(line["text"].split())
            for index, char in enumerate(text):
                if char == "■":
                    marks += 1
                    assert text[index + 1 :].startswith(SEVERITY_WORDS), text
    assert marks >= 20


def test_missing_truetype_font_warns_once_and_still_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without any TrueType CJK font, one stderr line says how to install one and the PDF
    is written in STSong-Light."""
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    folder = demo_dir()
    output = tmp_path / "actions.pdf"
    result = runner.invoke(
        app,
        [
            *("--lang", "zh", "report", str(folder / "older.pdf"), str(folder / "newer.pdf")),
            *("--closures", str(folder / "closures.csv"), "-o", str(output)),
        ],
    )
    assert result.exit_code == 0, result.output
    hints = [line for line in result.stderr.splitlines() if "TrueType" in line]
    assert len(hints) == 1
    assert "fonts-wqy-microhei" in hints[0] and "--font" in hints[0]
    with pdfplumber.open(output) as pdf:
        names = {c["fontname"] for c in pdf.pages[0].chars}
        text = pdf.pages[0].extract_text() or ""
    assert any("STSong" in name for name in names)
    assert squash(load_wording().text("document.title")) in squash(text)


def squash(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("how", ["path", "name"])
def test_font_option_takes_a_path_or_an_installed_name(tmp_path: Path, how: str) -> None:
    """``--font`` given the file or the installed font's name embeds that font."""
    path = find_font("WenQuanYi Micro Hei")
    if path is None:
        pytest.skip("needs WenQuanYi Micro Hei installed (fonts-wqy-microhei)")
    folder = demo_dir()
    output = tmp_path / "actions.pdf"
    value = str(path) if how == "path" else "WenQuanYi Micro Hei"
    result = runner.invoke(
        app,
        [
            *("report", str(folder / "older.pdf"), str(folder / "newer.pdf")),
            *("-o", str(output), "--font", value),
        ],
    )
    assert result.exit_code == 0, result.output
    assert str(path) in result.stdout
    with pdfplumber.open(output) as pdf:
        names = {c["fontname"] for c in pdf.pages[0].chars}
    assert any("WenQuanYi" in name or "CreditDiffCJK" in name for name in names), names
