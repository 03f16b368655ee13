"""Help in the chosen language: a typer group that reads ``--lang`` and localises help.

The commands keep their English help in the code (what ``--help`` printed so far); at
run time this group swaps in the catalogue text of the chosen language
(``creditdiff/locale/help.yaml``), sets placeholders for option values (no Python
type names such as ``<bool>`` or ``<list[Path]>``) and translates typer's panel titles.
A command or option with no catalogue entry keeps its code text.

The panel titles are set only when typer is about to draw a panel (help or a usage
error): its rich help renderer, with markdown and tracebacks, is heavy to import and a
command that runs normally never needs it.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import typer.core
from typer._click.exceptions import ClickException  # typer vendors click: its base error
from typer.core import TyperArgument, TyperOption

from creditdiff import i18n

#: Parameters whose value is a folder, not a file.
_FOLDERS = {"directory", "out_dir", "templates"}
_NAMED = {
    "old": "old",
    "new": "new",
    "reports": "reports",
    "grace_days": "days",
    "expires": "date",
    "password": "password",
    "passwords": "password",
    "font": "font",
    "ids": "id",
    "codes": "code",
    "institutions": "institution",
}


def _help(*keys: str) -> str | None:
    for key in keys:
        if i18n.has("help", key):
            return i18n.text("help", key)
    return None


def _metavar(param: Any) -> str:
    if isinstance(param, TyperOption) and param.is_flag:
        return ""
    name = param.name or ""
    if name in _NAMED:
        return i18n.text("help", f"metavar.{_NAMED[name]}")
    if name in _FOLDERS:
        return i18n.text("help", "metavar.folder")
    desc = getattr(param, "type_descriptor", None)
    if desc is not None and desc.is_choice:
        return "|".join(str(getattr(c, "value", c)) for c in desc.choices or ())
    if desc is not None and desc.is_path:
        return i18n.text("help", "metavar.path")
    if desc is not None and desc.annotation in (int, float):
        return i18n.text("help", "metavar.number")
    return i18n.text("help", "metavar.text")


def _not_checked_readable(param: Any) -> None:
    """Leave a path's readability to creditdiff: an unreadable file is one error line
    naming it (exit 2), not typer's usage box."""
    info = getattr(getattr(param, "type_descriptor", None), "parameter_info", None)
    if getattr(info, "readable", False):
        info.readable = False  # type: ignore[union-attr]


def localise_command(name: str, command: Any) -> None:
    """Set the help, value placeholders and usage prefix of one command in place."""
    original = command.__dict__.setdefault("_creditdiff_help", command.help)
    command.help = _help(name) or original
    command.short_help = (command.help or "").split("\n\n")[0]
    for param in command.params:
        _not_checked_readable(param)
        code_help = param.__dict__.setdefault("_creditdiff_help", getattr(param, "help", None))
        label = _metavar(param)
        if "--help" in getattr(param, "opts", ()):
            label = ""
            param.help = _help("help_option") or code_help
        else:
            param.help = _help(f"{name}.{param.name}", str(param.name)) or code_help
        if isinstance(param, TyperArgument):
            # An argument's name column shows its metavar; no type column beside it.
            param.metavar = label
            label = ""
        elif isinstance(param, TyperOption) and not param.is_flag:
            param.metavar = label or None
        # typer prints the "type" column from display_type_rich: our placeholder instead.
        param.display_type_rich = lambda ctx, label=label: label


def _help_option(command: Any) -> None:
    """The -h/--help option click adds on demand: its help text and no type column."""
    original = type(command).get_help_option

    def get_help_option(ctx: Any) -> Any:
        option = original(command, ctx)
        if option is not None:
            option.help = _help("help_option") or option.help
            option.display_type_rich = lambda ctx: ""
        return option

    command.get_help_option = get_help_option


def _panel_titles() -> None:
    """typer's panel titles in the chosen language, and help text folded by characters."""
    from typer import rich_utils

    make_rich_text = rich_utils.__dict__.setdefault(
        "_creditdiff_make_rich_text", rich_utils._make_rich_text
    )

    def folding_text(**kwargs: Any) -> Any:
        # Chinese help has no spaces to wrap at: fold it by characters rather than letting
        # rich cut the line with an ellipsis.
        rendered = make_rich_text(**kwargs)
        if hasattr(rendered, "overflow"):
            rendered.overflow = "fold"
        return rendered

    rich_utils._make_rich_text = folding_text
    rich_utils.ARGUMENTS_PANEL_TITLE = i18n.ui("help.arguments")
    rich_utils.OPTIONS_PANEL_TITLE = i18n.ui("help.options")
    rich_utils.COMMANDS_PANEL_TITLE = i18n.ui("help.commands")
    rich_utils.ERRORS_PANEL_TITLE = i18n.ui("help.error_panel")
    rich_utils.RICH_HELP = i18n.ui("help.try")
    rich_utils.DEFAULT_STRING = i18n.ui("help.default")
    rich_utils.REQUIRED_LONG_STRING = i18n.ui("help.required")


def _usage(command: Any) -> None:
    def format_usage(ctx: Any, formatter: Any) -> None:
        pieces = command.collect_usage_pieces(ctx)
        formatter.write_usage(ctx.command_path, " ".join(pieces), i18n.ui("help.usage"))

    command.format_usage = format_usage


def _titled_help(command: Any) -> None:
    """A command's help drawn with the panel titles of the chosen language."""
    original = type(command).format_help

    def format_help(ctx: Any, formatter: Any) -> None:
        _panel_titles()
        original(command, ctx, formatter)

    command.format_help = format_help


@contextmanager
def _titled_errors() -> Iterator[None]:
    """A usage error raised inside is drawn (by typer, later) with translated titles."""
    try:
        yield
    except ClickException:
        _panel_titles()
        raise


class LocalizedGroup(typer.core.TyperGroup):
    """The root group: picks the language, then localises whatever help is shown."""

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        with _titled_errors():
            return super().make_context(*args, **kwargs)

    def invoke(self, ctx: Any) -> Any:
        with _titled_errors():
            return super().invoke(ctx)

    def format_help(self, ctx: Any, formatter: Any) -> None:
        _panel_titles()
        super().format_help(ctx, formatter)

    def main(self, args: Sequence[str] | None = None, *a: Any, **kw: Any) -> Any:
        argv = list(sys.argv[1:] if args is None else args)
        i18n.set_language(i18n.detect(argv))
        self.help = _help("root") or self.help
        _usage(self)
        _help_option(self)
        params: list[Any] = list(self.params)
        for param in params:
            if param.name in ("version", "lang"):
                param.help = _help(f"root.{param.name}") or param.help
            elif "--help" in getattr(param, "opts", ()):
                param.help = _help("help_option") or param.help
            label = "zh|en" if param.name == "lang" else ""
            param.display_type_rich = lambda ctx, label=label: label
        for name, command in self.commands.items():
            localise_command(name, command)
            _usage(command)
            _titled_help(command)
            _help_option(command)
        return super().main(i18n.strip_lang(argv), *a, **kw)
