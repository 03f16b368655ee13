"""Client folders: grouping by person, the overview (CSV/XLSX), check and parse --recursive."""

from __future__ import annotations

import csv
import io
import json
import os
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from creditdiff.advisers.overview import COLUMNS
from creditdiff.cli import app
from tests._clienttree import TreeClient, build_tree

RUNNER = CliRunner()
HEADINGS = [heading for _, heading in COLUMNS]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[TreeClient]]:
    root = tmp_path_factory.mktemp("clients")
    return root, build_tree(root, 4)


def _own_check(client: TreeClient) -> dict[str, Any]:
    """The client's own ``check --format json``: the folder, or their files when mixed."""
    others = [p for p in client.folder.iterdir() if p.suffix == ".pdf" and p not in client.files]
    if others:
        newest_two = [str(p) for p in client.files[-2:]]
        args = ["check", *newest_two, "--format", "json"]
    else:
        args = ["check", "--dir", str(client.folder), "--format", "json"]
    if client.closures:
        args += ["--closures", str(client.folder / "closures.csv")]
    result = RUNNER.invoke(app, args)
    assert result.exit_code in (0, 1), result.output
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _csv_rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))


def _xlsx_rows(path: Path) -> tuple[list[dict[str, Any]], list[str]]:
    book = load_workbook(path)
    sheet = book["总览"]
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["A"].width > 10
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == HEADINGS
    return [dict(zip(HEADINGS, row, strict=True)) for row in values[1:]], book.sheetnames


def _assert_rows_match(tree: tuple[Path, list[TreeClient]], tmp_path: Path) -> None:
    root, clients = tree
    for suffix in (".csv", ".xlsx"):
        output = tmp_path / f"overview{suffix}"
        result = RUNNER.invoke(app, ["overview", str(root), "-o", str(output)])
        assert result.exit_code == 0, result.output
        if suffix == ".csv":
            rows: list[dict[str, Any]] = _csv_rows(output)
        else:
            rows, sheets = _xlsx_rows(output)
            assert len(sheets) == len(clients) + 1
        assert len(rows) == len(clients)
        for client in clients:
            (row,) = [r for r in rows if str(r[HEADINGS[0]]).endswith(client.name)]
            own = _own_check(client)
            severities = Counter(f["severity"] for f in own["findings"])
            for key, heading in (("high", "高"), ("medium", "中"), ("low", "低"), ("info", "提示")):
                assert int(row[heading]) == severities[key], (client.name, key)
            settled = sum(f["code"] == "settled_not_closed" for f in own["findings"])
            assert int(row["已结清未销户（待注销）"]) == settled
            assert int(row["报告份数"]) == len(client.files)
            newest = own["new"]["generated_at"].replace("T", " ")[:16]
            assert str(row["最新报告时间"]) == newest
            assert "*" in str(row[HEADINGS[0]])


def test_overview_rows_match_each_clients_own_check(
    tree: tuple[Path, list[TreeClient]], tmp_path: Path
) -> None:
    """Every overview row (CSV and XLSX) has the severity counts of that client's own check."""
    _assert_rows_match(tree, tmp_path)


@pytest.mark.slow
@pytest.mark.skipif(
    not os.environ.get("CREDITDIFF_FULL_TREE"),
    reason="30 clients take minutes on 2 cores; set CREDITDIFF_FULL_TREE=1 to run",
)
def test_overview_of_thirty_clients(tmp_path: Path) -> None:
    """Thirty generated clients: the overview rows match each client's own check."""
    root = tmp_path / "clients"
    _assert_rows_match((root, build_tree(root, 30)), tmp_path)


def test_mixed_folder_is_split_with_a_notice(tree: tuple[Path, list[TreeClient]]) -> None:
    """A folder with two people is checked as two people and the notice names the files."""
    root, clients = tree
    result = RUNNER.invoke(app, ["check", "--dir", str(root), "--recursive", "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    documents = json.loads(result.stdout)
    assert len(documents) == len(clients)
    assert "2 个人的报告" in result.stderr
    for client in clients[-2:]:
        for path in client.files:
            assert path.name in result.stderr
        assert client.name not in result.stderr


def test_recursive_check_uses_each_folders_closure_log(
    tree: tuple[Path, list[TreeClient]],
) -> None:
    """check --recursive finds the same findings as check --dir with the folder's closures."""
    root, clients = tree
    result = RUNNER.invoke(app, ["check", "--dir", str(root), "--recursive", "--format", "json"])
    documents = {d["client"]["person"].split()[-1]: d for d in json.loads(result.stdout)}
    with_log = [c for c in clients if c.closures]
    assert with_log
    for client in with_log:
        own = _own_check(client)
        assert [f["id"] for f in documents[client.name]["findings"]] == [
            f["id"] for f in own["findings"]
        ]


def test_parse_recursive_mirrors_the_tree_without_collisions(
    tree: tuple[Path, list[TreeClient]], tmp_path: Path
) -> None:
    """parse --recursive writes one JSON per report under the same sub-folder names."""
    root, clients = tree
    out = tmp_path / "out"
    result = RUNNER.invoke(app, ["parse", str(root), "--recursive", "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    expected = {p.relative_to(root).with_suffix(".json") for c in clients for p in c.files}
    written = {p.relative_to(out) for p in out.rglob("*.json")}
    assert written == expected
    for client in clients:
        for path in client.files:
            document = json.loads((out / path.relative_to(root)).with_suffix(".json").read_text())
            assert document["report"]["subject_name"] == client.name


def test_unique_names_never_collide(tmp_path: Path) -> None:
    """Two outputs of the same name in one folder get ``name (2)``."""
    from creditdiff.advisers.groups import unique_path

    taken: set[Path] = set()
    first = unique_path(tmp_path, "report (1)", ".json", taken)
    second = unique_path(tmp_path, "report (1)", ".json", taken)
    assert first.name == "report (1).json" and second.name == "report (1) (2).json"


def test_overview_refuses_other_extensions(tmp_path: Path) -> None:
    """overview -o x.txt is one error line and exit 2."""
    result = RUNNER.invoke(app, ["overview", str(tmp_path), "-o", str(tmp_path / "x.txt")])
    assert result.exit_code == 2
    assert result.stderr.startswith("creditdiff: error:")
