"""A seeded slice of the fuzz harness (``benchmarks/fuzz.py``) and its outcome rules."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))

import fuzz
from fuzz_mutate import MUTATORS, leaks, secrets

NAMES, IDS = secrets(ROOT / "fixtures" / "cases")
PATH = Path("/tmp/x/000001-flip-pdfium-a.pdf")


def _result(
    code: int | None = 2, killed: bool = False, signal: int | None = None
) -> dict[str, object]:
    return {"code": code, "killed": killed, "signal": signal, "seconds": 1.0, "cpu_seconds": 1.0}


@pytest.mark.slow
def test_fuzz_slice_has_no_bad_outcome(tmp_path: Path) -> None:
    """40 seeded mutants of both formats under both readers: no traceback, hang, noise or leak."""
    # Seed 1: its first 40 mutants use every mutator, both readers and both formats.
    counts = fuzz.fuzz(40, seed=1, jobs=1, budget=30.0, scratch=tmp_path)
    assert counts.total == 40
    assert {name: counts.bad[name] for name in fuzz.BAD} == dict.fromkeys(fuzz.BAD, 0), fuzz.table(
        counts
    )
    assert set(counts.by_mutator) == set(MUTATORS)


def test_mutants_are_reproducible() -> None:
    """The same seed and index give the same fixture, reader, mutation and bytes."""
    pdfs = fuzz.fixture_pdfs()
    one = fuzz.mutant(3, 17, pdfs, sorted(MUTATORS))
    two = fuzz.mutant(3, 17, pdfs, sorted(MUTATORS))
    assert (one.fixture, one.reader, one.mutator, one.data) == (
        two.fixture,
        two.reader,
        two.mutator,
        two.data,
    )
    assert one.data != one.fixture.read_bytes()


def test_secrets_hold_every_subject() -> None:
    """The leak search knows the fixture subjects' names and ID numbers."""
    assert "测试甲" in NAMES and "110101199001011234" in IDS


@pytest.mark.parametrize(
    ("result", "stderr", "bad"),
    [
        (_result(), f"creditdiff: error: {PATH}: truncated or corrupt PDF\n", []),
        (
            _result(1),
            "Traceback (most recent call last):\n  ...\n",
            ["traceback", "bad_exit", "extra_stderr"],
        ),
        (_result(None, killed=True), "", ["hang"]),
        (_result(None, signal=11), "", ["signal", "extra_stderr"]),
        (
            _result(2),
            f"Data-loss while decompressing\ncreditdiff: error: {PATH}: x\n",
            ["extra_stderr"],
        ),
        (_result(0), "Could not get FontBBox\n", ["noise_on_success"]),
        (_result(0), "warning: 2 pages damaged\n", []),
        (
            _result(2),
            f"creditdiff: error: {PATH}: b'110101199001011234' is not a PSLiteral\n",
            ["leak"],
        ),
        (_result(2), f"creditdiff: error: {PATH}: 测试甲\n", ["leak"]),
    ],
    ids=["clean", "traceback", "hang", "signal", "two-lines", "noise", "warning", "id", "name"],
)
def test_classify(result: dict[str, object], stderr: str, bad: list[str]) -> None:
    """Each bad outcome is recognised from the run's exit and stderr, and a clean run has none."""
    stdout = "{}" if result["code"] == 0 else ""
    assert fuzz.classify(result, stdout, stderr, PATH, NAMES, IDS)[0] == bad


def test_partial_id_digits_are_a_leak() -> None:
    """Six consecutive digits of a fixture ID count as a leak; the file's path does not."""
    assert leaks("at 199001011", NAMES, IDS)
    assert not leaks("page 12 of 30, 256 MB", NAMES, IDS)
