"""The ``--ocr auto|always|never`` option shared by the commands that read reports."""

from __future__ import annotations

import enum
from typing import Annotated

import typer


class OcrMode(str, enum.Enum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def set_mode(mode: OcrMode | None) -> None:
    """Carry the option to the readers (worker processes included)."""
    from creditdiff.sources.ocr import report as scan  # numpy and the OCR stack: on use

    scan.set_mode(None if mode is None else mode.value)


OcrOption = Annotated[
    OcrMode | None,
    typer.Option("--ocr", help="OCR scanned pages: auto (pages without text), always, never."),
]
