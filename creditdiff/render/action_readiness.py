"""Page 1 of the action report: what blocks a loan now, in plain numbers.

Before a mortgage or car loan a loan officer asks: anything overdue now (which lender,
how much), how many approval queries lately, how many lenders have open lines, how much
of the card limits is used, what is repaid each month, and when old overdue records
leave the report. This page answers those from the newer report (``metrics``) and its
findings, with a small chart of approval queries per month over the last 24 months.
"""

from __future__ import annotations

import datetime as dt

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from creditdiff.evidence import NegativeEvidence, snapshots
from creditdiff.metrics import APPROVAL_REASONS, report_day, report_metrics
from creditdiff.model import Comparison, Finding, FindingCode, Severity
from creditdiff.render.action_styles import (
    INK,
    MUTED,
    NEW_BAR,
    PANEL,
    RULE,
    SEVERITY_COLOURS,
    Styles,
    coloured,
    para,
)
from creditdiff.render.paragraphs import Paragraph
from creditdiff.wording import Wording

#: Months shown in the approval-query chart.
CHART_MONTHS = 24


def _money(value: int | None) -> str:
    return "--" if value is None else f"{value:,}"


def _overdue_lines(findings: list[Finding], wording: Wording, styles: Styles) -> list[Flowable]:
    if not findings:
        return [para(wording.text("readiness.no_overdue"), styles.body)]
    colour = SEVERITY_COLOURS[Severity.HIGH]
    story: list[Flowable] = []
    for finding in findings:
        new = snapshots(finding.evidence)[1]
        family = "" if finding.family is None else wording.label("family", finding.family.value)
        text = wording.text(
            "readiness.overdue_line",
            institution=finding.institution,
            family=family,
            status=(new and new.status) or wording.text("cover.unknown"),
            amount=_money(None if new is None else new.overdue_amount),
        )
        story.append(Paragraph(coloured(text, colour), styles.body))
    story.append(para(wording.text("readiness.overdue_todo"), styles.small))
    return story


def _facts_table(rows: list[tuple[str, str]], styles: Styles, width: float) -> Table:
    table = Table(
        [[para(label, styles.small), para(value, styles.body)] for label, value in rows],
        colWidths=[width * 0.3, width * 0.7],
    )
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), PANEL),
                ("LINEBELOW", (0, 0), (-1, -2), 0.5, RULE),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _month_index(day: dt.date) -> int:
    return day.year * 12 + day.month - 1


def query_months(comparison: Comparison) -> list[tuple[str, int]]:
    """(``YYYY-MM``, approval queries) for each of the 24 months up to the report."""
    report = comparison.new
    day = report_day(report)
    if day is None:
        return []
    last = _month_index(day)
    counts = dict.fromkeys(range(last - CHART_MONTHS + 1, last + 1), 0)
    for query in report.queries:
        index = _month_index(query.date)
        if query.reason in APPROVAL_REASONS and index in counts:
            counts[index] += 1
    return [(f"{i // 12:04d}-{i % 12 + 1:02d}", n) for i, n in counts.items()]


def query_chart(comparison: Comparison, font: str, width: float) -> Drawing:
    months = query_months(comparison)
    height = 110.0
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 30, 24
    chart.width, chart.height = width - 40, height - 34
    chart.data = [[n for _, n in months] or [0]]
    top = max((n for _, n in months), default=0)
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = max(top + 1, 3)
    chart.valueAxis.valueStep = 1
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    # ``23-01`` where a year starts (and on the first bar), else the month alone.
    chart.categoryAxis.categoryNames = [
        m[2:] if k == 0 or m.endswith("-01") else m[5:] for k, (m, _) in enumerate(months)
    ]
    chart.categoryAxis.labels.fontName = font
    # 8 pt: two-digit months fit under 24 bars; the few "23-01" labels just fit too.
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = MUTED
    chart.bars[0].fillColor = NEW_BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda n: str(int(n)) if n else ""
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.fillColor = INK
    drawing.add(chart)
    return drawing


def readiness(
    comparison: Comparison, wording: Wording, styles: Styles, width: float
) -> list[Flowable]:
    """The readiness block: overdue now, query pressure, lines, cards, repayments, chart."""
    metrics = report_metrics(comparison.new)
    findings = list(comparison.findings)
    overdue = [f for f in findings if f.code is FindingCode.OVERDUE_NOW]
    pressure = [f for f in findings if f.code is FindingCode.QUERY_PRESSURE]
    records = [f for f in findings if f.code is FindingCode.NEGATIVE_RECORD]
    q = metrics.approval_queries
    used, limit = metrics.card_used_total, metrics.card_limit_total
    share = "--" if not limit or used is None else f"{round(100 * used / limit)}%"
    rows = [
        (
            wording.text("readiness.queries_label"),
            wording.text(
                "readiness.queries", m1=q["1m"], m3=q["3m"], m6=q["6m"], m12=q["12m"], m24=q["24m"]
            ),
        ),
        (
            wording.text("readiness.lines_label"),
            wording.text(
                "readiness.lines",
                accounts=metrics.open_accounts,
                institutions=metrics.open_institutions,
            ),
        ),
        (
            wording.text("readiness.cards_label"),
            wording.text("readiness.cards", used=_money(used), limit=_money(limit), share=share),
        ),
        (
            wording.text("readiness.monthly_label"),
            wording.text("readiness.monthly", amount=_money(metrics.monthly_repayment)),
        ),
    ]
    story: list[Flowable] = [
        para(wording.text("readiness.heading"), styles.h1),
        para(wording.text("readiness.intro"), styles.small),
        para(wording.text("readiness.overdue_heading"), styles.h2),
        *_overdue_lines(overdue, wording, styles),
    ]
    if pressure:
        # Dark text: amber on white fades in a black-and-white print.
        story.append(para(pressure[0].message, styles.body))
    story += [Spacer(1, 4), _facts_table(rows, styles, width), Spacer(1, 4)]
    if records:
        story.append(para(wording.text("readiness.records_heading"), styles.h3))
        for finding in records:
            evidence = finding.evidence
            month = evidence.expires if isinstance(evidence, NegativeEvidence) else None
            expires = wording.text("readiness.expires_unknown") if month is None else str(month)
            story.append(
                para(
                    wording.text(
                        "readiness.record_line", institution=finding.institution, expires=expires
                    ),
                    styles.small,
                )
            )
    story += [
        para(wording.text("readiness.chart_heading"), styles.h3),
        query_chart(comparison, styles.font, width),
        para(wording.text("readiness.next"), styles.small),
    ]
    return story
