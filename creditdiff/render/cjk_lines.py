"""reportlab's CJK line breaking of a many-style paragraph, by runs of one style.

reportlab's ``cjkFragSplit`` makes an object per character (a ``str`` subclass carrying
its fragment and width), and builds each line by comparing every character's fragment
with the previous one and looking up its font's ascent and descent. Those depend only on
the fragment, so ``split`` compares and looks them up once per run of characters of one
fragment; where to break is decided character by character, exactly as reportlab does
(the same sums in the same order, the same hanging punctuation, the same step back to a
space inside Latin text), so the lines are equal, attribute for attribute.

Only plain text fragments qualify (``plain``), and ``<onDraw>`` callbacks: an inline image
or a ``<br/>`` goes to reportlab's own function. A callback with a width (a cited page's gap,
``page_refs``) is one unbreakable piece of that width, a break allowed either side as at a
CJK character; reportlab's own function fails on it (it asks the empty text for its code
point) or lets it hang in the margin.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unicodedata import category

from reportlab.lib.rl_accel import sameFrag
from reportlab.lib.textsplit import ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getAscentDescent
from reportlab.platypus import paragraph as _reportlab
from reportlab.rl_config import _FUZZ


def plain(frags: Sequence[Any]) -> bool:
    """Whether every fragment is text or an ``<onDraw>`` callback (no image, no line break)."""
    for frag in frags:
        own = frag.__dict__
        defn = own.get("cbDefn")
        if defn is not None and defn.kind != "onDraw":
            return False
        if "lineBreak" in own or not isinstance(own.get("text"), str):
            return False
    return True


def _line(
    chars: list[str],
    owners: list[int],
    frags: Sequence[Any],
    start: int,
    stop: int,
    maxWidth: float,
    widthUsed: float,
    extraSpace: float,
) -> Any:
    """reportlab's ``makeCJKParaLine`` for characters ``start:stop`` (no line break)."""
    words = []
    texts: list[str] = []
    current: Any = _reportlab.FragLine()
    maxSize = maxAscent = minDescent = 0
    index = start
    while index < stop:
        owner = owners[index]
        end = index + 1
        while end < stop and owners[end] == owner:
            end += 1
        frag = frags[owner]
        fontSize = frag.fontSize
        ascent, descent = getAscentDescent(frag.fontName, fontSize)
        maxSize = max(maxSize, fontSize)
        maxAscent = max(maxAscent, ascent)
        minDescent = min(minDescent, descent)
        if not sameFrag(current, frag):
            word = current.clone()
            word.text = "".join(texts)
            words.append(word)
            texts = []
            current = frag
        texts.append("".join(chars[index:end]))
        index = end
    if texts:
        word = current.clone()
        word.text = "".join(texts)
        words.append(word)
    return _reportlab.FragLine(
        kind=1,
        extraSpace=extraSpace,
        wordCount=1,
        words=words[1:],
        fontSize=maxSize,
        ascent=maxAscent,
        descent=minDescent,
        maxWidth=maxWidth,
        currentWidth=widthUsed,
        lineBreak=False,
    )


def split(frags: Sequence[Any], maxWidths: Sequence[float]) -> Any:
    """``cjkFragSplit(frags, maxWidths, calcBounds)`` for ``plain`` fragments (for
    these, bounds come from the font either way; a gap's from its text's font)."""
    measure = _reportlab.stringWidth  # the module's, remembered widths included
    chars: list[str] = []
    owners: list[int] = []
    widths: list[float] = []
    for number, frag in enumerate(frags):
        defn = frag.__dict__.get("cbDefn")
        if defn is not None:  # a callback: one empty "character" of the callback's width
            chars.append("")
            owners.append(number)
            widths.append(getattr(defn, "width", 0))
            continue
        text = frag.text
        name, size = frag.fontName, frag.fontSize
        # An empty fragment is one empty "character", as in reportlab.
        text_chars = list(text) if text else [text]
        seen: dict[str, float] = {}
        for char in text_chars:
            width = seen.get(char)
            if width is None:
                width = seen[char] = measure(char, name, size)
            widths.append(width)
        chars += text_chars
        owners += [number] * len(text_chars)
    lines = []
    i = lineStartPos = 0
    widthUsed: float = 0
    maxWidth = maxWidths[0]
    count = len(chars)
    while i < count:
        u = chars[i]
        w = widths[i]
        i += 1
        widthUsed += w
        if widthUsed > maxWidth + _FUZZ and widthUsed > 0:
            extraSpace = maxWidth - widthUsed
            # An empty "character" (a callback's) breaks as a CJK one: never inside it.
            if u and ord(u) < 0x3000:
                # Inside Latin text: step back to a space or a CJK character, at most
                # about half the line (reportlab's rule, kept as it is).
                limitCheck = (lineStartPos + i) >> 1
                for j in range(i - 1, limitCheck, -1):
                    uj = chars[j]
                    if not uj or category(uj) == "Zs" or ord(uj) >= 0x3000:
                        k = j + 1
                        if k < i:
                            j = k + 1
                            extraSpace += sum(widths[ii] for ii in range(j, i))
                            w = widths[k]
                            u = chars[k]
                            i = j
                            break
            # A character that may not start a line hangs in the margin instead. "" is
            # "in" every string: an empty fragment hangs, as in reportlab, a gap never.
            if (u not in ALL_CANNOT_START or (not u and w > 0)) and i > lineStartPos + 1:
                i -= 1
                extraSpace += w
            lines.append(
                _line(chars, owners, frags, lineStartPos, i, maxWidth, widthUsed, extraSpace)
            )
            maxWidth = maxWidths[len(lines)] if len(lines) < len(maxWidths) else maxWidths[-1]
            lineStartPos = i
            widthUsed = 0
    if widthUsed > 0:
        lines.append(
            _line(
                chars,
                owners,
                frags,
                lineStartPos,
                count,
                maxWidth,
                widthUsed,
                maxWidth - widthUsed,
            )
        )
    return _reportlab.ParaLines(kind=1, lines=lines)


__all__ = ["plain", "split"]
