"""One action card per institution: kind, accounts with evidence, the tick-box
checklist, and for disputable findings the 异议 route and the deletion letter."""

from __future__ import annotations

from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from creditdiff.model import Finding
from creditdiff.render.action_plan import AccountGroup, InstitutionCard
from creditdiff.render.action_styles import (
    ACCENT,
    MUTED,
    PANEL,
    SEVERITY_COLOURS,
    SEVERITY_TINTS,
    Styles,
    TickBox,
    coloured,
    para,
)
from creditdiff.wording import Wording


def _header(card: InstitutionCard, wording: Wording, styles: Styles, width: float) -> Table:
    colour = SEVERITY_COLOURS[card.worst]
    kind = wording.institutions[card.kind].label
    severity = wording.label("severity", card.worst.value)
    meta = (
        f"{escape(wording.text('cards.kind'))}：{escape(kind)}　{coloured('■ ' + severity, colour)}"
    )
    # Name and kind on rows of their own: a long name gets the full width, and its
    # wrapped lines stay together when the text is extracted.
    table = Table(
        [[para(card.institution, styles.h2)], [Paragraph(meta, styles.body)]],
        colWidths=[width],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SEVERITY_TINTS[card.worst]),
                ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("TOPPADDING", (0, 0), (-1, 0), 2),
                ("BOTTOMPADDING", (0, 0), (-1, 0), 0),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 6),
            ]
        )
    )
    return table


def account_line(finding: Finding, wording: Wording) -> str | None:
    """``贷记卡　开立日期 2019-03-15　账户标识 …`` for account and credit-agreement
    findings; None for queries."""
    if finding.family is not None:
        family = finding.family.value
    elif "agreement" in finding.evidence:
        # settled_not_closed on a 授信协议: account_id is the 授信协议标识 (contract).
        family = "credit_agreement"
    else:
        return None
    none = wording.text("cards.no_value")
    return wording.text(
        "cards.account_line",
        family=wording.label("family", family),
        opened=none if finding.opened is None else finding.opened.isoformat(),
        account_id=finding.account_id or none,
    )


def _group_block(group: AccountGroup, wording: Wording, styles: Styles) -> list[Flowable]:
    """One account: its line, each finding about it, then the merged evidence inline."""
    block: list[Flowable] = []
    line = account_line(group.first, wording)
    if line:
        block.append(para(line, styles.h4))
    for row in group.rows:
        colour = SEVERITY_COLOURS[row.finding.severity]
        title = (
            f"{coloured('■', colour)} {escape(row.title)}：{coloured(row.finding.message, MUTED)}"
        )
        block.append(Paragraph(title, styles.body))
    if group.evidence:
        # Inline "label value" pairs: a table row per value took a page per institution.
        evidence = "　·　".join(
            f"{coloured(label, MUTED)} {escape(value)}" for label, value in group.evidence
        )
        block.append(Paragraph(evidence, styles.evidence))
    block.append(Spacer(1, 5))
    return block


def checklist(items: tuple[str, ...], wording: Wording, styles: Styles, width: float) -> Table:
    """Tick boxes with a place for the date each step was done."""
    done = wording.text("cards.done")
    # Sized to the text in the font used: STSong-Light draws the blank's underscores wider
    # than WenQuanYi does, and a user template may change the text.
    done_width = min(
        stringWidth(done, styles.small.fontName, styles.small.fontSize) + 14, width / 3
    )
    table = Table(
        [[TickBox(), para(item, styles.body), para(done, styles.small)] for item in items],
        colWidths=[16, width - 16 - done_width, done_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (0, -1), 5),
                ("LEFTPADDING", (0, 0), (0, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def deletion_letter(
    card: InstitutionCard, wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """The PIPL 第四十七条 request, one paragraph per table row so it may split pages."""
    accounts = [account_line(group.first, wording) or group.first.message for group in card.groups]
    lines = [
        para(wording.text("letter.salutation", institution=card.institution), styles.letter),
        para(wording.text("letter.body", institution=card.institution), styles.letter),
        para(wording.text("letter.accounts_intro"), styles.letter),
        *(para(f"{n}. {text}", styles.letter) for n, text in enumerate(dict.fromkeys(accounts), 1)),
        Spacer(1, 6),
        *(para(text, styles.letter) for text in wording.lines("letter.signature")),
    ]
    table = Table([[line] for line in lines], colWidths=[width])
    table.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 0.8, MUTED),
                ("BACKGROUND", (0, 0), (-1, -1), colors.white),
                ("LEFTPADDING", (0, 0), (-1, -1), 14),
                ("RIGHTPADDING", (0, 0), (-1, -1), 14),
                ("TOPPADDING", (0, 0), (-1, 0), 10),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 10),
            ]
        )
    )
    # Kept on one page so it can be cut out or photographed whole.
    return [KeepTogether([para(wording.text("letter.heading"), styles.h3), table])]


def _dispute(
    card: InstitutionCard, wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
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
    return [
        KeepTogether([para(wording.text("dispute.heading"), styles.h3), basis, Spacer(1, 4)]),
        checklist(wording.lines("dispute.steps"), wording, styles, width),
        Spacer(1, 4),
        *deletion_letter(card, wording, styles, width),
    ]


def action_card(
    card: InstitutionCard, wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """Everything to do at one institution."""
    blocks = [_group_block(group, wording, styles) for group in card.groups]
    story: list[Flowable] = [
        CondPageBreak(160),
        KeepTogether(
            [
                _header(card, wording, styles, width),
                Spacer(1, 4),
                para(wording.text("cards.accounts"), styles.h3),
                *blocks[0],
            ]
        ),
    ]
    for block in blocks[1:]:
        story.append(KeepTogether(block))
    story += [
        para(wording.text("cards.checklist"), styles.h3),
        checklist(card.actions, wording, styles, width),
    ]
    if card.cancel:
        steps = wording.institutions[card.kind].cancel + wording.lines("cards.unbind")
        story += [
            para(wording.text("cards.cancel_heading"), styles.h3),
            checklist(steps, wording, styles, width),
        ]
    if card.dispute:
        story += _dispute(card, wording, styles, width)
    story.append(Spacer(1, 14))
    return story


__all__ = ["account_line", "action_card", "checklist", "deletion_letter"]
