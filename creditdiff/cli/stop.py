"""SIGINT and SIGTERM: stop the run, the worker processes with it, in one line.

Without this, SIGTERM ends the main process at once and leaves the batch's workers
reading (orphans at full CPU), and Ctrl-C prints a traceback from every process. Here a
first SIGINT or SIGTERM raises ``Stopped`` in the main process: the batch terminates its
workers on the way out (``creditdiff.batch.parse_many``), a half-written output is never
moved under its name (``write_document``), and the CLI prints one line and exits with
128 + the signal's number, as a shell reports a process a signal ended: 130 for SIGINT,
143 for SIGTERM. A second signal while stopping is ignored, so the cleanup runs to the end.
"""

from __future__ import annotations

import contextlib
import signal
import sys
from collections.abc import Iterator
from types import FrameType

import typer

from creditdiff import i18n

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Stopped(BaseException):
    """The run was stopped by a signal (a BaseException: no ``except Exception`` keeps it)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name

    @property
    def exit_code(self) -> int:
        return 128 + self.signum


def _stop(signum: int, frame: FrameType | None) -> None:
    for number in SIGNALS:
        signal.signal(number, signal.SIG_IGN)
    raise Stopped(signum)


def stop_message(stopped: Stopped) -> str:
    return f"stopped by {stopped.name}; files finished before it are written"


@contextlib.contextmanager
def stopping_on_signals() -> Iterator[None]:
    """Run the CLI with SIGINT and SIGTERM turned into ``Stopped``; exit on one in one line."""
    previous = {number: signal.getsignal(number) for number in SIGNALS}
    for number in SIGNALS:
        signal.signal(number, _stop)
    try:
        yield
    except Stopped as stopped:
        typer.echo(f"creditdiff: error: {i18n.translate(stop_message(stopped))}", err=True)
        sys.exit(stopped.exit_code)
    finally:
        for number, handler in previous.items():
            signal.signal(number, handler)
