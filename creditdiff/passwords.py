"""Passwords per file: bank apps encrypt each downloaded report with its own password.

A :class:`PasswordBook` holds ``FILE=PASSWORD`` pairs and an optional password for every
other file. It *is* a ``str`` (the default password, or empty) so it travels through the
library's ``password: str | None`` parameters and to worker processes unchanged;
:func:`password_for` picks the one for a file when the PDF is opened.

A file is named by its path (as given, or resolved) or by its bare file name, so
``--password 2024-07.pdf=1234`` works for ``check --dir 征信报告``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from creditdiff.errors import InputError, UsageError


class PasswordBook(str):
    """Per-file passwords; the string value is the password for every other file."""

    by_file: dict[str, str]

    def __new__(cls, default: str = "", by_file: Mapping[str, str] | None = None) -> PasswordBook:
        book = super().__new__(cls, default)
        book.by_file = dict(by_file or {})
        return book

    def __reduce__(self) -> tuple[Any, ...]:
        return (PasswordBook, (str(self), self.by_file))

    def for_file(self, path: Path) -> str | None:
        for key, password in self.by_file.items():
            named = Path(key)
            if named.parent == Path(".") and named.name == path.name:
                return password
            try:
                if named.resolve() == path.resolve():
                    return password
            except OSError:
                continue
        return str(self) or None

    def with_password(self, path: Path, password: str) -> PasswordBook:
        return PasswordBook(str(self), {**self.by_file, str(path): password})


def password_for(path: Path, password: str | None) -> str | None:
    """The password to open ``path`` with: from a book, or the one password given."""
    if isinstance(password, PasswordBook):
        return password.for_file(path)
    return password


def parse_specs(specs: Iterable[str]) -> PasswordBook:
    """``--password`` values: ``FILE=PASSWORD`` pairs and at most one bare password.

    A value is a pair when the part before the first ``=`` names a file ending in
    ``.pdf`` (or ``.json``), or an existing file; otherwise it is a bare password (which
    may itself contain ``=``).
    """
    default = ""
    pairs: dict[str, str] = {}
    for spec in specs:
        name, sep, secret = spec.partition("=")
        if sep and name and (name.lower().endswith((".pdf", ".json")) or Path(name).is_file()):
            pairs[name] = secret
        elif default and default != spec:
            raise UsageError(
                f"--password {'*' * 3}: write FILE=PASSWORD, or one password for every file"
            )
        else:
            default = spec
    return PasswordBook(default, pairs)


def read_password_file(path: Path) -> dict[str, str]:
    """A password file: one ``FILE=PASSWORD`` per line; blank lines and ``#`` comments skipped."""
    try:
        text = path.read_text("utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError):
        raise InputError(path, "cannot be read (password file)") from None
    pairs: dict[str, str] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        name, sep, secret = line.partition("=")
        if not sep or not name.strip():
            # The line number only: the line itself holds a password.
            raise InputError(path, f"line {number}: expected FILE=PASSWORD")
        pairs[name.strip()] = secret.strip()
    return pairs


def needs_password(path: Path) -> bool:
    """Whether a PDF is encrypted (its trailer names an /Encrypt dictionary)."""
    try:
        with path.open("rb") as handle:
            data = handle.read()
    except OSError:
        return False
    return data.startswith(b"%PDF") and b"/Encrypt" in data


__all__ = [
    "PasswordBook",
    "needs_password",
    "parse_specs",
    "password_for",
    "read_password_file",
]
