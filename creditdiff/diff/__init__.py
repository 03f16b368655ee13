"""The diff engine: match accounts across two reports, then derive findings.

Public entry point: ``compare(old, new, settings) -> Comparison`` (see creditdiff.model).
"""

from __future__ import annotations

from creditdiff.model import Comparison, Report, Settings


def compare(old: Report | None, new: Report, settings: Settings | None = None) -> Comparison:
    """Compare an older report (or None: the newer report alone) with a newer one."""
    raise NotImplementedError


__all__ = ["compare"]
