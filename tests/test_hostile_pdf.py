"""Hostile PDF structure: each file made here ends as one error line (exit 2) or a clean
parse, within the read budget, with both readers, and no library text on stderr."""

from __future__ import annotations

import json
import os
import re
import zlib
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.sources.read import READER_ENV, READERS

DETAILED = FIXTURES / "detailed" / "all-families.pdf"
EXPECTED = FIXTURES / "detailed" / "all-families.expected.json"
#: The subject of the all-families case: neither may reach stderr.
PERSONAL = ("测试甲", "110101199001011234", "199001011234", "1101011990")


@pytest.fixture(autouse=True, params=READERS)
def reader(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Every test here runs under both readers, with a short time budget."""
    monkeypatch.setenv(READER_ENV, request.param)
    monkeypatch.setenv("CREDITDIFF_TIME_LIMIT", "30")
    return str(request.param)


def pdf(objects: list[bytes], tail: bytes = b"") -> bytes:
    """A PDF of the given numbered objects (1 = catalog) with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    return rebuild(bytes(out), len(objects) + 1) + tail


def rebuild(body: bytes, size: int | None = None) -> bytes:
    """``body`` with a new xref table of its ``N 0 obj`` headers; its trailer is kept."""
    trailer = re.search(rb"trailer\s*(<<.*?>>)\s*startxref", body, re.S)
    cut = body.rfind(b"\nxref\n")
    if cut > 0:
        body = body[: cut + 1]
    offsets = {int(m.group(1)): m.start() for m in re.finditer(rb"(?m)^(\d+) 0 obj\b", body)}
    size = size or max(offsets) + 1
    out = bytearray(body)
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % size
    for number in range(1, size):
        out += (
            b"%010d 00000 n \n" % offsets[number] if number in offsets else b"0000000000 65535 f \n"
        )
    head = trailer.group(1) if trailer else b"<< /Size 0 /Root 1 0 R >>"
    out += b"trailer\n" + re.sub(rb"/Size \d+", b"/Size %d" % size, head)
    out += b"\nstartxref\n%d\n%%%%EOF\n" % start
    return bytes(out)


def page(
    contents: bytes = b"4 0 R", box: bytes = b"[0 0 595 842]", kids: bytes = b"[3 0 R]"
) -> list[bytes]:
    """Catalog, page tree and one page whose parts may be replaced."""
    return [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids %s /Count 1 >>" % kids,
        b"<< /Type /Page /Parent 2 0 R /MediaBox %s /Contents %s >>" % (box, contents),
    ]


def text_stream(length: bytes | None = None) -> bytes:
    data = b"BT /F1 12 Tf 72 720 Td (hello) Tj ET"
    return b"<< /Length %s >>\nstream\n" % (length or b"%d" % len(data)) + data + b"\nendstream"


def parse(path: Path, *extra: str) -> Any:
    return CliRunner().invoke(app, ["--lang", "en", "parse", "--json", *extra, str(path)])


def assert_clean(result: Any, path: Path) -> None:
    """One ``creditdiff: error: <file>: ...`` line and exit 2, or JSON with warnings only."""
    lines = result.stderr.splitlines()
    assert "Traceback" not in result.stderr + result.stdout
    assert not any(item in result.stderr for item in PERSONAL)
    if result.exit_code == 0:
        json.loads(result.stdout)
        assert all(line.startswith("warning: ") for line in lines), result.stderr
    else:
        assert result.exit_code == 2, result.stderr
        assert len(lines) == 1 and lines[0].startswith(f"creditdiff: error: {path}: "), lines


def assert_error(result: Any, path: Path, problem: str) -> None:
    """Exactly the one line naming ``path`` and ``problem``, exit 2."""
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [f"creditdiff: error: {path}: {problem}"]


def write(tmp_path: Path, data: bytes, name: str = "hostile.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "objects",
    [
        [*page(), text_stream(b"5 0 R"), b"6 0 R", b"5 0 R"],
        [*page(contents=b"5 0 R"), text_stream(), b"6 0 R", b"5 0 R"],
        [*page(kids=b"[5 0 R]"), text_stream(), b"6 0 R", b"5 0 R"],
        [*page(kids=b"[2 0 R]"), text_stream()],
    ],
    ids=["length", "contents", "kids", "kids-self"],
)
def test_reference_cycle_ends(tmp_path: Path, objects: list[bytes]) -> None:
    """A reference cycle used as a stream's /Length, a page's /Contents or /Kids ends cleanly."""
    path = write(tmp_path, pdf(objects))
    assert_clean(parse(path), path)


def test_reference_cycle_is_named(tmp_path: Path, reader: str) -> None:
    """pdfplumber's lookup of a /Contents cycle stops with its own message, not a hang."""
    path = write(tmp_path, pdf([*page(contents=b"5 0 R"), text_stream(), b"6 0 R", b"5 0 R"]))
    result = parse(path)
    if reader == "pdfplumber":
        assert_error(result, path, "objects refer to each other in a circle")
    else:
        assert_clean(result, path)


@pytest.mark.slow
def test_flate_bomb_ends_within_budget(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, reader: str
) -> None:
    """A 38 KB Flate stream of 20 MB of drawing operators ends cleanly within the budget."""
    monkeypatch.setenv("CREDITDIFF_MEMORY_LIMIT", "768")
    if reader == "pdfium":
        # PDFium parses the stream in one C call the alarm cannot end; on a loaded
        # machine that call may outlast a short budget and the watchdog would end pytest.
        monkeypatch.setenv("CREDITDIFF_TIME_LIMIT", "300")
    ops = zlib.compress(b"0 0 m 1 1 l S " * 1_400_000, 9)
    assert len(ops) < 40 * 1024
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(ops) + ops + b"\nendstream"
    path = write(tmp_path, pdf([*page(), stream]))
    assert_clean(parse(path), path)


def test_huge_width_range_is_read(tmp_path: Path) -> None:
    """A CID font /W range ending at 2 000 000 000 does not allocate a table that size."""
    data = DETAILED.read_bytes()
    # "18 26 462": CIDs 18 to 26 are 462 units wide; the range now ends at 2 000 000 000.
    hostile, n = re.subn(rb"(/W \[[^/]*?\] )18 26 462 ", rb"\g<1>18 2000000000 462 ", data, count=1)
    assert n == 1
    path = write(tmp_path, rebuild(hostile))
    result = parse(path)
    assert result.exit_code == 0, result.stderr
    parsed, expected = json.loads(result.stdout), json.loads(EXPECTED.read_text(encoding="utf-8"))
    assert (
        parsed["report"] == {**expected["report"], "source": path.name}
        or parsed["report"] == expected["report"]
    )
    assert len(parsed["accounts"]) == len(expected["accounts"])


@pytest.mark.parametrize("box", [b"[0 0]", b"[595 842]", b"[]", b"[0 0 0 0]"])
def test_degenerate_mediabox(tmp_path: Path, box: bytes) -> None:
    """A report whose MediaBox has two numbers (or none) is one error line or a clean parse."""
    data = re.sub(rb"/MediaBox \[[^\]]*\]", b"/MediaBox " + box, DETAILED.read_bytes())
    path = write(tmp_path, rebuild(data))
    assert_clean(parse(path), path)


@pytest.mark.parametrize("depth", [1000, 100_000])
@pytest.mark.parametrize("kind", ["array", "dict"])
def test_deep_nesting_ends(tmp_path: Path, depth: int, kind: str) -> None:
    """Arrays or dictionaries nested 100 000 deep in a page end cleanly (no RecursionError)."""
    nest = b"[" * depth + b"]" * depth if kind == "array" else b"<< /A " * depth + b">>" * depth
    objects = [*page(), text_stream()]
    objects[2] = objects[2].replace(b"/Contents", b"/Nest " + nest + b" /Contents")
    path = write(tmp_path, pdf(objects))
    assert_clean(parse(path), path)


def test_deep_nesting_in_a_report_ends(tmp_path: Path) -> None:
    """A real report whose first page carries 100 000 nested arrays still ends cleanly."""
    nest = b"[" * 100_000 + b"]" * 100_000
    data = DETAILED.read_bytes().replace(b"/MediaBox", b"/Nest " + nest + b" /MediaBox", 1)
    path = write(tmp_path, rebuild(data))
    assert_clean(parse(path), path)


@pytest.mark.slow
def test_long_garbage_tail_is_refused_at_once(tmp_path: Path) -> None:
    """200 MB of garbage after %%EOF is one error line, read no further than its end."""
    path = tmp_path / "tail.pdf"
    with path.open("wb") as handle:
        handle.write(DETAILED.read_bytes())
        chunk = os.urandom(1 << 20)
        for _ in range(200):
            handle.write(chunk)
    assert_error(parse(path), path, "ends with 200 MB that are not part of the PDF (after %%EOF)")


def test_short_tail_is_read(tmp_path: Path) -> None:
    """A few bytes after %%EOF (a download's stray newline or padding) still parse."""
    path = write(tmp_path, DETAILED.read_bytes() + b"\r\n\0\0garbage\n" * 50)
    result = parse(path)
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("kind", ["fifo", "directory", "device"])
def test_non_regular_files_are_refused(tmp_path: Path, kind: str) -> None:
    """A FIFO named report.pdf, a folder named report.pdf and /dev/zero are refused at once."""
    if kind == "device":
        path = Path("/dev/zero")
    else:
        path = tmp_path / "report.pdf"
        os.mkfifo(path) if kind == "fifo" else path.mkdir()
    result = parse(path)
    assert result.exit_code == 2, result.stderr
    assert len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith(f"creditdiff: error: {path}: ")


def test_fifo_as_closure_log_is_refused(tmp_path: Path) -> None:
    """A FIFO given as --closures is refused with one line instead of blocking."""
    fifo = tmp_path / "closures.csv"
    os.mkfifo(fifo)
    pair = sorted((FIXTURES / "pairs").glob("*/old.pdf"))[0].parent
    result = CliRunner().invoke(
        app,
        [
            "--lang",
            "en",
            "diff",
            str(pair / "old.pdf"),
            str(pair / "new.pdf"),
            "--closures",
            str(fifo),
        ],
    )
    assert result.exit_code == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"creditdiff: error: {fifo}: not a regular file (a pipe or a device?)"
    ]
