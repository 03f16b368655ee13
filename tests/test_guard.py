"""The read budget of creditdiff.sources.guard: hostile files end with one line, exit 2."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from creditdiff.cli import app


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF with the given numbered objects (1 = catalog) and a correct xref."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stderr


def test_fifo_is_refused_before_opening(tmp_path: Path) -> None:
    """A FIFO named report.pdf is one error line and exit 2, without blocking."""
    fifo = tmp_path / "report.pdf"
    os.mkfifo(fifo)
    code, err = _run("parse", str(fifo))
    assert code == 2
    assert err.strip().splitlines() == [
        f"creditdiff: error: {fifo}: not a regular file (a pipe or a device?)"
    ]


def test_flate_bomb_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A content stream inflating beyond the inflate limit ends as one error line, exit 2."""
    monkeypatch.setattr("creditdiff.sources.guard.INFLATE_LIMIT", 1024 * 1024)
    bomb = zlib.compress(b"\0" * (8 * 1024 * 1024), 9)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(
        _pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 600 800] /Contents 4 0 R >>",
                b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(bomb)
                + bomb
                + b"\nendstream",
            ]
        )
    )
    code, err = _run("parse", str(path))
    assert code == 2
    assert len(err.strip().splitlines()) == 1
    assert err.startswith(f"creditdiff: error: {path}:")
    assert "Traceback" not in err
