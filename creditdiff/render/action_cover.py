"""Page 1 (whose report, the dates, counts by severity, the open-lines chart) and the
findings table of the action report."""

from __future__ import annotations

from itertools import groupby
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from creditdiff.evidence import ReadEvidence
from creditdiff.model import Finding, Severity
from creditdiff.render.action_chart import open_lines_chart
from creditdiff.render.action_plan import ActionPlan, ReportSide
from creditdiff.render.action_styles import (
    ACCENT,
    INK,
    PANEL,
    RULE,
    SEVERITY_COLOURS,
    SEVERITY_TINTS,
    Styles,
    coloured,
    para,
)
from creditdiff.render.paragraphs import Paragraph
from creditdiff.wording import Wording


def _side_text(side: ReportSide | None, wording: Wording) -> str:
    if side is None:
        return wording.text("cover.no_old_report")
    unknown = wording.text("cover.unknown")
    return wording.text(
        "cover.report_line",
        date=unknown if side.date is None else side.date.isoformat(),
        number=side.number or unknown,
    )


def _identity(plan: ActionPlan, wording: Wording, styles: Styles, width: float) -> Table:
    unknown = wording.text("cover.unknown")
    rows = [
        (wording.text("cover.subject"), plan.subject_name or unknown),
        (wording.text("cover.id_number"), plan.masked_id or unknown),
        (wording.text("cover.old_report"), _side_text(plan.old, wording)),
        (wording.text("cover.new_report"), _side_text(plan.new, wording)),
    ]
    table = Table(
        [[para(label, styles.small), para(value, styles.body)] for label, value in rows],
        colWidths=[width * 0.24, width * 0.76],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBEFORE", (0, 0), (0, -1), 3, ACCENT),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _counts(plan: ActionPlan, wording: Wording, styles: Styles, width: float) -> Table:
    cells = []
    for severity in Severity:
        label = wording.label("severity", severity.value)
        # Dark number and word on the tint: the colour is only the bar above (a tile must
        # read the same printed in black and white).
        number = f"{coloured(str(plan.counts[severity]), INK, 20)}<br/>{escape(label)}"
        cells.append(Paragraph(number, styles.body))
    table = Table([cells], colWidths=[width / 4] * 4, rowHeights=[46])
    commands: list[tuple[object, ...]] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 12),
    ]
    for column, severity in enumerate(Severity):
        commands += [
            ("BACKGROUND", (column, 0), (column, 0), SEVERITY_TINTS[severity]),
            ("LINEABOVE", (column, 0), (column, 0), 4, SEVERITY_COLOURS[severity]),
            ("LINEAFTER", (column, 0), (column, 0), 4, colors.white),
        ]
    table.setStyle(TableStyle(commands))
    return table


#: How many high-severity findings the cover lists by name.
URGENT_SHOWN = 5
#: How many unread parts of a report the cover lists before pointing to the table.
INCOMPLETE_SHOWN = 6


def _institution(finding: Finding, wording: Wording) -> str:
    """The finding's institution, or "the whole report" for a report-level finding."""
    return finding.institution or wording.text("cover.whole_report")


def _incomplete(plan: ActionPlan, wording: Wording, styles: Styles, width: float) -> list[Flowable]:
    """A framed warning that the report was not read completely: which parts, what to do."""
    if not plan.incomplete:
        return []
    colour = SEVERITY_COLOURS[Severity.HIGH]
    cells: list[Flowable] = [
        Paragraph(coloured(wording.text("cover.incomplete_heading"), colour), styles.h3)
    ]
    for finding in plan.incomplete:
        evidence = finding.evidence
        read = evidence if isinstance(evidence, ReadEvidence) else None
        warnings = [] if read is None else list(read.warnings)
        source = (read and read.source) or wording.text("cover.unknown")
        cells.append(
            para(
                wording.text("cover.incomplete_intro", source=source, count=len(warnings)),
                styles.body,
            )
        )
        cells += [para(f"· {warning}", styles.small) for warning in warnings[:INCOMPLETE_SHOWN]]
        if len(warnings) > INCOMPLETE_SHOWN:
            more = len(warnings) - INCOMPLETE_SHOWN
            cells.append(para(wording.text("cover.incomplete_more", count=more), styles.small))
    cells.append(para(wording.text("cover.incomplete_todo"), styles.body))
    box = Table([[cell] for cell in cells], colWidths=[width])
    box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.2, colour),
                ("BACKGROUND", (0, 0), (-1, -1), SEVERITY_TINTS[Severity.HIGH]),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 1.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            ]
        )
    )
    return [box, Spacer(1, 8)]


def _urgent(plan: ActionPlan, wording: Wording, styles: Styles) -> list[Flowable]:
    """The high-severity findings by institution: what to do first, on page 1."""
    high = [row for row in plan.rows if row.finding.severity is Severity.HIGH]
    if not high:
        return []
    colour = SEVERITY_COLOURS[Severity.HIGH]
    story: list[Flowable] = [para(wording.text("cover.urgent_heading"), styles.h2)]
    story += [
        Paragraph(
            f"{coloured('■', colour)} {escape(wording.label('severity', Severity.HIGH.value))}　"
            f"{escape(_institution(row.finding, wording))}："
            f"{escape(row.title)}",
            styles.body,
        )
        for row in high[:URGENT_SHOWN]
    ]
    if len(high) > URGENT_SHOWN:
        more = wording.text("cover.urgent_more", count=len(high) - URGENT_SHOWN)
        story.append(para(more, styles.small))
    return story


def cover_head(plan: ActionPlan, wording: Wording, styles: Styles, width: float) -> list[Flowable]:
    """Title, whose report and the two dates, and what could not be read (page 1)."""
    subtitle = "document.subtitle" if plan.old is not None else "document.subtitle_single"
    return [
        para(wording.text("document.title"), styles.title),
        para(wording.text(subtitle), styles.subtitle),
        _identity(plan, wording, styles, width),
        Spacer(1, 12),
        *_incomplete(plan, wording, styles, width),
    ]


def cover(
    plan: ActionPlan, wording: Wording, styles: Styles, width: float, head: bool = True
) -> list[Flowable]:
    """Whose report, the two dates, counts per severity, what to do next, the chart;
    ``head=False`` leaves out what ``cover_head`` already printed on the page before."""
    story: list[Flowable] = [
        *(cover_head(plan, wording, styles, width) if head else []),
        para(wording.text("cover.counts_heading"), styles.h2),
        _counts(plan, wording, styles, width),
        Spacer(1, 8),
    ]
    if plan.rows:
        story.append(para(wording.text("cover.institutions", count=len(plan.cards)), styles.body))
    else:
        story.append(para(wording.text("cover.nothing"), styles.body))
    recheck = wording.text("cover.recheck", date=plan.recheck.isoformat())
    story.append(Paragraph(coloured(recheck, ACCENT), styles.h3))
    if plan.recheck_past:
        story.append(
            para(wording.text("cover.recheck_past", today=plan.today.isoformat()), styles.body)
        )
    story.append(Spacer(1, 4))
    story += _urgent(plan, wording, styles)
    story += [
        para(wording.text("cover.chart_heading"), styles.h2),
        open_lines_chart(plan, wording, styles.font, width),
        para(wording.text("cover.how_to_heading"), styles.h2),
    ]
    story += [
        para(f"{n}. {line}", styles.body) for n, line in enumerate(wording.lines("cover.how_to"), 1)
    ]
    return story


def findings_table(
    plan: ActionPlan, wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """Institution, what was found, since when, severity: one row per finding."""
    story: list[Flowable] = [
        para(wording.text("findings_table.heading"), styles.h1),
        para(wording.text("findings_table.intro"), styles.small),
        Spacer(1, 6),
    ]
    if not plan.rows:
        return [*story, para(wording.text("findings_table.empty"), styles.body)]
    head = [
        para(wording.text(f"findings_table.{key}"), styles.cell_head)
        for key in ("institution", "found", "since", "severity")
    ]
    data: list[list[Flowable]] = [head]
    commands: list[tuple[object, ...]] = [
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]
    for index, row in enumerate(plan.rows, 1):
        finding = row.finding

        severity = finding.severity
        data.append(
            [
                para(
                    finding.institution or wording.text("findings_table.whole_report"),
                    styles.cell,
                ),
                para(row.title, styles.cell),
                para(row.since or wording.text("cards.no_value"), styles.cell),
                para(wording.label("severity", severity.value), styles.cell),
            ]
        )
        if index % 2 == 0:
            commands.append(("BACKGROUND", (0, index), (2, index), PANEL))
    # The severity's word in dark text on its tint, the colour as a bar beside it: one
    # command per run of rows of one severity (a page break copies every command of the
    # rows after it, so a command per row made a long table's cost grow with its square).
    start = 1
    for severity, run in groupby(row.finding.severity for row in plan.rows):
        end = start + sum(1 for _ in run) - 1
        commands += [
            ("BACKGROUND", (3, start), (3, end), SEVERITY_TINTS[severity]),
            ("LINEBEFORE", (3, start), (3, end), 4, SEVERITY_COLOURS[severity]),
        ]
        start = end + 1
    table = Table(
        data,
        colWidths=[width * 0.32, width * 0.44, width * 0.14, width * 0.10],
        repeatRows=1,
    )
    table.setStyle(TableStyle(commands))
    return [*story, table]


__all__ = ["cover", "findings_table"]
