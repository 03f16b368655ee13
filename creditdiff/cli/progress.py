"""The progress bar shown while several reports are parsed."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from creditdiff import i18n
from creditdiff.batch import BatchResult
from creditdiff.cli.common import stderr


@contextmanager
def parse_progress(
    total: int, console: Console | None = None
) -> Iterator[Callable[[BatchResult], None]]:
    """A progress bar on stderr while several files are parsed; yields the advance callback.

    Hidden for a single file and when stderr is not a terminal (cron, CI, pipes): rich
    would otherwise print the finished bar once at the end, which is junk in a log.
    """
    console = console or stderr()
    progress = Progress(
        TextColumn(i18n.ui("progress.reading")),
        BarColumn(),
        MofNCompleteColumn(),
        console=console,
        transient=True,
        disable=total < 2 or not console.is_terminal,
    )
    with progress:
        task = progress.add_task("read", total=total)

        def advance(_: BatchResult) -> None:
            progress.advance(task)

        yield advance
