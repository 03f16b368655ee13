"""The 简版 (sentence) report parser: header lines, 信息概要 table, numbered sentences.

The report is read as one stream of lines (``simple_lines``), cut at its headings into
sections, and each section is read by its own reader: the header by regex, 信息概要 and
the query tables by column (``simple_tables``), the numbered entries sentence by sentence
(``simple_sentences``). Nothing is dropped silently: an entry or query row no template
fits becomes a warning naming its section and number (``simple_checks``).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from creditdiff.model import (
    Account,
    Query,
    QueryKind,
    Report,
    ReportFormat,
    Summary,
    SummaryTable,
)
from creditdiff.pages import Page
from creditdiff.parsers.simple import checks as simple_checks
from creditdiff.parsers.simple.lines import Line, report_lines
from creditdiff.parsers.simple.numbers import attach_list_numbers
from creditdiff.parsers.simple.sentences import UnreadableSentence, read_sentence
from creditdiff.parsers.simple.summary import read_summary_tables
from creditdiff.parsers.simple.tables import read_queries
from creditdiff.text import clean_value, mask_id, squash, to_half_width

#: Sections whose body is numbered entry sentences.
ENTRY_SECTIONS = (
    "信用卡",
    "贷款",
    "其他业务",
    "资产处置信息",
    "保证人代偿信息",
    "垫款信息",
    "相关还款责任信息",
    # The 一代 简版 prints 购房贷款 and 其他贷款 as sections of their own, and its
    # guarantees under 为他人担保信息.
    "购房贷款",
    "其他贷款",
    "为他人担保信息",
)
QUERY_SECTIONS = {
    "机构查询记录明细": QueryKind.INSTITUTION,
    # The self-query heading differs between versions (个人/本人查询记录明细);
    # both are seen.
    "个人查询记录明细": QueryKind.SELF,
    "本人查询记录明细": QueryKind.SELF,
}
OTHER_SECTIONS = ("信贷记录", "信息概要", "非信贷交易记录", "公共记录", "查询记录", "说明")
HEADINGS = frozenset((*ENTRY_SECTIONS, *QUERY_SECTIONS, *OTHER_SECTIONS))

#: The 一代 header prints a 查询时间 between 报告编号 and 报告时间.
_NUMBER_RE = re.compile(
    r"报告编号:\s*(\S+)\s+(?:查询时间:\s*[\d-]+\s*[\d:]+\s+)?"
    r"报告时间:\s*(\d{4}-\d{2}-\d{2})\s*(\d{2}:\d{2}:\d{2})"
)
_PERSON_RE = re.compile(r"姓名:\s*(\S+)\s+证件类型:\s*(\S+)\s+证件号码:\s*([0-9Xx*]+)")
#: ``1.2019年03月15日…``: an entry number glued to the date that opens every sentence.
_ENTRY_START_RE = re.compile(r"^(\d+)[.．、]\s*(?P<dated>\d{4}年\d{1,2}月)?")
_TERMINATORS = ("。", ".")
_DETAILED_MARKS = ("本人版", "授信机构版", "个人基本信息", "身份信息")
#: A 简版 with no accounts prints this instead of 信息概要.
_NO_CREDIT = "系统中没有您的信用卡、贷款和其他信贷记录"


@dataclass
class _Section:
    name: str
    lines: list[Line] = field(default_factory=list)


def _heading(line: Line) -> str | None:
    text = to_half_width(line.joined)
    return text if text in HEADINGS else None


def _split(lines: Iterable[Line]) -> list[_Section]:
    """Cut the line stream at headings; the lines before the first one are the header."""
    sections = [_Section("header")]
    for line in lines:
        name = _heading(line)
        if name is not None:
            sections.append(_Section(name))
        else:
            sections[-1].lines.append(line)
    return sections


@dataclass(frozen=True)
class _Header:
    number: str | None = None
    generated_at: dt.datetime | None = None
    subject_name: str | None = None
    id_type: str | None = None
    id_number: str | None = None


def _read_header(lines: list[Line]) -> _Header:
    printed = " ".join(line.text for line in lines)
    # Match on the half-width copy (same length) but take values from the printed text.
    number = _NUMBER_RE.search(to_half_width(printed))
    person = _PERSON_RE.search(to_half_width(printed))

    def value(match: re.Match[str] | None, group: int) -> str | None:
        return None if match is None else clean_value(printed[slice(*match.span(group))])

    generated_at = None
    if number:
        try:
            generated_at = dt.datetime.fromisoformat(f"{number.group(2)}T{number.group(3)}")
        except ValueError:  # a 报告时间 that is no time: leave it out rather than fail
            generated_at = None
    return _Header(
        number=value(number, 1),
        generated_at=generated_at,
        subject_name=value(person, 1),
        id_type=value(person, 2),
        id_number=mask_id(value(person, 3)),
    )


def split_entries(lines: list[Line]) -> list[tuple[str, str]]:
    """The numbered entries of a section as (number, sentence); see ``numbered_entries``."""
    return [(number, sentence) for number, sentence, _ in numbered_entries(lines)]


def numbered_entries(lines: list[Line]) -> list[tuple[str, str, int]]:
    """The numbered entries of a section as (number, sentence, page), wrapped lines
    joined; the page is where the entry's first line is.

    A line opens a new entry when it starts ``N.`` and two of these hold: the entry
    before is finished (ends in ``。``), N is the next number, a date follows. The 简版
    wraps mid-word, so a continuation line can start with digits; and a garbled
    entry is still an entry of its own. Lines that belong to no entry (the
    ``…明细如下：`` sub-headings) are skipped.
    """
    entries: list[list[str]] = []
    pages: list[int] = []
    for line in attach_list_numbers(lines):
        text = line.joined
        start = _ENTRY_START_RE.match(text)
        if start:
            previous = "".join(entries[-1][1:]) if entries else ""
            finished = not entries or previous.endswith(_TERMINATORS)
            last = entries[-1][0] if entries else "0"
            follows = last.isdigit() and start.group(1) == str(int(last) + 1)
            dated = start.group("dated") is not None
            if (finished and (dated or follows)) or (follows and dated):
                entries.append([start.group(1), text[len(start.group(1)) + 1 :].lstrip()])
                pages.append(line.page)
                continue
        if to_half_width(text).endswith("如下:"):
            # A sub-heading ends the entry before it even when that entry has no full
            # stop (the 一代 ``…2016年8月已转出``).
            continue
        if entries and not "".join(entries[-1][1:]).endswith(_TERMINATORS):
            entries[-1].append(text)
        else:
            # Text between entries that is no sub-heading: keep it with the last entry
            # so it cannot vanish (that entry then fails to read and is reported).
            if entries:
                entries[-1].append(text)
            else:
                entries.append(["?", text])
                pages.append(line.page)
    return [
        (number, "".join(parts), page)
        for (number, *parts), page in zip(entries, pages, strict=True)
    ]


@dataclass
class _Body:
    """What the sections after the header hold, gathered in report order."""

    accounts: list[Account] = field(default_factory=list)
    queries: list[Query] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    summary: SummaryTable | None = None
    #: Every 信息概要 table read (the main one under ``信息概要``).
    summary_tables: dict[str, SummaryTable] = field(default_factory=dict)
    no_credit: bool = False

    def read(self, section: _Section) -> None:
        if section.name == "信贷记录":
            self.no_credit = _NO_CREDIT in "".join(line.joined for line in section.lines)
        elif section.name == "信息概要":
            self.summary_tables = read_summary_tables(section.lines)
            self.summary = self.summary_tables.get("信息概要")
        elif section.name in ENTRY_SECTIONS:
            for number, sentence, page in numbered_entries(section.lines):
                try:
                    self.accounts.append(replace(read_sentence(sentence), page=page))
                except UnreadableSentence:
                    self.warnings.append(simple_checks.unreadable_sentence(section.name, number))
        elif section.name in QUERY_SECTIONS:
            rows, bad = read_queries(section.lines, QUERY_SECTIONS[section.name])
            self.queries.extend(rows)
            self.warnings.extend(simple_checks.unreadable_query(section.name, n) for n in bad)

    def count_warnings(self) -> list[str]:
        """Sentence counts against 信息概要; a report with no credit history has neither."""
        if self.summary is None and self.no_credit:
            return []
        return simple_checks.cross_check(simple_checks.sentence_counts(self.accounts), self.summary)


class SimpleParser:
    format = ReportFormat.SIMPLE

    def detect(self, first_page_text: str) -> bool:
        """A 简版: the title and ``信贷记录`` on page 1, and none of the 本人版's marks."""
        text = squash(first_page_text)
        return (
            "个人信用报告" in text
            and "信贷记录" in text
            and not any(mark in text for mark in _DETAILED_MARKS)
        )

    def parse(self, pages: Iterable[Page]) -> Report:
        sections = _split(report_lines(pages))
        header = _read_header(sections[0].lines)
        body = _Body()
        for section in sections[1:]:
            body.read(section)
        return Report(
            format=self.format,
            number=header.number,
            generated_at=header.generated_at,
            subject_name=header.subject_name,
            id_type=header.id_type,
            id_number=header.id_number,
            accounts=tuple(body.accounts),
            queries=tuple(body.queries),
            summary=Summary(tables={} if body.summary is None else body.summary_tables),
            warnings=tuple(body.warnings + body.count_warnings()),
        )
