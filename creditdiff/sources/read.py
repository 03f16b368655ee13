"""A report file's pages by reader: PDFium (fast, the default) or pdfplumber (the reference).

``open_pages`` opens a checked file with the named reader and yields a ``ReportPages``:
``first_pages()`` for detection, ``pages()`` for the parse, ``warnings()`` for anything the
reader had to do differently (PDFium reads a page it cannot map with pdfplumber and says so)
and ``text_counts()``, how much text each page held (PDFium measures it as it reads, so
``--ocr auto`` need not read the file a second time).
Each reader maps its library's failures to ``InputError`` subclasses.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

from creditdiff.pages import Page
from creditdiff.sources import pdf as pdf_source

#: The text-layer readers: PDFium (fast, the default) and pdfplumber (the reference).
READERS = ("pdfium", "pdfplumber")
#: Environment variable naming the reader ``read_report`` uses when none is given
#: (the CLI's ``--reader`` sets it, so batch worker processes read the same way).
READER_ENV = "CREDITDIFF_READER"


def default_reader() -> str:
    """``$CREDITDIFF_READER``, else pdfium."""
    return os.environ.get(READER_ENV) or "pdfium"


class ReportPages(Protocol):
    """An open report's pages, as one reader reads them."""

    def first_pages(self) -> Iterator[Page]: ...

    def pages(self) -> Iterator[Page]: ...

    def warnings(self) -> list[str]: ...

    def text_counts(self) -> list[int] | None:
        """Each page's non-space characters in PDFium's text once all are read; None
        from a reader that does not measure them."""
        ...


class _PlumberPages:
    """pdfplumber's pages of an open PDF (read afresh each time; no warnings)."""

    def __init__(self, pdf: Any, path: Path) -> None:
        self._pdf = pdf
        self._path = path

    def first_pages(self) -> Iterator[Page]:
        return pdf_source.pages(self._pdf, self._path)

    def pages(self) -> Iterator[Page]:
        return pdf_source.pages(self._pdf, self._path)

    def warnings(self) -> list[str]:
        return []

    def text_counts(self) -> list[int] | None:
        return None


@contextmanager
def open_pages(path: Path, password: str | None, reader: str) -> Iterator[ReportPages]:
    """Open ``path`` with ``reader`` ("pdfium" or "pdfplumber"; anything else: ValueError)."""
    if reader == "pdfplumber":
        with pdf_source.open_pdf(path, password) as pdf:
            yield _PlumberPages(pdf, path)
        return
    if reader != "pdfium":
        raise ValueError(f"unknown reader {reader!r}; use one of {', '.join(READERS)}")
    from creditdiff.sources.pdfium_read import open_report  # pypdfium2, on use

    pdf_source.check_file(path)
    with open_report(path, password) as document:
        yield document
