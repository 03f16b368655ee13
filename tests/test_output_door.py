"""Every command writes through one writer: atomic, never over an input, one-line errors."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from diff_helpers import account, old_report, report
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.errors import OutputFileError
from creditdiff.model import Report
from creditdiff.output.write import OutputIsInputError, write_document
from creditdiff.serialize import report_to_dict

runner = CliRunner()

OLD = old_report([account("credit_card", used=300), account("non_revolving_loan", balance=900)])
NEW = report([account("credit_card", used=0), account("non_revolving_loan", balance=800)])


def save(path: Path, rep: Report) -> Path:
    path.write_text(json.dumps(report_to_dict(rep), ensure_ascii=False), encoding="utf-8")
    return path


def one_error_line(stderr: str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("creditdiff: error: ")
    assert "Traceback" not in stderr
    return lines[0]


def test_diff_json_to_a_missing_folder_is_one_error_line(tmp_path: Path) -> None:
    """``diff OLD NEW --json -o /missing/x.json`` is one error line and exit 2, no traceback."""
    old, new = save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW)
    target = tmp_path / "missing" / "x.json"
    result = runner.invoke(app, ["diff", str(old), str(new), "--json", "-o", str(target)])
    assert result.exit_code == 2
    assert "cannot write" in one_error_line(result.stderr)
    assert not target.exists()


def test_parse_reads_one_json_file_as_it_reads_several(tmp_path: Path) -> None:
    """``parse x.json`` reads the JSON report, as ``parse x.json y.json`` does."""
    old, new = save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW)
    alone = runner.invoke(app, ["parse", str(old), "--json"])
    assert alone.exit_code == 0, alone.stderr
    together = runner.invoke(app, ["parse", str(old), str(new), "--json"])
    assert together.exit_code == 0, together.stderr
    assert json.loads(together.stdout)[0] == json.loads(alone.stdout)
    assert json.loads(alone.stdout) == report_to_dict(OLD)


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "{old}", "{new}", "--json", "-o", "{new}"],
        ["diff", "{old}", "{new}", "-o", "{old}"],
        ["report", "{old}", "{new}", "-o", "{new}"],
        ["report", "{new}", "-o", "{new}"],
        ["check", "{old}", "{new}", "-o", "{new}"],
        ["check", "{old}", "{new}", "--format", "json", "-o", "{old}"],
        ["check", "{old}", "{new}", "--format", "junit", "-o", "{new}"],
        ["baseline", "{old}", "{new}", "-o", "{new}"],
        ["parse", "{old}", "--json", "-o", "{old}"],
        ["parse", "{old}", "{new}", "--json", "-o", "{new}"],
    ],
)
def test_an_output_that_is_an_input_is_refused(tmp_path: Path, command: list[str]) -> None:
    """Writing over one of the command's own input files is one error line, exit 2, and
    the input is left byte for byte as it was."""
    old, new = save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW)
    before = {old: old.read_bytes(), new: new.read_bytes()}
    args = [part.format(old=old, new=new) for part in command]
    result = runner.invoke(app, args)
    assert result.exit_code == 2, result.output
    assert "is one of the input files" in one_error_line(result.stderr)
    assert {path: path.read_bytes() for path in before} == before


def test_an_input_named_another_way_is_still_refused(tmp_path: Path) -> None:
    """A symlink or a relative spelling of an input is the same file and is refused."""
    source = tmp_path / "in.json"
    source.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(source)
    with pytest.raises(OutputIsInputError):
        write_document(link, "new", [source])
    (tmp_path / "sub").mkdir()
    with pytest.raises(OutputIsInputError):
        write_document(tmp_path / "sub" / ".." / "in.json", "new", [source])
    assert source.read_text(encoding="utf-8") == "keep"


def test_a_write_replaces_the_file_whole(tmp_path: Path) -> None:
    """Text is written as UTF-8 and bytes as given; an existing file is replaced."""
    target = tmp_path / "out.txt"
    target.write_text("old and longer content", encoding="utf-8")
    write_document(target, "新内容\n")
    assert target.read_text(encoding="utf-8") == "新内容\n"
    write_document(target, b"%PDF-bytes")
    assert target.read_bytes() == b"%PDF-bytes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_failing_write_leaves_the_old_file_and_no_partial_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """When the disk write fails midway, the old file is intact and no temporary remains."""
    target = tmp_path / "out.json"
    target.write_text("previous", encoding="utf-8")

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OutputFileError, match="No space left on device"):
        write_document(target, "x" * 100_000)
    assert target.read_text(encoding="utf-8") == "previous"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.json"]


def test_a_folder_as_output_is_an_output_error(tmp_path: Path) -> None:
    """An output path that is a folder is an OutputFileError, and the folder stays."""
    with pytest.raises(OutputFileError):
        write_document(tmp_path, "text")
    assert tmp_path.is_dir()
