"""Filling ``{name}`` placeholders of user-editable templates, and nothing more.

``str.format`` obeys whatever the template says: ``{page:>300000000}`` pads to 300 million
characters, ``{date:%Y}`` hands a format spec to the value, ``{name!r}`` or
``{name.__class__}`` reach into the object. A template here may only name a known field,
bare: ``{name}``. ``unsafe_field`` says what is wrong with a template; ``fill``
substitutes the fields as plain text (``str(value)``) and refuses anything else.
"""

from __future__ import annotations

import string
from collections.abc import Iterable, Mapping

_FORMATTER = string.Formatter()


class PlaceholderError(ValueError):
    """A template field that is not a bare known name, or an unbalanced brace."""


def unsafe_field(text: str, allowed: Iterable[str]) -> str | None:
    """What is wrong with the template's fields (None when every one is a bare known name)."""
    known = set(allowed)
    try:
        parts = list(_FORMATTER.parse(text))
    except ValueError:
        return "an unbalanced brace"
    for _, name, spec, conversion in parts:
        if name is None:
            continue
        shown = "{" + name + "}"
        if spec or conversion:
            return f"a format spec or conversion on placeholder {name}; write it bare"
        if name not in known:
            return f"unknown placeholder {shown}"
    return None


def fill(text: str, values: Mapping[str, object]) -> str:
    """``text`` with each ``{name}`` replaced by ``str(values[name])``; ``{{``/``}}`` as braces.

    A field that is not bare or not in ``values`` is a PlaceholderError.
    """
    problem = unsafe_field(text, values)
    if problem is not None:
        raise PlaceholderError(problem)
    out: list[str] = []
    for literal, name, _, _ in _FORMATTER.parse(text):
        out.append(literal)
        if name is not None:
            out.append(str(values[name]))
    return "".join(out)


__all__ = ["PlaceholderError", "fill", "unsafe_field"]
