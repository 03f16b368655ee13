"""Page numbers the action cards cite, printed once the document knows them.

A card names the page of a section printed after all the cards (the steps common to every
institution, the 异议 route), so that page is not known while the card is laid out. Each
cited number is therefore a gap in the card's text, as wide as so many digits in the
text's own font and size: the layout is the same whatever the number, and one layout is
enough unless the number has more digits than its gap (``PageForms.short``). An
``<onDraw>`` callback at the gap paints a PDF form XObject there; the forms, each holding
one section's page number centred in its gap, are defined when the canvas is saved, after
the last page. PDF resolves the forward reference (reportlab's ``doForm``: "or may be
defined later"), and the number's glyphs are ordinary text in the form, so a reader or
``pdftotext`` reads "第 12 页" where it is printed.

The gap needs line breaking that keeps it whole (``cjk_lines``) and a width on its
fragment (``widen``, run on every parsed paragraph by ``paragraphs``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth

from creditdiff.errors import CreditDiffError

#: The ``<onDraw>`` callback name of a cited page, registered on the report's canvas.
CALLBACK = "creditdiff_page"
#: Stands for the cited page in wording text until ``cite`` makes it a gap: a private-use
#: character, untouched by escaping and by the wording's ``{page}`` formatting.
PAGE = "\ue000"


def cite(markup: str, section: str, digits: int) -> str:
    """``markup`` (paragraph markup) with each ``PAGE`` made the gap for the page of
    ``section``, as wide as ``digits`` digits."""
    return markup.replace(PAGE, f'<onDraw name="{CALLBACK}" label="{section} {digits}"/>')


@dataclass(frozen=True)
class Gap:
    """Where a cited page goes: the section, and the font, size and colour of its text."""

    section: str
    digits: int
    font: str
    size: float
    colour: Any
    width: float

    @property
    def form(self) -> tuple[str, int, str, float, float]:
        """What the number's form depends on (the colour comes from the page)."""
        return (self.section, self.digits, self.font, self.size, self.width)


def widen(frags: Iterable[Any]) -> None:
    """Give each cited page's fragment its gap: the width line breaking counts, and the
    ``Gap`` the callback receives as its label. A fragment already widened is left."""
    for frag in frags:
        defn = frag.__dict__.get("cbDefn")
        if defn is None or getattr(defn, "name", None) != CALLBACK:
            continue
        if isinstance(defn.label, str):
            section, digits = defn.label.split()
            font, size = frag.fontName, frag.fontSize
            width = stringWidth("0" * int(digits), font, size)
            defn.label = Gap(section, int(digits), font, size, frag.textColor, width)
            defn.width = width


class PageForms:
    """The forms one document's gaps paint: ``draw`` is the canvas callback, ``define``
    writes each form once the sections' pages are known. After ``define``, ``short`` says
    whether a number has more digits than its gap (then the document is laid out again
    with gaps of ``digits`` digits)."""

    def __init__(self) -> None:
        self.names: dict[tuple[str, int, str, float, float], str] = {}
        self.digits = 0
        self.short = False

    def draw(self, canvas: Any, kind: str, gap: Gap) -> None:
        """Paint the form of ``gap`` at the text's current point and move the text on
        past the gap (reportlab moves the text only past an inline image)."""
        info = canvas._curr_tx_info
        text, x, y = info["tx"], info["cur_x"], info["cur_y"]
        # reportlab's x for the line leaves out the gaps already drawn on it.
        drawn = text.__dict__.setdefault("_creditdiff_gaps", {})
        x += drawn.get(y, 0.0)
        drawn[y] = drawn.get(y, 0.0) + gap.width
        name = self.names.setdefault(gap.form, f"creditdiffPage{len(self.names)}")
        canvas.saveState()
        canvas.translate(x, y)
        canvas.setFillColor(gap.colour)
        canvas.doForm(name)
        canvas.restoreState()
        # A new line origin: reportlab goes back to the line's own at the line's end.
        text.setXPos(x + gap.width - text._x0)

    def define(self, canvas: Any, pages: Mapping[str, int]) -> None:
        """Write every form painted, each the page of its section, centred in the gap."""
        for (section, digits, font, size, width), name in self.names.items():
            page = pages.get(section)
            if page is None:
                raise CreditDiffError(f"action PDF: a card cites section {section!r}, not printed")
            number = str(page)
            self.digits = max(self.digits, len(number))
            self.short = self.short or len(number) > digits
            wide = stringWidth(number, font, size)
            # A number wider than its gap (a layout to do again) is drawn narrower.
            squeeze = min(1.0, width / wide)
            # The box the gap's glyphs may take: its width, a line's height around the baseline.
            canvas.beginForm(name, 0, -size, width, 2 * size)
            line = canvas.beginText()
            line.setFont(font, size)
            if squeeze < 1:
                line.setHorizScale(100 * squeeze)
            line.setTextOrigin((width - wide * squeeze) / 2, 0)
            line.textOut(number)
            canvas.drawText(line)
            canvas.endForm()


__all__ = ["CALLBACK", "PAGE", "Gap", "PageForms", "cite", "widen"]
