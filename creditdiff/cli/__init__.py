"""The command line: thin typer commands over the library.

Each command module registers itself on ``app`` when imported.
"""

from __future__ import annotations

from creditdiff.cli import check, demo, diff, parse, recheck, report  # noqa: F401  (registers commands)
from creditdiff.cli.common import app


def main() -> None:
    app()


__all__ = ["app", "main"]
