"""The cover chart: open credit lines and cards by family, older versus newer report."""

from __future__ import annotations

import math

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.charts.legends import Legend
from reportlab.graphics.shapes import Drawing

from creditdiff.render.action_plan import ActionPlan
from creditdiff.render.action_styles import INK, MUTED, NEW_BAR, OLD_BAR, RULE
from creditdiff.wording import Wording


def open_lines_chart(plan: ActionPlan, wording: Wording, font: str, width: float) -> Drawing:
    """A grouped bar chart; one series (the newer report) when there is no older one."""
    families = list(plan.open_lines)
    new_counts = [plan.open_lines[f][1] for f in families]
    series = [new_counts]
    names = [wording.text("cover.chart_new")]
    bar_colours = [NEW_BAR]
    if plan.old is not None:
        old_counts = [plan.open_lines[f][0] or 0 for f in families]
        series = [old_counts, new_counts]
        names = [wording.text("cover.chart_old"), *names]
        bar_colours = [OLD_BAR, *bar_colours]
    top = max((n for counts in series for n in counts), default=0)
    step = max(1, math.ceil(top / 5))

    height = 150.0
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 36, 28
    chart.width, chart.height = width - 170, height - 44
    chart.data = series
    chart.barSpacing = 2
    chart.groupSpacing = 14
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (math.ceil(top / step) + 1)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 8
    chart.valueAxis.labels.fillColor = MUTED
    chart.valueAxis.strokeColor = RULE
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = RULE
    chart.valueAxis.gridStrokeWidth = 0.3
    chart.categoryAxis.categoryNames = [
        wording.label("chart_family", family.value) for family in families
    ]
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.fillColor = INK
    chart.categoryAxis.strokeColor = RULE
    chart.barLabelFormat = "%d"
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 8
    chart.barLabels.nudge = 6
    for index, colour in enumerate(bar_colours):
        chart.bars[index].fillColor = colour
        chart.bars[index].strokeColor = None
    drawing.add(chart)

    legend = Legend()
    legend.x, legend.y = width - 120, height - 30
    legend.fontName = font
    legend.fontSize = 8
    legend.alignment = "right"
    legend.boxAnchor = "nw"
    legend.columnMaximum = 4
    legend.dx = legend.dy = 8
    legend.colorNamePairs = list(zip(bar_colours, names, strict=True))
    drawing.add(legend)
    return drawing


__all__ = ["open_lines_chart"]
