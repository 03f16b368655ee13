"""Hostile JSON, CSV, YAML and templates: each one error line, exit 2, within seconds."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from diff_helpers import account, report
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.placeholders import PlaceholderError, fill, unsafe_field
from creditdiff.render.action_letters import letter_template
from creditdiff.serialize import report_to_dict
from creditdiff.wording import WordingError

runner = CliRunner()

ROOT = Path(__file__).resolve().parent.parent
TEMPLATES = ROOT / "templates"
DEEP = 100_000


def document() -> dict[str, Any]:
    """A schema-valid parse JSON of a fictitious person with a card and a loan."""
    rep = report([account("credit_card", used=0), account("non_revolving_loan", balance=800)])
    return report_to_dict(rep)


def save(path: Path, data: dict[str, Any] | str) -> Path:
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False)
    path.write_text(text, encoding="utf-8")
    return path


def one_error_line(result: Any, *needles: str) -> str:
    assert result.exit_code == 2, result.output
    lines: list[str] = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("creditdiff: error: ") and "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def test_an_impossible_date_in_a_schema_valid_json(tmp_path: Path) -> None:
    """A parse JSON whose opening date is 2022-02-30 (the schema checks only the shape)."""
    data = document()
    data["accounts"][0]["opened"] = "2022-02-30"
    path = save(tmp_path / "r.json", data)
    result = runner.invoke(app, ["diff", str(path)])
    one_error_line(result, "r.json", "impossible date")


def test_a_5000_digit_integer_in_a_json(tmp_path: Path) -> None:
    """A balance of 5 000 digits exceeds Python's int-string limit: one line, not a ValueError."""
    text = json.dumps(document(), ensure_ascii=False)
    text = text.replace('"balance": 800', '"balance": ' + "9" * 5000, 1)
    assert "9" * 5000 in text
    result = runner.invoke(app, ["diff", str(save(tmp_path / "r.json", text))])
    one_error_line(result, "r.json", "number too long")


def test_json_nested_100000_deep(tmp_path: Path) -> None:
    """``[[[[…]]]]`` 100 000 deep is refused as nested too deeply, not a RecursionError."""
    path = save(tmp_path / "r.json", "[" * DEEP + "]" * DEEP)
    one_error_line(runner.invoke(app, ["diff", str(path)]), "r.json", "nested too deeply")


def test_a_closure_field_over_the_csv_limit(tmp_path: Path) -> None:
    """A closure-log value of 200 000 characters (csv.field_size_limit is 131 072) names
    its line."""
    closures = tmp_path / "closures.csv"
    closures.write_text(
        'institution,requested_on,account,note\n示例银行,2024-01-01,,"' + "x" * 200_000 + '"\n',
        encoding="utf-8",
    )
    path = save(tmp_path / "r.json", document())
    result = runner.invoke(app, ["diff", str(path), "--closures", str(closures)])
    one_error_line(result, "closures.csv", "line 2", "too long")


def deep_yaml(key: str = "accepted") -> str:
    return f"{key}: " + "[" * DEEP + "]" * DEEP + "\n"


def test_a_baseline_nested_deeply(tmp_path: Path) -> None:
    """A baseline of 100 000 nested lists is one line, not yaml's RecursionError."""
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text(deep_yaml(), encoding="utf-8")
    path = save(tmp_path / "r.json", document())
    result = runner.invoke(app, ["check", str(path), "--baseline", str(baseline)])
    one_error_line(result, "baseline.yaml", "nested too deeply")


def test_a_baseline_with_a_5000_digit_number(tmp_path: Path) -> None:
    """An unquoted 5 000-digit id in a baseline is a number too long, not a traceback."""
    baseline = tmp_path / "baseline.yaml"
    baseline.write_text("accepted:\n  - id: " + "9" * 5000 + "\n    reason: ok\n", "utf-8")
    path = save(tmp_path / "r.json", document())
    result = runner.invoke(app, ["check", str(path), "--baseline", str(baseline)])
    one_error_line(result, "baseline.yaml", "number too long")


def user_templates(tmp_path: Path, name: str, text: str) -> Path:
    folder = tmp_path / "templates"
    target = folder / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("{date}", "{date:%Y}", "format spec or conversion on placeholder date"),
        ("{page}", "{page:>300000000}", "format spec or conversion on placeholder page"),
        ("{page}", "{page!r}", "format spec or conversion on placeholder page"),
        ("{date}", "{date.__class__}", "unknown placeholder {date.__class__}"),
    ],
)
def test_a_template_field_with_a_format_spec(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    """A report.yaml field with a format spec, conversion or attribute is refused before
    any PDF is laid out (``{page:>300000000}`` would pad to 300 million characters)."""
    shipped = (TEMPLATES / "report.yaml").read_text(encoding="utf-8")
    assert old in shipped
    folder = user_templates(tmp_path, "report.yaml", shipped.replace(old, new))
    path = save(tmp_path / "r.json", document())
    target = tmp_path / "out.pdf"
    args = ["report", str(path), "--templates", str(folder), "-o", str(target)]
    one_error_line(runner.invoke(app, args), "report.yaml", problem)
    assert not target.exists()


def test_a_template_nested_deeply(tmp_path: Path) -> None:
    """A findings template of 100 000 nested lists is one line naming the file."""
    folder = user_templates(tmp_path, "findings/new_account.yaml", deep_yaml("explain"))
    path = save(tmp_path / "r.json", document())
    args = ["report", str(path), "--templates", str(folder), "-o", str(tmp_path / "o.pdf")]
    one_error_line(runner.invoke(app, args), "new_account.yaml", "nested too deeply")


def test_a_letter_template_with_a_format_spec(tmp_path: Path) -> None:
    """letters.yaml is checked as report.yaml is: only its bare placeholder per text."""
    shipped = (TEMPLATES / "letters.yaml").read_text(encoding="utf-8")
    folder = user_templates(
        tmp_path, "letters.yaml", shipped.replace("{institution}", "{institution:>99999999}")
    )
    with pytest.raises(WordingError, match="format spec or conversion"):
        letter_template(folder)


def test_fill_substitutes_bare_fields_only() -> None:
    """``fill`` replaces bare known fields, keeps doubled braces, and refuses the rest."""
    assert fill("第 {page} / {pages} 页 {{x}}", {"page": 1, "pages": 2}) == "第 1 / 2 页 {x}"
    assert unsafe_field("{page}", ["page"]) is None
    for bad in ("{page:>9}", "{page!s}", "{page[0]}", "{other}", "{", "{}"):
        with pytest.raises(PlaceholderError):
            fill(bad, {"page": 1})


def test_institution_names_of_3000_characters_render(tmp_path: Path) -> None:
    """An action PDF whose institutions are named with 3 000 characters is laid out, each
    name cut to 80 characters with an ellipsis (reportlab cannot fit it in a cell)."""
    data = document()
    for item in data["accounts"]:
        item["institution"] = "虚构" * 1500
    path = save(tmp_path / "r.json", data)
    target = tmp_path / "out.pdf"
    result = runner.invoke(app, ["report", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_bytes().startswith(b"%PDF-")


def test_a_fifo_as_closures_or_baseline_does_not_block(tmp_path: Path) -> None:
    """A FIFO given as ``--closures`` or ``--baseline`` is refused at once, unread (the
    CLI runs in a subprocess with a timeout: a blocking read would hang the test)."""
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    path = save(tmp_path / "r.json", document())
    for option, command in (("--closures", "diff"), ("--baseline", "check")):
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "creditdiff",
                "--lang",
                "en",
                command,
                str(path),
                option,
                str(fifo),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            cwd=ROOT,
        )
        assert done.returncode == 2, done.stderr
        assert done.stderr.splitlines() == [
            f"creditdiff: error: {fifo}: not a regular file (a pipe or a device?)"
        ]


def test_a_fifo_in_the_templates_folder_is_refused(tmp_path: Path) -> None:
    """A FIFO named contacts.yaml in --templates is refused, not read nor skipped unseen."""
    folder = tmp_path / "templates"
    folder.mkdir()
    os.mkfifo(folder / "contacts.yaml")
    path = save(tmp_path / "r.json", document())
    args = ["report", str(path), "--templates", str(folder), "-o", str(tmp_path / "o.pdf")]
    one_error_line(runner.invoke(app, args), "contacts.yaml", "not a regular file")


#: Root reads a mode-000 file anyway; without the two capabilities that let it, it cannot.
NO_DAC = ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search"]


def unprivileged() -> list[str] | None:
    if os.geteuid() != 0:
        return []
    return NO_DAC if shutil.which("setpriv") else None


@pytest.mark.skipif(unprivileged() is None, reason="root reads any file and setpriv is missing")
@pytest.mark.parametrize("kind", ["report", "closures", "baseline", "folder"])
def test_an_unreadable_input_is_one_line(tmp_path: Path, kind: str) -> None:
    """A mode-000 report, closure log, baseline or folder is one error line, exit 2, not
    typer's usage box."""
    path = save(tmp_path / "r.json", document())
    locked = {
        "report": path,
        "closures": save(tmp_path / "c.csv", "institution,requested_on\n"),
        "baseline": save(tmp_path / "b.yaml", "accepted: []\n"),
        "folder": tmp_path / "reports",
    }[kind]
    if kind == "folder":
        locked.mkdir()
        shutil.copy(path, locked / "r.json")
    args = {
        "report": ["diff", str(path)],
        "closures": ["diff", str(path), "--closures", str(locked)],
        "baseline": ["check", str(path), "--baseline", str(locked)],
        "folder": ["check", "--dir", str(locked)],
    }[kind]
    locked.chmod(0)
    try:
        done = subprocess.run(
            [*(unprivileged() or []), sys.executable, "-m", "creditdiff", "--lang", "en", *args],
            capture_output=True,
            text=True,
            timeout=120,
            cwd=ROOT,
        )
    finally:
        locked.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert done.stderr.splitlines() == [
        f"creditdiff: error: {locked}: cannot be read (Permission denied)"
    ]
