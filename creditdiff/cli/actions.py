"""``check --dir --actions-pdf``: the action PDF beside the newest report, from this run's read."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.batch import OWN_OUTPUT_SUFFIX
from creditdiff.model import Comparison, Settings


@dataclass(frozen=True)
class ActionOptions:
    """How the action PDF is made: ``--font``, ``--templates`` and the run's settings
    (the closure log, so a closure still within its grace period is acknowledged)."""

    font: Path | None = None
    templates: Path | None = None
    settings: Settings | None = None


def actions_path(newest: Path) -> Path:
    """``<newest name without suffix>.actions.pdf`` in the newest report's folder."""
    return newest.with_name(newest.stem + OWN_OUTPUT_SUFFIX)


def write_actions_beside(
    newest: Path,
    comparison: Comparison,
    inputs: Sequence[Path] = (),
    options: ActionOptions | None = None,
) -> Path:
    """Write the action PDF of ``comparison`` beside ``newest``; say where on stderr
    (stdout carries only the check's own output, which may be JSON or JUnit)."""
    from creditdiff.render.action_pdf import write_action_report  # reportlab, on use

    target = actions_path(newest)
    how = options or ActionOptions()
    info = write_action_report(
        comparison,
        target,
        font=how.font,
        templates=how.templates,
        settings=how.settings,
        inputs=inputs,
    )
    if not info.font.embedded:
        typer.echo(i18n.ui("font.hint"), err=True)
    typer.echo(i18n.ui("actions.written", pdf=target), err=True)
    return target
