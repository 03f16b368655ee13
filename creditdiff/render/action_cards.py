"""One action card per institution: kind, accounts with evidence, the tick-box checklist
and its "如果…，就…" branches, the kind's own cancellation steps, and for disputable
findings the records to dispute; a closure already asked for is acknowledged.
Steps common to every institution, the 异议 route and the letter are printed once
(``action_sections``); a card names the page they are on (a gap the page is drawn in once
known, ``page_refs``)."""

from __future__ import annotations

from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Spacer,
    Table,
    TableStyle,
)

from creditdiff.evidence import agreement_of
from creditdiff.model import Finding
from creditdiff.output.account_tail import limit_of
from creditdiff.render.action_branches import CardMark, branches
from creditdiff.render.action_plan import AccountGroup, FindingRow, InstitutionCard
from creditdiff.render.action_sections import COMMON, DISPUTE
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
from creditdiff.render.action_timeline import timeline_text
from creditdiff.render.contacts import call_values, load_contacts
from creditdiff.render.page_refs import PAGE, cite
from creditdiff.render.paragraphs import Paragraph
from creditdiff.wording import Wording


def _header(card: InstitutionCard, wording: Wording, styles: Styles, width: float) -> Table:
    colour = SEVERITY_COLOURS[card.worst]
    kind = wording.institutions[card.kind].label
    severity = wording.label("severity", card.worst.value)
    mark = coloured("■", colour)
    meta = f"{escape(wording.text('cards.kind'))}：{escape(kind)}　{mark} {escape(severity)}"
    # Name left, kind right, on one row. The kind sits level with the name's last line, so
    # a long name's wrapped lines stay together when the text is extracted.
    # The kind column as wide as its text (kind labels differ in length), at most half.
    plain = f"{wording.text('cards.kind')}：{kind}　■ {severity}"
    meta_width = min(stringWidth(plain, styles.meta.fontName, styles.meta.fontSize) + 16, width / 2)
    table = Table(
        [[para(card.institution, styles.card_name), Paragraph(meta, styles.meta)]],
        colWidths=[width - meta_width, meta_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), SEVERITY_TINTS[card.worst]),
                ("LINEBEFORE", (0, 0), (0, -1), 5, colour),
                ("VALIGN", (0, 0), (-1, -1), "BOTTOM"),
                ("LEFTPADDING", (0, 0), (0, -1), 10),
                ("RIGHTPADDING", (-1, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def account_line(finding: Finding, wording: Wording) -> str | None:
    """``贷记卡　开立日期 2019-03-15　账户标识 …`` for account and credit-agreement
    findings; None for queries."""
    if finding.family is not None:
        family = finding.family.value
    elif agreement_of(finding.evidence) is not None:
        # A finding on a 授信协议: account_id is the 授信协议标识.
        family = "credit_agreement"
    else:
        return None
    none = wording.text("cards.no_value")
    line = wording.text(
        "cards.account_line",
        family=wording.label("family", family),
        opened=none if finding.opened is None else finding.opened.isoformat(),
        account_id=finding.account_id or none,
    )
    amount = limit_of(finding)
    # The limit too: two cards of one lender opened the same year are told apart by it.
    return line if amount is None else f"{line}　{wording.label('evidence', 'amount')} {amount:,}"


def pending_text(row: FindingRow, wording: Wording) -> str | None:
    """``已于…申请注销…，…后再核对`` for a closure logged within its grace period."""
    if row.pending is None:
        return None
    return wording.text(
        "cards.pending",
        requested=row.pending.requested_on.isoformat(),
        days=row.pending.grace_days,
        after=row.pending.check_after.isoformat(),
    )


def _group_block(group: AccountGroup, wording: Wording, styles: Styles) -> list[Flowable]:
    """One account: its line, each finding about it, then the merged evidence inline."""
    block: list[Flowable] = []
    line = account_line(group.first, wording)
    if line:
        block.append(para(line, styles.h4))
    said: set[str] = set()
    for row in group.rows:
        colour = SEVERITY_COLOURS[row.finding.severity]
        # The severity in words beside its coloured mark: no colour alone carries it.
        severity = wording.label("severity", row.finding.severity.value)
        title = (
            f"{coloured('■', colour)} {escape(severity)}　{escape(row.title)}："
            f"{coloured(row.finding.message, MUTED)}"
        )
        block.append(Paragraph(title, styles.body))
        pending = pending_text(row, wording)
        if pending is not None and pending not in said:
            # Once per account, though both its paid-off findings are answered by it.
            said.add(pending)
            block.append(Paragraph(coloured(pending, ACCENT), styles.body))
        explain = wording.findings.get(row.finding.code)
        if explain is not None and pending is None:
            # Why it matters, in the finding's own words (templates/findings/<code>.yaml).
            block.append(para("为什么要处理：" + explain.explain, styles.evidence))
    timeline = timeline_text(group, wording)
    if timeline:
        block.append(para(timeline, styles.evidence))
    if group.evidence:
        # Inline "label value" pairs: a table row per value took a page per institution.
        # U+30FB, not U+00B7: STSong-Light (the CID fallback) has no glyph for the latter.
        evidence = "　・　".join(
            f"{coloured(label, MUTED)} {escape(value)}" for label, value in group.evidence
        )
        block.append(Paragraph(evidence, styles.evidence))
    block.append(Spacer(1, 5))
    return block


def checklist(
    items: Sequence[str | Flowable], wording: Wording, styles: Styles, width: float
) -> Table:
    """Tick boxes with a place for the date each step was done; an item is plain text or
    its paragraph already made."""
    done = wording.text("cards.done")
    # Sized to the text in the font used: STSong-Light draws the blank's underscores wider
    # than WenQuanYi does, and a user template may change the text.
    done_width = min(
        stringWidth(done, styles.small.fontName, styles.small.fontSize) + 14, width / 3
    )
    rows = [para(item, styles.item) if isinstance(item, str) else item for item in items]
    table = Table(
        [[TickBox(), row, para(done, styles.small)] for row in rows],
        colWidths=[16, width - 16 - done_width, done_width],
    )
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                # The box sits level with the first line of its item.
                ("TOPPADDING", (0, 0), (0, -1), 4),
                ("LEFTPADDING", (0, 0), (0, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _dispute_records(card: InstitutionCard, wording: Wording) -> list[str]:
    """One line per account or query with a disputable finding: what it is, what was found."""
    records = []
    for group in card.groups:
        titles = [row.title for row in group.rows if wording.findings[row.finding.code].dispute]
        if titles:
            what = account_line(group.first, wording) or group.first.message
            records.append(f"{what}：{'、'.join(dict.fromkeys(titles))}")
    return records


def _dispute(
    card: InstitutionCard, wording: Wording, styles: Styles, width: float, digits: int
) -> list[Flowable]:
    """The card's share of the 异议 route: two tick boxes and the records to dispute; the
    route itself and the letter are printed once (``action_sections.dispute_section``),
    on the page the heading and an item name."""
    records = _dispute_records(card, wording)
    lines = [para(wording.text("cards.dispute_records"), styles.small)]
    lines += [para(f"{n}. {text}", styles.body) for n, text in enumerate(records, 1)]
    panel = Table([[line] for line in lines], colWidths=[width - 18])
    panel.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, -1), 2, ACCENT),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1),
                ("TOPPADDING", (0, 0), (-1, 0), 4),
                ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
            ]
        )
    )
    panel.hAlign = "RIGHT"
    items = [
        Paragraph(cite(escape(item), DISPUTE, digits), styles.item)
        for item in wording.lines("cards.dispute_items", page=PAGE)
    ]
    heading = cite(escape(wording.text("cards.dispute_heading", page=PAGE)), DISPUTE, digits)
    return [Paragraph(heading, styles.card_h), checklist(items, wording, styles, width), panel]


def _titled(
    title: Paragraph, items: Sequence[str], wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """A heading and its checklist; the heading stays with the first item only, so a long
    list moved whole to the next page does not leave a gap behind it."""
    head = KeepTogether([title, checklist(items[:1], wording, styles, width)])
    if len(items) == 1:
        return [head]
    return [head, checklist(items[1:], wording, styles, width)]


def _contact(card: InstitutionCard, wording: Wording, styles: Styles) -> list[Flowable]:
    """Who to call (the hotline from contacts.yaml, the ``--templates`` folder's first,
    else the kind's generic route) and what to say for the card's first finding."""
    contacts = load_contacts(wording.folder)
    entry = contacts.for_institution(card.institution)
    if entry is not None:
        line = f"客服电话：{entry.phone}（{entry.label}；也可在{entry.channel}办理）"
    else:
        line = "联系渠道：" + contacts.route(card.kind.value)
    first = card.groups[0].first
    code = str(first.code.value)
    if "未激活" in first.message and f"{code}_inactive" in contacts.scripts:
        code = f"{code}_inactive"  # a card never activated: not "paid off"
    values = call_values(first)
    pending = card.groups[0].rows[0].pending
    if pending is not None and "closure_pending" in contacts.scripts:
        code = "closure_pending"  # asked for already: ask how far it got, not again
        values["requested_on"] = pending.requested_on.isoformat()
    script = contacts.script(code, **values)
    story = [para(line, styles.body), para("电话里这样说：" + script, styles.body)]
    if card.cancel and any(
        g.first.family is not None and g.first.family.value == "credit_card" for g in card.groups
    ):
        story.append(para(contacts.keep_note, styles.evidence))
    return story


def action_card(
    card: InstitutionCard, wording: Wording, styles: Styles, width: float, digits: int
) -> list[Flowable]:
    """Everything to do at one institution, naming the page of each section printed once
    (the common steps, the 异议 route) that it refers to in a gap of ``digits`` digits."""
    blocks = [_group_block(group, wording, styles) for group in card.groups]
    # The heading stays with the first account's line and first finding; the evidence
    # after them may go on to the next page.
    first, rest = blocks[0][:2], blocks[0][2:]
    story: list[Flowable] = [
        CondPageBreak(90),
        KeepTogether(
            [
                _header(card, wording, styles, width),
                Spacer(1, 3),
                *_contact(card, wording, styles),
                *first,
            ]
        ),
        # From here a page break continues this card: the next page repeats its name.
        CardMark(card.institution),
        *rest,
    ]
    for block in blocks[1:]:
        story.append(KeepTogether(block))
    if card.actions:
        title = para(wording.text("cards.checklist"), styles.card_h)
        story += _titled(title, card.actions, wording, styles, width)
    story += branches(card.branches, wording, styles, width)
    if card.cancel:
        kind = wording.institutions[card.kind]
        heading = wording.text("cards.cancel_heading", kind=kind.label)
        # The pointer to the grid of common steps rides on the heading's line.
        pointer = wording.text("cards.common_ref", page=PAGE)
        pointer = cite(coloured(pointer, ACCENT, 8), COMMON, digits)
        title = Paragraph(f"{escape(heading)}　{pointer}", styles.card_h)
        story += _titled(title, kind.cancel, wording, styles, width)
    if card.dispute:
        story.append(KeepTogether(_dispute(card, wording, styles, width, digits)))
    story += [CardMark(None), Spacer(1, 10)]
    return story


__all__ = ["account_line", "action_card", "checklist"]
