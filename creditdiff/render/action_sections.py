"""Sections of the action report printed once, that the cards refer to by page: the
tick-box grid of steps every institution needs after cancelling (rows institutions,
columns steps) and the 异议 route with the deletion letter to copy for each institution.

Printed per card they made the report three times as long, saying the same thing.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, KeepTogether, Table, TableStyle

from creditdiff.render.action_plan import InstitutionCard
from creditdiff.render.action_styles import (
    ACCENT,
    PANEL,
    RULE,
    SectionMark,
    Styles,
    TickBox,
    coloured,
    letter_box,
    para,
)
from creditdiff.render.paragraphs import Paragraph
from creditdiff.wording import Wording

#: Names of the sections a card refers to; ``action_pdf`` finds the page of each.
COMMON = "common"
DISPUTE = "dispute"

#: Width of the institution column of the grid, as a share of the frame.
NAME_SHARE = 0.36


def common_section(
    cards: tuple[InstitutionCard, ...], wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """The steps every cancelled institution needs, once: explained, then ticked per row."""
    rows = [card for card in cards if card.cancel]
    if not rows:
        return []
    steps = wording.steps("common.steps")
    legend = [
        Paragraph(f"{coloured(f'{n}. {label}', ACCENT)}　{escape(text)}", styles.fine)
        for n, (label, text) in enumerate(steps, 1)
    ]
    step_width = width * (1 - NAME_SHARE) / len(steps)
    head = [para(wording.text("common.institution"), styles.cell_head)]
    # The number on a line of its own: every heading is two lines, whatever its length.
    head += [
        Paragraph(f"{n}<br/>{escape(label)}", styles.grid_head)
        for n, (label, _) in enumerate(steps, 1)
    ]
    data: list[list[Flowable]] = [head]
    data += [[para(card.institution, styles.cell), *(TickBox(10) for _ in steps)] for card in rows]
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
        ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
        ("ALIGN", (1, 1), (-1, -1), "CENTER"),
        ("GRID", (0, 1), (-1, -1), 0.4, RULE),
        ("LINEAFTER", (0, 0), (-2, 0), 0.4, colors.white),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    commands += [("BACKGROUND", (0, i), (-1, i), PANEL) for i in range(2, len(data), 2)]
    grid = Table(data, colWidths=[width * NAME_SHARE, *[step_width] * len(steps)], repeatRows=1)
    grid.setStyle(TableStyle(commands))
    # On one page when it fits: the steps explained above the boxes they are ticked in.
    # The mark inside, so it records the page the section lands on.
    return [
        KeepTogether(
            [
                SectionMark(COMMON),
                para(wording.text("common.heading"), styles.h1),
                para(wording.text("common.intro"), styles.small),
                *legend,
                grid,
            ]
        )
    ]


def _letter(wording: Wording, styles: Styles, width: float) -> list[Flowable]:
    """The PIPL 第四十七条 request with blanks for the institution and the records."""
    blank = wording.text("letter.institution_blank")
    lines: list[Flowable] = [
        para(wording.text("letter.salutation", institution=blank), styles.letter),
        para(wording.text("letter.body", institution=blank), styles.letter),
        para(wording.text("letter.accounts_intro"), styles.letter),
        *(para(text, styles.letter) for text in wording.lines("letter.record_blanks")),
    ]
    # The blanks to sign and date, two to a row: room to write, half the height.
    signature = [para(text, styles.signature) for text in wording.lines("letter.signature")]
    if signature:
        pairs = [signature[i : i + 2] for i in range(0, len(signature), 2)]
        inner = width - 28
        boxes = Table([pair + [""] * (2 - len(pair)) for pair in pairs], colWidths=[inner / 2] * 2)
        boxes.setStyle(TableStyle([("LEFTPADDING", (0, 0), (-1, -1), 0)]))
        lines.append(boxes)
    table = letter_box(lines, width)
    # Kept on one page so it can be copied or photographed whole.
    return [KeepTogether([para(wording.text("letter.heading"), styles.h3), table])]


def dispute_section(
    cards: tuple[InstitutionCard, ...], wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """The 异议 route with its legal basis and the deletion letter, once for all cards."""
    if not any(card.dispute for card in cards):
        return []
    basis = Table([[para(wording.text("dispute.basis"), styles.small)]], colWidths=[width])
    basis.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    steps = [
        para(f"{n}. {step}", styles.body)
        for n, step in enumerate(wording.lines("dispute.steps"), 1)
    ]
    return [
        KeepTogether(
            [
                SectionMark(DISPUTE),
                para(wording.text("dispute.heading"), styles.h1),
                para(wording.text("dispute.intro"), styles.small),
                para(wording.text("dispute.basis_heading"), styles.h3),
                basis,
                *steps,
            ]
        ),
        *_letter(wording, styles, width),
    ]


__all__ = ["COMMON", "DISPUTE", "common_section", "dispute_section"]
