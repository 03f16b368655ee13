"""List numbers drawn as separate text runs, which can extract after the sentence they number.

Real 简版 files draw an entry's ``N.`` as its own run left of the sentence (x≈36 with
the text at x≈51), often a little lower or higher than the sentence's first line, so it
lands on a line of its own before or after that line. Putting it back in front of the
line it belongs to lets the entry split find the entry's start again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from creditdiff.parsers.simple.lines import Line

_NUMBER = re.compile(r"^\d+[.．、]$")
_NUMBERED = re.compile(r"^\d+[.．、]")
#: A number belongs to a text line whose top is at most this far (pt) from its own.
_NEAR = 6.0


def _is_number(line: Line) -> bool:
    return len(line.tokens) == 1 and _NUMBER.match(line.tokens[0].text) is not None


def _pairs(number: Line, text: Line) -> bool:
    """Whether ``text`` is the line ``number`` stands in front of."""
    return (
        number.page == text.page
        and abs(number.top - text.top) <= _NEAR
        and number.tokens[0].x1 <= text.tokens[0].x0
        and not _is_number(text)
    )


def _joined(number: Line, text: Line) -> Line:
    return Line((*number.tokens, *text.tokens), text.page, text.top, text.row)


def attach_list_numbers(lines: Sequence[Line]) -> list[Line]:
    """The lines with each stand-alone list number put in front of its sentence line."""
    out: list[Line] = []
    index = 0
    while index < len(lines):
        line = lines[index]
        if _is_number(line):
            after = lines[index + 1] if index + 1 < len(lines) else None
            before = out[-1] if out else None
            # The nearer of the two neighbours; the one before only if it has no number.
            if (
                after is not None
                and _pairs(line, after)
                and (
                    before is None
                    or not _pairs(line, before)
                    or abs(after.top - line.top) <= abs(before.top - line.top)
                )
            ):
                out.append(_joined(line, after))
                index += 2
                continue
            if (
                before is not None
                and _pairs(line, before)
                and not _NUMBERED.match(before.tokens[0].text)
            ):
                out[-1] = _joined(line, before)
                index += 1
                continue
        out.append(line)
        index += 1
    return out
