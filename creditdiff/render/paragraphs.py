"""reportlab's Paragraph, parsing and breaking each text into lines once per run.

reportlab wraps one paragraph several times within a layout (a ``KeepTogether`` measures
its content, then the frame places it; a table measures its cells before it splits), and
an action report repeats the same texts card after card. Each wrap parses nothing new but
breaks the text again, character by character for CJK text: most of a long report's cost.
Both results depend only on the text, the style and the widths, so they are remembered
here and handed out as copies (a paragraph split across pages edits the words of its
lines), which gives the same lines, the same drawing and the same bytes.

Parsing goes by the shape of the markup where it can (``markup``), and every parse gives
a cited page's ``<onDraw>`` its gap (``page_refs.widen``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from reportlab.platypus import paragraph as _reportlab

from creditdiff.render import cjk_lines, markup, page_refs

#: Parses by (text, style): the cleaned text, the style, the fragments.
_PARSED: dict[tuple[str, object, int], tuple[str, object, list[Any]]] = {}
#: Line breaks by (text, style, widths): reportlab's ParaLines, never handed out itself.
_LINES: dict[tuple[str, object, tuple[float, ...]], Any] = {}
_LIMIT = 100_000


def forget() -> None:
    """Drop everything remembered (a font registered afresh measures differently)."""
    _PARSED.clear()
    _LINES.clear()
    markup.forget()


def _copy_lines(lines: Any) -> Any:
    """A ParaLines whose lines and words are the remembered one's, but new objects."""
    if lines.kind == 0:  # one style: (extra space, [text]) per line
        return lines.clone(lines=[(space, list(words)) for space, words in lines.lines])
    return lines.clone(
        lines=[line.clone(words=[word.clone() for word in line.words]) for line in lines.lines]
    )


def _remember(cache: dict[Any, Any], key: object, value: object) -> None:
    if len(cache) >= _LIMIT:
        cache.clear()
    cache[key] = value


class Paragraph(_reportlab.Paragraph):  # type: ignore[misc]  # reportlab ships no types
    """A reportlab Paragraph whose parse and CJK line breaks are remembered.

    Only a paragraph made from text with a CJK-wrapping style and no bullet is
    remembered; the pieces a page break splits off (made from fragments) are not. A
    paragraph of several plain text styles is broken by ``cjk_lines.split``.
    """

    # reportlab's attributes, set in ``_setup``.
    text: Any
    style: Any
    frags: list[Any]
    bulletText: Any
    _key: tuple[str, object] | None = None
    #: The key of the lines in ``blPara``, while they are this paragraph's own.
    _wrapped: tuple[object, ...] | None = None

    def _setup(
        self, text: object, style: Any, bulletText: object, frags: object, cleaner: Any
    ) -> None:
        if (
            frags is not None
            or not isinstance(text, str)
            or bulletText is not None
            or getattr(style, "wordWrap", None) != "CJK"
        ):
            super()._setup(text, style, bulletText, frags, cleaner)
            page_refs.widen(self.frags)
            return
        key = (text, style, self.caseSensitive)
        parsed = _PARSED.get(key)
        if parsed is None:
            # reportlab's own parse, by the shape of the markup where it can be.
            shaped = markup.parse(text, style, self.caseSensitive)
            if shaped is None:
                super()._setup(text, style, bulletText, frags, cleaner)
            else:
                self.text, self.style, self.frags = shaped
                self.bulletText = None
            page_refs.widen(self.frags)
            if self.bulletText is not None:  # from markup: not remembered
                return
            parsed = (self.text, self.style, self.frags)
            _remember(_PARSED, key, (self.text, self.style, list(self.frags)))
        self.text, self.style, frags_parsed = parsed
        self.frags = list(frags_parsed)
        self.bulletText = None
        self.debug = 0
        self._key = (self.text, self.style)

    def breakLinesCJK(self, maxWidths: Sequence[float] | float) -> Any:  # reportlab's name
        if getattr(self, "_splitpara", 0) or self.bulletText is not None:
            return super().breakLinesCJK(maxWidths)
        widths: list[float] = (
            list(maxWidths) if isinstance(maxWidths, (list, tuple)) else [cast(float, maxWidths)]
        )
        key = None if self._key is None else (*self._key, tuple(widths))
        if key is not None and key == self._wrapped and hasattr(self, "blPara"):
            # Wrapped again at the same widths, not split since: its own lines still hold.
            self.height = 0
            return self.blPara
        lines = None if key is None else _LINES.get(key)
        if lines is not None:
            self.height = 0
            self._wrapped = key
            return _copy_lines(lines)
        if len(self.frags) > 1 and cjk_lines.plain(self.frags):
            self.height = 0
            lines = cjk_lines.split(self.frags, widths)
        else:
            lines = super().breakLinesCJK(maxWidths)
        if key is not None:
            _remember(_LINES, key, _copy_lines(lines))
            self._wrapped = key
        return lines

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # reportlab's name
        # Splitting edits the words of this paragraph's lines: never hand them out again.
        self._wrapped = None
        return list(super().split(availWidth, availHeight))


__all__ = ["Paragraph", "forget"]
