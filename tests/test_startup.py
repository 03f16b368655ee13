"""Start-up: ``--help`` and a one-page parse load only what they use.

Each case runs in a fresh interpreter (an import made by an earlier test would hide a
regression here) and lists the heavy libraries present in ``sys.modules`` afterwards.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from creditdiff.cli import app
from tests.conftest import FIXTURES, ROOT

#: Libraries no ``--help`` needs: PDF writing, diffing, validation, OCR, the PDF readers,
#: the local web page, spreadsheets and images.
HEAVY = (
    "reportlab",
    "deepdiff",
    "jsonschema",
    "numpy",
    "cv2",
    "rapidocr_onnxruntime",
    "onnxruntime",
    "pdfminer",
    "pdfplumber",
    "pypdfium2",
    "starlette",
    "uvicorn",
    "jinja2",
    "openpyxl",
    "PIL",
)

#: A text PDF of one page (the 简版 of a person with no credit history).
ONE_PAGE = FIXTURES / "simple" / "no-credit-history.pdf"

#: Run the CLI in-process with the given arguments, then report what was imported.
PROBE = """
import json, sys
from creditdiff.cli import app
try:
    app(sys.argv[2:], prog_name="creditdiff")
    code = 0
except SystemExit as stop:
    code = stop.code
with open(sys.argv[1], "w", encoding="utf-8") as out:
    json.dump({"code": code, "modules": sorted(sys.modules)}, out)
"""


def run_fresh(tmp_path: Path, *args: str) -> tuple[int, set[str], str]:
    """Exit code, imported modules and stdout of ``creditdiff ARGS`` in a new interpreter."""
    result_file = tmp_path / "modules.json"
    env = {**os.environ, "LANG": "C.UTF-8", "PYTHONPATH": str(ROOT)}
    env.pop("CREDITDIFF_READER", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(result_file), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        cwd=tmp_path,
        timeout=300,
        check=False,
    )
    assert result_file.exists(), done.stderr
    result: dict[str, Any] = json.loads(result_file.read_text("utf-8"))
    return int(result["code"] or 0), set(result["modules"]), done.stdout


def loaded(modules: set[str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if name in modules]


def commands() -> list[str]:
    """The names of the app's commands (typer names a command after its function)."""
    names = [
        info.name or getattr(info.callback, "__name__", "") for info in app.registered_commands
    ]
    return sorted(names)


def test_the_command_list_is_the_apps() -> None:
    """The help cases below cover every registered command, so a new one is not missed."""
    assert commands() == [
        "baseline",
        "check",
        "demo",
        "diff",
        "overview",
        "parse",
        "recheck",
        "report",
        "serve",
    ]


def test_root_help_loads_no_heavy_library(tmp_path: Path) -> None:
    """``creditdiff --help`` prints the command list without any heavy library, nor the
    installed-package metadata (the version is looked up only for ``--version``)."""
    code, modules, out = run_fresh(tmp_path, "--help")
    assert code == 0
    assert "parse" in out and "diff" in out
    assert loaded(modules, (*HEAVY, "importlib.metadata")) == []


def test_version_is_looked_up_when_asked(tmp_path: Path) -> None:
    """``--version`` still prints the installed version (through importlib.metadata)."""
    code, modules, out = run_fresh(tmp_path, "--version")
    assert code == 0
    assert out.startswith("creditdiff ") and out.split()[1][0].isdigit()
    assert "importlib.metadata" in modules


@pytest.mark.parametrize("command", commands())
def test_command_help_loads_no_heavy_library(tmp_path: Path, command: str) -> None:
    """``creditdiff COMMAND --help`` prints that command's options without heavy libraries.

    (importlib.metadata is not checked here: typer coerces every option value it
    processes, the root's ``--lang`` included, through pydantic, which loads it.)"""
    code, modules, out = run_fresh(tmp_path, command, "--help")
    assert code == 0
    assert f"creditdiff {command}" in out
    assert loaded(modules, HEAVY) == []


def test_a_one_page_text_parse_loads_only_pdfium(tmp_path: Path) -> None:
    """A one-page text PDF parsed with the default reader gives its expected JSON and
    loads PDFium only: no pdfplumber/pdfminer, no OCR stack, no diff or PDF writing."""
    code, modules, out = run_fresh(tmp_path, "parse", str(ONE_PAGE), "--json")
    assert code == 0
    expected = json.loads(ONE_PAGE.with_suffix("").with_suffix(".expected.json").read_text())
    assert json.loads(out) == expected
    assert "pypdfium2" in modules
    allowed = ("pypdfium2",)
    assert loaded(modules, tuple(name for name in HEAVY if name not in allowed)) == []


FACE = """
import json, sys
import creditdiff
light = sorted(m for m in sys.modules if m.startswith("creditdiff"))
namespace = {}
exec("from creditdiff import *", namespace)
from creditdiff.model import Report
from creditdiff.reports import read_report
print(json.dumps({
    "light": light,
    "missing": [n for n in creditdiff.__all__ if n not in namespace],
    "same": namespace["Report"] is Report and namespace["read_report"] is read_report,
    "version": namespace["__version__"],
}))
"""


def test_the_package_face_loads_its_names_on_use() -> None:
    """``import creditdiff`` loads none of its modules; ``from creditdiff import *`` still
    binds every name of ``__all__`` to the object its module defines."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, "-c", FACE], capture_output=True, text=True, env=env, check=True
    )
    result = json.loads(done.stdout)
    assert result["light"] == ["creditdiff"]
    assert result["missing"] == []
    assert result["same"] is True
    assert result["version"][0].isdigit()
