"""The one door every document leaves by: an atomic write that never overwrites an input.

A document is written to a temporary file in the target's own folder, flushed to disk and
then moved over the target in one step, so a failed write leaves the old file as it was
and no half-written file behind. A target that is one of the command's input files is
refused before anything is written; an unwritable target is an ``OutputFileError``.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from creditdiff.errors import OutputFileError, UsageError


class OutputIsInputError(UsageError):
    """The output path names one of the input files."""

    def __init__(self, path: Path) -> None:
        self.path = str(path)
        super().__init__(f"{self.path}: is one of the input files; write the output elsewhere")


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _new_file_mode(path: Path) -> int:
    """The mode a plain ``open(path, "w")`` would give: the old file's, else 0666 & ~umask."""
    try:
        return os.stat(path).st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def refuse_inputs(path: Path, inputs: Sequence[Path]) -> None:
    """Raise ``OutputIsInputError`` when ``path`` is the same file as one of ``inputs``."""
    if path.exists() and any(_same_file(path, given) for given in inputs):
        raise OutputIsInputError(path)


def write_document(path: Path, content: str | bytes, inputs: Sequence[Path] = ()) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` atomically, never over an input file."""
    refuse_inputs(path, inputs)
    data = content.encode("utf-8") if isinstance(content, str) else content
    temporary: str | None = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=path.parent if str(path.parent) else ".", prefix=f".{path.name}.", suffix=".tmp"
        )
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, _new_file_mode(path))
        os.replace(temporary, path)
        temporary = None
    except OSError as error:
        raise OutputFileError(path, error) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
