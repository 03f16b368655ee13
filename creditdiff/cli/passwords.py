"""``--password`` (repeatable, ``FILE=PASSWORD``), ``--password-file`` and the prompt."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from creditdiff import i18n
from creditdiff.passwords import PasswordBook, needs_password, parse_specs, read_password_file


def collect_passwords(
    specs: Sequence[str] | None,
    password_file: Path | None = None,
    *,
    files: Iterable[Path | None] = (),
    ask: Callable[[str], str] | None = None,
) -> PasswordBook:
    """Every password given, plus (on a terminal) one asked for each encrypted file left.

    ``ask`` prompts for a password (``getpass`` when stdin is a terminal; None elsewhere,
    so cron and pipes never wait for input).
    """
    book = parse_specs(specs or ())
    if password_file is not None:
        book = PasswordBook(str(book), {**read_password_file(password_file), **book.by_file})
    if ask is None and sys.stdin.isatty() and sys.stderr.isatty():
        import getpass  # the terminal modules behind it: only when a prompt may be shown

        ask = getpass.getpass
    if ask is None or str(book):
        return book
    for path in files:
        if path is None or path.suffix.lower() != ".pdf":
            continue
        if book.for_file(path) is None and needs_password(path):
            book = book.with_password(path, ask(i18n.ui("password.prompt", file=path) + ": "))
    return book


def folder_files(directory: Path | None) -> list[Path]:
    """The report files of ``--dir`` (for the prompt), none when there is no folder."""
    if directory is None or not directory.is_dir():
        return []
    from creditdiff.batch import report_files  # the parsers behind it: only for a folder

    return list(report_files(directory))
