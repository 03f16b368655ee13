"""Look of the action report: colours, paragraph styles and the tick box.

Severity colours follow traffic lights (high red, medium amber, low blue, info grey);
headings are one dark blue. CJK fonts ship a single weight, so hierarchy comes from size
and colour, not bold.

For print, text is at least 9 pt (evidence, notes and chart labels at least 8 pt) and in a
dark colour that stays dark on a black-and-white printer: amber and light grey are used
only for marks and bars beside a text that says the same (the severity's own word).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Table, TableStyle

from creditdiff.model import Severity
from creditdiff.render.paragraphs import Paragraph

INK = colors.HexColor("#1F2933")
# Dark grey: about 33 % grey when printed in black and white (light grey fades away).
MUTED = colors.HexColor("#4A5563")
ACCENT = colors.HexColor("#1F3A5F")
RULE = colors.HexColor("#CBD2D9")
PANEL = colors.HexColor("#F5F7FA")
OLD_BAR = colors.HexColor("#9AA5B1")
NEW_BAR = colors.HexColor("#1F3A5F")

SEVERITY_COLOURS = {
    Severity.HIGH: colors.HexColor("#C62828"),
    Severity.MEDIUM: colors.HexColor("#E08E0B"),
    Severity.LOW: colors.HexColor("#2F6DB5"),
    Severity.INFO: colors.HexColor("#7B8794"),
}
SEVERITY_TINTS = {
    Severity.HIGH: colors.HexColor("#FDECEA"),
    Severity.MEDIUM: colors.HexColor("#FFF4E0"),
    Severity.LOW: colors.HexColor("#E8F0FB"),
    Severity.INFO: colors.HexColor("#F0F2F4"),
}


@dataclass(frozen=True)
class Styles:
    font: str
    title: ParagraphStyle
    subtitle: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    h4: ParagraphStyle
    card_h: ParagraphStyle
    card_name: ParagraphStyle
    body: ParagraphStyle
    meta: ParagraphStyle
    item: ParagraphStyle
    evidence: ParagraphStyle
    small: ParagraphStyle
    fine: ParagraphStyle
    cell: ParagraphStyle
    cell_head: ParagraphStyle
    grid_head: ParagraphStyle
    letter: ParagraphStyle
    signature: ParagraphStyle


@cache
def make_styles(font: str) -> Styles:
    """The report's styles in ``font``: the same objects for every layout of a run, so a
    paragraph's remembered line breaks (``paragraphs``) are found again."""

    def style(
        name: str, size: float, colour: colors.Color = INK, **extra: object
    ) -> ParagraphStyle:
        # CJK text has no spaces to break at: wordWrap="CJK" breaks between any characters.
        return ParagraphStyle(
            name,
            fontName=font,
            fontSize=size,
            leading=extra.pop("leading", size * 1.4),
            textColor=colour,
            wordWrap="CJK",
            **extra,
        )

    return Styles(
        font=font,
        title=style("title", 22, ACCENT, spaceAfter=4),
        subtitle=style("subtitle", 10, MUTED, spaceAfter=10),
        # keepWithNext: a heading never ends a page without what it introduces.
        h1=style("h1", 15, ACCENT, spaceBefore=6, spaceAfter=8, keepWithNext=1),
        h2=style("h2", 12, ACCENT, spaceBefore=8, spaceAfter=4, keepWithNext=1),
        h3=style("h3", 10.5, INK, spaceBefore=6, spaceAfter=3, keepWithNext=1),
        h4=style("h4", 9, ACCENT, spaceBefore=2, spaceAfter=1, keepWithNext=1),
        # The parts of an action card: tighter than h3, the cover's look stays as it was.
        card_h=style("card_h", 9.5, INK, spaceBefore=4, spaceAfter=2, keepWithNext=1),
        card_name=style("card_name", 12, ACCENT),
        body=style("body", 9, spaceAfter=2),
        # A checklist item: the table's padding spaces the rows.
        item=style("item", 9, leading=12),
        # The kind and severity at the right end of an action card's heading.
        meta=style("meta", 9, alignment=2),
        evidence=style("evidence", 8, INK, leftIndent=11, spaceBefore=1),
        small=style("small", 8, MUTED),
        # Reference text read once (the appendix, the grid's explanations).
        fine=style("fine", 9, leading=12.2, spaceAfter=1.5, allowWidows=0),
        cell=style("cell", 9),
        cell_head=style("cell_head", 9, colors.white),
        grid_head=style("grid_head", 8, colors.white, alignment=1),
        letter=style("letter", 9, leading=13, spaceAfter=2),
        # Blanks written in by hand: a taller line.
        signature=style("signature", 9, leading=18),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A Paragraph of plain text: report values may hold ``<`` or ``&``."""
    return Paragraph(escape(text), style)


def letter_box(lines: list[Flowable], width: float) -> Table:
    """A letter's lines in one white box with a thin border, a sheet to copy or photograph."""
    table = Table([[line] for line in lines], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    return table


def coloured(text: str, colour: colors.Color, size: float | None = None) -> str:
    """Paragraph markup for plain ``text`` in ``colour`` (and optionally a font size)."""
    sized = "" if size is None else f' size="{size}"'
    return f'<font color="#{colour.hexval()[2:]}"{sized}>{escape(text)}</font>'


class SectionMark(Flowable):  # type: ignore[misc]  # reportlab ships no type information
    """An invisible marker: the document records the page it lands on, so cards can say
    on which page a section printed once is."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name
        self.width = 0
        self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class TickBox(Flowable):  # type: ignore[misc]  # reportlab ships no type information
    """An empty square to tick by hand: drawn, so it needs no glyph in the font."""

    def __init__(self, size: float = 8.5) -> None:
        super().__init__()
        self.size = size
        self.width = size
        self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.rect(0, 0, self.size, self.size, stroke=1, fill=0)


__all__ = [
    "ACCENT",
    "INK",
    "MUTED",
    "NEW_BAR",
    "OLD_BAR",
    "PANEL",
    "RULE",
    "SEVERITY_COLOURS",
    "SEVERITY_TINTS",
    "SectionMark",
    "Styles",
    "TickBox",
    "coloured",
    "letter_box",
    "make_styles",
    "para",
]
