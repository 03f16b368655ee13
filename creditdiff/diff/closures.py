"""The closure log: the person's own record of the cancellations they asked for.

A CSV with the header ``institution,requested_on,account,note`` or in Chinese
``机构,申请日期,账户,备注`` (``account`` and ``note`` may be left out), UTF-8 with or
without the BOM that spreadsheet programs write, or GB18030/GBK as Excel and WPS save
CSV on Chinese Windows. ``account`` names an account id, a card tail number or an
opening date; empty means the whole institution. Every problem is reported with the
file and line number.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

from creditdiff.diff.rules_single import parse_query_limits
from creditdiff.errors import InputError
from creditdiff.inputs import read_side_file
from creditdiff.model import ClosureRequest, Settings

COLUMNS = ("institution", "requested_on", "account", "note")
REQUIRED = ("institution", "requested_on")
#: Chinese column headers, as a person types them in Excel or WPS.
ALIASES = {
    "机构": "institution",
    "机构名称": "institution",
    "申请日期": "requested_on",
    "申请注销日期": "requested_on",
    "账户": "account",
    "账号": "account",
    "卡号": "account",
    "备注": "note",
}

_DATE_RE = re.compile(r"^(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?$")


class ClosureLogError(InputError):
    """The closure log cannot be read; the message names the file and the line."""


def parse_requested_on(text: str) -> dt.date:
    """``2024-03-01``, ``2024/3/1``, ``2024.03.01`` or ``2024年3月1日``."""
    match = _DATE_RE.match(text.strip())
    if not match:
        raise ValueError(text)
    year, month, day = (int(g) for g in match.groups())
    return dt.date(year, month, day)


def _decode(data: bytes, path: Path) -> str:
    """UTF-8 (with or without BOM) first; GB18030 (a superset of GBK) otherwise."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030")
    except UnicodeDecodeError:
        raise ClosureLogError(path, "closure log is neither UTF-8 nor GB18030/GBK text") from None


def load_closures(path: Path) -> tuple[ClosureRequest, ...]:
    """Read a closure log; a ClosureLogError (with the line number) on any bad row."""
    if not path.exists():
        raise ClosureLogError(path, "no such file (closure log)")
    if path.is_dir():
        raise ClosureLogError(path, "is a directory, not a closure log CSV")
    data = read_side_file(path, lambda problem: ClosureLogError(path, problem))
    text = _decode(data, path)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        return _requests(reader, path)
    except csv.Error:
        # A value over csv.field_size_limit() (131 072 characters), a NUL byte, a broken quote.
        raise ClosureLogError(
            path, f"line {reader.line_num}: a value is too long or not valid CSV"
        ) from None


def _requests(reader: Any, path: Path) -> tuple[ClosureRequest, ...]:
    header = next(reader, None)
    if header is None:
        raise ClosureLogError(path, "line 1: empty file, expected the header " + ",".join(COLUMNS))
    names = [ALIASES.get(name.strip(), name.strip().lower()) for name in header]
    unknown = [name for name in names if name not in COLUMNS]
    if unknown:
        raise ClosureLogError(
            path, f"line 1: unknown column {unknown[0]!r}; the columns are " + ",".join(COLUMNS)
        )
    missing = [name for name in REQUIRED if name not in names]
    if missing:
        raise ClosureLogError(path, f"line 1: missing column {missing[0]!r}")
    if len(set(names)) != len(names):
        raise ClosureLogError(path, "line 1: a column appears twice")
    requests = []
    for row in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(names):
            raise ClosureLogError(path, f"line {line}: {len(row)} values for {len(names)} columns")
        values = dict(zip(names, (cell.strip() for cell in row), strict=False))
        institution = values.get("institution", "")
        if not institution:
            raise ClosureLogError(path, f"line {line}: empty institution")
        requested = values.get("requested_on", "")
        try:
            requested_on = parse_requested_on(requested)
        except ValueError:
            raise ClosureLogError(
                path, f"line {line}: bad requested_on date {requested!r} (expected YYYY-MM-DD)"
            ) from None
        requests.append(
            ClosureRequest(
                institution=institution,
                requested_on=requested_on,
                account=values.get("account") or None,
                note=values.get("note") or None,
                line=line,
            )
        )
    return tuple(requests)


def settings_for(
    closures: Path | None = None,
    grace_days: int | None = None,
    query_limits: str | None = None,
) -> Settings:
    """Comparison settings from a closure log file (or none), a grace period and the
    ``query_pressure`` limits (``1m:3,6m:6``; None keeps the defaults)."""
    defaults = Settings()
    return Settings(
        grace_days=defaults.grace_days if grace_days is None else grace_days,
        closures=() if closures is None else load_closures(closures),
        query_limits=defaults.query_limits
        if query_limits is None
        else parse_query_limits(query_limits),
    )
