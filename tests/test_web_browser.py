"""``creditdiff serve`` driven in Debian's headless chromium through selenium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import uvicorn
from conftest import FIXTURES
from reportlab.pdfgen.canvas import Canvas

from creditdiff.web import create_app

CHROMIUM = shutil.which("chromium")
DRIVER = shutil.which("chromedriver")
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or DRIVER is None,
        reason="needs Debian's chromium and chromium-driver (.ci/run installs them)",
    ),
]
LIMIT = 1024 * 1024
DEMO = FIXTURES / "demo"


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app on a free loopback port, its private temp folders under a watched folder."""
    temp_root = tmp_path_factory.mktemp("web-temp")
    port = _port()
    config = uvicorn.Config(
        create_app(max_bytes=LIMIT, temp_root=temp_root),
        host="127.0.0.1",
        port=port,
        log_level="warning",
    )
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not instance.started and time.monotonic() < deadline:
        time.sleep(0.05)
    assert instance.started
    yield f"http://127.0.0.1:{port}/", temp_root
    instance.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    downloads = tmp_path_factory.mktemp("downloads")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,1000",
        f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}",
    ):
        options.add_argument(flag)
    options.add_experimental_option(
        "prefs",
        {"download.default_directory": str(downloads), "download.prompt_for_download": False},
    )
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.downloads = downloads
    try:
        yield driver
    finally:
        driver.quit()


def _shots() -> Path | None:
    folder = os.environ.get("CREDITDIFF_SCREENSHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


def _upload(browser: Any, url: str, *files: Path, password: str = "") -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as ready
    from selenium.webdriver.support.ui import WebDriverWait

    browser.get(url)
    browser.find_element(By.ID, "files").send_keys("\n".join(str(f) for f in files))
    if password:
        browser.find_element(By.ID, "password").send_keys(password)
    browser.find_element(By.ID, "submit").click()
    WebDriverWait(browser, 120).until(
        ready.any_of(
            ready.presence_of_element_located((By.ID, "findings")),
            ready.presence_of_element_located((By.ID, "error")),
        )
    )


def _error(browser: Any) -> str:
    from selenium.webdriver.common.by import By

    errors = browser.find_elements(By.CLASS_NAME, "error")
    assert len(errors) == 1
    text: str = errors[0].text
    assert "\n" not in text.strip()
    return text


def test_demo_pair_findings_and_action_pdf(browser: Any, server: tuple[str, Path]) -> None:
    """Uploading the demo pair shows the findings in Chinese and downloads the action PDF."""
    from selenium.webdriver.common.by import By

    url, temp_root = server
    shots = _shots()
    browser.set_window_size(1280, 1000)
    browser.get(url)
    assert "征信报告检查" in browser.find_element(By.TAG_NAME, "h1").text
    if shots:
        browser.save_screenshot(str(shots / "upload.png"))
    _upload(browser, url, DEMO / "older.pdf", DEMO / "newer.pdf")
    text = browser.find_element(By.ID, "findings").text
    assert "已还清未销户" in text and "审批类查询" in text
    assert "高" in browser.find_element(By.ID, "summary").text
    if shots:
        browser.save_screenshot(str(shots / "findings.png"))
        browser.set_window_size(390, 844)
        browser.save_screenshot(str(shots / "findings-phone.png"))
        browser.get(url)
        browser.save_screenshot(str(shots / "upload-phone.png"))
        browser.back()
        browser.set_window_size(1280, 1000)
    browser.find_element(By.ID, "pdf").click()
    target = browser.downloads / "creditdiff-actions.pdf"
    deadline = time.monotonic() + 30
    while not target.exists() and time.monotonic() < deadline:
        time.sleep(0.2)
    assert target.exists()
    with pdfplumber.open(target) as pdf:
        first = pdf.pages[0].extract_text() or ""
        assert len(pdf.pages) >= 2
    assert "信用报告清理行动清单" in first and "1101**********0018" in first
    assert list(temp_root.iterdir()) == []


def test_page_fits_a_phone(browser: Any, server: tuple[str, Path]) -> None:
    """At phone width the upload page needs no sideways scrolling."""
    url, _ = server
    browser.set_window_size(390, 844)
    browser.get(url)
    overflow = browser.execute_script(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    browser.set_window_size(1280, 1000)
    assert overflow <= 0


def _not_a_report(folder: Path) -> Path:
    path = folder / "menu.pdf"
    canvas = Canvas(str(path))
    canvas.drawString(72, 720, "Lunch menu: noodles, rice, soup.")
    canvas.save()
    return path


def test_bad_uploads_show_one_message_and_leave_nothing(
    browser: Any, server: tuple[str, Path], tmp_path: Path
) -> None:
    """A non-report, an oversized file and an encrypted file each show one message."""
    from tests.test_bad_input import encrypted_report

    url, temp_root = server
    big = tmp_path / "big.pdf"
    big.write_bytes(b"%PDF-1.4\n" + b"0" * (LIMIT + 10))
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf at all", encoding="utf-8")
    encrypted, _ = encrypted_report(tmp_path, "2468")
    cases = [
        (_not_a_report(tmp_path), "menu.pdf", "not"),
        (text, "notes.pdf", "不是 PDF"),
        (big, "big.pdf", "文件太大"),
        (encrypted, "encrypted.pdf", "encrypted"),
    ]
    for path, name, problem in cases:
        _upload(browser, url, path)
        message = _error(browser)
        assert name in message and problem in message, message
        assert str(temp_root) not in message and "/tmp" not in message
        assert list(temp_root.iterdir()) == []
