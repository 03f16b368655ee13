"""The action report: a Chinese PDF the person prints and works through, lender by lender.

``action_flowables`` is a pure function from a Comparison and the loaded wording to
reportlab flowables (cover, findings table, one card per institution, the steps common to
every institution and the 异议 route with the letter printed once, re-check date, appendix
of rules); ``write_action_report`` picks the font, lays the flowables out on A4 and writes
the one output file. Nothing else is written anywhere.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer

from creditdiff.errors import OutputFileError
from creditdiff.model import Comparison
from creditdiff.render.action_cards import action_card
from creditdiff.render.action_cover import cover, findings_table
from creditdiff.render.action_letters import letters_section
from creditdiff.render.action_plan import ActionPlan, plan_actions
from creditdiff.render.action_sections import COMMON, DISPUTE, common_section, dispute_section
from creditdiff.render.action_styles import MUTED, RULE, SectionMark, Styles, make_styles, para
from creditdiff.render.fonts import FontChoice, choose_font
from creditdiff.wording import Wording, load_wording

PAGE_SIZE = A4
MARGIN = 15 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN

#: Stands in for page numbers not known yet (first layout pass): two digits wide.
UNKNOWN_PAGE = "00"


@dataclass(frozen=True)
class ActionReportInfo:
    """What ``write_action_report`` did: where, in which font, how many pages."""

    output: Path
    font: FontChoice
    pages: int
    findings: int
    institutions: int


def _recheck(plan: ActionPlan, wording: Wording, styles: Styles) -> list[Flowable]:
    if plan.recheck_days is None:
        text = wording.text("recheck.default", date=plan.recheck.isoformat())
    else:
        text = wording.text("recheck.sooner", date=plan.recheck.isoformat(), days=plan.recheck_days)
    return [
        para(wording.text("recheck.heading"), styles.h1),
        para(text, styles.body),
        para(wording.text("recheck.free"), styles.body),
    ]


def _appendix(wording: Wording, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = [para(wording.text("appendix.heading"), styles.h1)]
    story += [
        para(f"{n}. {rule}", styles.fine)
        for n, rule in enumerate(wording.lines("appendix.rules"), 1)
    ]
    story.append(para(wording.text("appendix.verify_heading"), styles.h3))
    # U+30FB, not U+00B7: STSong-Light (the CID fallback) has no glyph for the latter.
    story += [para(f"・{item}", styles.fine) for item in wording.lines("appendix.verify")]
    return story


def action_flowables(
    comparison: Comparison,
    wording: Wording,
    font: str,
    today: dt.date,
    width: float = FRAME_WIDTH,
    pages: Mapping[str, int | str] | None = None,
) -> list[Flowable]:
    """The whole report as flowables; ``font`` is a registered reportlab font name and
    ``pages`` the page of each section the cards refer to (from an earlier layout)."""
    pages = {COMMON: UNKNOWN_PAGE, DISPUTE: UNKNOWN_PAGE, **(pages or {})}
    styles = make_styles(font)
    plan = plan_actions(comparison, wording, today)
    story = cover(plan, wording, styles, width)
    story.append(PageBreak())
    story += findings_table(plan, wording, styles, width)
    if plan.cards:
        story += [
            Spacer(1, 10),
            para(wording.text("cards.heading"), styles.h1),
            para(wording.text("cards.intro"), styles.small),
            Spacer(1, 4),
        ]
        for card in plan.cards:
            story += action_card(card, wording, styles, width, pages)
    story += common_section(plan.cards, wording, styles, width)
    story += dispute_section(plan.cards, wording, styles, width)
    story += letters_section(plan, wording, styles, width, today)
    story += _recheck(plan, wording, styles)
    story += _appendix(wording, styles)
    return story


def _footer(wording: Wording, font: str, generated: str, pages: int | str) -> object:
    def draw(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        width = PAGE_SIZE[0]
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, MARGIN - 8, width - MARGIN, MARGIN - 8)
        canvas.setFont(font, 7.5)
        canvas.setFillColor(MUTED)
        footer = wording.text("document.footer", page=doc.page, pages=pages)
        canvas.drawString(MARGIN, MARGIN - 18, footer)
        canvas.drawRightString(width - MARGIN, MARGIN - 18, generated)
        canvas.restoreState()

    return draw


class _Document(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no types
    """Records the page each ``SectionMark`` lands on."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.sections: dict[str, int] = {}

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's hook name
        if isinstance(flowable, SectionMark):
            self.sections[flowable.name] = self.page


@dataclass(frozen=True)
class _Layout:
    pdf: bytes
    pages: int
    sections: Mapping[str, int]


def _build(
    comparison: Comparison,
    wording: Wording,
    font: str,
    today: dt.date,
    pages: int | str,
    sections: Mapping[str, int | str],
) -> _Layout:
    """Lay the report out once, given the page total and section pages to print."""
    buffer = io.BytesIO()
    doc = _Document(
        buffer,
        pagesize=PAGE_SIZE,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 6,
        title=wording.text("document.title"),
        author="creditdiff",
        # Same input, same bytes: no creation time or random ids in the file.
        invariant=1,
    )
    generated = wording.text("document.generated", date=today.isoformat())
    footer = _footer(wording, font, generated, pages)
    doc.build(
        action_flowables(comparison, wording, font, today, doc.width, sections),
        onFirstPage=footer,
        onLaterPages=footer,
    )
    return _Layout(buffer.getvalue(), doc.page, dict(doc.sections))


def write_action_report(
    comparison: Comparison,
    output: Path,
    *,
    font: Path | None = None,
    templates: Path | None = None,
    today: dt.date | None = None,
) -> ActionReportInfo:
    """Write the action report PDF to ``output`` and say which font it is in."""
    wording = load_wording(templates)
    choice = choose_font(font)
    today = today or dt.date.today()
    # Laid out again until the numbers printed are the ones laid out: every footer says
    # "of N pages" (a printed copy shows if one is missing) and cards name the page of the
    # sections printed once. The first pass prints two-digit placeholders; a second pass
    # almost always settles it, a third covers a page number that moved a line break.
    layout = _build(comparison, wording, choice.name, today, UNKNOWN_PAGE, {})
    for _ in range(3):
        printed = (layout.pages, layout.sections)
        layout = _build(comparison, wording, choice.name, today, *printed)
        if (layout.pages, layout.sections) == printed:
            break
    pdf, pages = layout.pdf, layout.pages
    # Built in memory first: a layout failure leaves no half-written file behind.
    try:
        output.write_bytes(pdf)
    except OSError as error:
        raise OutputFileError(output, error) from None
    return ActionReportInfo(
        output=output,
        font=choice,
        pages=pages,
        findings=len(comparison.findings),
        institutions=len({f.institution for f in comparison.findings if f.institution}),
    )


__all__ = ["ActionReportInfo", "action_flowables", "write_action_report"]
