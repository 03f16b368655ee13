"""Client folders: every report under a folder, grouped by person, each in 报告时间 order.

Advisers keep one folder per client, with files named as they came (``report (1).pdf``).
A person is who the report says it is — the masked ID number and the name — never the
file or folder name. A folder holding several people's reports is split into one group
per person, with a notice naming the files. Each group uses the ``closures.csv`` and
``baseline.yaml`` of the folder holding its newest report.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from creditdiff.batch import BatchResult, report_files
from creditdiff.check.discover import FoundReport, order_by_report_time
from creditdiff.errors import InputError
from creditdiff.model import Report
from creditdiff.text import squash

CLOSURES_NAME = "closures.csv"
BASELINE_NAMES = ("baseline.yaml", "baseline.yml", "baseline.json")


def find_report_files(root: Path, *, include_json: bool = False) -> list[Path]:
    """Report files in ``root`` and every folder below it (hidden folders left out)."""
    if not root.is_dir():
        raise InputError(root, "no such folder" if not root.exists() else "not a folder")
    files: list[Path] = []
    for folder, subfolders, _ in os.walk(root):
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        files.extend(report_files(Path(folder), include_json=include_json))
    return files


def person_key(report: Report) -> tuple[str, str]:
    """Who a report is about: the ID number's visible tail and the name, normalised.

    Parsers mask ID numbers differently but all keep the last four characters.
    """
    number = squash(report.id_number or "", fold_width=True).upper()
    name = squash(report.subject_name or "", fold_width=True)
    return number.split("*")[-1][-4:], name


def person_label(report: Report) -> str:
    """The person as shown in outputs: masked ID number and name."""
    return " ".join(part for part in (report.id_number, report.subject_name) if part) or "未知"


@dataclass(frozen=True)
class Client:
    """One person's reports, oldest first, and the folder their settings come from."""

    label: str
    folder: Path
    reports: tuple[FoundReport, ...]

    @property
    def newest(self) -> FoundReport:
        return self.reports[-1]

    @property
    def closures(self) -> Path | None:
        path = self.folder / CLOSURES_NAME
        return path if path.is_file() else None

    @property
    def baseline(self) -> Path | None:
        for name in BASELINE_NAMES:
            if (self.folder / name).is_file():
                return self.folder / name
        return None


@dataclass(frozen=True)
class Grouping:
    clients: tuple[Client, ...]
    #: Files that could not be read: their one-line error messages.
    errors: tuple[str, ...]
    #: Folders split into several people, naming the files of each group.
    notices: tuple[str, ...]


def group_results(results: Sequence[BatchResult], root: Path | None = None) -> Grouping:
    """Group read reports by person; failed files are kept as error messages."""
    errors = tuple(r.error or str(r.path) for r in results if not r.ok)
    by_person: dict[tuple[str, str], list[BatchResult]] = {}
    for result in results:
        if result.report is not None:
            by_person.setdefault(person_key(result.report), []).append(result)
    clients = []
    for members in by_person.values():
        found = order_by_report_time(members)
        clients.append(Client(person_label(found[-1].report), found[-1].path.parent, found))
    clients.sort(key=lambda c: (str(c.folder), c.label))
    return Grouping(tuple(clients), errors, _split_notices(clients, root))


def _split_notices(clients: Sequence[Client], root: Path | None) -> tuple[str, ...]:
    by_folder: dict[Path, list[Client]] = {}
    for client in clients:
        for folder in {found.path.parent for found in client.reports}:
            by_folder.setdefault(folder, []).append(client)
    notices = []
    for folder, members in sorted(by_folder.items()):
        if len(members) < 2:
            continue
        groups = []
        for number, client in enumerate(members, start=1):
            names = "、".join(f.path.name for f in client.reports if f.path.parent == folder)
            groups.append(f"第{number}人：{names}")
        shown = folder if root is None else folder.relative_to(root) if folder != root else root
        notices.append(
            f"{shown}：文件夹里有 {len(members)} 个人的报告，已按人分开处理（{'；'.join(groups)}）"
        )
    return tuple(notices)


def unique_path(folder: Path, stem: str, suffix: str, taken: set[Path]) -> Path:
    """``stem + suffix`` in ``folder``, or ``stem (2)``, ``stem (3)``… if already taken."""
    candidate = folder / f"{stem}{suffix}"
    number = 2
    while candidate in taken:
        candidate = folder / f"{stem} ({number}){suffix}"
        number += 1
    taken.add(candidate)
    return candidate


def mirrored_path(path: Path, root: Path, out_dir: Path, suffix: str, taken: set[Path]) -> Path:
    """Where the output for ``path`` (under ``root``) goes in ``out_dir``, same sub-folders."""
    relative = path.parent.relative_to(root)
    return unique_path(out_dir / relative, path.stem, suffix, taken)
