"""Batch parsing: many files on all cores, one bad file does not stop the others."""

from __future__ import annotations

import json
from pathlib import Path

import _reportcases as cases
import pytest
from typer.testing import CliRunner

from creditdiff.batch import parse_many, parse_to_dir, report_files
from creditdiff.cli import app
from creditdiff.serialize import validate

runner = CliRunner()

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three generated report PDFs and one broken file in a folder."""
    root = tmp_path_factory.mktemp("batch")
    cases.write(cases.older(), root / "a-older.pdf", "simple")
    cases.write(cases.newer(), root / "b-newer.pdf", "detailed")
    cases.write(cases.clean(), root / "c-clean.pdf", "simple")
    (root / "d-broken.pdf").write_bytes(b"%PDF-1.4\n% truncated right after the header")
    return root


def test_parse_many_keeps_order_and_captures_failures(folder: Path) -> None:
    """Results come back in input order; the broken file has its error, the others a report."""
    files = report_files(folder)
    results = parse_many(files, workers=2)
    assert [r.path.name for r in results] == [p.name for p in files]
    assert [r.ok for r in results] == [True, True, True, False]
    broken = results[-1]
    assert broken.report is None and broken.error is not None
    assert "d-broken.pdf" in broken.error
    numbers = [r.report.number for r in results if r.report is not None]
    assert numbers == [
        cases.older()["report"]["number"],
        cases.newer()["report"]["number"],
        cases.clean()["report"]["number"],
    ]


def test_parse_many_reports_each_file_once(folder: Path) -> None:
    """The progress callback is called exactly once per file."""
    seen: list[str] = []
    parse_many(report_files(folder), workers=2, on_result=lambda r: seen.append(r.path.name))
    assert sorted(seen) == sorted(p.name for p in report_files(folder))


def test_parse_to_dir_writes_good_jsons(folder: Path, tmp_path: Path) -> None:
    """parse_to_dir writes one valid <stem>.json per readable report and none for the bad one."""
    out = tmp_path / "out"
    parse_to_dir(report_files(folder), out, workers=2)
    assert sorted(p.name for p in out.iterdir()) == [
        "a-older.json",
        "b-newer.json",
        "c-clean.json",
    ]
    for path in out.iterdir():
        validate(json.loads(path.read_text("utf-8")), "report")


def test_cli_parse_dir_out_dir_one_bad_file(folder: Path, tmp_path: Path) -> None:
    """`parse DIR --out-dir OUT` writes the good JSONs, names the bad file on stderr, exits 2."""
    out = tmp_path / "out"
    result = runner.invoke(app, ["parse", str(folder), "--out-dir", str(out)])
    assert result.exit_code == 2
    assert sorted(p.name for p in out.iterdir()) == [
        "a-older.json",
        "b-newer.json",
        "c-clean.json",
    ]
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 1
    assert "d-broken.pdf" in errors[0]
    assert "Traceback" not in result.stderr


def test_cli_parse_several_files_all_good(folder: Path, tmp_path: Path) -> None:
    """Several good files with --out-dir exit 0 and write one JSON each."""
    out = tmp_path / "out"
    files = [str(folder / "a-older.pdf"), str(folder / "c-clean.pdf")]
    result = runner.invoke(app, ["parse", *files, "--out-dir", str(out)])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    assert sorted(p.name for p in out.iterdir()) == ["a-older.json", "c-clean.json"]


def test_cli_parse_several_files_json_array(folder: Path) -> None:
    """Several files with --json print a JSON array of contract documents."""
    files = [str(folder / "a-older.pdf"), str(folder / "b-newer.pdf")]
    result = runner.invoke(app, ["parse", *files, "--json"])
    assert result.exit_code == 0
    documents = json.loads(result.stdout)
    assert [d["report"]["number"] for d in documents] == [
        cases.older()["report"]["number"],
        cases.newer()["report"]["number"],
    ]


def test_cli_parse_missing_file_among_good_ones(folder: Path, tmp_path: Path) -> None:
    """A missing file among good ones is reported at the end; the good one is still written."""
    out = tmp_path / "out"
    missing = tmp_path / "absent.pdf"
    result = runner.invoke(
        app, ["parse", str(missing), str(folder / "a-older.pdf"), "--out-dir", str(out)]
    )
    assert result.exit_code == 2
    assert [p.name for p in out.iterdir()] == ["a-older.json"]
    assert "absent.pdf: no such file" in result.stderr


def test_cli_parse_refuses_clashing_output_names(folder: Path, tmp_path: Path) -> None:
    """Two inputs with the same stem would overwrite each other's JSON: a usage error."""
    other = tmp_path / "elsewhere"
    other.mkdir()
    twin = cases.write(cases.older(), other / "a-older.pdf", "simple")
    result = runner.invoke(
        app, ["parse", str(folder / "a-older.pdf"), str(twin), "--out-dir", str(tmp_path / "o")]
    )
    assert result.exit_code == 2
    assert "would both be written" in result.stderr


def test_cli_single_file_keeps_its_behaviour(folder: Path) -> None:
    """One file without --out-dir still prints the one contract document (not a list)."""
    result = runner.invoke(app, ["parse", str(folder / "a-older.pdf"), "--json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["report"]["number"] == cases.older()["report"]["number"]


def _progress_output(total: int, terminal: bool) -> str:
    import io

    from rich.console import Console

    from creditdiff.batch import BatchResult
    from creditdiff.cli.progress import parse_progress

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=terminal, width=80)
    with parse_progress(total, console) as advance:
        for n in range(total):
            advance(BatchResult(Path(f"{n}.pdf")))
    return buffer.getvalue()


def test_progress_bar_only_in_a_terminal() -> None:
    """The progress bar draws in a terminal and writes nothing at all to a pipe or file."""
    assert "Reading reports" in _progress_output(3, terminal=True)
    assert _progress_output(3, terminal=False) == ""


def test_no_progress_bar_for_one_file() -> None:
    """A single file gets no progress bar even in a terminal."""
    assert _progress_output(1, terminal=True) == ""


def test_cli_parse_unwritable_out_dir(folder: Path, tmp_path: Path) -> None:
    """An --out-dir that cannot be created is one error line and exit 2."""
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["parse", str(folder), "--out-dir", str(blocker / "out")])
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_one_worker_writes_the_same_json(folder: Path, tmp_path: Path) -> None:
    """--workers 1 (one file after another) writes exactly what the process pool writes."""
    pooled, serial = tmp_path / "pooled", tmp_path / "serial"
    runner.invoke(app, ["parse", str(folder), "--out-dir", str(pooled)])
    result = runner.invoke(app, ["parse", str(folder), "--out-dir", str(serial), "--workers", "1"])
    assert result.exit_code == 2
    names = sorted(p.name for p in pooled.iterdir())
    assert names == sorted(p.name for p in serial.iterdir())
    for name in names:
        assert (pooled / name).read_bytes() == (serial / name).read_bytes()
