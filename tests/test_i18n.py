"""The command line in Chinese by default and in English on request: help, errors, warnings."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from rich.console import Console
from typer.testing import CliRunner

from creditdiff import i18n
from creditdiff.cli import app
from creditdiff.render.wrapping import wrapped_lines
from tests.conftest import FIXTURES

runner = CliRunner()
COMMANDS = ["check", "baseline", "demo", "diff", "parse", "report", "recheck"]
TYPE_NAMES = re.compile(r"<(bool|str|int|path|list\[[^\]]*\]|int range)>")


def _zh_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_chinese_by_default(command: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without --lang and with a Chinese LANG, every command's help is in Chinese."""
    _zh_env(monkeypatch)
    result = runner.invoke(app, [command, "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "用法：" in result.stdout and "选项" in result.stdout
    assert "显示本帮助后退出" in result.stdout
    assert "Show this message" not in result.stdout
    assert not TYPE_NAMES.search(result.stdout), result.stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_is_english_with_lang_en(command: str) -> None:
    """--lang en (anywhere on the line) gives English help without Python type names."""
    result = runner.invoke(app, [command, "--lang", "en", "--help"], terminal_width=80)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.stdout and "Show this message and exit." in result.stdout
    assert "用法" not in result.stdout
    assert not TYPE_NAMES.search(result.stdout), result.stdout


def test_lang_env_gives_english(monkeypatch: pytest.MonkeyPatch) -> None:
    """LANG=en_US.UTF-8 (no LC_ALL) gives English; LC_ALL=zh_CN gives Chinese."""
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.setenv("LANG", "en_US.UTF-8")
    assert "Usage:" in runner.invoke(app, ["--help"]).stdout
    monkeypatch.setenv("LC_ALL", "zh_CN.UTF-8")
    assert "用法：" in runner.invoke(app, ["--help"]).stdout


def test_help_has_no_orphan_words_at_80_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """No line of the Chinese help at 80 columns holds a lone Latin word left by re-wrapping."""
    _zh_env(monkeypatch)
    for command in COMMANDS:
        text = runner.invoke(app, [command, "--help"], terminal_width=80).stdout
        for line in text.splitlines():
            cells = [cell.strip() for cell in line.strip("│ ").split("  ") if cell.strip()]
            assert not any(re.fullmatch(r"[A-Za-z]{1,8}[,.]?", cell) for cell in cells[1:]), (
                command,
                line,
            )


def test_error_in_each_language(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A missing file is one stderr line naming the file, in Chinese by default, else English."""
    missing = tmp_path / "nope.pdf"
    english = runner.invoke(app, ["parse", str(missing)])
    assert english.exit_code == 2
    assert english.stderr == f"creditdiff: error: {missing}: no such file\n"
    _zh_env(monkeypatch)
    chinese = runner.invoke(app, ["parse", str(missing)])
    assert chinese.exit_code == 2
    assert chinese.stderr == f"creditdiff: error: {missing}: 文件不存在\n"


def test_usage_error_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    """A usage error raised with English text in the library prints its Chinese catalogue text."""
    _zh_env(monkeypatch)
    result = runner.invoke(app, ["check", "--all", str(FIXTURES / "demo" / "newer.pdf")])
    assert result.exit_code == 2
    assert "--all、--list 和 --actions-pdf 只能与 --dir 文件夹一起使用" in result.stderr


def test_warning_in_each_language(monkeypatch: pytest.MonkeyPatch) -> None:
    """A parse warning prints as 警告：… (the parser's own Chinese) or warning: … in English."""
    pdf = str(FIXTURES / "detailed" / "summary-mismatch.pdf")
    english = runner.invoke(app, ["parse", pdf], terminal_width=200)
    assert "warning: 贷记卡账户: 信息概要 says 3 open accounts, parsed 2" in english.stdout
    _zh_env(monkeypatch)
    chinese = runner.invoke(app, ["parse", pdf], terminal_width=200)
    assert "警告：贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个" in chinese.stdout


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("name", ["messages", "help", "ui"])
def test_catalogue_entries_have_both_languages_with_the_same_fields(name: str) -> None:
    """Every message id has zh and en text, both using the same placeholders."""
    for key, entry in i18n.catalogue(name).items():
        assert set(entry) == {"zh", "en"}, key
        assert entry["zh"].strip() and entry["en"].strip(), key
        if name != "ui" or "{}" not in entry["en"]:
            assert _fields(entry["zh"]) == _fields(entry["en"]), key


def test_translate_recognises_either_language() -> None:
    """A text is recognised by its English or Chinese wording and keeps its file prefix."""
    i18n.set_language("zh")
    assert i18n.translate("a.csv: line 3: empty institution") == "a.csv: 第3行：机构为空"
    i18n.set_language("en")
    assert i18n.translate("a.csv: 第3行：机构为空") == "a.csv: line 3: empty institution"
    assert i18n.translate("something unknown") == "something unknown"
    assert i18n.message_id("wrong password") == "pdf.wrong_password"


FINDING = (
    "  [高] 账户重新出现：平安银行股份有限公司的贷记卡（2017-06-20开立）在较早报告中已销户，"
    "较新报告中又为正常，请致电95511核实  (2148446d1a047315)"
)


@pytest.mark.parametrize("width", range(30, 90, 3))
def test_finding_lines_never_split_an_id_or_before_a_full_width_comma(width: int) -> None:
    """Wrapped finding lines keep ids, dates and numbers whole and never start with ，。）."""
    lines = list(wrapped_lines(FINDING, width, 6, Console(width=width)))
    joined = "".join(line.strip() for line in lines)
    assert joined.replace(" ", "") == FINDING.replace(" ", "")
    for line in lines[1:]:
        assert line.startswith(" " * 6) and not line[6:].startswith(("，", "。", "）", "、"))
    for token in ("(2148446d1a047315)", "2017-06-20", "95511"):
        assert any(token in line for line in lines), (width, lines)


@pytest.mark.parametrize(
    ("message", "chinese"),
    [
        (
            "a.pdf: not a regular file (a pipe or a device?)",
            "a.pdf: 不是普通文件（是管道或设备？）",
        ),
        ("a.pdf: took longer than 30 s to read", "a.pdf: 读取超过 30 秒，已停止"),
        ("a.pdf: needs more than 512 MB to read", "a.pdf: 读取需要超过 512 MB 内存，已停止"),
        ("a.pdf: nested too deeply to read", "a.pdf: 嵌套层数过深，无法读取"),
    ],
)
def test_read_guard_messages_have_chinese_text(message: str, chinese: str) -> None:
    """The read guard's refusals print in Chinese, with the file name kept."""
    i18n.set_language("zh")
    assert i18n.translate(message) == chinese


def test_chinese_parse_warnings_pass_through_unchanged() -> None:
    """A warning the parser already words in Chinese prints as it is in Chinese."""
    i18n.set_language("zh")
    for warning in (
        "贷记卡账户：信息概要载明未结清/未销户 3 个，读出 2 个",
        "信息概要“贷款”：从明细读出 2 个，概要载明 3 个",
        "查询记录第 4 条：无法读取查询日期或查询原因，该条未读取",
    ):
        assert i18n.message_id(warning) is not None, warning
        assert i18n.translate(warning) == warning


def test_a_folder_error_is_wholly_chinese(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`check --dir` naming two unreadable files says so in Chinese, each file's error too."""
    _zh_env(monkeypatch)
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "broken.pdf").write_bytes((FIXTURES / "demo" / "newer.pdf").read_bytes()[:3000])
    (folder / "notes.pdf").write_text("hello", encoding="utf-8")
    result = runner.invoke(app, ["check", "--dir", str(folder)])
    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith("creditdiff: error: 2 个文件无法作为报告读取：")
    assert f"{folder / 'broken.pdf'}: PDF 不完整或已损坏" in line
    assert f"{folder / 'notes.pdf'}: 不是 PDF 文件" in line
    message = re.sub(r"\S+\.pdf", "", line.removeprefix("creditdiff: error: "))
    assert not re.search(r"[A-Za-z]{4,}", message.replace("PDF", ""))
