"""The ``--reader`` option shared by parse, diff, check and report."""

from __future__ import annotations

import enum
import os
from typing import Annotated

import typer

from creditdiff.sources.read import READER_ENV


class Reader(str, enum.Enum):
    PDFIUM = "pdfium"
    PDFPLUMBER = "pdfplumber"


#: ``--reader``; its default is ``$CREDITDIFF_READER``, else pdfium.
ReaderOption = Annotated[
    Reader,
    typer.Option(
        "--reader",
        envvar=READER_ENV,
        case_sensitive=False,
        help="Text-layer reader: pdfium (fast, default) or pdfplumber (the old path).",
    ),
]


def use_reader(reader: Reader) -> None:
    """Make ``reader`` the one every report of this run is read with, worker processes too
    (they inherit the environment whatever their start method)."""
    os.environ[READER_ENV] = reader.value
