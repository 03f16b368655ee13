"""Every document creditdiff writes, each a function to text or bytes.

Commands print these to stdout or hand them to ``write_document``; nothing else in
the package turns a report, a comparison or a check into a file's content.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, RenderableType

from creditdiff.check.verdict import CheckResult
from creditdiff.model import Comparison
from creditdiff.output.check import checks_to_json, render_text
from creditdiff.output.json_documents import diff_json, report_json, reports_json, to_json_text
from creditdiff.output.junit import to_junit
from creditdiff.output.terminal import render_comparison

if TYPE_CHECKING:
    from creditdiff.render.action_pdf import ActionPdf


def check_json(results: Sequence[CheckResult], *, as_list: bool = False) -> str:
    """``creditdiff check --format json``: the diff JSON with the check's verdicts."""
    return to_json_text(checks_to_json(results, as_list=as_list))


def check_junit(results: Sequence[CheckResult]) -> str:
    """``creditdiff check --format junit``: one test suite per checked pair."""
    text = to_junit(results)
    return text if text.endswith("\n") else text + "\n"


def terminal_text(renderables: Iterable[RenderableType], *, record: bool = False) -> str:
    """Renderables as the plain text a terminal-less console prints (no colours)."""
    buffer = io.StringIO()
    console = Console(record=record, highlight=False, soft_wrap=True, file=buffer)
    for renderable in renderables:
        console.print(renderable)
    if record:
        text = console.export_text()
        return text if text.endswith("\n") else text + "\n"
    return buffer.getvalue()


def comparison_text(comparison: Comparison) -> str:
    """``creditdiff diff -o FILE`` without --json: the terminal listing as text."""
    return terminal_text([render_comparison(comparison)])


def check_text(results: Sequence[CheckResult]) -> str:
    """``creditdiff check -o FILE`` in text format: every checked pair's listing."""
    return terminal_text([render_text(result) for result in results], record=True)


def action_pdf(
    comparison: Comparison,
    *,
    font: Path | None = None,
    templates: Path | None = None,
    today: dt.date | None = None,
) -> ActionPdf:
    """``creditdiff report``: the Chinese action report PDF (bytes, font, pages)."""
    from creditdiff.render.action_pdf import action_report_pdf  # reportlab, on use

    return action_report_pdf(comparison, font=font, templates=templates, today=today)


__all__ = [
    "action_pdf",
    "check_json",
    "check_junit",
    "check_text",
    "comparison_text",
    "diff_json",
    "report_json",
    "reports_json",
    "terminal_text",
]
