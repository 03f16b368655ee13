"""Line breaking for Chinese text in the terminal, and hanging-indented finding lines.

rich breaks lines only at spaces, so a Chinese sentence (no spaces) is one "word": it is
either pushed whole onto the next line, leaving an orphan word behind, or cut with an
ellipsis. :func:`words` splits text the way Chinese is set instead: every CJK character
is a break opportunity, except before closing punctuation (``，。、）``) and after
opening punctuation (``（「``); a run of Latin letters, digits and symbols (a finding id,
``--dir``, ``2022-01-10``) is never split. :func:`install` makes rich use it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rich import _wrap
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Text

_CJK = "\u2e80-\u2fff\u3040-\u30ff\u3100-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_OPEN = "（「『《【〔“‘〈"
_CLOSE = "，。、；：）」』》】〕！？”’〉…%"
_UNIT = re.compile(
    rf"\s*[{_OPEN}]*(?:[{_CJK}\u3000-\u303f\uff00-\uffef]|[^\s{_CJK}{_OPEN}{_CLOSE}\u3000-\u303f\uff00-\uffef]+|[{_CLOSE}])[{_CLOSE}]*\s*"
)


def words(text: str) -> Iterator[tuple[int, int, str]]:
    """(start, end, unit) for each unbreakable unit of ``text`` with its trailing spaces."""
    position = 0
    while position < len(text):
        match = _UNIT.match(text, position)
        if match is None or match.end() == position:
            # Anything the pattern does not know is a unit of one character.
            end = position + 1
            yield position, end, text[position:end]
            position = end
            continue
        yield match.start(), match.end(), match.group(0)
        position = match.end()


def install() -> None:
    """Make rich break lines with :func:`words` (rich looks the function up per call)."""
    _wrap.words = words


class Hanging:
    """A line whose continuation lines are indented by ``indent`` cells.

    In a terminal the program wraps it to the width; piped or written to a file it stays
    one line (one finding per line, for grep).
    """

    def __init__(self, text: Text, indent: int) -> None:
        self.text = text
        self.indent = indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if not console.is_terminal:
            yield self.text
            return
        width = max(options.max_width - self.indent, 20)
        lines = self.text.wrap(console, width, overflow="fold")
        for number, line in enumerate(lines):
            if number:
                yield Segment(" " * self.indent)
            yield from line.render(console)
            yield Segment.line()

    def __str__(self) -> str:
        return self.text.plain


def wrapped_lines(
    text: str, width: int, indent: int, console: Console | None = None
) -> Iterable[str]:
    """``text`` broken to ``width`` cells, continuation lines indented (for tests and files)."""
    console = console or Console(width=width, file=None, force_terminal=False)
    first = True
    for line in Text(text).wrap(console, width - indent, overflow="fold"):
        yield ("" if first else " " * indent) + line.plain.rstrip()
        first = False


install()
