"""Privacy: no network at run time, and the full ID number never leaves the parser."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from typer.testing import CliRunner

from creditdiff.cli import app
from tests.conftest import FIXTURES

DEMO = FIXTURES / "demo"
FULL_ID = yaml.safe_load((FIXTURES / "cases/pairs/demo/new.yaml").read_text("utf-8"))["person"][
    "id_number"
]


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every attempt to open a network connection fail loudly."""

    def refuse(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("creditdiff tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)


@pytest.mark.slow
def test_whole_pipeline_runs_offline_and_masks_the_id(no_network: None, tmp_path: Path) -> None:
    """parse, diff, check and report all work with the network cut, and print no full ID."""
    runner = CliRunner()
    old, new, closures = (str(DEMO / n) for n in ("older.pdf", "newer.pdf", "closures.csv"))
    outputs = []
    for args in (
        ["parse", new, "--json"],
        ["parse", old],
        ["diff", old, new, "--closures", closures, "--json"],
        ["check", old, new, "--closures", closures, "--format", "junit"],
        ["report", old, new, "--closures", closures, "-o", str(tmp_path / "a.pdf")],
    ):
        result = runner.invoke(app, args)
        assert result.exit_code in (0, 1), (args, result.output)
        outputs.append(result.output)
    with pdfplumber.open(tmp_path / "a.pdf") as pdf:
        outputs.append("".join(page.extract_text() or "" for page in pdf.pages))
    everything = "".join("".join(text.split()) for text in outputs)
    assert FULL_ID[-4:] in everything, "the masked ID keeps its last four characters"
    assert FULL_ID not in everything
    assert FULL_ID[4:-4] not in everything
    assert [p.name for p in tmp_path.iterdir()] == ["a.pdf"]
