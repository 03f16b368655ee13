"""The action report's speed-ups change nothing: remembered string widths, line breaks by
runs, parsing by the shape of the markup; and a cited page's gap breaks as one piece."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics

from creditdiff.render import action_pdf, fonts
from tests import action_sample as sample

TODAY = dt.date(2024, 8, 1)


def test_remembered_widths_equal_reportlab_widths() -> None:
    """Every width through the cache is the one pdfmetrics computes, for each font and size."""
    names = {fonts.choose_font().name, fonts.cid_font().name, "Helvetica"}
    for name in sorted(names):
        for size in (7.5, 9, 10.5):
            for text in ("中", "国", "A", "0", "，", "示例银行", "2024-01-31", ""):
                for _ in range(2):  # the second call answers from the cache
                    want = pdfmetrics.stringWidth(text, name, size)
                    assert fonts._cached_string_width(text, name, size) == want


def test_registering_a_font_forgets_remembered_widths() -> None:
    """A font registered afresh cannot be measured with an earlier font's widths."""
    name = fonts.choose_font().name
    fonts._cached_string_width("中", name, 9)
    assert fonts._WIDTHS
    fonts._WIDTHS[("中", "STSong-Light", 99.0, "utf8")] = -1.0
    pdfmetrics._fonts.pop(fonts.CID_FONT, None)  # as if never registered
    fonts.cid_font()
    assert fonts._cached_string_width("中", "STSong-Light", 99.0) > 0


def _lines_of(lines: object) -> list[tuple[object, ...]]:
    """A ParaLines as plain values: each line's measures and its words' text and style."""
    found = []
    for line in lines.lines:  # type: ignore[attr-defined]
        words = tuple((w.text, w.fontName, w.fontSize, str(w.textColor)) for w in line.words)
        found.append(
            (
                line.extraSpace,
                line.currentWidth,
                line.maxWidth,
                line.ascent,
                line.descent,
                line.fontSize,
                line.lineBreak,
                words,
            )
        )
    return found


_PIECES = st.lists(
    st.tuples(
        st.text(
            alphabet=st.sampled_from(list("中国银行账户已结清示例，。、）（ab1-Z 0")),
            max_size=30,
        ),
        st.sampled_from(["#1f2933", "#4a5563", "#c62828"]),
        st.sampled_from([None, 8, 9.5]),
    ),
    min_size=2,
    max_size=5,
)


@given(pieces=_PIECES, width=st.floats(min_value=20, max_value=400))
@settings(max_examples=60, deadline=None)
def test_cjk_split_by_runs_equals_reportlabs(
    pieces: list[tuple[str, str, float | None]], width: float
) -> None:
    """Breaking a many-style CJK paragraph by runs gives reportlab's lines, word for word."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import paragraph

    from creditdiff.render import cjk_lines

    font = fonts.choose_font().name
    style = ParagraphStyle("t", fontName=font, fontSize=9, wordWrap="CJK")
    markup = "".join(
        f'<font color="{colour}"{"" if size is None else f" size={size}"}>{escape(text)}</font>'
        for text, colour, size in pieces
    )
    frags = paragraph.Paragraph(markup, style).frags
    if len(frags) < 2 or not cjk_lines.plain(frags):
        return
    widths = [width - 11, width]
    try:
        want = paragraph.cjkFragSplit(frags, widths, False)
    except TypeError:  # reportlab's own stumbles on an empty fragment at a break
        return
    assert _lines_of(cjk_lines.split(frags, widths)) == _lines_of(want)


def test_remembered_lines_are_not_edited_by_a_split() -> None:
    """A paragraph split across pages edits its lines' words; the same text wrapped again
    gets reportlab's unsplit lines, not the edited ones."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import paragraph

    from creditdiff.render.paragraphs import Paragraph

    font = fonts.choose_font().name
    style = ParagraphStyle("t", fontName=font, fontSize=9, leading=12, wordWrap="CJK")
    text = '账户状态 <font color="#4a5563">正常</font> ・ 余额 1,029 ・ 截至日期 2024-07-15' * 6
    first = Paragraph(text, style)
    first.wrap(120, 1000)
    assert len(first.split(120, 40)) == 2
    again = Paragraph(text, style)
    again.wrap(120, 1000)
    plain = paragraph.Paragraph(text, style)
    plain.wrap(120, 1000)
    assert _lines_of(again.blPara) == _lines_of(plain.blPara)


@pytest.mark.slow
def test_the_report_is_the_same_with_remembered_paragraphs_or_not() -> None:
    """The action PDF laid out with nothing remembered and again with everything
    remembered from the first run is the same file, byte for byte."""
    from creditdiff.render import paragraphs

    comparison = sample.many(40)
    paragraphs.forget()
    cold = action_pdf.action_report_pdf(comparison, today=TODAY)  # type: ignore[arg-type]
    assert paragraphs._LINES and paragraphs._PARSED
    warm = action_pdf.action_report_pdf(comparison, today=TODAY)  # type: ignore[arg-type]
    assert cold.pdf == warm.pdf


_GAP_AT = st.integers(min_value=0, max_value=5)


@given(pieces=_PIECES, at=_GAP_AT, width=st.floats(min_value=30, max_value=400))
@settings(max_examples=80, deadline=None)
def test_a_cited_pages_gap_breaks_as_one_piece_within_the_line(
    pieces: list[tuple[str, str, float | None]], at: int, width: float
) -> None:
    """A cited page's gap lands whole on one line, inside the line's width unless it starts
    the line, and no text is lost or repeated around it."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase.pdfmetrics import stringWidth
    from reportlab.rl_config import _FUZZ

    from creditdiff.render import cjk_lines, page_refs
    from creditdiff.render.paragraphs import Paragraph

    font = fonts.choose_font().name
    style = ParagraphStyle("t", fontName=font, fontSize=9, wordWrap="CJK")
    spans = [
        f'<font color="{colour}"{"" if size is None else f" size={size}"}>{escape(text)}</font>'
        for text, colour, size in pieces
    ]
    spans.insert(min(at, len(spans)), page_refs.cite(page_refs.PAGE, "common", 3))
    frags = Paragraph("".join(spans), style).frags
    assert cjk_lines.plain(frags)
    lines = cjk_lines.split(frags, [width]).lines
    placed = [
        (line, n)
        for line in lines
        for n, word in enumerate(line.words)
        if "cbDefn" in word.__dict__
    ]
    assert len(placed) == 1
    line, n = placed[0]
    gap = line.words[n].cbDefn.label
    assert isinstance(gap, page_refs.Gap) and gap.width > 0
    before = sum(stringWidth(w.text, w.fontName, w.fontSize) for w in line.words[:n])
    assert n == 0 or before + gap.width <= width + _FUZZ
    assert "".join(w.text for line in lines for w in line.words) == "".join(f.text for f in frags)


_TEXT = st.text(alphabet=st.sampled_from(list('中国银行，。ab1 &<>"\u3000\n')), max_size=12)
_SPAN = st.one_of(
    _TEXT.map(lambda text: ("text", text, None, None)),
    st.tuples(
        st.just("font"),
        _TEXT,
        st.sampled_from(["#1f2933", "#c62828"]),
        st.sampled_from([None, 8, 9.5]),
    ),
    st.just(("br", "", None, None)),
)


@given(spans=st.lists(_SPAN, max_size=6))
@settings(max_examples=80, deadline=None)
def test_markup_parsed_by_its_shape_equals_reportlabs_parse(
    spans: list[tuple[str, str, str | None, float | None]],
) -> None:
    """Text in coloured and sized font tags, line breaks and escaped characters, parsed by
    the shape of the markup, gives reportlab's text, style and fragments, attribute for
    attribute."""
    from xml.sax.saxutils import escape

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import paragraph

    from creditdiff.render import markup

    style = ParagraphStyle("t", fontName=fonts.choose_font().name, fontSize=9, wordWrap="CJK")
    parts = []
    for kind, text, colour, size in spans:
        if kind == "font":
            sized = "" if size is None else f' size="{size}"'
            parts.append(f'<font color="{colour}"{sized}>{escape(text)}</font>')
        else:
            parts.append("<br/>" if kind == "br" else escape(text))
    text = "".join(parts)
    shaped = markup.parse(text, style, 1)
    assert shaped is not None
    want = paragraph.Paragraph(text, style)
    got_text, got_style, got_frags = shaped
    assert (got_text, got_style) == (want.text, want.style)
    assert [frag.__dict__ for frag in got_frags] == [frag.__dict__ for frag in want.frags]


@pytest.mark.slow
def test_the_report_is_the_same_parsed_by_shape_or_by_reportlab(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The action PDF of markup parsed by its shape is reportlab's own parse's, byte for
    byte."""
    from creditdiff.render import markup, paragraphs

    comparison = sample.many(40)
    paragraphs.forget()
    shaped = action_pdf.action_report_pdf(comparison, today=TODAY)
    assert markup._SHAPES
    monkeypatch.setattr(markup, "parse", lambda *args: None)
    paragraphs.forget()
    parsed = action_pdf.action_report_pdf(comparison, today=TODAY)
    assert shaped.pdf == parsed.pdf
