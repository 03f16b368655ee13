"""No command writes over a file it reads: reports, closure logs, baselines, password files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import _reportcases as cases
import pytest
from diff_helpers import account, old_report, report
from typer.testing import CliRunner

from creditdiff import demo
from creditdiff.cli import app
from creditdiff.model import Comparison
from creditdiff.render.long_names import NAME_LIMIT, shorten_long_names
from creditdiff.serialize import report_to_dict

runner = CliRunner()

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"

OLD = old_report([account("credit_card", used=300), account("non_revolving_loan", balance=900)])
NEW = report([account("credit_card", used=0), account("non_revolving_loan", balance=800)])


def refused(result: object, before: dict[Path, bytes]) -> None:
    """Exit 2, one line saying the output is an input, every input byte for byte as before."""
    assert getattr(result, "exit_code", None) == 2, getattr(result, "output", "")
    lines = getattr(result, "stderr", "").splitlines()
    assert len(lines) == 1 and "is one of the input files" in lines[0], lines
    assert {path: path.read_bytes() for path in before} == before


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """Two parse JSON reports, a closure log, a baseline and a password file."""
    made = {
        "old": tmp_path / "a.json",
        "new": tmp_path / "b.json",
        "closures": tmp_path / "closures.csv",
        "baseline": tmp_path / "baseline.yaml",
        "passwords": tmp_path / "passwords.txt",
    }
    made["old"].write_text(json.dumps(report_to_dict(OLD), ensure_ascii=False), "utf-8")
    made["new"].write_text(json.dumps(report_to_dict(NEW), ensure_ascii=False), "utf-8")
    made["closures"].write_text("institution,requested_on\n示例银行,2024-01-01\n", "utf-8")
    made["baseline"].write_text("accepted: []\n", "utf-8")
    made["passwords"].write_text("x.pdf=secret\n", "utf-8")
    return made


@pytest.mark.parametrize(
    "command",
    [
        ["diff", "{old}", "{new}", "--closures", "{closures}", "--json", "-o", "{closures}"],
        ["diff", "{old}", "{new}", "--password-file", "{passwords}", "-o", "{passwords}"],
        ["report", "{old}", "{new}", "--closures", "{closures}", "-o", "{closures}"],
        ["check", "{old}", "{new}", "--baseline", "{baseline}", "-o", "{baseline}"],
        [
            "check",
            "{old}",
            "{new}",
            "--closures",
            "{closures}",
            "--format",
            "junit",
            "-o",
            "{closures}",
        ],
        ["parse", "{old}", "--json", "--password-file", "{passwords}", "-o", "{passwords}"],
        ["baseline", "{old}", "{new}", "--closures", "{closures}", "-o", "{closures}"],
    ],
)
def test_a_side_input_is_never_overwritten(files: dict[str, Path], command: list[str]) -> None:
    """An output naming the closure log, baseline or password file the command reads is
    refused like one naming a report."""
    before = {path: path.read_bytes() for path in files.values()}
    args = [part.format(**{k: str(v) for k, v in files.items()}) for part in command]
    refused(runner.invoke(app, args), before)


def test_parse_out_dir_over_an_input_json_writes_nothing(files: dict[str, Path]) -> None:
    """``parse a.json b.json --out-dir .`` would write a.json over itself: refused before
    any file is read or written."""
    before = {path: path.read_bytes() for path in files.values()}
    folder = files["old"].parent
    args = ["parse", str(files["old"]), str(files["new"]), "--out-dir", str(folder)]
    refused(runner.invoke(app, args), before)
    assert sorted(p.name for p in folder.iterdir()) == sorted(p.name for p in files.values())


def test_demo_never_writes_over_its_own_reports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``demo -o`` naming one of the demo's own reports is refused; the report stays as it
    was (the demo reads a copy here, so a failure cannot touch the repository's files)."""
    copy = tmp_path / "demo"
    shutil.copytree(FIXTURES / "demo", copy)
    monkeypatch.setattr(demo, "demo_dir", lambda: copy)
    target = copy / "newer.pdf"
    before = {target: target.read_bytes()}
    refused(runner.invoke(app, ["demo", "-o", str(target)]), before)


@pytest.fixture
def client_tree(tmp_path: Path) -> Path:
    """One client folder: two reports of 测试甲 and their closure log."""
    root = tmp_path / "clients"
    (root / "a").mkdir(parents=True)
    cases.write(cases.older(), root / "a" / "older.pdf", "simple")
    cases.write(cases.newer(), root / "a" / "newer.pdf", "simple")
    (root / "a" / "closures.csv").write_text("institution,requested_on\n示例银行,2024-01-01\n")
    return root


@pytest.mark.slow
def test_overview_and_recursive_check_never_write_over_what_they_read(client_tree: Path) -> None:
    """``overview -o`` naming a client's closures.csv and ``check --dir --recursive -o``
    naming a report are refused; both files stay byte for byte."""
    closures = client_tree / "a" / "closures.csv"
    newer = client_tree / "a" / "newer.pdf"
    before = {closures: closures.read_bytes(), newer: newer.read_bytes()}
    refused(runner.invoke(app, ["overview", str(client_tree), "-o", str(closures)]), before)
    args = ["check", "--dir", str(client_tree), "--recursive", "--format", "json"]
    refused(runner.invoke(app, [*args, "-o", str(newer)]), before)


def test_long_names_are_cut_everywhere_they_print() -> None:
    """Names over the limit are cut with an ellipsis in accounts, findings and messages
    alike; short names are left as they are."""
    long_name = "虚构" * 1500
    old = old_report([account("credit_card", used=300, institution=long_name)])
    new = report([account("credit_card", used=0, institution=long_name), account()])
    from creditdiff.diff.engine import compare

    comparison: Comparison = shorten_long_names(compare(old, new))
    names = {a.institution for a in comparison.new.accounts}
    assert all(len(name) <= NAME_LIMIT for name in names)
    assert any(name.endswith("…") for name in names) and any("…" not in n for n in names)
    assert comparison.findings
    for finding in comparison.findings:
        assert long_name not in finding.message and len(finding.institution) <= NAME_LIMIT
