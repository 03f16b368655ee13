"""The action report: a Chinese PDF the person prints and works through, lender by lender.

``action_flowables`` is a pure function from a Comparison and the loaded wording to
reportlab flowables (cover, findings table, one card per institution, the steps common to
every institution and the 异议 route with the letter printed once, re-check date, appendix
of rules); ``write_action_report`` picks the font, lays the flowables out on A4 and writes
the one output file. Nothing else is written anywhere.

The report is laid out once. The footer's "第 N 页，共 M 页" is drawn when the canvas is
saved, once the total is known (reportlab's numbered-canvas pattern); so are the page
numbers the cards cite (the common steps, the 异议 route), in gaps the layout left for
them, as wide as the digits the page is guessed to have (``page_refs``). Only a guess
too short (a section on page 10 or 100 when 9 or 99 was expected) costs another layout.
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
from reportlab.platypus import Flowable, PageBreak, SimpleDocTemplate, Spacer

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
from creditdiff.render.action_sections import common_section, dispute_section
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
from creditdiff.render.page_refs import CALLBACK, PageForms
from creditdiff.wording import Wording, load_wording

PAGE_SIZE = A4
MARGIN = 15 * mm
FRAME_WIDTH = PAGE_SIZE[0] - 2 * MARGIN


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


def _page_digits(plan: ActionPlan) -> int:
    """The digits of the page the sections after the cards will likely start on: about
    two pages before the cards, a third of a page per card and a fifth per account (the
    shipped samples and the benchmark's reports, on pages 6 to 198, land within a third
    of it). Too few digits cost a layout more, too many a wider gap."""
    accounts = sum(len(card.groups) for card in plan.cards)
    return len(str(round(2 + len(plan.cards) / 3 + accounts / 5)))


def action_flowables(
    comparison: Comparison,
    wording: Wording,
    font: str,
    today: dt.date,
    width: float = FRAME_WIDTH,
    settings: Settings | None = None,
    page_digits: int | None = None,
) -> list[Flowable]:
    """The whole report as flowables; ``font`` is a registered reportlab font name,
    ``settings`` the run's closure log (a closure within its grace period is acknowledged)
    and ``page_digits`` the width of the gaps for the pages the cards cite (guessed if not
    given); the canvas of ``write_action_report`` draws the pages in them."""
    styles = make_styles(font)
    plan = plan_actions(comparison, wording, today, settings)
    digits = page_digits or _page_digits(plan)
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
            story += action_card(card, wording, styles, width, digits)
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


def _numbered_canvas(
    footer: Callable[[Canvas, int, int], None], sections: Mapping[str, int], forms: PageForms
) -> type[Canvas]:
    """A Canvas that keeps each finished page and, in ``save()``, draws every footer with
    the total (reportlab's numbered-canvas pattern) and defines the ``forms`` holding the
    page numbers the cards cite, ``sections`` being filled in by then."""

    class NumberedCanvas(Canvas):  # type: ignore[misc]  # reportlab ships no types
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, **kwargs)
            self._finished: list[dict[str, object]] = []
            self.setNamedCB(CALLBACK, forms.draw)

        def showPage(self) -> None:  # reportlab's method name
            self._finished.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._finished)
            for state in self._finished:
                self.__dict__.update(state)
                footer(self, self.getPageNumber(), total)
                super().showPage()
            # After the last page: the pages painted the forms already, by name.
            forms.define(self, sections)
            super().save()

    return NumberedCanvas


class _Document(SimpleDocTemplate):  # type: ignore[misc]  # reportlab ships no types
    """Records the page each ``SectionMark`` lands on in ``sections``; a page that begins
    inside a card (between its ``CardMark``s) starts with the card's name and "（续）"."""

    def __init__(
        self,
        *args: object,
        sections: dict[str, int],
        continued: str = "{institution}",
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.sections = sections
        self.card: str | None = None
        self.continued = continued

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
    pdf: bytes
    pages: int
    sections: Mapping[str, int]
    #: The digits the gaps needed, and whether a gap had fewer (lay out again with more).
    digits: int
    short: bool


def _build(
    comparison: Comparison,
    wording: Wording,
    font: str,
    today: dt.date,
    settings: Settings | None = None,
    page_digits: int | None = None,
) -> _Layout:
    """Lay the report out and draw it, the cited pages included."""
    generated = wording.text("document.generated", date=today.isoformat())
    # The frame width as reportlab computes it (doc.width), to the last bit.
    width = PAGE_SIZE[0] - MARGIN - MARGIN
    story = action_flowables(comparison, wording, font, today, width, settings, page_digits)
    buffer = io.BytesIO()
    sections: dict[str, int] = {}
    forms = PageForms()
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
        sections=sections,
        continued=wording.text("cards.continued", institution="{institution}"),
    )
    doc.fontName = font
    footer = _footer(wording, font, generated)
    doc.build(story, canvasmaker=_numbered_canvas(footer, sections, forms))
    return _Layout(buffer.getvalue(), doc.page, dict(sections), forms.digits, forms.short)


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
    layout = _build(comparison, wording, choice.name, today, settings)
    # Wider gaps only move pages on: two more layouts at most (99 to 100, then 999 to 1000).
    for _ in range(2):
        if not layout.short:
            break
        layout = _build(comparison, wording, choice.name, today, settings, layout.digits)
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
