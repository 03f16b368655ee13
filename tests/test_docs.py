"""The README documents every command, and its examples run on the shipped fixtures."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from creditdiff.cli import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text("utf-8")
COMMANDS = sorted(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_in_the_readme(command: str) -> None:
    """Each CLI command appears in the README as `creditdiff <command>`."""
    assert f"creditdiff {command}" in README


def _examples(command: str) -> list[list[str]]:
    """The README's console lines that run `creditdiff <command>` on shipped fixtures."""
    found = []
    for match in re.finditer(r"^\$ creditdiff (.+?)$", README, flags=re.MULTILINE):
        words = shlex.split(match.group(1).rstrip("\\"))
        if words[0] == command and any(word.startswith("fixtures/") for word in words):
            found.append(words)
    return found


@pytest.mark.parametrize("command", ["parse", "diff", "check"])
def test_readme_examples_run(command: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Every README example of parse, diff and check runs and exits 0 or 1."""
    monkeypatch.chdir(tmp_path)  # outputs such as `-o newer.json` land in tmp_path
    examples = _examples(command)
    assert examples, f"no README example for {command}"
    for words in examples:
        args = [str(ROOT / w) if w.startswith("fixtures/") else w for w in words]
        result = CliRunner().invoke(app, args)
        assert result.exit_code in (0, 1), (words, result.output)
        assert result.exception is None or isinstance(result.exception, SystemExit)
