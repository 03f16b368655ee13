"""The typer app and what every command shares: error mapping and consoles."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, ParamSpec, TypeVar

import typer
from rich.console import Console

from creditdiff.errors import CreditDiffError
from creditdiff.model import Settings
from creditdiff.output.write import write_document

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="creditdiff",
    help="Read PBOC credit reports offline, diff successive reports, say what to clean up.",
    no_args_is_help=True,
    add_completion=False,
    # Locals of a failing frame can hold a parsed report: never print them.
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Exit code of a usage or input error (0 and 1 are the verdicts, see check/verdict.py).
EXIT_ERROR = 2


def stdout() -> Console:
    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> typer.Exit:
    """Print one error line on stderr and return the exit to raise (code 2)."""
    typer.echo(f"creditdiff: error: {message}", err=True)
    return typer.Exit(EXIT_ERROR)


def reports_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a CreditDiffError from a command body into one stderr line and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except CreditDiffError as error:
            raise fail(str(error)) from None

    return wrapper


def _version(value: bool) -> None:
    if value:
        typer.echo(f"creditdiff {version('creditdiff')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """creditdiff: offline credit-report cleanup."""


#: Days a lender gets to report a requested closure, unless --grace-days says otherwise.
DEFAULT_GRACE_DAYS = Settings().grace_days

# Options several commands share, declared once: ``name: Alias = default``.
PasswordOption = Annotated[
    str | None, typer.Option("--password", help="Password of encrypted PDFs.")
]
ClosuresOption = Annotated[
    Path | None,
    typer.Option(
        "--closures",
        help="Closure log CSV (institution,requested_on,account,note) of cancellations asked for.",
    ),
]
GraceDaysOption = Annotated[
    int,
    typer.Option("--grace-days", min=0, help="Days a lender gets to report a requested closure."),
]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the contract JSON.")]


def emit(text: str, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """A text document to stdout, or through the one writer to ``output``."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_document(output, text, inputs)
