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


@pytest.fixture(autouse=True)
def _english_messages(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests read the CLI's messages in English unless they choose a language themselves.

    The CLI speaks Chinese by default; tests of the Chinese texts set ``--lang zh`` or
    ``LANG=zh_CN.UTF-8`` (tests/test_i18n.py).
    """
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    monkeypatch.delenv("LANG", raising=False)
    monkeypatch.setenv("LC_ALL", "en_US.UTF-8")
