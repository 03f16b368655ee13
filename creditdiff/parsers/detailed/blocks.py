"""Pieces of the 本人版 reader: account/agreement blocks and 信息概要 tables.

A block collects ``label -> raw value`` pairs from its label/value table rows (mapping by
label, never by position: rows differ between account types) and becomes an ``Account``
or ``CreditAgreement`` when the next block starts. Values that cannot be read become
warnings, never silent gaps.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from creditdiff.model import Account, CreditAgreement, Family, Month, PartialDate
from creditdiff.parsers.detailed.grid import Grid
from creditdiff.parsers.detailed.labels import (
    ACCOUNT_FIELDS,
    AGREEMENT_FIELDS,
    AMOUNT_FIELDS,
    DATE_FIELDS,
    FAMILY_LABELS,
    FAMILY_SUMMARIES,
    FAMILY_SUMMARY_TABLE,
    HINT_TABLE,
    REMARK_LABELS,
    STATUS_FIXES,
    SUMMARY_KEY_LABELS,
    SUMMARY_TITLES,
    is_account_label,
    is_agreement_label,
    norm,
)
from creditdiff.text import clean_value, parse_amount, parse_date, squash

_SPACE_RE = re.compile(r"\s+")
#: The columns of ``YYYY年MM月DD日以后的最新还款记录``.
_LATEST_LABELS = ("五级分类", "余额", "还款日期", "还款金额", "当前还款状态")

#: table -> row -> column -> value, as ``Summary.tables``.
Tables = dict[str, dict[str, dict[str, Any]]]
#: Whether a normalised label belongs to the block being read.
Known = Callable[[str], bool]


def _cell_labels(cell: str, known: Known) -> list[str] | None:
    """The label(s) in one cell: one label, or several split over one cell
    (extraction may merge a label row into two cells of three labels each)."""
    whole = norm(cell)
    if known(whole):
        return [whole]
    tokens = [norm(token) for token in _SPACE_RE.split(cell.strip()) if token]
    labels: list[str] = []
    for token in tokens:
        pieces = [token] if known(token) else _glued(token, known)
        if pieces is None:
            return None
        labels += pieces
    return labels if len(labels) > 1 else None


def _glued(token: str, known: Known) -> list[str] | None:
    """Labels glued together when the space between them was lost in extraction
    (``账户标识开立日期``): the split into known labels, or None when there is none."""
    # ways[i]: the first split of token[:i] into known labels found.
    ways: dict[int, list[str]] = {0: []}
    for end in range(1, len(token) + 1):
        for start in range(end):
            if start in ways and known(token[start:end]):
                ways.setdefault(end, [*ways[start], token[start:end]])
    found = ways.get(len(token))
    return found if found is not None and len(found) > 1 else None


def is_label_row(cells: tuple[str, ...], known: Known) -> bool:
    """Whether most non-empty cells of a row are labels of this kind of block."""
    filled = [cell for cell in cells if cell.strip()]
    hits = sum(1 for cell in filled if _cell_labels(cell, known) is not None)
    return bool(filled) and hits * 2 >= len(filled) and hits > 0


@dataclass
class Block:
    """An account (``账户N``) or agreement (``授信协议N``) being read."""

    kind: str  # "account" | "agreement"
    family: Family | None
    number: int
    agreement_id: str | None = None
    as_of: PartialDate | None = None
    raw: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    _pending: tuple[str, ...] | None = None
    #: The 还款记录 grid under the status rows, once its title is seen.
    grid: Grid | None = None
    #: Rows left of a table read aside (``…以后的最新还款记录``): its label row, then its
    #: value row, are consumed without touching ``raw``.
    _aside: int = 0
    #: The logical page the block's ``账户N`` line is on.
    page: int | None = None

    def start_grid(self, first: Month, last: Month) -> None:
        self._pending = None
        self._aside = 0
        self.grid = Grid(self.name, first, last)

    def start_aside(self) -> None:
        """The next label row and value row belong to ``YYYY年MM月DD日以后的最新还款记录``:
        the repayment after the 截至 date. Its 余额 and 五级分类 are not the status the
        block is dated by, so they never replace the status rows' values; the contract
        has no field for them, so they are read past."""
        self._pending = None
        self._aside = 2

    @property
    def name(self) -> str:
        if self.kind == "agreement":
            return f"授信协议信息 授信协议{self.number}"
        family = FAMILY_LABELS[self.family] if self.family else "未知账户类别"
        return f"{family} 账户{self.number}"

    def known(self, label: str) -> bool:
        return is_agreement_label(label) if self.kind == "agreement" else is_account_label(label)

    def take_row(self, cells: tuple[str, ...]) -> None:
        """A label row waits for its value row; grid rows go to the grid; the latest-repayment
        table and remark rows are read past; any other row is a warning."""
        if self.grid is None and cells and squash(cells[0]) == "月份":
            # A grid whose title line was not found: read it, but its months cannot be
            # checked against the title's range, so the read is not complete.
            self.warnings.append(f"{self.name}：还款记录没有标题行，月份范围未核对")
            self.start_grid(Month(1900, 1), Month(2999, 12))
        if self.grid is not None and self.grid.take_row(cells):
            return
        if self._aside == 2:
            self._aside = 0
            if tuple(norm(cell) for cell in cells) == _LATEST_LABELS:
                self._aside = 1
                return
            self.warnings.append(f"{self.name}：最新还款记录的标题行无法识别")
        elif self._aside == 1:
            self._aside = 0
            if len(cells) != len(_LATEST_LABELS):
                self.warnings.append(f"{self.name}：最新还款记录的数值行对不上，该行未读取")
            return
        if cells and norm(cells[0]) in REMARK_LABELS:
            # ``机构说明 | …``: free-text remarks the contract has no field for.
            self._pending = None
            return
        if is_label_row(cells, self.known):
            self._pending = cells
            return
        if self._pending is None:
            # Neither labels nor the values of a label row: say so rather than drop it.
            self.warnings.append(f"{self.name}：有一行表格无法识别，未读取")
            return
        labels, self._pending = self._pending, None
        if len(labels) != len(cells):
            self.warnings.append(f"{self.name}：数值行与标题行对不上，该行未读取")
            return
        for label_cell, value_cell in zip(labels, cells, strict=True):
            names = _cell_labels(label_cell, self.known)
            if names is None:
                continue
            if len(names) == 1:
                self.raw.setdefault(names[0], value_cell)
                continue
            values = [v for v in _SPACE_RE.split(value_cell.strip()) if v]
            if len(values) != len(names):
                self.warnings.append(f"{self.name}：无法拆分“{'/'.join(names)}”单元格")
                continue
            for name, value in zip(names, values, strict=True):
                self.raw.setdefault(name, value)

    def _values(self, mapping: dict[str, str]) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for label, raw in self.raw.items():
            key = mapping.get(label)
            if key is None or key in values:
                continue
            try:
                if key in DATE_FIELDS:
                    values[key] = parse_date(raw)
                elif key in AMOUNT_FIELDS:
                    values[key] = parse_amount(raw)
                else:
                    values[key] = clean_value(raw)
            except ValueError:
                self.warnings.append(f"{self.name}：无法读取“{label}”")
                values[key] = None
        return values

    def account(self) -> Account | None:
        if self.family is None:
            self.warnings.append(f"{self.name}：不在任何已知的账户类别下，未读取")
            return None
        values = self._values(ACCOUNT_FIELDS)
        institution = values.pop("institution", None)
        if not institution:
            self.warnings.append(f"{self.name}：没有管理机构，未读取")
            return None
        status = values.get("status")
        if status is not None:
            values["status"] = STATUS_FIXES.get(status, status)
        if self.agreement_id is not None:
            values["agreement_id"] = self.agreement_id
        # Guarantee blocks print no grid; every other block shows one or none ([]).
        if self.grid is not None:
            values["history"] = self.grid.finish()
            self.warnings += self.grid.warnings
        elif self.family is not Family.GUARANTEE:
            values["history"] = ()
        return Account(
            family=self.family, institution=institution, as_of=self.as_of, page=self.page, **values
        )

    def agreement(self) -> CreditAgreement | None:
        values = self._values(AGREEMENT_FIELDS)
        institution = values.pop("institution", None)
        if not institution:
            self.warnings.append(f"{self.name}：没有管理机构，未读取")
            return None
        return CreditAgreement(institution=institution, **values)


#: Summary columns that hold months or dates, not counts (kept out of ``summary``).
_TEXT_COLUMN_RE = re.compile(r"(月份|日期)$")


@dataclass
class SummaryTable:
    """One 信息概要 table being read: its title, header row and the rows so far."""

    title: str
    header: tuple[str, ...] | None = None
    warnings: list[str] = field(default_factory=list)

    def take_row(self, cells: tuple[str, ...], tables: Tables) -> None:
        if self.header is None:
            self.header = tuple(squash(cell) for cell in cells)
            return
        family = FAMILY_SUMMARIES.get(norm(self.title))
        columns, key_cells = self._align(cells)
        if family is not None:
            row = tables.setdefault(FAMILY_SUMMARY_TABLE, {})
            row.setdefault(SUMMARY_TITLES[family], columns)
            return
        keys = [squash(cell) for cell in key_cells if squash(cell)]
        if not keys:
            self.warnings.append(f"{self.title}：有一行没有行标题，未读取")
            return
        key = keys[-1] if self.title == HINT_TABLE else "/".join(keys)
        tables.setdefault(self.title, {})[key] = columns

    def _align(self, cells: tuple[str, ...]) -> tuple[dict[str, int | None], list[str]]:
        """Values right-aligned to the header: a merged row-label cell shifts the left."""
        assert self.header is not None
        offset = len(cells) - len(self.header)
        keys = list(cells[: max(offset, 0)])
        columns: dict[str, int | None] = {}
        for i, label in enumerate(self.header):
            if i + offset < 0:
                continue
            cell = cells[i + offset]
            if label in SUMMARY_KEY_LABELS:
                keys.append(cell)
            elif not _TEXT_COLUMN_RE.search(label):
                try:
                    columns[label] = parse_amount(cell)
                except ValueError:
                    self.warnings.append(f"{self.title}：无法读取“{label}”")
        return columns, keys
