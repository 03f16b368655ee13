"""The 本人版 (detailed, table) report parser."""

from __future__ import annotations

from typing import Any

from creditdiff.model import Report, ReportFormat


class DetailedParser:
    format = ReportFormat.DETAILED

    def detect(self, first_page_text: str) -> bool:
        return "个人信用报告" in first_page_text and (
            "本人版" in first_page_text or "个人基本信息" in first_page_text
        )

    def parse(self, pdf: Any) -> Report:
        raise NotImplementedError
