"""Opening a report PDF and turning its pages into the page model.

Every way pdfplumber/pdfminer can fail on a damaged, encrypted or foreign file becomes an
``InputError`` subclass here. Only errors raised while the library opens the file or
converts a page are mapped: an error in a format parser's own code is a bug and
propagates unchanged.

pdfplumber and pdfminer are imported on use, so a PDFium parse (``sources.read``) and
``creditdiff --help`` never load them.
"""

from __future__ import annotations

import mmap
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from creditdiff.errors import CorruptPdfError, EncryptedError, InputError, NotAPdfError
from creditdiff.pages import Page
from creditdiff.passwords import password_for


def pdf_errors() -> tuple[type[BaseException], ...]:
    """pdfminer signals a damaged file with several unrelated exception types.

    Imported on use (an ``except`` clause evaluates its types only when something is
    raised), so a PDFium parse never loads pdfminer.
    """
    from pdfminer.pdfparser import PDFSyntaxError
    from pdfminer.psparser import PSException
    from pdfplumber.utils.exceptions import PdfminerException

    return (PdfminerException, PDFSyntaxError, PSException, KeyError, TypeError, ValueError)


def check_file(path: Path) -> None:
    """Refuse a missing, unreadable, empty or non-PDF file before the library sees it."""
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
    tail = _tail_after_eof(path)
    if tail > TAIL_LIMIT:
        megabytes = max(1, round(tail / (1024 * 1024)))
        raise CorruptPdfError(
            path, f"ends with {megabytes} MB that are not part of the PDF (after %%EOF)"
        )


#: The most bytes a report may carry after its last ``%%EOF`` and still be read. A
#: download may add a newline or some padding; pdfminer looks for ``startxref`` line by
#: line backwards from the end, which through 200 MB of garbage takes minutes.
TAIL_LIMIT = 1024 * 1024


def _tail_after_eof(path: Path) -> int:
    """How many bytes follow the file's last ``%%EOF`` (0 without one: a truncated file
    is the libraries' to judge)."""
    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        end = data.rfind(b"%%EOF")
        return 0 if end < 0 else len(data) - end - len(b"%%EOF")


def _unwrap(error: BaseException) -> BaseException:
    """pdfplumber wraps pdfminer's exceptions; look at the original."""
    from pdfplumber.utils.exceptions import PdfminerException

    if isinstance(error, PdfminerException) and error.args:
        inner = error.args[0]
        if isinstance(inner, BaseException):
            return inner
    return error


@contextmanager
def open_pdf(path: Path, password: str | None = None) -> Iterator[Any]:
    """Open a report PDF, mapping pdfminer's failures to clear InputErrors."""
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    from creditdiff.sources.guard import bound_pdfminer

    check_file(path)
    bound_pdfminer()
    # A PasswordBook (creditdiff.passwords) holds one password per file.
    password = password_for(path, password)
    opening: tuple[type[BaseException], ...] = (PDFPasswordIncorrect, PDFEncryptionError)
    try:
        pdf = pdfplumber.open(path, password=password or "")
    except (*pdf_errors(), *opening) as error:
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
        # Not pdf.close(): it parses every page not yet parsed, which on a file whose
        # read just ran out of time (a reference cycle, a huge page tree) runs on unbounded.
        # Each page read has been closed already; only the file is left.
        pdf.flush_cache()
        pdf.stream.close()


def pages(pdf: Any, path: Path) -> Iterator[Page]:
    """The pages of an open PDF as ``Page`` records.

    A library error while a page is read or converted is a ``CorruptPdfError``; errors
    raised by whoever consumes the pages do not pass through here.
    """
    from creditdiff.sources import plumber

    source = plumber.pages(pdf)
    while True:
        try:
            page = next(source)
        except StopIteration:
            return
        except pdf_errors():
            raise CorruptPdfError(path, "truncated or corrupt PDF") from None
        yield page
