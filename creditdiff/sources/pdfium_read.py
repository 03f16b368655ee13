"""Open a report with PDFium: its errors as creditdiff's, a damage probe, per-page fallback.

PDFium repairs what it can and stays silent about it: a content stream whose bytes are
scrambled simply yields fewer characters. A credit report read with half a page missing
is worse than an error, so before reading, every compressed stream of an unencrypted
file is checked once (a Flate stream is inflated, in C; an ASCII85 one must hold only
its alphabet and end with ``~>``); one that fails makes the file "truncated or
corrupt", as pdfplumber says of it.

A page PDFium cannot map to Unicode is read with pdfplumber (opened only then) and a
warning names the page, so the parse equals the pdfplumber one.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from creditdiff.errors import CorruptPdfError, EncryptedError
from creditdiff.pages import Page
from creditdiff.passwords import password_for
from creditdiff.sources import pdfium as source
from creditdiff.sources import plumber

_STREAM_RE = re.compile(rb"<<((?:[^<>]|<<(?:[^<>]|<<[^<>]*>>)*>>|<[^<>]*>)*)>>\s*stream\r?\n")
#: The bytes an ASCII85 stream may hold: ``!`` to ``u``, ``z`` and white space.
_ASCII85 = bytes(range(33, 118)) + b"z \t\r\n\x0c\x00"
_LENGTH_RE = re.compile(rb"/Length\s+(\d+)(?!\s+\d+\s+R)")


def _decodes(dictionary: bytes, data: bytes) -> bool:
    """Whether one stream's bytes pass its ASCII85 and Flate filters."""
    filters = re.findall(rb"/(ASCII85Decode|A85|FlateDecode|Fl)\b", dictionary)
    if not filters:
        return True
    if filters[0] in (b"ASCII85Decode", b"A85"):
        # Decoding ASCII85 is Python code (slow on a 200-page file): check its alphabet.
        text = data.rstrip()
        return text.endswith(b"~>") and not text[:-2].translate(None, _ASCII85)
    try:
        zlib.decompressobj().decompress(data)
    except zlib.error:
        return False
    return True


def damaged(data: bytes) -> bool:
    """Whether a compressed stream of an unencrypted PDF cannot be decoded."""
    if b"/Encrypt" in data:
        return False  # PDFium decrypts; the bytes here are ciphertext
    for match in _STREAM_RE.finditer(data):
        dictionary = match.group(1)
        if b"Decode" not in dictionary and b"/Fl" not in dictionary and b"/A85" not in dictionary:
            continue
        start = match.end()
        length = _LENGTH_RE.search(dictionary)
        end = start + int(length.group(1)) if length else data.find(b"endstream", start)
        if end < start or end > len(data):
            return True
        if not _decodes(dictionary, data[start:end]):
            return True
    return False


@dataclass
class PdfiumReport:
    """An open PDFium document whose pages come out as ``Page`` records."""

    path: Path
    password: str | None
    document: Any
    #: Pages read with pdfplumber because PDFium could not map a glyph, by number.
    fallback_pages: list[int] = field(default_factory=list)
    #: Each page read so far: its non-space characters in PDFium's text, by number.
    counts: dict[int, int] = field(default_factory=dict)
    _plumber: Any = None
    _opened: Any = None
    _first: Page | None = None

    def pages(self) -> Iterator[Page]:
        """Every page, the first from cache once read (detection reads it first)."""
        first = self._first
        if first is not None:
            yield first
        start = 2 if first is not None else 1
        for number, page in source.pages(self.document, start, self.counts):
            yield page if page is not None else self._fallback(number)
        self._first = None

    def first_pages(self) -> Iterator[Page]:
        """Pages for detection: the first is kept for the parse that follows."""
        for number, page in source.pages(self.document, 1, self.counts):
            read = page if page is not None else self._fallback(number)
            if number == 1:
                self._first = read
            yield read

    def _fallback(self, number: int) -> Page:
        """Page ``number`` read with pdfplumber; its library errors are a corrupt file."""
        from creditdiff.sources.pdf import open_pdf, pdf_errors

        if self._plumber is None:
            self._opened = open_pdf(self.path, self.password)
            self._plumber = self._opened.__enter__()
        if number not in self.fallback_pages:
            self.fallback_pages.append(number)
        try:
            page = self._plumber.pages[number - 1]
        except pdf_errors():
            raise CorruptPdfError(self.path, "truncated or corrupt PDF") from None
        try:
            return plumber.to_page(page, number)
        except pdf_errors():
            raise CorruptPdfError(self.path, "truncated or corrupt PDF") from None
        finally:
            page.close()

    def text_counts(self) -> list[int] | None:
        """Every page's non-space characters in PDFium's text (what ``--ocr auto`` judges
        a page by), once every page has been read; else None."""
        total = len(self.document)
        if len(self.counts) < total:
            return None
        return [self.counts[number] for number in range(1, total + 1)]

    def warnings(self) -> list[str]:
        """One informational warning naming the pages read with pdfplumber, if any."""
        if not self.fallback_pages:
            return []
        numbers = "、".join(str(n) for n in sorted(self.fallback_pages))
        # "读取方式：" marks a warning that loses nothing (diff.rules_read.INFORMATIONAL).
        return [
            f"读取方式：第 {numbers} 页 PDFium 无法把每个字形映射到 Unicode，已改用 pdfplumber 读取"
        ]

    def close(self) -> None:
        if self._opened is not None:
            self._opened.__exit__(None, None, None)
        self.document.close()


@contextmanager
def open_report(path: Path, password: str | None = None) -> Iterator[PdfiumReport]:
    """Open a checked report file with PDFium, mapping its failures to InputErrors."""
    # A PasswordBook (creditdiff.passwords) holds one password per file.
    password = password_for(path, password)
    data = path.read_bytes()
    try:
        document = pdfium.PdfDocument(data, password=password or None)
    except pdfium.PdfiumError as error:
        code = getattr(error, "err_code", None)
        if code == raw.FPDF_ERR_PASSWORD:
            problem = (
                "wrong password" if password else "encrypted; give the password with --password"
            )
            raise EncryptedError(path, problem) from None
        if code == raw.FPDF_ERR_SECURITY:
            raise EncryptedError(path, "encrypted with an unsupported method") from None
        raise CorruptPdfError(path, "truncated or corrupt PDF") from None
    if len(document) == 0 or damaged(data):
        document.close()
        raise CorruptPdfError(path, "truncated or corrupt PDF")
    report = PdfiumReport(path, password, document)
    try:
        yield report
    except pdfium.PdfiumError:
        raise CorruptPdfError(path, "truncated or corrupt PDF") from None
    finally:
        report.close()
