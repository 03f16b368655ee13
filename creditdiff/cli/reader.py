"""The ``--reader`` option shared by parse, diff, check and report."""

from __future__ import annotations

import enum
import os

import typer

from creditdiff.parsers import READER_ENV


class Reader(str, enum.Enum):
    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


def reader_option() -> Reader:
    """A fresh ``--reader`` option (typer wants one object per command); its default is
    ``$CREDITDIFF_READER``, else pdfium."""
    return typer.Option(  # type: ignore[no-any-return]
        Reader.PDFIUM,
        "--reader",
        envvar=READER_ENV,
        case_sensitive=False,
        help="Text-layer reader: pdfium (fast, default) or pdfplumber (the old path).",
    )


def use_reader(reader: Reader) -> None:
    """Make ``reader`` the one every report of this run is read with, worker processes too
    (they inherit the environment whatever their start method)."""
    os.environ[READER_ENV] = reader.value
