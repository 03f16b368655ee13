"""Passwords per file: two reports encrypted differently, opened by FILE=PASSWORD pairs."""

from __future__ import annotations

import copy
import pickle
from pathlib import Path

import _reportcases as cases
import pytest
from reportlab.lib.pdfencrypt import StandardEncryption
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.cli.passwords import collect_passwords
from creditdiff.errors import UsageError
from creditdiff.passwords import PasswordBook, parse_specs, password_for, read_password_file
from fixtures.generator import detailed

runner = CliRunner()
pytestmark = pytest.mark.slow


def _encrypted(case: dict[str, object], path: Path, encrypt: object) -> Path:
    # Encrypted fixtures embed the TrueType font (see tests/test_bad_input.py).
    case = copy.deepcopy(case)
    case["layout"] = {"font": "ttf", "password": encrypt}
    detailed.build(case, path)
    return path


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    """An older report under a 40-bit RC4 password, a newer one under a 128-bit one."""
    root = tmp_path / "征信报告"
    root.mkdir()
    _encrypted(cases.older(), root / "2024-01.pdf", StandardEncryption("1111", strength=40))
    _encrypted(cases.newer(), root / "2024-07.pdf", StandardEncryption("2222", strength=128))
    return root


def test_check_dir_opens_each_file_with_its_password(folder: Path) -> None:
    """`check --dir` with --password FILE=PW per file reads both and finds the paid-off card."""
    result = runner.invoke(
        app,
        [
            *("check", "--dir", str(folder), "--password", "2024-01.pdf=1111"),
            *("--password", f"{folder / '2024-07.pdf'}=2222"),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "已还清未销户" in result.stdout


def test_one_password_for_two_files_fails_on_the_other(folder: Path) -> None:
    """A single password opens only its own file: the other is named as a wrong password."""
    result = runner.invoke(app, ["check", "--dir", str(folder), "--password", "1111"])
    assert result.exit_code == 2
    assert "2024-07.pdf: wrong password" in result.stderr


def test_password_file_and_diff(folder: Path, tmp_path: Path) -> None:
    """A password file of FILE=PASSWORD lines opens both reports for diff."""
    book = tmp_path / "passwords.txt"
    book.write_text("# 银行 App 给的密码\n2024-01.pdf=1111\n\n2024-07.pdf = 2222\n", "utf-8")
    result = runner.invoke(
        app,
        [
            *("diff", str(folder / "2024-01.pdf"), str(folder / "2024-07.pdf")),
            *("--password-file", str(book)),
        ],
    )
    assert result.exit_code == 1, result.output
    assert "已还清未销户" in result.stdout


def test_prompt_asks_only_for_encrypted_files_without_a_password(folder: Path) -> None:
    """On a terminal the prompt is asked once per encrypted file that has no password yet."""
    asked: list[str] = []

    def ask(prompt: str) -> str:
        asked.append(prompt)
        return "2222"

    files = [folder / "2024-01.pdf", folder / "2024-07.pdf"]
    book = collect_passwords(["2024-01.pdf=1111"], files=files, ask=ask)
    assert len(asked) == 1 and "2024-07.pdf" in asked[0]
    assert book.for_file(files[0]) == "1111" and book.for_file(files[1]) == "2222"


def test_specs_pairs_default_and_pickling(tmp_path: Path) -> None:
    """FILE=PW pairs and one bare password (which may hold '=') survive a trip to a worker."""
    book = parse_specs(["a.pdf=x=1", "p=w"])
    assert password_for(Path("/any/a.pdf"), book) == "x=1"
    assert password_for(Path("b.pdf"), book) == "p=w"
    again = pickle.loads(pickle.dumps(book))
    assert isinstance(again, PasswordBook) and again.by_file == {"a.pdf": "x=1"}
    with pytest.raises(UsageError):
        parse_specs(["one", "two"])
    bad = tmp_path / "pw.txt"
    bad.write_text("no separator\n", "utf-8")
    with pytest.raises(Exception, match="line 1: expected FILE=PASSWORD"):
        read_password_file(bad)
