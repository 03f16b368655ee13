"""The action report: a Chinese PDF the person prints and works through, lender by lender.

``action_flowables`` is a pure function from a Comparison and the loaded wording to
reportlab flowables (cover, findings table, one card per institution, the steps common to
every institution and the 异议 route with the letter printed once, re-check date, appendix
of rules); ``write_action_report`` picks the font, lays the flowables out on A4 and writes
the one output file. Nothing else is written anywhere.

The footer's "第 N 页，共 M 页" is drawn when the canvas is saved, once the total is known
(reportlab's numbered-canvas pattern), so the total never costs a layout. Only the page
numbers the cards cite (the common steps, the 异议 route) need one more layout, and only
when some card cites them.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame, PageBreak, SimpleDocTemplate, Spacer

from creditdiff.diff.groups import group_by_institution
from creditdiff.errors import CreditDiffError
from creditdiff.model import Comparison, Settings
from creditdiff.output.write import write_document
from creditdiff.render.action_branches import CardMark
from creditdiff.render.action_cards import action_card
from creditdiff.render.action_cover import cover, cover_head, findings_table
from creditdiff.render.action_letters import letters_section
from creditdiff.render.action_plan import ActionPlan, plan_actions
from creditdiff.render.action_readiness import readiness
from creditdiff.render.action_sections import COMMON, DISPUTE, common_section, dispute_section
from creditdiff.render.action_styles import (
    ACCENT,
    MUTED,
    RULE,
    SectionMark,
    Styles,
    make_styles,
    para,
)
from creditdiff.render.fonts import FontChoice, choose_font
from creditdiff.render.long_names import shorten_long_names
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
        *(
            [para(wording.text("recheck.past", today=plan.today.isoformat()), styles.body)]
            if plan.recheck_past
            else []
        ),
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
    settings: Settings | None = None,
) -> list[Flowable]:
    """The whole report as flowables; ``font`` is a registered reportlab font name,
    ``pages`` the page of each section the cards refer to (from an earlier layout) and
    ``settings`` the run's closure log (a closure within its grace period is acknowledged)."""
    if pages is None or not {COMMON, DISPUTE} <= pages.keys():
        pages = {COMMON: UNKNOWN_PAGE, DISPUTE: UNKNOWN_PAGE, **(pages or {})}
    styles = make_styles(font)
    plan = plan_actions(comparison, wording, today, settings)
    # Page 1: whose report, then what blocks a loan now; the cleanup work follows.
    story = cover_head(plan, wording, styles, width)
    story += readiness(comparison, wording, styles, width)
    story.append(PageBreak())
    story += cover(plan, wording, styles, width, head=False)
    story.append(PageBreak())
    story += findings_table(plan, wording, styles, width)
    if plan.cards:
        story += [
            Spacer(1, 10),
            para(wording.text("cards.heading"), styles.h1),
            para(wording.text("cards.intro"), styles.small),
        ]
        if plan.old is not None and plan.old.simple:
            # "--" where the older report is a 简版 is no zero: say so once, above the cards.
            story.append(para(wording.text("cards.simple_note"), styles.small))
        story.append(Spacer(1, 4))
        for card in plan.cards:
            story += action_card(card, wording, styles, width, pages)
    story += common_section(plan.cards, wording, styles, width)
    story += dispute_section(plan.cards, wording, styles, width)
    story += letters_section(plan, wording, styles, width, today)
    story += _recheck(plan, wording, styles)
    story += _appendix(wording, styles)
    return story


def _footer(wording: Wording, font: str, generated: str) -> Callable[[Canvas, int, int], None]:
    def draw(canvas: Canvas, page: int, pages: int) -> None:
        width = PAGE_SIZE[0]
        canvas.saveState()
        canvas.setStrokeColor(RULE)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, MARGIN - 8, width - MARGIN, MARGIN - 8)
        canvas.setFont(font, 8)
        canvas.setFillColor(MUTED)
        footer = wording.text("document.footer", page=page, pages=pages)
        canvas.drawString(MARGIN, MARGIN - 18, footer)
        canvas.drawRightString(width - MARGIN, MARGIN - 18, generated)
        canvas.restoreState()

    return draw


def _numbered_canvas(footer: Callable[[Canvas, int, int], None]) -> type[Canvas]:
    """A Canvas that keeps each finished page and draws every footer, with the total,
    in ``save()`` (reportlab's numbered-canvas pattern)."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._finished: list[dict[str, object]] = []

        def showPage(self) -> None:  # reportlab's method name
            self._finished.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._finished)
            for state in self._finished:
                self.__dict__.update(state)
                footer(self, self.getPageNumber(), total)
                super().showPage()
            super().save()

    return NumberedCanvas


class _PagesOnlyCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
    """The canvas of a layout that only finds the pages: it keeps no page and writes no
    file (no footers, no PDF to format and throw away)."""

    def showPage(self) -> None:  # reportlab's method name
        self._startPage()

    def save(self) -> None:
        pass


class _Cited(dict[str, int | str]):
    """Section pages handed to the cards, remembering whether any card printed one."""

    cited = False

    def __getitem__(self, key: str) -> int | str:
        self.cited = True
        return super().__getitem__(key)


def _placed_undrawn(frame: Frame) -> Callable[..., int]:
    """``frame.add`` that places a flowable (wrap, split, page breaks) without drawing it."""

    def add(flowable: Flowable, canv: Canvas, trySplit: int = 0) -> int:
        # In the instance's own dict: some flowables (charts) refuse unknown attributes.
        own = vars(flowable)
        own["drawOn"] = _skip_drawing
        try:
            return int(Frame._add(frame, flowable, canv, trySplit))
        finally:
            del own["drawOn"]

    return add


def _skip_drawing(*args: object, **kwargs: object) -> None:
    """Drawing is what a pass that only finds the pages leaves out."""


class _Document(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no types
    """Records the page each ``SectionMark`` lands on; a page that begins inside a card
    (between its ``CardMark``s) starts with the card's name and "（续）". With
    ``draw=False`` it only lays the flowables out (pages and section pages as drawn,
    nothing drawn)."""

    def __init__(
        self,
        *args: object,
        continued: str = "{institution}",
        draw: bool = True,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections: dict[str, int] = {}
        self.card: str | None = None
        self.continued = continued
        self.draw = draw

    def handle_frameBegin(self, *args: object, **kwargs: object) -> None:  # reportlab's name
        super().handle_frameBegin(*args, **kwargs)
        if not self.draw:
            self.frame.add = _placed_undrawn(self.frame)

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's hook name
        if isinstance(flowable, SectionMark):
            self.sections[flowable.name] = self.page
        elif isinstance(flowable, CardMark):
            self.card = flowable.name

    def beforePage(self) -> None:  # reportlab's hook name
        if self.card is None:
            return
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.fontName, 9)
        canvas.setFillColor(ACCENT)
        top = PAGE_SIZE[1] - self.topMargin + 2
        canvas.drawString(self.leftMargin, top, self.continued.format(institution=self.card))
        canvas.restoreState()


@dataclass(frozen=True)
class _Layout:
    #: The PDF, or None from a pass that only found the pages.
    pdf: bytes | None
    pages: int
    sections: Mapping[str, int]
    #: Whether any card printed a section's page (if not, they need no second layout).
    cited: bool


def _build(
    comparison: Comparison,
    wording: Wording,
    font: str,
    today: dt.date,
    sections: Mapping[str, int | str],
    settings: Settings | None = None,
    *,
    draw: bool = True,
) -> _Layout:
    """Lay the report out once, given the section pages to print; with ``draw=False``,
    only to find the pages, unless no card cites one (then that layout is the report)."""
    generated = wording.text("document.generated", date=today.isoformat())
    cited = _Cited({COMMON: UNKNOWN_PAGE, DISPUTE: UNKNOWN_PAGE, **sections})
    # The frame width as reportlab computes it (doc.width), to the last bit.
    width = PAGE_SIZE[0] - MARGIN - MARGIN
    story = action_flowables(comparison, wording, font, today, width, cited, settings)
    draw = draw or not cited.cited
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
        continued=wording.text("cards.continued", institution="{institution}"),
        draw=draw,
    )
    doc.fontName = font
    canvas = _numbered_canvas(_footer(wording, font, generated)) if draw else _PagesOnlyCanvas
    doc.build(story, canvasmaker=canvas)
    return _Layout(buffer.getvalue() if draw else None, doc.page, dict(doc.sections), cited.cited)


@dataclass(frozen=True)
class ActionPdf:
    """The action report PDF's bytes, the font it is in and its page count."""

    pdf: bytes
    font: FontChoice
    pages: int


def action_report_pdf(
    comparison: Comparison,
    *,
    font: Path | None = None,
    templates: Path | None = None,
    today: dt.date | None = None,
    settings: Settings | None = None,
) -> ActionPdf:
    """The action report PDF for a comparison, built in memory; ``settings`` are the
    run's (closure log, grace period), to acknowledge closures still within their grace."""
    comparison = shorten_long_names(comparison)
    wording = load_wording(templates)
    choice = choose_font(font)
    today = today or dt.date.today()
    # Every footer says "of N pages" (a printed copy shows if one is missing): drawn at
    # save time, it needs no second layout. Cards name the page of the sections printed
    # once: when any card does, the report is laid out again until the pages printed are
    # the ones laid out. The first pass prints two-digit placeholders; a second pass
    # almost always settles it, a third covers a page number that moved a line break.
    # The first pass only finds the pages (drawing is much of a layout's cost); it is the
    # report itself when no card cites a page.
    layout = _build(comparison, wording, choice.name, today, {}, settings, draw=False)
    for _ in range(3):
        if not layout.cited:
            break
        printed = layout.sections
        layout = _build(comparison, wording, choice.name, today, printed, settings)
        if layout.sections == printed:
            break
    assert layout.pdf is not None  # every pass after the first draws
    return ActionPdf(layout.pdf, choice, layout.pages)


def write_action_report(
    comparison: Comparison,
    output: Path,
    *,
    font: Path | None = None,
    templates: Path | None = None,
    today: dt.date | None = None,
    inputs: Sequence[Path] = (),
    settings: Settings | None = None,
) -> ActionReportInfo:
    """Write the action report PDF to ``output`` and say which font it is in.

    Built in memory first and written atomically: a layout failure leaves no
    half-written file behind, and ``output`` may not be one of the ``inputs``.
    """
    from reportlab.platypus.doctemplate import LayoutError

    try:
        document = action_report_pdf(
            comparison, font=font, templates=templates, today=today, settings=settings
        )
    except LayoutError:
        # A flowable taller than a page (long names are cut before, so this is a last
        # resort): one error line, never reportlab's text (it quotes the content).
        raise CreditDiffError(
            f"{output}: cannot lay out the action PDF (a text too long for one page)"
        ) from None
    write_document(output, document.pdf, inputs)
    return ActionReportInfo(
        output=output,
        font=document.font,
        pages=document.pages,
        findings=len(comparison.findings),
        # One per card: a head office and its branches are one institution.
        institutions=sum(1 for name, _ in group_by_institution(comparison.findings) if name),
    )


__all__ = [
    "ActionPdf",
    "ActionReportInfo",
    "action_flowables",
    "action_report_pdf",
    "write_action_report",
]
