"""reportlab's parse of paragraph markup, asked for once per shape of the markup.

reportlab parses each paragraph's markup with Python's HTMLParser: at a thousand accounts,
about a fifth of an action report's cost, although the texts the report makes come in a
handful of shapes (a finding's title: a coloured mark, words, a coloured message; its
evidence: coloured labels between values). The fragments reportlab makes of text inside
``<font>`` tags, with ``<br/>`` and the entities ``escape`` writes, depend on the tags and
on where the text stands, not on what it says: each stretch of text between two tags or
entities is one fragment, each entity another. So ``parse`` has reportlab parse the shape
once (every stretch of text replaced by a placeholder) and puts each text into a copy of
its placeholder's fragment. Any other markup (an ``<onDraw>``, a ``<seq>`` counter, another
entity, a stray ``<`` or ``&``) is left to reportlab.
"""

from __future__ import annotations

import re
from typing import Any

from reportlab.platypus import paragraph as _reportlab

#: A tag or entity of a shape, a stretch of text, or anything else (not handled here).
_TOKEN = re.compile(
    r'(<font(?: [a-z]+="[^"<>&]*")*>|</font>|<br/>|&(?:amp|lt|gt);)|([^<&]+)|(.)', re.DOTALL
)
#: Stands for a stretch of text in a shape; no entity handled here stands for it.
_PLACEHOLDER = "x"
#: Per (shape, style, case sensitivity): the style and fragments reportlab parsed, None
#: for a shape whose fragments are not one per stretch of text.
_SHAPES: dict[tuple[str, object, int], tuple[Any, list[Any]] | None] = {}
_LIMIT = 10_000


def forget() -> None:
    """Drop every shape remembered."""
    _SHAPES.clear()


def _parse_shape(shape: str, style: Any, case_sensitive: int, texts: int) -> Any:
    """reportlab's style and fragments of ``shape``, if each placeholder is one fragment."""
    parsed = _reportlab.Paragraph(shape, style, caseSensitive=case_sensitive)
    if parsed.bulletText is not None or parsed.text != shape:
        return None
    if sum(1 for frag in parsed.frags if frag.text == _PLACEHOLDER) != texts:
        return None
    return parsed.style, list(parsed.frags)


def parse(text: str, style: Any, case_sensitive: int) -> tuple[str, Any, list[Any]] | None:
    """The cleaned text, the style and the fragments reportlab's Paragraph makes of
    ``text``, or None when its markup is not one handled here."""
    if getattr(style, "textTransform", None):  # upper/lower case: the text changes
        return None
    # reportlab's own first step: lines stripped and joined, runs of white space made one.
    cleaned = _reportlab.cleanBlockQuotedText(text)
    shape: list[str] = []
    texts: list[str] = []
    for tag, words, other in _TOKEN.findall(cleaned):
        if other:
            return None
        if tag:
            shape.append(tag)
        else:
            shape.append(_PLACEHOLDER)
            texts.append(words)
    key = ("".join(shape), style, case_sensitive)
    if key not in _SHAPES:
        if len(_SHAPES) >= _LIMIT:
            _SHAPES.clear()
        _SHAPES[key] = _parse_shape(key[0], style, case_sensitive, len(texts))
    known = _SHAPES[key]
    if known is None:
        return None
    parsed_style, frags = known
    placed = iter(texts)
    copies = [
        frag.clone(text=next(placed)) if frag.text == _PLACEHOLDER else frag.clone()
        for frag in frags
    ]
    return cleaned, parsed_style, copies


__all__ = ["forget", "parse"]
