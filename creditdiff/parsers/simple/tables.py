"""The 简版 query tables; the 信息概要 counts are read in ``summary``.

They are read by column position, not by splitting on spaces: a long institution or
query reason wraps inside its cell onto the next line, and a cell can be empty (a self
query may print no 查询机构).

The 一代 简版 titles its third column ``查询操作员`` and prints there the institution and
its masked operator, ``招商银行/*MBUS*R003`` (a counter self query: the PBOC branch and
its operator; a web self query: ``本人``). The institution is the part before the ``/``;
the operator code names a bank clerk, not the lender, and is not kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from creditdiff.model import Query, QueryKind
from creditdiff.parsers.simple.lines import Line, Token
from creditdiff.text import parse_day

QUERY_HEADER = ("编号", "查询日期", "查询机构", "查询原因")
GEN1_QUERY_HEADER = ("编号", "查询日期", "查询操作员", "查询原因")

_ROW_START = re.compile(r"^\d+$")
_DAY = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


Span = tuple[float, float]


def _columns(line: Line) -> tuple[list[Span], bool] | None:
    """The header's four column titles as (x0, x1) spans, and whether the third is the
    一代 查询操作员; None if this is no header."""
    spans = {token.text: (token.x0, token.x1) for token in line.tokens}
    for header in (QUERY_HEADER, GEN1_QUERY_HEADER):
        if all(name in spans for name in header):
            return [spans[name] for name in header], header is GEN1_QUERY_HEADER
    return None


def _distance(token: Token, span: Span) -> float:
    """How far apart a token and a column title are horizontally (0 when they overlap)."""
    return max(span[0] - token.x1, token.x0 - span[1], 0.0)


def _cells(tokens: Sequence[Token], columns: list[Span]) -> list[str]:
    """Each token in the column whose title it overlaps, or the nearest.

    Titles and cells may be left-aligned or centred (real files show both), so a cell
    wider than its title can start left of the title: a start-position threshold would
    push a centred reason into the 查询机构 column. Overlap with the title does not.
    """
    cells = ["", "", "", ""]
    for token in tokens:
        column = min(range(4), key=lambda i: (_distance(token, columns[i]), -columns[i][0]))
        cells[column] += token.text
    return cells


def read_queries(lines: Sequence[Line], kind: QueryKind) -> tuple[list[Query], list[str]]:
    """Query rows under one 查询记录明细 heading, and the rows it could not read.

    Continuation lines (no 编号 in the first column) extend the previous row's cells.
    Returns the queries and the 编号 of each unreadable row.
    """
    starts: list[Span] | None = None
    operator = False
    rows: list[list[str]] = []
    #: The page each row starts on.
    pages: list[int] = []
    for line in _by_ruled_row(lines):
        header = _columns(line)
        if header is not None:
            # The header may repeat after a page break; keep the first one's positions.
            if starts is None:
                starts, operator = header
            continue
        if starts is None:
            tokens = list(line.tokens)
            if _ROW_START.match(tokens[0].text) and len(tokens) >= 4:
                # No header seen: 编号, 日期, 机构 (maybe several tokens), 原因.
                rows.append([tokens[0].text, tokens[1].text, *_split_tail(tokens[2:])])
                pages.append(line.page)
            elif rows:
                rows[-1][2] += line.joined
            continue
        cells = _cells(line.tokens, starts)
        if _ROW_START.match(cells[0]):
            rows.append(cells)
            pages.append(line.page)
        elif rows:
            rows[-1] = [old + new for old, new in zip(rows[-1], cells, strict=True)]
    queries = []
    unreadable = []
    for (number, day, institution, reason), page in zip(rows, pages, strict=True):
        try:
            date = parse_day(day) if _DAY.match(day) and reason else None
        except ValueError:  # a date-shaped cell that is no date (2024年13月01日)
            date = None
        if date is None:
            unreadable.append(number)
            continue
        if operator:
            institution = institution.split("/", 1)[0]
        queries.append(
            Query(
                date=date,
                institution=institution,
                reason=reason,
                kind=kind,
                page=page,
            )
        )
    return queries, unreadable


def _by_ruled_row(lines: Sequence[Line]) -> list[Line]:
    """Lines of one ruled row (a table drawn with cell borders) merged into one line.

    In a bordered table a cell that wraps makes its row taller, and the other cells may
    be centred in that height: the row's 编号 then stands on a line of its own between
    the two halves of a wrapped 查询机构. Taking the ruled row as the unit puts every
    piece back into its row, each cell's pieces top to bottom.
    """
    merged: list[Line] = []
    for line in lines:
        last = merged[-1] if merged else None
        if line.row is not None and last is not None and last.row == line.row:
            # Lines come top to bottom, so each cell's pieces join in reading order.
            merged[-1] = Line((*last.tokens, *line.tokens), last.page, last.top, last.row)
        else:
            merged.append(line)
    return merged


def _split_tail(tokens: Sequence[Token]) -> list[str]:
    return ["".join(token.text for token in tokens[:-1]), tokens[-1].text]
