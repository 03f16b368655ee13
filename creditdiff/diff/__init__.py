"""The diff engine: match accounts across two reports, then derive findings.

Public API:
- ``compare(old, new, settings) -> Comparison`` on two Reports (``old=None``: the newer
  report alone);
- ``load_closures(path)`` reads the closure log CSV; ``settings_for`` builds Settings.

Reading report files and comparing them is ``creditdiff.reports``; the diff JSON is
``creditdiff.output.diff``.
"""

from __future__ import annotations

from creditdiff.diff.closures import ClosureLogError, load_closures, settings_for
from creditdiff.diff.engine import compare, finding_sort_key
from creditdiff.diff.registry import FINDINGS, SPECS
from creditdiff.diff.rules import FAMILY_LABELS

__all__ = [
    "FAMILY_LABELS",
    "FINDINGS",
    "SPECS",
    "ClosureLogError",
    "compare",
    "finding_sort_key",
    "load_closures",
    "settings_for",
]
