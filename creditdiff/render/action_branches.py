"""The parts of an action card that are not plain tick boxes.

``branches``: the "如果…，就…" lines of a card. Only one of them fits the person's case
(the lender says the account is closed, or says it is not), so they are not tick boxes
side by side that would contradict each other: each starts with a hollow circle, to mark
the one that applied, under a line saying only one applies.

``CardMark``: an invisible marker around each card; the document draws the card's name
with "（续）" at the top of every page the card goes on to.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from creditdiff.render.action_styles import INK, Styles, TickBox, para
from creditdiff.wording import Wording


class ChoiceMark(TickBox):
    """A hollow circle: one choice of several, drawn (no glyph needed in the font)."""

    def __init__(self, size: float = 8.0) -> None:
        super().__init__(size)

    def draw(self) -> None:
        radius = self.size / 2
        self.canv.setStrokeColor(INK)
        self.canv.setLineWidth(0.8)
        self.canv.circle(radius, radius, radius, stroke=1, fill=0)


def branch_text(condition: str, action: str, wording: Wording) -> str:
    """``如果…，就…`` for one branch; a trailing full stop of the condition is dropped."""
    return wording.text("cards.branch", condition=condition.rstrip("。；，"), action=action)


def branches(
    groups: tuple[tuple[str, tuple[tuple[str, str], ...]], ...],
    wording: Wording,
    styles: Styles,
    width: float,
) -> list[Flowable]:
    """The card's "如果…，就…" lines, one group per finding, each under the sentence
    saying only one of its lines applies."""
    return [
        flowable
        for title, items in groups
        for flowable in _group(title, items, wording, styles, width)
    ]


def _group(
    title: str, items: tuple[tuple[str, str], ...], wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    table = Table(
        [[ChoiceMark(), para(branch_text(c, a, wording), styles.item)] for c, a in items],
        colWidths=[16, width - 16],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (0, -1), 4),
                ("LEFTPADDING", (0, 0), (0, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    heading = para(wording.text("cards.branches", title=title), styles.card_h)
    return [KeepTogether([heading, table])]


class CardMark(Flowable):  # type: ignore[misc]  # reportlab ships no type information
    """Invisible: from here on, a page break continues the card ``name`` (None: no card)."""

    def __init__(self, name: str | None) -> None:
        super().__init__()
        self.name = name
        self.width = 0
        self.height = 0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


__all__ = ["CardMark", "ChoiceMark", "branch_text", "branches"]
