"""The options every report-reading command shares are declared once, with one default."""

from __future__ import annotations

import pytest
import typer.main

from creditdiff.cli import app
from creditdiff.cli.common import ReportOptions, report_options
from creditdiff.cli.reader import Reader
from creditdiff.model import Settings

SHARED = {
    "closures": "--closures",
    "grace_days": "--grace-days",
    "query_limits": "--query-limits",
    "passwords": "--password",
    "password_file": "--password-file",
    "reader": "--reader",
}
COMMANDS = ("diff", "check", "baseline", "recheck", "report")


@pytest.mark.parametrize("name", COMMANDS)
def test_every_report_command_has_the_shared_options(name: str) -> None:
    """diff, check, baseline, recheck and report take the same six options, same defaults."""
    command = typer.main.get_command(app).commands[name]  # type: ignore[attr-defined]
    params = {p.name: p for p in command.params}
    for key, flag in SHARED.items():
        assert flag in params[key].opts
    assert params["grace_days"].default == Settings().grace_days
    assert params["reader"].default in (Reader.PDFIUM, Reader.PDFIUM.value)


def test_the_command_gets_one_value_and_a_caller_may_pass_it() -> None:
    """The decorated command receives ReportOptions; ``options=`` passes straight through."""
    seen: list[ReportOptions] = []

    @report_options
    def command(name: str, *, options: ReportOptions) -> None:
        seen.append(options)

    command("x", grace_days=30, closures=None)  # type: ignore[call-arg]
    given = ReportOptions(grace_days=5)
    command("y", options=given)
    assert seen[0] == ReportOptions(grace_days=30)
    assert seen[1] is given
    assert seen[0].settings().grace_days == 30
