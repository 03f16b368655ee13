"""The typer app and what every command shares: error mapping and consoles."""

from __future__ import annotations

import functools
import inspect
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, ParamSpec, TypeVar

import typer

from creditdiff import i18n
from creditdiff.cli.lang import LocalizedGroup
from creditdiff.cli.ocr_option import OcrMode, OcrOption, set_mode
from creditdiff.cli.passwords import collect_passwords
from creditdiff.cli.reader import Reader, ReaderOption, use_reader
from creditdiff.errors import CreditDiffError
from creditdiff.model import Settings, Severity
from creditdiff.output.write import write_document
from creditdiff.passwords import PasswordBook

if TYPE_CHECKING:
    from rich.console import Console

P = ParamSpec("P")
R = TypeVar("R")

app = typer.Typer(
    name="creditdiff",
    cls=LocalizedGroup,
    help="Read PBOC credit reports offline, diff successive reports, say what to clean up.",
    no_args_is_help=True,
    add_completion=False,
    # Locals of a failing frame can hold a parsed report: never print them.
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

#: Exit code of a usage or input error (0 and 1 are the verdicts, see check/verdict.py).
EXIT_ERROR = 2


# The heavier libraries (rich's console, the diff engine, the installed-package metadata)
# are imported inside the functions that use them: ``--help`` and a plain parse skip them.
def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False, soft_wrap=True)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str) -> typer.Exit:
    """Print one error line on stderr and return the exit to raise (code 2)."""
    # The "creditdiff: error:" prefix stays as it is in every language (scripts grep it).
    typer.echo(f"creditdiff: error: {i18n.translate(message)}", err=True)
    return typer.Exit(EXIT_ERROR)


def notice_line(notice: str) -> str:
    """A notice for stderr: "注意：…" in Chinese, "notice: …" in English."""
    text = i18n.translate(notice)
    return f"注意：{text}" if i18n.language() == "zh" else f"notice: {text}"


def warning_line(warning: str) -> str:
    """A parse warning for the terminal, in the chosen language."""
    text = i18n.translate(warning)
    return f"警告：{text}" if i18n.language() == "zh" else f"warning: {text}"


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
        from importlib.metadata import version

        typer.echo(f"creditdiff {version('creditdiff')}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Show the version and exit."
    ),
    lang: str = typer.Option(
        "zh", "--lang", help="Language: zh (the default) or en; also LANG=en_US.UTF-8."
    ),
) -> None:
    """creditdiff: offline credit-report cleanup."""


#: Days a lender gets to report a requested closure, unless --grace-days says otherwise.
DEFAULT_GRACE_DAYS = Settings().grace_days

# Options several commands share, declared once: ``name: Alias = default``.
PasswordOption = Annotated[
    list[str] | None,
    typer.Option(
        "--password",
        help="Password of encrypted PDFs; FILE=PASSWORD for one file (repeatable).",
    ),
]
PasswordFileOption = Annotated[
    Path | None,
    typer.Option("--password-file", help="Password file: one FILE=PASSWORD per line."),
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
QueryLimitsOption = Annotated[
    str | None,
    typer.Option(
        "--query-limits",
        help="query_pressure limits: most approval queries per window, e.g. 1m:3,6m:6.",
    ),
]
OutputOption = Annotated[Path | None, typer.Option("-o", "--output", help="Write to this file.")]
FontOption = Annotated[
    Path | None,
    typer.Option(
        "--font", help="A TrueType CJK font to embed: a .ttf/.ttc path or an installed font's name."
    ),
]
TemplatesOption = Annotated[
    Path | None,
    typer.Option("--templates", help="A folder of wording templates overriding the shipped ones."),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the contract JSON.")]
FailOnOption = Annotated[
    Severity, typer.Option("--fail-on", case_sensitive=False, help="Lowest severity that fails.")
]
BaselineOption = Annotated[
    Path | None,
    typer.Option("--baseline", help="Accepted findings (YAML or JSON) that do not fail."),
]


@dataclass(frozen=True)
class ReportOptions:
    """The options of every command that reads and compares reports, in one value."""

    closures: Path | None = None
    grace_days: int = DEFAULT_GRACE_DAYS
    query_limits: str | None = None
    passwords: list[str] | None = None
    password_file: Path | None = None
    reader: Reader = Reader.PDFIUM
    ocr: OcrMode | None = None

    def settings(self) -> Settings:
        """The comparison settings: closure log, grace period, ``query_pressure`` limits."""
        from creditdiff.diff import settings_for

        return settings_for(self.closures, self.grace_days, self.query_limits)

    def side_files(self) -> list[Path]:
        """The closure log and password file given: inputs an output must never replace."""
        return given(self.closures, self.password_file)

    def password(self, files: Iterable[Path | None]) -> PasswordBook:
        """The passwords given for ``files`` (asked for on a terminal), and the reader
        and OCR mode made the ones this run reads with."""
        book = collect_passwords(self.passwords, self.password_file, files=files)
        use_reader(self.reader)
        set_mode(self.ocr)
        return book


def _keyword(name: str, annotation: object, default: object) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
    )


#: ``ReportOptions`` as typer parameters, declared once with their one default each.
_REPORT_PARAMETERS = (
    _keyword("closures", ClosuresOption, None),
    _keyword("grace_days", GraceDaysOption, DEFAULT_GRACE_DAYS),
    _keyword("query_limits", QueryLimitsOption, None),
    _keyword("passwords", PasswordOption, None),
    _keyword("password_file", PasswordFileOption, None),
    _keyword("reader", ReaderOption, Reader.PDFIUM),
    _keyword("ocr", OcrOption, None),
)


def report_options(command: Callable[P, R]) -> Callable[P, R]:
    """Give a command the shared report options: typer sees each as a parameter (after
    the command's own), the command receives them as one ``options: ReportOptions``.

    A caller that already holds a ``ReportOptions`` passes ``options=`` directly.
    """
    signature = inspect.signature(command, eval_str=True)
    own = [p for p in signature.parameters.values() if p.name != "options"]
    names = [p.name for p in _REPORT_PARAMETERS]

    @functools.wraps(command)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if "options" not in kwargs:
            given = {name: kwargs.pop(name) for name in names if name in kwargs}
            kwargs["options"] = ReportOptions(**given)  # type: ignore[arg-type]
        return command(*args, **kwargs)

    wrapper.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=[*own, *_REPORT_PARAMETERS]
    )
    return wrapper


def given(*paths: Path | None) -> list[Path]:
    """The side files given (closure log, baseline, password file...): inputs an output
    must never replace, as the reports are."""
    return [path for path in paths if path is not None]


def emit(text: str, output: Path | None, inputs: Sequence[Path] = ()) -> None:
    """A text document to stdout, or through the one writer to ``output``."""
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_document(output, text, inputs)
