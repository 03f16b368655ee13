"""Reading one untrusted file within bounds: time, memory, inflated size, quiet libraries.

A report file comes from outside, and pdfminer will follow whatever it says: a reference
cycle loops, a small Flate stream inflates to gigabytes, a width array with one changed
number allocates a table of a hundred million entries. ``reading(path)`` wraps the read
of one file:

- it refuses anything but a regular file before opening it (a FIFO would block forever);
- a wall-clock alarm ends the read after ``CREDITDIFF_TIME_LIMIT`` seconds (default 60;
  900 for a read that OCRs pages); a read stuck in C code, where the alarm's handler never
  runs, ends the process with the same one line WATCHDOG_GRACE seconds later;
- the soft address-space limit is lowered to what the process uses plus
  ``CREDITDIFF_MEMORY_LIMIT`` MB (default 2048; 6144 for an OCR read) and put back
  afterwards;
- every Flate stream pdfminer inflates stops at ``INFLATE_LIMIT`` bytes, and its reference
  lookups and width tables are bounded (``bound_pdfminer``, applied where pdfplumber
  opens a file, so a PDFium read never loads pdfminer);
- pdfminer's and pdfplumber's log records are collected, never printed, and anything the
  libraries print to ``sys.stdout``/``sys.stderr`` is swallowed;
- every exception that is not creditdiff's own becomes one generic message, because a
  library's text can quote the file's content (an ID number, a name).

The alarm and the limits are per process, so the batch runs each file in a worker that
has its own.
"""

from __future__ import annotations

import contextlib
import io
import logging
import os
import resource
import signal
import stat
import threading
import warnings
import zlib
from collections.abc import Iterator
from pathlib import Path
from types import FrameType

from creditdiff.errors import CorruptPdfError, CreditDiffError, InputError

TIME_ENV = "CREDITDIFF_TIME_LIMIT"
MEMORY_ENV = "CREDITDIFF_MEMORY_LIMIT"
DEFAULT_SECONDS = 60.0
DEFAULT_MEGABYTES = 2048
#: An OCR read (scans, photos) renders and recognises every page: unless the variables say
#: otherwise, it gets this long and this much memory (the recognition models and their
#: runtime's threads alone take several hundred MB of address space).
OCR_SECONDS = 900.0
OCR_MEGABYTES = 6144
#: The most one Flate stream may inflate to; a report's largest stream is a few MB.
INFLATE_LIMIT = 256 * 1024 * 1024
#: Loggers of the PDF libraries whose records are collected instead of printed.
LIBRARY_LOGGERS = ("pdfminer", "pdfplumber", "PIL", "fontTools")

_MB = 1024 * 1024


class BudgetExceeded(BaseException):
    """Raised inside a read that ran out of its budget.

    A BaseException, so that a library's ``except Exception`` cannot swallow it.
    """

    def __init__(self, problem: str) -> None:
        super().__init__(problem)
        self.problem = problem


def time_limit(ocr: bool = False) -> float:
    """Seconds one file may take to read (``CREDITDIFF_TIME_LIMIT``)."""
    return _env_number(TIME_ENV, OCR_SECONDS if ocr else DEFAULT_SECONDS)


def memory_limit(ocr: bool = False) -> int:
    """Megabytes one file may use on top of what the process uses (``CREDITDIFF_MEMORY_LIMIT``)."""
    return int(_env_number(MEMORY_ENV, OCR_MEGABYTES if ocr else DEFAULT_MEGABYTES))


def _env_number(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def check_regular(path: Path, error: type[InputError] = InputError) -> None:
    """Refuse a path that is missing, a folder, a FIFO or a device, before opening it."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        raise error(path, "no such file") from None
    except OSError as failure:
        raise error(path, f"cannot be read ({failure.strerror})") from None
    if stat.S_ISDIR(mode):
        raise error(path, "is a directory, not a file")
    if not stat.S_ISREG(mode):
        raise error(path, "not a regular file (a pipe or a device?)")
    if not os.access(path, os.R_OK):
        raise error(path, "cannot be read (Permission denied)")


class LibraryLog(logging.Handler):
    """Collects the PDF libraries' log records of one read."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    @property
    def warnings(self) -> int:
        """How many records were warnings or worse."""
        return sum(1 for record in self.records if record.levelno >= logging.WARNING)


def silence_libraries() -> None:
    """Keep the libraries' log records off stderr even outside ``reading`` (idempotent)."""
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        logger.propagate = False
        if not any(isinstance(handler, logging.NullHandler) for handler in logger.handlers):
            logger.addHandler(logging.NullHandler())


class ReferenceCycle(BaseException):
    """An indirect reference that leads back to itself (``6 0 R`` -> ``7 0 R`` -> ``6 0 R``).

    A BaseException, so that a library's ``except Exception`` cannot retry the lookup.
    """


#: The most references one lookup may follow; a report's chains are one or two long.
REFERENCE_HOPS = 32


def _bound_references() -> None:
    """Make pdfminer's reference lookup end on a cycle instead of looping forever.

    ``resolve1`` and ``resolve_all`` loop ``while isinstance(x, PDFObjRef)``; a lookup
    that follows the chain itself, at most REFERENCE_HOPS far, leaves them nothing to loop on.
    """
    from pdfminer.pdftypes import PDFObjRef

    original = PDFObjRef.resolve
    if getattr(original, "bounded", False):
        return

    def resolve(self: PDFObjRef, default: object = None) -> object:
        value = original(self, default)
        hops = 0
        while isinstance(value, PDFObjRef):
            hops += 1
            if hops > REFERENCE_HOPS:
                raise ReferenceCycle
            value = original(value, default)
        return value

    resolve.bounded = True  # type: ignore[attr-defined]
    PDFObjRef.resolve = resolve  # type: ignore[method-assign]


#: The highest character ID a CID font can have (CIDs are two bytes).
MAX_CID = 0xFFFF


def _clamp_ranges(seq: object, size: int, resets: bool) -> list[object]:
    """A font's /W (``size`` 3) or /W2 (``size`` 5) array with every ``first last ...``
    range ending at MAX_CID at most, read with the same states as pdfminer's loop."""
    from pdfminer.pdftypes import resolve1

    items = [resolve1(v) for v in seq] if isinstance(seq, list) else []
    run: list[int] = []
    for index, value in enumerate(items):
        if isinstance(value, list):
            run = []
        elif isinstance(value, (int, float)):
            run.append(index)
            if len(run) == size:
                last = items[run[1]]
                if isinstance(last, int) and last > MAX_CID:
                    items[run[1]] = MAX_CID
                run = []
        elif resets:
            run = []
    return items


def _bound_widths() -> None:
    """pdfminer fills a dict entry per CID of a /W range: ``1 2000000000 500`` would ask
    for two billion entries. CIDs end at MAX_CID, so the ranges are cut there."""
    from pdfminer import pdffont

    if getattr(pdffont.get_widths, "bounded", False):
        return
    widths, widths2 = pdffont.get_widths, pdffont.get_widths2

    def get_widths(seq: object) -> object:
        return widths(_clamp_ranges(seq, 3, True))

    def get_widths2(seq: object) -> object:
        return widths2(_clamp_ranges(seq, 5, False))

    get_widths.bounded = True  # type: ignore[attr-defined]
    pdffont.get_widths = get_widths  # type: ignore[assignment]
    pdffont.get_widths2 = get_widths2  # type: ignore[assignment]


class _InflateError(zlib.error):
    pass


class _BoundedZlib:
    """``zlib`` as pdfminer uses it, except that nothing inflates beyond INFLATE_LIMIT."""

    error = zlib.error
    MAX_WBITS = zlib.MAX_WBITS

    @staticmethod
    def decompress(data: bytes, wbits: int = zlib.MAX_WBITS, bufsize: int = 0) -> bytes:
        inflater = zlib.decompressobj(wbits)
        out = inflater.decompress(data, INFLATE_LIMIT + 1)
        if len(out) > INFLATE_LIMIT:
            raise BudgetExceeded(f"a compressed stream inflates beyond {INFLATE_LIMIT // _MB} MB")
        if not inflater.eof:
            raise _InflateError("incomplete or truncated stream")
        return out

    @staticmethod
    def decompressobj(wbits: int = zlib.MAX_WBITS) -> _BoundedInflater:
        return _BoundedInflater(wbits)


class _BoundedInflater:
    def __init__(self, wbits: int) -> None:
        self._inflater = zlib.decompressobj(wbits)
        self._total = 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        room = INFLATE_LIMIT + 1 - self._total
        if max_length <= 0 or max_length > room:
            max_length = room
        out = self._inflater.decompress(data, max_length)
        self._total += len(out)
        if self._total > INFLATE_LIMIT:
            raise BudgetExceeded(f"a compressed stream inflates beyond {INFLATE_LIMIT // _MB} MB")
        return out

    def flush(self) -> bytes:
        return self._inflater.flush()

    @property
    def eof(self) -> bool:
        return self._inflater.eof


def _decompress_corrupted(data: bytes) -> bytes:
    """pdfminer's salvage of a stream with a bad checksum, linear instead of quadratic."""
    inflater = _BoundedInflater(zlib.MAX_WBITS)
    parts: list[bytes] = []
    for index in range(0, len(data), 64):
        try:
            parts.append(inflater.decompress(data[index : index + 64]))
        except zlib.error:
            if index < len(data) - 67:
                raise
            logging.getLogger("pdfminer.pdftypes").warning("Data-loss while decompressing")
            break
    return b"".join(parts)


def _bound_inflation() -> None:
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib  # type: ignore[attr-defined,assignment]
    pdftypes.decompress_corrupted = _decompress_corrupted


def bound_pdfminer() -> None:
    """Bound pdfminer's reference lookups, width tables and Flate streams (idempotent).

    Called by whatever opens a file with pdfplumber (``sources.pdf.open_pdf``), not by
    ``reading``: a PDFium read never loads pdfminer.
    """
    _bound_inflation()
    _bound_references()
    _bound_widths()


def _used_bytes() -> int:
    """The process's virtual size now (what RLIMIT_AS counts)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


@contextlib.contextmanager
def _memory_cap(megabytes: int) -> Iterator[None]:
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    cap = _used_bytes() + megabytes * _MB
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    if soft != resource.RLIM_INFINITY:
        cap = min(cap, soft)
    try:
        resource.setrlimit(resource.RLIMIT_AS, (cap, hard))
    except (ValueError, OSError):
        yield
        return
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


#: Seconds past the budget after which a read stuck in C code ends the process.
WATCHDOG_GRACE = 10.0


def _last_resort(path: Path, seconds: float) -> None:
    """The read is stuck where no Python signal handler runs (inside PDFium's C code,
    which ctypes calls without the GIL): say so in one line and leave with exit 2."""
    from creditdiff import i18n

    problem = i18n.translate(f"took longer than {seconds:g} s to read")
    os.write(2, f"creditdiff: error: {path}: {problem}\n".encode())
    os._exit(2)


@contextlib.contextmanager
def _alarm(seconds: float, path: Path) -> Iterator[None]:
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    armed = [True]

    def expired(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise BudgetExceeded(f"took longer than {seconds:g} s to read")

    previous = signal.signal(signal.SIGALRM, expired)
    # The alarm repeats every second: a library's clean-up code run while the first one
    # unwinds (pdfplumber's close() parses every page not yet parsed) is ended too.
    signal.setitimer(signal.ITIMER_REAL, seconds, 1.0)
    watchdog = threading.Timer(seconds + WATCHDOG_GRACE, _last_resort, (path, seconds))
    watchdog.daemon = True
    watchdog.start()
    try:
        yield
    finally:
        armed[0] = False
        watchdog.cancel()
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextlib.contextmanager
def _quiet(log: LibraryLog) -> Iterator[None]:
    silence_libraries()
    loggers = [logging.getLogger(name) for name in LIBRARY_LOGGERS]
    for logger in loggers:
        logger.addHandler(log)
    sink = io.StringIO()
    try:
        with (
            warnings.catch_warnings(),
            contextlib.redirect_stdout(sink),
            contextlib.redirect_stderr(sink),
        ):
            warnings.simplefilter("ignore")
            yield
    finally:
        for logger in loggers:
            logger.removeHandler(log)


_active = threading.local()


@contextlib.contextmanager
def reading(path: Path, *, ocr: bool = False) -> Iterator[LibraryLog]:
    """Read one file within its budget; see the module docstring. Re-entrant.

    ``ocr``: the read OCRs pages (the larger OCR defaults apply) and ``path`` may be a
    folder of page images.
    """
    if getattr(_active, "log", None) is not None:
        yield _active.log
        return
    if not (ocr and path.is_dir()):
        check_regular(path)
    seconds, megabytes = time_limit(ocr), memory_limit(ocr)
    log = LibraryLog()
    _active.log = log
    try:
        # The alarm innermost: it is disarmed before the memory limit is put back.
        with _quiet(log), _memory_cap(megabytes), _alarm(seconds, path):
            yield log
    except BudgetExceeded as exceeded:
        raise InputError(path, exceeded.problem) from None
    except MemoryError:
        raise InputError(path, f"needs more than {megabytes} MB to read") from None
    except RecursionError:
        raise CorruptPdfError(path, "nested too deeply to read") from None
    except ReferenceCycle:
        raise CorruptPdfError(path, "objects refer to each other in a circle") from None
    except CreditDiffError:
        raise
    except Exception:
        if os.environ.get("CREDITDIFF_DEBUG"):
            raise
        problem = "truncated or corrupt PDF" if _is_pdf(path) else "cannot be read (bad content)"
        raise CorruptPdfError(path, problem) from None
    finally:
        _active.log = None


def _is_pdf(path: Path) -> bool:
    return path.suffix.lower() != ".json"


def damage_warning(log: LibraryLog) -> str | None:
    """The parse warning for a file the PDF library had to repair while reading, if any."""
    if not log.warnings:
        return None
    return f"PDF 文件有 {log.warnings} 处损坏或无法读取的部分，相关内容可能缺失"


# Before anything reads a file, the libraries' loggers print nowhere.
silence_libraries()
__all__ = [
    "BudgetExceeded",
    "LibraryLog",
    "ReferenceCycle",
    "check_regular",
    "damage_warning",
    "memory_limit",
    "reading",
    "silence_libraries",
    "time_limit",
]
