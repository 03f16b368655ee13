"""The 本人版 (detailed, table) report parser.

Pages become one stream of text lines and table rows (``layout``), with page furniture
removed, so blocks and tables continue across page breaks. A small state machine walks
the stream: the header, ``二 信息概要`` tables, ``三 信贷交易信息明细`` account and
agreement blocks, and ``查询记录`` (``四`` or ``八``, …); everything is matched by label and
heading text, never by position or section number (the numbering shifts when a section is
absent, and ``（三）查询记录概要`` is a 信息概要 sub-section). A row that cannot be placed is a
warning. Finally the accounts are cross-checked against the report's own 信息概要 counts.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Iterable
from typing import Any

from creditdiff.model import (
    Account,
    CreditAgreement,
    Family,
    Month,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    Summary,
)
from creditdiff.pages import Page
from creditdiff.parsers.detailed.blocks import Block, SummaryTable
from creditdiff.parsers.detailed.check import cross_check
from creditdiff.parsers.detailed.grid import grid_title, with_counts
from creditdiff.parsers.detailed.labels import FAMILY_SECTIONS, norm
from creditdiff.parsers.detailed.layout import Item, Line, page_items, strip_furniture
from creditdiff.text import clean_value, mask_id, parse_day, squash

_NUMERAL = "[一二三四五六七八九十]+"
_SECTION_RE = re.compile(
    rf"^{_NUMERAL}(个人基本信息|信息概要|信贷交易信息明细|非信贷交易信息明细|公共信息明细|"
    r"本人声明|异议标注|查询记录|非金融信用交易信息|公开信息|其他非公开信息)$"
)
_SUBSECTION_RE = re.compile(rf"^(?:\({_NUMERAL}\)|{_NUMERAL})(.+)$")
_ACCOUNT_RE = re.compile(r"^账户(\d+)(?:\(授信协议标识:(.+?)\))?$")
_AGREEMENT_RE = re.compile(r"^授信协议(\d+)$")
_AS_OF_RE = re.compile(r"^截至(\d{4})年(\d{1,2})月(\d{1,2})日")
#: The one-liner that replaces the status table of a 未激活 account:
#: ``截至2022年12月31日，账户状态为“未激活”。``
_STATUS_LINE_RE = re.compile(r"账户状态为[“\"]([^”\"]+)[”\"]")
_LATEST_RE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日以后的最新还款记录$")
_NUMBER_RE = re.compile(r"报告编号[:：]\s*(\d+)")
_TIME_RE = re.compile(
    r"报告时间[:：]\s*(\d{4})[.\-年](\d{1,2})[.\-月](\d{1,2})日?\s*(\d{1,2}):(\d{2}):(\d{2})"
)
_SUMMARY_TITLE_RE = re.compile(r"^(信贷交易信息提示|.+信息汇总)")
_SELF_QUERY_HEADINGS = ("本人查询记录明细", "个人查询记录明细")

Tables = dict[str, dict[str, dict[str, Any]]]


class _Reader:
    """Walks the item stream once, collecting the report's records."""

    def __init__(self) -> None:
        self.section = "header"
        self.number: str | None = None
        self.generated_at: dt.datetime | None = None
        self.subject: dict[str, str | None] = {}
        self.family: Family | None = None
        self.block: Block | None = None
        self.accounts: list[Account] = []
        self.agreements: list[CreditAgreement] = []
        self.queries: list[Query] = []
        self.query_kind = QueryKind.INSTITUTION
        self.query_header: tuple[str, ...] | None = None
        #: Whether the last query row of the current table was read (a continuation row
        #: may extend it).
        self.query_open = False
        self.summary_table: SummaryTable | None = None
        self.tables: Tables = {}
        self.warnings: list[str] = []
        self._header_labels: tuple[str, ...] | None = None
        #: The logical page of the item being read.
        self.page: int | None = None

    def read(self, items: Iterable[Item]) -> None:
        for item in items:
            self.page = item.page
            if isinstance(item, Line):
                self.line(item.text)
            else:
                self.row(item.cells)
        self.finish_block()
        self.finish_summary_table()

    # -- text lines ---------------------------------------------------------------
    def line(self, text: str) -> None:
        key = norm(text)
        section = _SECTION_RE.match(key)
        if section:
            self.finish_block()
            self.finish_summary_table()
            self.section = section.group(1)
            self.family = None
            return
        if key in ("报告说明", "说明"):
            self.finish_block()
            self.section = "end"
            return
        if self.section == "header":
            self.header_line(text)
        elif self.section == "信息概要":
            self.summary_line(key)
        elif self.section == "信贷交易信息明细":
            self.detail_line(key)
        elif self.section == "查询记录" and "查询记录明细" in key:
            self.query_header = None
            self.query_open = False
            self.query_kind = (
                QueryKind.SELF
                if any(h in key for h in _SELF_QUERY_HEADINGS)
                else QueryKind.INSTITUTION
            )

    def header_line(self, text: str) -> None:
        number = _NUMBER_RE.search(text)
        if number and self.number is None:
            self.number = number.group(1)
        stamp = _TIME_RE.search(text)
        if stamp and self.generated_at is None:
            try:
                year, month, day, hour, minute, second = (int(g) for g in stamp.groups())
                self.generated_at = dt.datetime(year, month, day, hour, minute, second)
            except ValueError:
                self.warnings.append("报告时间：无法读取")

    def summary_line(self, key: str) -> None:
        title = _SUBSECTION_RE.match(key)
        name = title.group(1) if title else key
        match = _SUMMARY_TITLE_RE.match(name)
        # A title's trailing count (``（相关还款责任个数：N）``) is not part of its name.
        if match:
            self.finish_summary_table()
            self.summary_table = SummaryTable(squash(_strip_tail(match.group(0))))
        elif title:
            # Another numbered heading ends the table; stray lines (a running header,
            # a merged row label printed outside the grid) do not.
            self.finish_summary_table()

    def finish_summary_table(self) -> None:
        if self.summary_table is not None:
            self.warnings += self.summary_table.warnings
            self.summary_table = None

    def detail_line(self, key: str) -> None:
        grid = grid_title(key)
        if grid is not None:
            if self.block is not None and self.block.kind == "account":
                self.block.start_grid(*grid)
            return
        account = _ACCOUNT_RE.match(key)
        if account:
            self.finish_block()
            # Outside a known family (e.g. among agreements) the block warns when it ends.
            self.block = Block(
                "account", self.family, int(account.group(1)), account.group(2), page=self.page
            )
            return
        agreement = _AGREEMENT_RE.match(key)
        if agreement:
            self.finish_block()
            self.block = Block("agreement", None, int(agreement.group(1)))
            return
        as_of = _AS_OF_RE.match(key)
        if as_of:
            if self.block is not None and self.block.as_of is None:
                try:
                    self.block.as_of = dt.date(*(int(g) for g in as_of.groups()))
                except ValueError:
                    self.warnings.append(f"{self.block.name}：无法读取“截至”日期")
            status = _STATUS_LINE_RE.search(key)
            if status and self.block is not None:
                self.block.raw.setdefault("账户状态", status.group(1))
            return
        if _LATEST_RE.match(key):
            if self.block is not None:
                self.block.start_aside()
            return
        heading = _SUBSECTION_RE.match(key)
        if heading:
            self.finish_block()
            # 授信协议信息 and unknown sub-sections hold no account family.
            self.family = FAMILY_SECTIONS.get(heading.group(1))

    # -- table rows ---------------------------------------------------------------
    def row(self, cells: tuple[str, ...]) -> None:
        if self.section == "header":
            self.header_row(cells)
        elif self.section == "信息概要" and self.summary_table is not None:
            self.summary_table.take_row(cells, self.tables)
        elif self.section == "信贷交易信息明细":
            if self.block is not None:
                self.block.take_row(cells)
            elif any(cell.strip() for cell in cells):
                self.warnings.append("信贷交易信息明细：有一行表格不在任何账户内，未读取")
        elif self.section == "查询记录":
            self.query_row(cells)

    def header_row(self, cells: tuple[str, ...]) -> None:
        labels = tuple(norm(cell) for cell in cells)
        if set(labels) & {"被查询者姓名", "姓名", "报告编号", "报告时间"}:
            self._header_labels = labels
            return
        if self._header_labels is None or len(cells) != len(self._header_labels):
            # 报告编号：… may also sit inside a cell of its own.
            self.header_line(" ".join(cells))
            return
        values = dict(zip(self._header_labels, cells, strict=True))
        self._header_labels = None
        if "报告编号" in values or "报告时间" in values:
            # The number and time printed as a label row over a value row.
            number, stamp = values.get("报告编号", ""), values.get("报告时间", "")
            self.header_line(f"报告编号：{squash(number)} 报告时间：{stamp.strip()}")
            return
        self.subject = {
            "name": clean_value(values.get("被查询者姓名", values.get("姓名"))),
            "id_type": clean_value(values.get("被查询者证件类型", values.get("证件类型"))),
            "id_number": mask_id(values.get("被查询者证件号码", values.get("证件号码"))),
        }

    def query_row(self, cells: tuple[str, ...]) -> None:
        labels = tuple(norm(cell) for cell in cells)
        if "查询日期" in labels:
            self.query_header = labels
            return
        # Any row but a continuation ends the query a continuation may extend.
        continuing, self.query_open = self.query_open, False
        if self.query_header is None or len(cells) != len(self.query_header):
            if any(cell.strip() for cell in cells):
                self.warnings.append("查询记录：有一行表格与标题行对不上，该行未读取")
            return
        values = dict(zip(self.query_header, cells, strict=True))
        if not squash(values.get("编号", "")) and not squash(values.get("查询日期", "")):
            self.query_open = continuing
            self.query_continues(values)
            return
        institution = clean_value(values.get("查询机构")) or ""
        reason = clean_value(values.get("查询原因"))
        try:
            date = parse_day(values.get("查询日期"))
        except ValueError:
            date = None
        if date is None or reason is None:
            number = squash(values.get("编号", "")) or "?"
            self.warnings.append(f"查询记录第 {number} 条：无法读取查询日期或查询原因，该条未读取")
            return
        kind = QueryKind.SELF if reason.startswith("本人查询") else self.query_kind
        self.queries.append(Query(date, institution, reason, kind, page=self.page))
        self.query_open = True

    def query_continues(self, values: dict[str, str]) -> None:
        """A row with no 编号 and no 查询日期 continues the query above: long institution
        names and reasons wrap onto a row of their own (``…融资担保有限公`` + ``司``)."""
        more_name = squash(values.get("查询机构", ""))
        more_reason = squash(values.get("查询原因", ""))
        if not more_name and not more_reason:
            return
        if not self.query_open:
            self.warnings.append("查询记录：有一行续行前面没有读出的查询记录，未读取")
            return
        last = self.queries[-1]
        self.queries[-1] = dataclasses.replace(
            last, institution=last.institution + more_name, reason=last.reason + more_reason
        )

    def finish_block(self) -> None:
        block, self.block = self.block, None
        if block is None:
            return
        if block.kind == "agreement":
            agreement = block.agreement()
            if agreement is not None:
                self.agreements.append(agreement)
        else:
            account = block.account()
            if account is not None:
                self.accounts.append(account)
        self.warnings += block.warnings


def _strip_tail(title: str) -> str:
    return re.sub(r"\([^()]*\)$", "", title)


class DetailedParser:
    format = ReportFormat.DETAILED

    def detect(self, first_page_text: str) -> bool:
        return "个人信用报告" in first_page_text and (
            "本人版" in first_page_text or "个人基本信息" in first_page_text
        )

    def parse(self, pages: Iterable[Page]) -> Report:
        reader = _Reader()
        reader.read(strip_furniture([page_items(page) for page in pages]))
        warnings = reader.warnings + cross_check(reader.accounts, reader.tables)
        until = None if reader.generated_at is None else Month.of(reader.generated_at.date())
        return Report(
            format=ReportFormat.DETAILED,
            number=reader.number,
            generated_at=reader.generated_at,
            subject_name=reader.subject.get("name"),
            id_type=reader.subject.get("id_type"),
            id_number=reader.subject.get("id_number"),
            accounts=tuple(with_counts(a, until) for a in reader.accounts),
            credit_agreements=tuple(reader.agreements),
            queries=tuple(reader.queries),
            summary=Summary(tables=reader.tables),
            warnings=tuple(warnings),
        )
