"""``creditdiff demo``: the bundled pair of synthetic reports, compared and turned into a PDF.

The demo reports (``older.pdf``, ``newer.pdf`` and the closure log ``closures.csv``, all
of a fictitious person) live in the repository's ``fixtures/demo``; a wheel carries them
as ``creditdiff/_demo`` (pyproject force-includes them), an editable install reads them
from the checkout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from creditdiff.diff import load_closures
from creditdiff.errors import CreditDiffError, OutputFileError
from creditdiff.model import Comparison, Settings
from creditdiff.render.action_pdf import ActionReportInfo, write_action_report
from creditdiff.reports import compare_files

DEMO_FILES = ("older.pdf", "newer.pdf", "closures.csv")
ACTION_PDF_NAME = "creditdiff-actions.pdf"


class DemoMissingError(CreditDiffError):
    """This installation carries no demo reports."""


def _complete(folder: Path) -> bool:
    return all((folder / name).is_file() for name in DEMO_FILES)


def demo_dir() -> Path:
    """The folder holding the demo reports: packaged (wheel) first, then the checkout."""
    packaged = Path(__file__).resolve().parent / "_demo"
    if _complete(packaged):
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "fixtures" / "demo"
    if _complete(checkout):
        return checkout
    raise DemoMissingError(
        "the demo reports are missing from this installation "
        f"(expected {', '.join(DEMO_FILES)} in creditdiff/_demo or fixtures/demo)"
    )


@dataclass(frozen=True)
class DemoResult:
    comparison: Comparison
    action_report: ActionReportInfo


def run_demo(out_dir: Path, *, font: Path | None = None, output: Path | None = None) -> DemoResult:
    """Compare the demo pair with its closure log and write the action PDF into ``out_dir``.

    ``output`` names the PDF file itself instead (as ``creditdiff report -o``).
    """
    folder = demo_dir()
    settings = Settings(closures=load_closures(folder / "closures.csv"))
    comparison = compare_files(folder / "older.pdf", folder / "newer.pdf", settings)
    target = out_dir / ACTION_PDF_NAME if output is None else output
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise OutputFileError(target.parent, error) from None
    inputs = [folder / name for name in DEMO_FILES]
    info = write_action_report(comparison, target, font=font, settings=settings, inputs=inputs)
    return DemoResult(comparison, info)
