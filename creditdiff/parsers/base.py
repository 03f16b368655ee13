"""What every format parser provides."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from creditdiff.model import Report, ReportFormat
from creditdiff.pages import Page


class ReportParser(Protocol):
    """A report format's reader: detection on page 1's text, then the whole report."""

    format: ReportFormat

    def detect(self, first_page_text: str) -> bool:
        """Whether the first page's text is this format's."""

    def parse(self, pages: Iterable[Page]) -> Report:
        """Read a report's pages into a Report (``source`` is set by the caller)."""
