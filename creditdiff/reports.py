"""Reports from files: read, check they are one person's, put them in time order.

This module sits above the parsers and the diff engine, which never import each other:
``read_report`` turns a file (a report PDF of either format, or a JSON file written by
``creditdiff parse --json``) into a Report, ``compare_files`` compares two such files.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from pathlib import Path

from creditdiff.errors import InputError, NotACreditReportError, NoTextLayerError, UsageError
from creditdiff.model import Comparison, Provenance, Report, Settings, SourceKind
from creditdiff.pages import Page
from creditdiff.parsers import detect, first_page_text
from creditdiff.parsers.base import ReportParser
from creditdiff.parsers.detect import PARSERS
from creditdiff.serialize import load_report_json
from creditdiff.sources.guard import LibraryLog, damage_warning, reading
from creditdiff.sources.ocr import report as ocr_report
from creditdiff.sources.ocr.confidence import flag_low_confidence
from creditdiff.sources.ocr.plan import OcrPlan, ocr_plan, scan
from creditdiff.sources.read import READERS, default_reader, open_pages
from creditdiff.text import squash


def parse_pdf(
    path: Path, password: str | None = None, reader: str = "pdfium", ocr: str | None = None
) -> Report:
    """Parse one report of any supported format with the named reader, within the
    per-file read budget (time, memory, inflated stream size).

    ``reader`` is "pdfium" (PDFium; a page it cannot map is read with pdfplumber, with a
    warning) or "pdfplumber"; any other name is a ValueError. Library log lines become
    one warning. Scanned pages, images and folders of page images are read through OCR
    (``ocr``: auto, always or never; None: the ``--ocr`` setting).
    """
    if reader not in READERS:  # a caller's mistake, not a damaged file: say so before reading
        raise ValueError(f"unknown reader {reader!r}; use one of {', '.join(READERS)}")
    if reader == "pdfium" and _plan_as_read(path, ocr):
        # The PDFium parse measures each page's text as it reads, so a file whose every
        # page has text is read once; otherwise the plan decides as it always does.
        try:
            report = _parse_text(path, password, reader, need_text=True)
        except InputError:
            plan = _ocr_plan(path, password, ocr)
            if plan.needed:  # a scanned page the parse failed on: OCR reads it
                return _parse_scanned(path, password, plan, reader)
            raise
        if report is not None:
            return report
    plan = _ocr_plan(path, password, ocr)
    if plan.needed:
        return _parse_scanned(path, password, plan, reader)
    report = _parse_text(path, password, reader)
    assert report is not None  # only a need_text parse gives up
    return report


def _plan_as_read(path: Path, ocr: str | None) -> bool:
    """Whether the OCR plan of ``path`` can be judged from the text parse itself: a PDF
    file under ``--ocr auto`` (the plan then OCRs exactly the pages with too little text)."""
    mode = ocr or ocr_report.default_mode()
    return mode == "auto" and path.is_file() and not ocr_report.is_image_input(path)


def _parse_text(
    path: Path, password: str | None, reader: str, need_text: bool = False
) -> Report | None:
    """The parse of a PDF's text layer. ``need_text``: None instead where a page holds
    too little text for ``--ocr auto`` (or the parse left a page unread, unmeasured)."""
    with reading(path) as log, open_pages(path, password, reader) as document:
        parser = detect(first_page_text(document.first_pages(), path), path)
        read: list[int] = []
        report = parser.parse(_noting(document.pages(), read))
        if need_text:
            counts = document.text_counts()
            if counts is None or min(counts, default=0) < ocr_report.MIN_TEXT_CHARS:
                return None
        extra = list(document.warnings())
    return _finish(report, path, log, extra, Provenance(SourceKind.TEXT, files=1, pages=len(read)))


def _finish(
    report: Report, path: Path, log: LibraryLog, extra: list[str], provenance: Provenance
) -> Report:
    warning = damage_warning(log)
    if warning is not None:
        extra.append(warning)
    return dataclasses.replace(
        report,
        source=path.name,
        provenance=provenance,
        warnings=(*report.warnings, *extra),
    )


def _noting(pages: Iterable[Page], read: list[int]) -> Iterator[Page]:
    """The pages, each one's number also noted in ``read`` as the parser takes it."""
    for page in pages:
        read.append(page.number)
        yield page


def _ocr_plan(path: Path, password: str | None, ocr: str | None) -> OcrPlan:
    """Where a file needs OCR; a PDF is looked at within the ordinary read budget."""
    if path.is_dir() or not path.exists():
        return ocr_plan(path, password, ocr)
    with reading(path):
        return ocr_plan(path, password, ocr)


def _parse_scanned(path: Path, password: str | None, plan: OcrPlan, reader: str) -> Report:
    """OCR a file's pages (within the OCR read budget), detect the format and parse;
    scan warnings come first."""
    with reading(path, ocr=True) as log:
        result = scan(path, password, plan, reader)
        parser = _detect_scanned(result.pages, path)
        report = flag_low_confidence(parser.parse(result.pages), result.pages)
    report = dataclasses.replace(report, warnings=(*result.warnings, *report.warnings))
    provenance = Provenance(SourceKind.OCR, result.files, len(result.pages), result.confidence)
    return _finish(report, path, log, [], provenance)


def _detect_scanned(pages: list[Page], path: Path) -> ReportParser:
    """The parser for OCR'd pages: page 1's text decides, as for a PDF; when page 1 was
    not recognised (an unread title), the first page any parser accepts."""
    if pages:
        try:
            return detect(pages[0].text, path)
        except (NotACreditReportError, NoTextLayerError):
            pass
    for parser in PARSERS:  # the 本人版 first: its marks never appear in a 简版
        if any(parser.detect(page.text) for page in pages[1:]):
            return parser
    raise NotACreditReportError(path, "not a PBOC personal credit report (个人信用报告)")


def is_report_json(path: Path) -> bool:
    """Whether a path names a ``creditdiff parse --json`` file rather than a PDF."""
    return path.suffix.lower() == ".json" and path.is_file()


def read_report(
    path: Path, password: str | None = None, reader: str | None = None, ocr: str | None = None
) -> Report:
    """A report from a PDF (or scan images), or from JSON written by ``creditdiff parse
    --json``.

    ``reader`` is "pdfium" or "pdfplumber"; None takes ``$CREDITDIFF_READER`` or pdfium.
    """
    if is_report_json(path):
        with reading(path):
            return load_report_json(path)
    return parse_pdf(path, password, reader or default_reader(), ocr)


class DifferentPeopleError(UsageError):
    """The two reports are of two different people (the message names neither)."""


def _visible_ids_differ(a: str, b: str) -> bool:
    """Compare two masked ID numbers on the characters both show.

    Reports and parsers mask differently (``1101**********1234``, ``110108******181X``,
    ``**************2121``) and not always to the full length: compare the printed
    leading and trailing runs as far as both show them, and every position when the
    lengths agree.
    """
    a, b = a.upper(), b.upper()
    if len(a) == len(b):
        return any(x != y for x, y in zip(a, b, strict=True) if x != "*" and y != "*")
    head_a, head_b = a.split("*")[0], b.split("*")[0]
    tail_a, tail_b = a.split("*")[-1], b.split("*")[-1]
    head = min(len(head_a), len(head_b))
    tail = min(len(tail_a), len(tail_b))
    return head_a[:head] != head_b[:head] or (tail > 0 and tail_a[-tail:] != tail_b[-tail:])


def check_same_person(first: Report, second: Report) -> None:
    """Refuse two reports whose ID numbers or names disagree."""
    if (
        first.id_number
        and second.id_number
        and _visible_ids_differ(
            squash(first.id_number, fold_width=True), squash(second.id_number, fold_width=True)
        )
    ):
        raise DifferentPeopleError(
            "the two reports are of different people (ID numbers differ); "
            "compare two reports of one person"
        )
    if (
        first.subject_name
        and second.subject_name
        and squash(first.subject_name, fold_width=True)
        != squash(second.subject_name, fold_width=True)
    ):
        raise DifferentPeopleError(
            "the two reports are of different people (names differ); "
            "compare two reports of one person"
        )


def order_reports(first: Report, second: Report) -> tuple[Report, Report, tuple[str, ...]]:
    """(older, newer, notices) by 报告时间; argument order only when a time is missing."""
    if first.generated_at is None or second.generated_at is None:
        notice = "有报告缺少报告时间，按参数顺序视第一个为较早报告"
        return first, second, (notice,)
    if first.generated_at > second.generated_at:
        notice = (
            f"参数顺序与报告时间相反：已按报告时间把{second.source or '第二个文件'}"
            f"作为较早报告，{first.source or '第一个文件'}作为较新报告"
        )
        return second, first, (notice,)
    return first, second, ()


def compare_reports(
    first: Report | None, second: Report, settings: Settings | None = None
) -> Comparison:
    """Check and order two already-read reports, then compare them."""
    from creditdiff.diff.engine import compare  # a parse alone never loads the diff engine

    if first is None:
        return compare(None, second, settings)
    check_same_person(first, second)
    old, new, notices = order_reports(first, second)
    result = compare(old, new, settings)
    return Comparison(
        old=result.old,
        new=result.new,
        findings=result.findings,
        changes=result.changes,
        notices=(*notices, *result.notices),
    )


def compare_files(
    old: Path | None,
    new: Path,
    settings: Settings | None = None,
    password: str | None = None,
) -> Comparison:
    """Read two report files (PDF of either format, or parse JSON) and compare them.

    ``old=None`` compares the newer report alone. The files are ordered by their
    报告时间, so swapped arguments give the same findings and a notice.
    """
    first = None if old is None else read_report(old, password)
    second = read_report(new, password)
    return compare_reports(first, second, settings)
