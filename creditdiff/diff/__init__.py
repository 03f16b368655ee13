"""The diff engine: match accounts across two reports, then derive findings.

Public API:
- ``compare(old, new, settings) -> Comparison`` on two Reports (``old=None``: the newer
  report alone);
- ``load_closures(path)`` reads the closure log CSV; ``settings_for`` builds Settings.

Reading report files and comparing them is ``creditdiff.reports``; the diff JSON is
``creditdiff.output.diff``.

The names load on first use (PEP 562): a parse needs ``diff.identity`` (for its
metrics) without the engine and every rule behind it.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from creditdiff.diff.closures import ClosureLogError, load_closures, settings_for
    from creditdiff.diff.engine import compare, finding_sort_key
    from creditdiff.diff.registry import FINDINGS, SPECS
    from creditdiff.diff.rules import FAMILY_LABELS

#: Each public name and the module of this package that defines it.
_HOMES = {
    "ClosureLogError": "closures",
    "load_closures": "closures",
    "settings_for": "closures",
    "compare": "engine",
    "finding_sort_key": "engine",
    "FINDINGS": "registry",
    "SPECS": "registry",
    "FAMILY_LABELS": "rules",
}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'creditdiff.diff' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"creditdiff.diff.{_HOMES[name]}"), name)
    globals()[name] = value
    return value


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
