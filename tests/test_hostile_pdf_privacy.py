"""Library messages that quote a file's bytes (an ID number) never reach the user."""

from __future__ import annotations

import base64
import json
import re
import zlib
from pathlib import Path

import pytest
from test_hostile_pdf import DETAILED, PERSONAL, rebuild
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.reports import parse_pdf
from creditdiff.sources.guard import reading
from creditdiff.sources.read import READERS

ID_NUMBER = "110101199001011234"


def report_with_id_in_marked_content(tmp_path: Path) -> Path:
    """The all-families report whose first content stream starts with marked-content
    operators given the subject's ID number as a string instead of a name: pdfminer logs
    ``... because b'110101199001011234' is not a PSLiteral``."""
    data = DETAILED.read_bytes()
    found = re.search(
        rb"<<\s*/Filter \[ /ASCII85Decode /FlateDecode \] /Length (\d+)\s*>>\s*stream\r?\n", data
    )
    assert found is not None
    start, length = found.end(), int(found.group(1))
    text = data[start : start + length].strip().removesuffix(b"~>")
    content = zlib.decompress(base64.a85decode(text))
    hostile = b"(%s) BMC EMC (%s) MP\n" % (ID_NUMBER.encode(), ID_NUMBER.encode()) + content
    packed = zlib.compress(hostile)
    stream = b"<< /Filter /FlateDecode /Length %d >>\nstream\n" % len(packed) + packed
    path = tmp_path / "marked.pdf"
    path.write_bytes(rebuild(data[: found.start()] + stream + data[start + length :]))
    return path


def test_pdfminer_quotes_the_id(tmp_path: Path) -> None:
    """The hostile file does make pdfminer log the full ID number (what the CLI must hide)."""
    path = report_with_id_in_marked_content(tmp_path)
    with reading(path) as log:
        parse_pdf(path, reader="pdfplumber")
    assert any(ID_NUMBER in record.getMessage() for record in log.records)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_id_in_library_message_stays_off_stderr(tmp_path: Path, reader: str, lang: str) -> None:
    """The report parses (exit 0); neither stderr nor the JSON warnings carry the ID."""
    path = report_with_id_in_marked_content(tmp_path)
    result = CliRunner().invoke(
        app, ["--lang", lang, "parse", "--json", "--reader", reader, str(path)]
    )
    assert result.exit_code == 0, result.stderr
    assert not any(item in result.stderr for item in PERSONAL)
    assert "PSLiteral" not in result.stderr
    warnings = json.loads(result.stdout)["warnings"]
    assert not any(ID_NUMBER[-6:] in warning for warning in warnings)
    if reader == "pdfplumber":  # its damage is counted, in our words
        assert any("PDF 文件有" in warning for warning in warnings)
