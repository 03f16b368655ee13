"""``creditdiff serve`` as a command: loopback by default, the address on its first line."""

from __future__ import annotations

import subprocess
import sys
import urllib.request

import pytest


def _start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "creditdiff", "serve", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


@pytest.mark.slow
def test_serve_prints_its_loopback_address_first_and_answers() -> None:
    """The first line is http://127.0.0.1:<free port>/ and that page is the upload form."""
    process = _start()
    try:
        assert process.stdout is not None
        first = process.stdout.readline().strip()
        assert first.startswith("http://127.0.0.1:") and first.endswith("/")
        for _ in range(100):
            try:
                with urllib.request.urlopen(first, timeout=2) as response:
                    page = response.read().decode("utf-8")
                break
            except OSError:
                subprocess.run(["sleep", "0.1"], check=True)
        assert "征信报告检查" in page and 'type="file"' in page
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.slow
def test_serve_on_another_interface_warns() -> None:
    """--host other than loopback is allowed only when passed, and prints a warning."""
    process = _start("--host", "0.0.0.0")
    try:
        assert process.stdout is not None and process.stderr is not None
        first = process.stdout.readline().strip()
        assert first.startswith("http://0.0.0.0:")
        assert "warning" in process.stderr.readline()
    finally:
        process.terminate()
        process.wait(timeout=10)
