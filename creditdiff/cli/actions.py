"""``check --dir --actions-pdf``: the action PDF beside the newest report, from this run's read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import typer

from creditdiff import i18n
from creditdiff.batch import OWN_OUTPUT_SUFFIX
from creditdiff.model import Comparison


def actions_path(newest: Path) -> Path:
    """``<newest name without suffix>.actions.pdf`` in the newest report's folder."""
    return newest.with_name(newest.stem + OWN_OUTPUT_SUFFIX)


def write_actions_beside(newest: Path, comparison: Comparison, inputs: Sequence[Path] = ()) -> Path:
    """Write the action PDF of ``comparison`` beside ``newest``; say where on stderr
    (stdout carries only the check's own output, which may be JSON or JUnit)."""
    from creditdiff.render.action_pdf import write_action_report  # reportlab, on use

    target = actions_path(newest)
    write_action_report(comparison, target, inputs=inputs)
    typer.echo(i18n.ui("actions.written", pdf=target), err=True)
    return target
