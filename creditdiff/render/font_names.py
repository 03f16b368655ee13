"""``--font NAME``: find an installed font file by its name (offline, no fontconfig needed).

A name is matched against the file names in the usual font folders of Linux, macOS and
Windows, ignoring case, spaces, ``-`` and ``_`` (``wqy-microhei``, ``WenQuanYi Micro
Hei``, ``msyh``); a few Chinese names map to their usual files (``微软雅黑`` -> msyh).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

FONT_DIRS: tuple[str, ...] = (
    "/usr/share/fonts",
    "/usr/local/share/fonts",
    "~/.local/share/fonts",
    "~/.fonts",
    "/System/Library/Fonts",
    "/Library/Fonts",
    "~/Library/Fonts",
    "C:/Windows/Fonts",
)
SUFFIXES = (".ttf", ".ttc")
ALIASES = {
    "微软雅黑": "msyh",
    "microsoftyahei": "msyh",
    "宋体": "simsun",
    "黑体": "simhei",
    "文泉驿微米黑": "wqymicrohei",
    "wenquanyimicrohei": "wqymicrohei",
    "文泉驿正黑": "wqyzenhei",
    "wenquanyizenhei": "wqyzenhei",
    "华文黑体": "stheiti",
}


def _key(text: str) -> str:
    return re.sub(r"[\s_\-]+", "", text).lower()


def _files(dirs: Iterable[str]) -> Iterator[Path]:
    for folder in dirs:
        root = Path(folder).expanduser()
        if not root.is_dir():
            continue
        for path in sorted(root.rglob("*")):
            if path.suffix.lower() in SUFFIXES and path.is_file():
                yield path


def find_font(name: str, dirs: Iterable[str] = FONT_DIRS) -> Path | None:
    """The installed font file whose name matches ``name`` best: exact stem, else prefix."""
    wanted = _key(name)
    wanted = ALIASES.get(wanted, ALIASES.get(name.strip(), wanted))
    prefix: Path | None = None
    for path in _files(dirs):
        stem = _key(path.stem)
        if stem == wanted:
            return path
        if prefix is None and stem.startswith(wanted):
            prefix = path
    return prefix
