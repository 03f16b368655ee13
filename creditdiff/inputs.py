"""The user's own side files (closure log, baseline, templates, password file), read safely.

A path given on the command line may name anything: a FIFO blocks the first ``read``
forever, a device never ends, a folder cannot be read, a file of gigabytes fills memory.
``read_side_file`` looks at the path with ``os.stat`` (which never opens it), refuses
anything but a regular file, reads at most ``limit`` bytes and turns every OS error into
the loader's own one-line error. The loader supplies how an error is built, so each
keeps its message family (``ClosureLogError``, ``BaselineError``, ``WordingError``).
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable
from pathlib import Path

#: The largest side file read: a closure log or baseline of a person is a few KB.
SIDE_FILE_LIMIT = 16 * 1024 * 1024

#: Builds the loader's error from a problem text ("not a regular file ...").
Fail = Callable[[str], Exception]


def regular_file_problem(path: Path) -> str | None:
    """Why ``path`` cannot be read as a file, without opening it; None when it can be."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file"
    except OSError as error:
        return f"cannot be read ({error.strerror})"
    if stat.S_ISDIR(mode):
        return "is a directory, not a file"
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe or a device?)"
    return None


def read_side_file(path: Path, fail: Fail, *, limit: int = SIDE_FILE_LIMIT) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes; ``fail(problem)`` otherwise."""
    problem = regular_file_problem(path)
    if problem is not None:
        raise fail(problem)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as error:
        raise fail(f"cannot be read ({error.strerror})") from None
    if len(data) > limit:
        raise fail(f"larger than {limit // (1024 * 1024)} MB; not a file creditdiff writes")
    return data


__all__ = ["SIDE_FILE_LIMIT", "read_side_file", "regular_file_problem"]
