"""The 简版 page-1 信息概要 as real files lay it out: a 2-level header, glued header
words, an explanation column sharing lines.

The fixture-style table is one grid: a 信用卡 / 贷款 / 其他业务 header over 购房 / 其他,
then one line per row. Real files differ: the header words glue (``信用卡贷款`` is one
run), ``其他业务`` sits on a line of its own between the two header levels, a right-hand
explanation column shares lines with the rows, zeros print ``--``, and two more small
tables follow: ``为个人 | 为企业`` for 相关还款责任账户数 and ``资产处置信息 | 垫款信息``.
Cells are placed by the centre of their column title; any text right of the last value
(the explanation column) is ignored. The 一代 简版 has three columns, ``信用卡 | 购房贷款 |
其他贷款``, prints zeros as ``0`` and ends with a ``为他人担保笔数`` row; its table keeps
those three columns.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from creditdiff.model import SummaryTable
from creditdiff.parsers.simple.lines import Line, Token
from creditdiff.text import EMPTY_CELL

#: Column keys of the 信息概要 table; ``贷款`` spans ``购房`` and ``其他`` in the report.
SUMMARY_COLUMNS = ("信用卡", "购房贷款", "其他贷款", "其他业务")
SUMMARY_ROWS = (
    "账户数",
    "未结清/未销户账户数",
    "发生过逾期的账户数",
    "发生过90天以上逾期的账户数",
    "相关还款责任账户数",
    "为他人担保笔数",
)
#: The 一代 columns, titled as printed.
GEN1_COLUMNS = ("信用卡", "购房贷款", "其他贷款")
#: The small tables after the main one: their column titles, and the summary table
#: their rows go to (None: rows of the main 信息概要 table).
SIDE_TABLES: dict[tuple[str, str], str | None] = {
    ("为个人", "为企业"): None,
    ("资产处置信息", "垫款信息"): "资产处置/垫款",
}
MAIN = "信息概要"
_COUNT = re.compile(r"^(\d[\d,]*|--|-)$")
#: A value further right than this past the last column title is explanation text.
_SLACK = 30.0


def _count(text: str) -> int | None:
    if text in EMPTY_CELL:
        return None
    return int(text.replace(",", ""))


def _header_centre(token: Token) -> tuple[str, float] | None:
    """Which column title a header token is, and that title's centre."""
    if token.text in ("信用卡", "其他业务", "购房", "其他", "购房贷款", "其他贷款"):
        return token.text, token.centre
    if token.text.startswith("信用卡") and token.text.endswith("贷款"):
        # ``信用卡贷款`` glued into one run: 信用卡 is its first three of five glyphs.
        share = 3 / len(token.text)
        return "信用卡", token.x0 + (token.x1 - token.x0) * share / 2
    return None


def _values(line: Line, limit: float) -> list[Token]:
    """The count tokens after a row label, up to the first word or the column limit."""
    values = []
    for token in line.tokens[1:]:
        if not _COUNT.match(token.text) or token.x0 > limit:
            break
        values.append(token)
    return values


def _place(values: Sequence[Token], columns: Sequence[tuple[str, float]]) -> dict[str, int | None]:
    row: dict[str, int | None] = {name: None for name, _ in columns}
    for token in values:
        name = min(columns, key=lambda column: abs(column[1] - token.centre))[0]
        row[name] = _count(token.text)
    return row


def read_summary_tables(lines: Sequence[Line]) -> dict[str, SummaryTable]:
    """Every table of the 信息概要 section as table -> row -> column -> count.

    The main table is keyed ``信息概要``; a 相关还款责任账户数 row printed in its own
    ``为个人 | 为企业`` table keeps those two columns. Unreadable rows are left out.
    """
    titles: dict[str, float] = {}
    side: tuple[str, str] | None = None
    side_columns: list[tuple[str, float]] = []
    tables: dict[str, dict[str, dict[str, int | None]]] = {}
    for line in lines:
        texts = {token.text: token.centre for token in line.tokens}
        pair = next((p for p in SIDE_TABLES if p[0] in texts and p[1] in texts), None)
        if pair is not None:
            side, side_columns = pair, [(name, texts[name]) for name in pair]
            continue
        label = line.tokens[0].text
        if label not in SUMMARY_ROWS:
            if side is None and not tables:
                for token in line.tokens:
                    found = _header_centre(token)
                    if found is not None:
                        titles.setdefault(*found)
            continue
        if side is not None:
            if SIDE_TABLES[side] is None and label != "相关还款责任账户数":
                continue  # the 为个人 | 为企业 table holds that row only
            columns, table = side_columns, SIDE_TABLES[side] or MAIN
        elif all(name in titles for name in ("信用卡", "购房", "其他", "其他业务")):
            order = ("信用卡", "购房", "其他", "其他业务")
            columns = [
                (key, titles[name]) for key, name in zip(SUMMARY_COLUMNS, order, strict=True)
            ]
            table = MAIN
        elif all(name in titles for name in GEN1_COLUMNS) and "其他业务" not in titles:
            columns, table = [(name, titles[name]) for name in GEN1_COLUMNS], MAIN
        else:
            columns, table = [], MAIN
        limit = max((centre for _, centre in columns), default=1e9) + _SLACK
        try:
            values = _values(line, limit)
            if columns:
                row = _place(values, columns)
            else:
                # No header to place the cells by: take them in order.
                row = dict.fromkeys(SUMMARY_COLUMNS)
                for column, token in zip(SUMMARY_COLUMNS, values, strict=False):
                    row[column] = _count(token.text)
        except ValueError:
            continue
        tables.setdefault(table, {})[label] = row
    return dict(tables)
