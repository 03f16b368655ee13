"""The closure log CSV: header, encodings, and errors that name the line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from creditdiff.diff import ClosureLogError, load_closures
from creditdiff.errors import CreditDiffError


def write(tmp_path: Path, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / "closures.csv"
    path.write_text(text, encoding=encoding)
    return path


def test_reads_rows_with_and_without_account(tmp_path: Path) -> None:
    """Rows give institution, date, optional account and note, with their line numbers."""
    path = write(
        tmp_path,
        "institution,requested_on,account,note\n"
        "示例银行股份有限公司,2024-03-01,,电话申请\n"
        "样例银行,2024/4/2,1234,\n",
    )
    rows = load_closures(path)
    assert [(r.institution, r.requested_on, r.account, r.note, r.line) for r in rows] == [
        ("示例银行股份有限公司", dt.date(2024, 3, 1), None, "电话申请", 2),
        ("样例银行", dt.date(2024, 4, 2), "1234", None, 3),
    ]


def test_bom_from_spreadsheet_programs_is_accepted(tmp_path: Path) -> None:
    """A UTF-8 BOM before the header (Excel's "CSV UTF-8") is not part of the first column."""
    path = write(
        tmp_path,
        "institution,requested_on,account,note\r\n示例银行,2024年3月1日,,\r\n",
        "utf-8-sig",
    )
    assert load_closures(path)[0].requested_on == dt.date(2024, 3, 1)


def test_optional_columns_may_be_left_out(tmp_path: Path) -> None:
    """A header of only institution,requested_on is enough."""
    rows = load_closures(write(tmp_path, "requested_on,institution\n2024-03-01,示例银行\n"))
    assert rows[0].institution == "示例银行" and rows[0].account is None


def test_blank_lines_are_skipped(tmp_path: Path) -> None:
    """Blank lines and empty rows do not become requests, and line numbers stay true."""
    rows = load_closures(write(tmp_path, "institution,requested_on\n\n,\n示例银行,2024-03-01\n"))
    assert [r.line for r in rows] == [4]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("institution,requested_on\n示例银行,2024-13-01\n", 2, "bad requested_on"),
        ("institution,requested_on\n示例银行,2024-03-01\n示例银行,soon\n", 3, "bad requested_on"),
        ("institution,requested_on,acct\n", 1, "unknown column 'acct'"),
        ("institution,account\n示例银行,1234\n", 1, "missing column 'requested_on'"),
        ("institution,requested_on\n,2024-03-01\n", 2, "empty institution"),
        ("institution,requested_on\n示例银行,2024-03-01,x,y\n", 2, "values for 2 columns"),
        ("", 1, "empty file"),
    ],
)
def test_bad_rows_name_the_file_and_line(tmp_path: Path, text: str, line: int, words: str) -> None:
    """Every problem is a CreditDiffError whose message names the file and the line number."""
    path = write(tmp_path, text)
    with pytest.raises(ClosureLogError) as caught:
        load_closures(path)
    message = str(caught.value)
    assert isinstance(caught.value, CreditDiffError)
    assert str(path) in message and f"line {line}:" in message and words in message


def test_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    """A closure log that does not exist is an error naming the file."""
    with pytest.raises(ClosureLogError, match="no such file"):
        load_closures(tmp_path / "nope.csv")


def test_undecodable_file_is_a_clear_error(tmp_path: Path) -> None:
    """Bytes that are neither UTF-8 nor GB18030/GBK are refused, naming both encodings."""
    path = tmp_path / "closures.csv"
    path.write_bytes(b"institution,requested_on\n\xff\xff,2024-03-01\n")
    with pytest.raises(ClosureLogError, match="neither UTF-8 nor GB18030/GBK"):
        load_closures(path)
