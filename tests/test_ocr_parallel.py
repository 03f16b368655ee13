"""Sheets read in a pool of worker processes come back in sheet order, as read alone."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import pytest

from creditdiff.errors import InputError
from creditdiff.sources.ocr import parallel
from creditdiff.sources.ocr.page import ScannedPage

WORDS = ("BANK 1024", "LOAN 7", "CARD 3391", "QUERY 58")


def _sheet(path: Path, text: str, height: int) -> Path:
    """A white image with one line of black text; taller images take longer to read."""
    image = np.full((height, 900), 255, np.uint8)
    cv2.putText(image, text, (60, height // 2), cv2.FONT_HERSHEY_SIMPLEX, 2.0, 0, 5)
    cv2.imwrite(str(path), image)
    return path


def _texts(pages: list[object]) -> str:
    texts = []
    for page in pages:
        assert isinstance(page, ScannedPage)
        texts.append("".join(char.text for char in page.page.chars))
    return " ".join(texts)


@pytest.fixture(scope="module")
def sheets(tmp_path_factory: pytest.TempPathFactory) -> list[parallel.Sheet]:
    folder = tmp_path_factory.mktemp("sheets")
    # The first sheet is the largest, so a pool that returned results as they finish
    # would put it after the others.
    heights = (1400, 300, 500, 300)
    return [
        parallel.Sheet(_sheet(folder / f"{i}.png", word, height))
        for i, (word, height) in enumerate(zip(WORDS, heights, strict=True))
    ]


def test_pool_keeps_sheet_order_and_texts(sheets: list[parallel.Sheet]) -> None:
    """Two workers return each sheet's pages in the order given, with the texts an
    in-process read gives."""
    alone = [_texts(pages) for pages in parallel.read_sheets(sheets, Path("x"), workers=1)]
    pooled = [_texts(pages) for pages in parallel.read_sheets(sheets, Path("x"), workers=2)]
    assert pooled == alone
    for word, text in zip(WORDS, pooled, strict=True):
        assert word.split()[1] in text.replace(" ", "")


def test_worker_error_is_the_files_one_line_error(
    sheets: list[parallel.Sheet], tmp_path: Path
) -> None:
    """An unreadable image read in a worker raises its InputError in the parent."""
    broken = tmp_path / "broken.png"
    broken.write_bytes(b"not an image")
    with pytest.raises(InputError) as raised:
        list(parallel.read_sheets([sheets[1], parallel.Sheet(broken)], Path("x"), workers=2))
    assert raised.value.path == str(broken)
    assert raised.value.problem == "not a readable image file"


def test_no_pool_inside_a_worker(monkeypatch: pytest.MonkeyPatch) -> None:
    """A batch worker reads its scan's sheets in-process; elsewhere at most MAX_WORKERS."""
    monkeypatch.setenv("CREDITDIFF_IN_WORKER", "1")
    assert parallel.workers_for(30) == 1
    monkeypatch.delenv("CREDITDIFF_IN_WORKER")
    monkeypatch.setattr(parallel, "default_workers", lambda: 8)
    assert parallel.workers_for(30) == parallel.MAX_WORKERS
    assert parallel.workers_for(1) == 1


def test_workers_take_the_first_sheets_then_the_largest(tmp_path: Path) -> None:
    """The first two sheets are read first (the early refusal needs them), then the
    largest image files; PDF pages, whose size is unknown, keep their order."""
    from creditdiff.sources.ocr.parallel import Sheet, _work_order

    sizes = [10, 20, 5, 40, 30]
    sheets = []
    for index, size in enumerate(sizes):
        path = tmp_path / f"{index}.jpg"
        path.write_bytes(b"x" * size)
        sheets.append(Sheet(path))
    assert _work_order(sheets) == [0, 1, 3, 4, 2]
    pdf = [Sheet(tmp_path / "scan.pdf", pdf_page=n) for n in range(4)]
    assert _work_order(pdf) == [0, 1, 2, 3]
