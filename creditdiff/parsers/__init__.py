"""Report parsers: one per format, each reading ``creditdiff.pages.Page`` records.

Entry points: ``detect`` picks the parser for a report from its first page's text,
``PARSERS`` lists them; reading a file is ``creditdiff.reports``'s job.
"""

from __future__ import annotations

from creditdiff.parsers.base import ReportParser
from creditdiff.parsers.detailed.reader import DetailedParser
from creditdiff.parsers.detect import PARSERS, detect, first_page_text
from creditdiff.parsers.simple.reader import SimpleParser

__all__ = ["PARSERS", "DetailedParser", "ReportParser", "SimpleParser", "detect", "first_page_text"]
