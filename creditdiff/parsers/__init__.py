"""Report parsers: one per format behind one interface, registered in ``PARSERS``.

Only this package imports pdfplumber. ``read_report`` opens a file (a report PDF of
either format, or a JSON file written by ``creditdiff parse --json``), turns every way a
file can be unreadable into an ``InputError`` subclass, and hands the PDF to the first
parser whose ``detect`` accepts the first page's text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfparser import PDFSyntaxError
from pdfminer.psparser import PSException
from pdfplumber.utils.exceptions import PdfminerException

from creditdiff.errors import (
    CorruptPdfError,
    EncryptedError,
    InputError,
    NotACreditReportError,
    NotAPdfError,
    NoTextLayerError,
)
from creditdiff.model import Report, ReportFormat
from creditdiff.pages import Page
from creditdiff.passwords import password_for
from creditdiff.serialize import load_report_json
from creditdiff.sources import plumber

_CID_GLYPH_RE = re.compile(r"\(cid:\d+\)")

# pdfminer signals a damaged file with several unrelated exception types.
_PDF_ERRORS = (PdfminerException, PDFSyntaxError, PSException, KeyError, TypeError, ValueError)


class ReportParser(Protocol):
    """What every format parser provides."""

    format: ReportFormat

    def detect(self, first_page_text: str) -> bool:
        """Whether the first page's text is this format's."""

    def parse(self, pages: Iterable[Page]) -> Report:
        """Read a report's pages into a Report (``source`` is set by the caller)."""


def _registered() -> tuple[ReportParser, ...]:
    # Imported here so a parser module may import helpers from this package.
    from creditdiff.parsers.detailed import DetailedParser
    from creditdiff.parsers.simple import SimpleParser

    return (DetailedParser(), SimpleParser())


def _check_file(path: Path) -> None:
    if not path.exists():
        raise InputError(path, "no such file")
    if path.is_dir():
        raise InputError(path, "is a directory, not a report file")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror})") from None
    if not head:
        raise NotAPdfError(path, "empty file (0 bytes)")
    if b"%PDF-" not in head:
        raise NotAPdfError(path, "not a PDF file")


def _unwrap(error: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions; look at the original."""
    if isinstance(error, PdfminerException) and error.args:
        inner = error.args[0]
        if isinstance(inner, BaseException):
            return inner
    return error


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[Any]:
    """Open a report PDF, mapping pdfminer's failures to clear InputErrors."""
    _check_file(path)
    # A PasswordBook (creditdiff.passwords) holds one password per file.
    password = password_for(path, password)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except (*_PDF_ERRORS, PDFPasswordIncorrect, PDFEncryptionError) as error:
        inner = _unwrap(error)
        if isinstance(inner, PDFPasswordIncorrect):
            problem = (
                "wrong password" if password else "encrypted; give the password with --password"
            )
            raise EncryptedError(path, problem) from None
        if isinstance(inner, PDFEncryptionError):
            raise EncryptedError(path, "encrypted with an unsupported method") from None
        raise CorruptPdfError(path, "truncated or corrupt PDF") from None
    try:
        yield pdf
    finally:
        pdf.close()


def first_page_text(pages: Iterable[Page], path: Path) -> str:
    """The text of the first page that has any, for detection."""
    try:
        for page in pages:
            text = page.text
            if text.strip():
                return text
    except _PDF_ERRORS:
        raise CorruptPdfError(path, "truncated or corrupt PDF") from None
    raise NoTextLayerError(
        path, "no text layer (a scanned image?); creditdiff needs the PDF as issued"
    )


def parse_pdf(path: Path, password: str | None = None) -> Report:
    """Parse one report PDF of any supported format."""
    with open_pdf(path, password) as pdf:
        text = first_page_text(plumber.pages(pdf), path)
        for parser in _registered():
            if parser.detect(text):
                try:
                    report = parser.parse(plumber.pages(pdf))
                except _PDF_ERRORS as error:
                    if isinstance(error, (KeyError, TypeError, ValueError)) and not _is_pdfminer(
                        error
                    ):
                        raise
                    raise CorruptPdfError(path, "truncated or corrupt PDF") from None
                return dataclasses.replace(report, source=path.name)
    if 2 * sum(len(glyph) for glyph in _CID_GLYPH_RE.findall(text)) > len(text):
        # pdfminer prints ``(cid:N)`` for glyphs it cannot map to Unicode: the text layer
        # exists but cannot be read, which is a different fix for the user than "wrong file".
        raise NoTextLayerError(path, "text layer cannot be decoded (fonts without a Unicode map)")
    raise NotACreditReportError(path, "not a PBOC personal credit report (个人信用报告)")


def _is_pdfminer(error: BaseException) -> bool:
    """Whether an exception was raised inside pdfminer/pdfplumber, not in our parser."""
    tb = error.__traceback__
    last = None
    while tb is not None:
        last = tb
        tb = tb.tb_next
    return last is not None and (
        "pdfminer" in last.tb_frame.f_code.co_filename
        or "pdfplumber" in last.tb_frame.f_code.co_filename
    )


def read_report(path: Path, password: str | None = None) -> Report:
    """A report from a PDF, or from JSON written by ``creditdiff parse --json``."""
    if path.suffix.lower() == ".json" and path.is_file():
        return load_report_json(path)
    return parse_pdf(path, password)


__all__ = ["ReportParser", "open_pdf", "parse_pdf", "read_report"]
