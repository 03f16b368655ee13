"""Privacy: no network at run time, and the full ID number never leaves the parser."""

from __future__ import annotations

import re
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


#: GB 11643 check-digit weights and characters of an 18-digit resident ID number.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def _checksum_valid(number: str) -> bool:
    return (
        _CHECK[sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS, strict=True)) % 11]
        == number[17]
    )


def test_fixture_id_numbers_cannot_be_real() -> None:
    """Every ID number in the fixture cases and tests fails the check digit: none is real."""
    sources = [*FIXTURES.joinpath("cases").rglob("*.yaml"), *Path(__file__).parent.glob("*.py")]
    numbers = {
        number
        for source in sources
        for number in re.findall(
            r"(?<![0-9])[1-9][0-9]{16}[0-9X](?![0-9])", source.read_text("utf-8")
        )
        if number[6:8] in ("19", "20")  # a birth date where an ID number has one
    }
    assert numbers, "the fixtures should contain ID numbers to check"
    assert [n for n in numbers if _checksum_valid(n)] == []
