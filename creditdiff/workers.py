"""Worker processes: how they start and how a pool of them is stopped at once.

Shared by the batch (one file per worker) and the OCR reader (one sheet per worker).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import sys
from concurrent.futures import ProcessPoolExecutor

#: prctl(2) option: the signal a process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG = 1
#: Set in a worker process: work there runs in-process, never in a pool of its own,
#: so a batch of scans does not start cores x cores processes.
_IN_WORKER = "CREDITDIFF_IN_WORKER"


def default_workers() -> int:
    return os.cpu_count() or 1


def in_worker() -> bool:
    """Whether this process is a creditdiff worker."""
    return os.environ.get(_IN_WORKER) == "1"


def worker_start() -> None:
    """Set up one worker process: Ctrl-C is the parent's to handle, SIGTERM ends the
    worker at once, and on Linux the worker ends with its parent even if that is killed."""
    os.environ[_IN_WORKER] = "1"
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM))


def stop_workers(pool: ProcessPoolExecutor) -> None:
    """End a pool now: queued work is dropped and running workers terminated, not awaited."""
    # The executor keeps no public list of its processes; without one, shutdown waits.
    workers = list((getattr(pool, "_processes", None) or {}).values())
    for worker in workers:
        if worker.is_alive():
            worker.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.join(timeout=5)
        if worker.is_alive():
            worker.kill()
            worker.join(timeout=5)
