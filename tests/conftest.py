"""Shared test setup: the repository root is importable so tests can use fixtures.generator."""

from __future__ import annotations

import sys
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

FIXTURES = ROOT / "fixtures"

from fixtures.generator.common import FontUnavailable  # noqa: E402  (needs ROOT on sys.path)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_setup(item: pytest.Item) -> Generator[None, Any, None]:
    outcome = yield
    _skip_without_font(outcome)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, Any, None]:
    outcome = yield
    _skip_without_font(outcome)


def _skip_without_font(outcome: Any) -> None:
    """A test that draws an embedded-font report skips, saying why, when no font is installed.

    The fixture generator needs a TrueType CJK font (Debian ``fonts-wqy-microhei``) for
    its embedded-font cases; ``.ci/run`` installs it, so CI never skips these.
    """
    error = outcome.excinfo[1] if outcome.excinfo else None
    if isinstance(error, FontUnavailable):
        outcome.force_exception(pytest.skip.Exception(f"needs a TrueType CJK font: {error}"))
