"""One row per person across all clients, as CSV (UTF-8 with BOM) or XLSX."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from creditdiff.advisers.clients import ClientCheck
from creditdiff.errors import UsageError
from creditdiff.metrics import is_overdue_now, report_metrics
from creditdiff.model import FindingCode, Severity
from creditdiff.output.terminal import CODE_LABELS
from creditdiff.output.write import write_document

#: (key, column heading) of the overview, in order.
COLUMNS: tuple[tuple[str, str], ...] = (
    ("person", "客户（证件号已遮蔽）"),
    ("folder", "文件夹"),
    ("reports", "报告份数"),
    ("newest", "最新报告时间"),
    ("high", "高"),
    ("medium", "中"),
    ("low", "低"),
    ("info", "提示"),
    ("overdue_now", "当前逾期账户"),
    ("approval_1m", "近1月审批查询"),
    ("approval_3m", "近3月审批查询"),
    ("approval_6m", "近6月审批查询"),
    ("open_accounts", "未结清账户"),
    ("open_institutions", "未结清机构"),
    ("settled_not_closed", "已结清未销户（待注销）"),
    ("warnings", "未读出的页/条目（警告数）"),
)
#: Columns of a client's own sheet (XLSX): one row per finding of the newest check.
FINDING_COLUMNS = ("严重程度", "类型", "机构", "说明", "编号")
SEVERITY_NAMES = {
    Severity.HIGH: "高",
    Severity.MEDIUM: "中",
    Severity.LOW: "低",
    Severity.INFO: "提示",
}


def overview_row(item: ClientCheck, root: Path) -> dict[str, Any]:
    """The overview numbers of one person, from their newest check and newest report."""
    findings = item.latest.comparison.findings
    newest = item.client.newest.report
    metrics = report_metrics(newest)
    folder = item.client.folder
    return {
        "person": item.client.label,
        "folder": "." if folder == root else str(folder.relative_to(root)),
        "reports": len(item.client.reports),
        "newest": item.client.newest.generated_at.isoformat(sep=" ", timespec="minutes"),
        **{s.value: sum(f.severity is s for f in findings) for s in Severity},
        "overdue_now": sum(is_overdue_now(a) for a in newest.accounts),
        "approval_1m": metrics.approval_queries["1m"],
        "approval_3m": metrics.approval_queries["3m"],
        "approval_6m": metrics.approval_queries["6m"],
        "open_accounts": metrics.open_accounts,
        "open_institutions": metrics.open_institutions,
        "settled_not_closed": sum(f.code is FindingCode.SETTLED_NOT_CLOSED for f in findings),
        "warnings": len(newest.warnings),
    }


def overview_rows(items: Sequence[ClientCheck], root: Path) -> list[dict[str, Any]]:
    return [overview_row(item, root) for item in items]


def write_overview(
    items: Sequence[ClientCheck], root: Path, output: Path, inputs: Sequence[Path] = ()
) -> None:
    """Write the overview as ``.csv`` or ``.xlsx``, chosen by the file's extension;
    never over one of the ``inputs`` (the reports, closure logs and baselines read)."""
    suffix = output.suffix.lower()
    if suffix == ".csv":
        data = overview_csv(overview_rows(items, root)).encode("utf-8-sig")
    elif suffix == ".xlsx":
        data = overview_xlsx(items, root)
    else:
        raise UsageError(f"{output}: the overview is written as .csv or .xlsx")
    write_document(output, data, inputs)


def overview_csv(rows: Sequence[dict[str, Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(heading for _, heading in COLUMNS)
    for row in rows:
        writer.writerow(row[key] for key, _ in COLUMNS)
    return buffer.getvalue()


def _width(values: Sequence[Any]) -> float:
    """A column width that fits the longest value (CJK characters count double)."""
    longest = max((sum(2 if ord(c) > 0x2E80 else 1 for c in str(v)) for v in values), default=4)
    return min(max(longest + 2, 6), 60)


def _sheet(sheet: Any, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(list(row))
    for index, heading in enumerate(header, start=1):
        column = [heading, *(row[index - 1] for row in rows)]
        sheet.column_dimensions[get_column_letter(index)].width = _width(column)
    sheet.freeze_panes = "A2"


def _sheet_title(label: str, used: set[str]) -> str:
    """A sheet name Excel accepts (31 characters, none of []:*?/\\), unique in the book."""
    base = re.sub(r"\*+", "…", label)
    base = "".join("_" if c in "[]:*?/\\" else c for c in base)[:28] or "客户"
    title, number = base, 2
    while title in used:
        title = f"{base[:26]}({number})"
        number += 1
    used.add(title)
    return title


def overview_xlsx(items: Sequence[ClientCheck], root: Path) -> bytes:
    """The overview sheet, then one sheet per client listing their newest findings."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "总览"
    rows = overview_rows(items, root)
    _sheet(sheet, [h for _, h in COLUMNS], [[row[k] for k, _ in COLUMNS] for row in rows])
    used = {"总览"}
    for item in items:
        findings = [
            (
                SEVERITY_NAMES[f.severity],
                CODE_LABELS.get(f.code, f.code.value),
                f.institution,
                f.message,
                f.id,
            )
            for f in item.latest.comparison.findings
        ]
        _sheet(book.create_sheet(_sheet_title(item.client.label, used)), FINDING_COLUMNS, findings)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
