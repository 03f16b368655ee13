"""The command line: thin typer commands over the library.

Each command module registers itself on ``app`` when imported.
"""

from __future__ import annotations

from creditdiff.cli import (  # noqa: F401  (registers commands)
    check,
    demo,
    diff,
    overview,
    parse,
    recheck,
    report,
    serve,
)
from creditdiff.cli.common import app
from creditdiff.cli.stop import stopping_on_signals


def main() -> None:
    with stopping_on_signals():
        app()


__all__ = ["app", "main"]
