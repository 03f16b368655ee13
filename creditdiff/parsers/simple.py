"""The 简版 (sentence) report parser."""

from __future__ import annotations

from typing import Any

from creditdiff.model import Report, ReportFormat


class SimpleParser:
    format = ReportFormat.SIMPLE

    def detect(self, first_page_text: str) -> bool:
        return "个人信用报告" in first_page_text and "信贷记录" in first_page_text

    def parse(self, pdf: Any) -> Report:
        raise NotImplementedError
