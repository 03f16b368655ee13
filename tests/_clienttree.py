"""A generated adviser's tree: one folder per fictitious client, files named as WeChat does.

Every client is a fixture pair case (fixtures/cases/pairs/) with the person's name and ID
number replaced (all fictitious: names start with 测试, no ID number passes the GB 11643
check digit), drawn by the fixture generator. Some clients get a third, later report; one
folder holds two people; a client whose case has a closure log gets it as closures.csv.
"""

from __future__ import annotations

import copy
import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from fixtures.generator.pairs import build_side

PAIRS = Path(__file__).resolve().parent.parent / "fixtures" / "cases" / "pairs"
CASES = ("detailed-to-detailed", "simple-to-simple", "demo", "simple-to-detailed")
GIVEN = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉戌亥春夏秋冬东南西北"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def fictitious_id(number: int) -> str:
    """An 18-character ID whose last character is NOT its GB 11643 check digit."""
    body = f"110101{1970 + number % 30}0{1 + number % 9}1{number % 10}{number:03d}"[:17]
    right = _CHECK[sum(int(c) * w for c, w in zip(body, _WEIGHTS, strict=True)) % 11]
    return body + ("0" if right != "0" else "1")


@dataclass(frozen=True)
class TreeClient:
    folder: Path
    name: str
    files: tuple[Path, ...]
    closures: bool


def _load(case: str, side: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((PAIRS / case / f"{side}.yaml").read_text("utf-8"))
    return data


def _person(case: dict[str, Any], name: str, number: int) -> dict[str, Any]:
    case = copy.deepcopy(case)
    case["person"] = {**case.get("person", {}), "name": name, "id_number": fictitious_id(number)}
    return case


def _later(case: dict[str, Any], days: int) -> dict[str, Any]:
    """The same report fetched ``days`` later (a third report with no new changes)."""
    case = copy.deepcopy(case)
    report = case["report"]
    when = dt.datetime.fromisoformat(report["generated_at"]) + dt.timedelta(days=days)
    report["generated_at"] = when.isoformat(timespec="seconds")
    report["number"] = when.strftime("%Y%m%d%H%M%S") + "99887766"
    return case


def build_tree(root: Path, clients: int) -> list[TreeClient]:
    """``clients`` people in ``clients - 1`` folders (the last folder holds two people)."""
    made: list[TreeClient] = []
    names = [
        f"测试{GIVEN[i % len(GIVEN)]}{GIVEN[(i * 7 + 3) % len(GIVEN)]}" for i in range(clients)
    ]
    for index in range(clients):
        mixed = index == clients - 1
        folder = root / ("客户-混合" if mixed or index == clients - 2 else f"客户{index + 1:02d}")
        case_name = CASES[index % len(CASES)]
        old = _person(_load(case_name, "old"), names[index], index + 1)
        new = _person(_load(case_name, "new"), names[index], index + 1)
        sides = [old, new] + ([_later(new, 30)] if index % 3 == 0 and not mixed else [])
        start = 1 if not mixed else 4  # the second person in the mixed folder follows on
        files = []
        for offset, side in enumerate(sides):
            side["name"] = f"client-{index}-{offset}"
            path = folder / f"report ({start + offset}).pdf"
            build_side(side, path)
            files.append(path)
        closures = (PAIRS / case_name / "closures.csv").is_file() and not mixed
        if closures and index != clients - 2:
            shutil.copyfile(PAIRS / case_name / "closures.csv", folder / "closures.csv")
        made.append(
            TreeClient(folder, names[index], tuple(files), closures and index != clients - 2)
        )
    return made
