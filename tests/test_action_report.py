"""The action report PDF: content read back with pdfplumber, rendering with pdftoppm for
both font paths, masking, overrides, the re-check rule and the ``report`` command."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import subprocess
from pathlib import Path

import pdfplumber
import pytest
import yaml
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.evidence import AgreementEvidence
from creditdiff.model import (
    Account,
    Comparison,
    CreditAgreement,
    Family,
    Finding,
    FindingCode,
    Severity,
)
from creditdiff.render import fonts
from creditdiff.render.action_cards import account_line
from creditdiff.render.action_pdf import ActionReportInfo, write_action_report
from creditdiff.render.action_plan import add_months, evidence_lines, plan_actions
from creditdiff.serialize import report_to_dict
from creditdiff.wording import InstitutionKind, Wording, default_templates_dir, load_wording
from tests import action_sample as sample
from tests.conftest import FIXTURES

pytestmark = pytest.mark.slow

MASKED = "1101**********1234"
DEMO = FIXTURES / "demo"


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_text(path: Path, wording: Wording) -> str:
    """All text of the PDF with whitespace removed (wrapped cells rejoin) and the
    checklist's date column taken out (it sits beside an item's first line)."""
    with pdfplumber.open(path) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    return squash(text).replace(squash(wording.text("cards.done")), "")


def write(comparison: Comparison, path: Path, **options: object) -> ActionReportInfo:
    return write_action_report(comparison, path, today=sample.TODAY, **options)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def wording() -> Wording:
    return load_wording()


@pytest.fixture(scope="module")
def pair_pdf(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ActionReportInfo]:
    path = tmp_path_factory.mktemp("pair") / "actions.pdf"
    return path, write(sample.pair(), path)


def _section(text: str, wording: Wording, start: str, end: str) -> str:
    """The squashed text between two report.yaml headings, taking the last occurrence of
    each: cards quote the common grid's heading when they point to it."""
    after = text.rsplit(squash(wording.text(start)), 1)[1]
    return after.rsplit(squash(wording.text(end)), 1)[0]


def _headings(path: Path) -> list[str]:
    """Per page, the squashed text set in the section-heading size (h1, 15 pt)."""
    with pdfplumber.open(path) as pdf:
        return [
            "".join(w["text"] for w in page.extract_words(extra_attrs=["size"]) if w["size"] > 14)
            for page in pdf.pages
        ]


def test_every_finding_institution_and_checklist_is_in_the_pdf(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """Each finding's institution, title and checklist, and its kind's cancel steps, print."""
    path, _ = pair_pdf
    text = pdf_text(path, wording)
    for finding in sample.findings():
        template = wording.findings[finding.code]
        assert squash(finding.institution) in text
        assert squash(template.title) in text
        for action in template.actions:
            assert squash(action) in text, action
        if template.cancel:
            kind = wording.classify(finding.institution)
            for step in wording.institutions[kind].cancel:
                assert squash(step) in text, step


def test_each_cancelling_card_has_its_own_kind_steps(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """The kind-specific cancellation steps print once per card that calls for cancelling."""
    path, _ = pair_pdf
    text = pdf_text(path, wording)
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    for kind in InstitutionKind:
        cards = [card for card in plan.cards if card.cancel and card.kind is kind]
        first_step = squash(wording.institutions[kind].cancel[0])
        assert text.count(first_step) == len(cards), kind


def test_common_steps_print_once_as_a_grid_of_cancelling_institutions(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """The steps every institution needs are explained once; the grid has one row per
    institution whose card calls for cancelling, and no other."""
    path, _ = pair_pdf
    text = pdf_text(path, wording)
    steps = wording.steps("common.steps")
    assert len(steps) >= 5
    for label, explanation in steps:
        assert text.count(squash(explanation)) == 1, explanation
        assert squash(label) in text
    grid = _section(text, wording, "common.heading", "dispute.heading")
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    assert any(not card.cancel for card in plan.cards)
    for card in plan.cards:
        assert (squash(card.institution) in grid) is card.cancel, card.institution


def test_disputable_findings_get_the_dispute_route_and_a_letter(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """The 异议 route and the deletion letter print once; each card with a disputable
    finding has the tick boxes and names the records to dispute."""
    path, _ = pair_pdf
    text = pdf_text(path, wording)
    disputed = {f.institution for f in sample.findings() if wording.findings[f.code].dispute}
    assert len(disputed) == 3
    assert text.count(squash(wording.text("letter.body", institution=""))) == 1
    assert text.count(squash(wording.text("dispute.basis_heading"))) == 1
    blank = wording.text("letter.institution_blank")
    assert squash(wording.text("letter.salutation", institution=blank)) in text
    assert "第二十五条" in text and "第四十七条" in text
    for blank in wording.lines("letter.record_blanks") + wording.lines("letter.signature"):
        assert text.count(squash(blank)) == 1, blank
    for step in wording.lines("dispute.steps"):
        assert text.count(squash(step)) == 1
    assert text.count(squash(wording.text("cards.dispute_records"))) == len(disputed)
    cards = _section(text, wording, "cards.heading", "common.heading")
    for finding in sample.findings():
        if wording.findings[finding.code].dispute and finding.account_id:
            # The record to dispute names the account, in the card, not only in the table.
            assert squash(finding.account_id) in cards


def test_cards_name_the_pages_of_the_sections_printed_once(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """The page a card points to is the page the common grid or the dispute route is on."""
    path, _ = pair_pdf
    headings = _headings(path)
    text = pdf_text(path, wording)
    for section, reference in (
        ("common.heading", "cards.common_ref"),
        ("dispute.heading", "cards.dispute_heading"),
    ):
        heading = squash(wording.text(section))
        found = [n for n, on_page in enumerate(headings, 1) if heading in on_page]
        assert len(found) == 1, section
        assert squash(wording.text(reference, page=found[0])) in text, reference


def test_cover_names_the_person_with_the_id_masked(
    pair_pdf: tuple[Path, ActionReportInfo], wording: Wording
) -> None:
    """Page 1 has the name, the masked ID, both report dates; the full ID appears nowhere."""
    path, _ = pair_pdf
    with pdfplumber.open(path) as pdf:
        first = squash(pdf.pages[0].extract_text() or "")
        everything = squash("".join(p.extract_text() or "" for p in pdf.pages))
    assert sample.NAME in first
    assert MASKED in first
    assert sample.OLD_DATE.date().isoformat() in first
    assert sample.NEW_DATE.date().isoformat() in first
    assert sample.FULL_ID not in everything
    assert sample.FULL_ID[4:14] not in everything


def test_cover_counts_findings_per_severity(pair_pdf: tuple[Path, ActionReportInfo]) -> None:
    """The cover's big severity numbers (page 2, after the readiness page) are the finding
    counts, high to info in order."""
    path, _ = pair_pdf
    with pdfplumber.open(path) as pdf:
        words = pdf.pages[1].extract_words(extra_attrs=["size"])
    big = [w["text"] for w in sorted(words, key=lambda w: w["x0"]) if w["size"] > 15]
    numbers = [text for text in big if text.isdigit()]
    expected = [
        str(sum(1 for f in sample.findings() if f.severity is severity)) for severity in Severity
    ]
    assert numbers == expected


@pytest.mark.parametrize("font_path", ["ttf", "cid"])
def test_report_renders_to_images_with_both_fonts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, font_path: str
) -> None:
    """pdftoppm renders every page, with an embedded TrueType font and with the CID fallback."""
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm (poppler-utils) is not installed")
    if font_path == "ttf":
        if not any(Path(p).is_file() for p in fonts.SYSTEM_FONTS):
            pytest.skip("no TrueType CJK font installed (e.g. fonts-wqy-microhei)")
    else:
        monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    info = write(sample.pair(), tmp_path / "actions.pdf")
    assert info.font.embedded is (font_path == "ttf")
    result = subprocess.run(
        ["pdftoppm", "-png", "-r", "30", str(info.output), str(tmp_path / "page")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(tmp_path.glob("page-*.png"))) == info.pages


DROID = Path("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf")


def test_system_font_without_digits_is_skipped() -> None:
    """DroidSansFallback has no Latin digits: the search passes over it to the next font."""
    usable = [p for p in fonts.SYSTEM_FONTS if Path(p).is_file()]
    if not DROID.is_file() or not usable:
        pytest.skip("needs DroidSansFallbackFull.ttf and a TrueType CJK font installed")
    choice = fonts.choose_font(candidates=[str(DROID), usable[0]])
    assert choice.path == Path(usable[0])


def test_no_usable_font_falls_back_to_cid(tmp_path: Path) -> None:
    """Missing and broken candidates leave the built-in STSong-Light CID font."""
    broken = tmp_path / "broken.ttc"
    broken.write_bytes(b"not a font")
    choice = fonts.choose_font(candidates=[str(tmp_path / "missing.ttf"), str(broken)])
    assert choice.path is None and choice.name == fonts.CID_FONT
    assert "not embedded" in choice.describe()


def test_cid_fallback_text_is_still_extractable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wording: Wording
) -> None:
    """Without a TrueType font the STSong-Light report still holds every institution."""
    monkeypatch.setattr(fonts, "SYSTEM_FONTS", ())
    info = write(sample.pair(), tmp_path / "actions.pdf")
    assert info.font.path is None and info.font.name == fonts.CID_FONT
    text = pdf_text(info.output, wording)
    assert all(squash(f.institution) in text for f in sample.findings())


def test_newer_report_alone(tmp_path: Path, wording: Wording) -> None:
    """With no older report the cover says so and the one-report findings still get cards."""
    info = write(sample.newer_alone(), tmp_path / "actions.pdf")
    text = pdf_text(info.output, wording)
    assert squash(wording.text("cover.no_old_report")) in text
    assert squash(wording.text("document.subtitle_single")) in text
    assert squash(sample.BANK) in text
    assert squash(wording.text("cards.heading")) in text


def test_many_findings_flow_across_pages(tmp_path: Path, wording: Wording) -> None:
    """Sixty findings at long-named institutions lay out without overflow and all print."""
    comparison = sample.many(60)
    info = write(comparison, tmp_path / "actions.pdf")
    assert info.pages > 20
    text = pdf_text(info.output, wording)
    for finding in comparison.findings:
        assert squash(finding.institution) in text


def test_no_findings_says_nothing_to_do(tmp_path: Path, wording: Wording) -> None:
    """A comparison without findings gives a short report saying there is nothing to do."""
    comparison = Comparison(old=sample.pair().old, new=sample.pair().new)
    info = write(comparison, tmp_path / "actions.pdf")
    text = pdf_text(info.output, wording)
    assert squash(wording.text("cover.nothing")) in text
    assert squash(wording.text("cards.heading")) not in text


def test_same_input_gives_the_same_bytes(tmp_path: Path) -> None:
    """The PDF carries no creation time: writing twice gives identical files."""
    first = write(sample.pair(), tmp_path / "a.pdf").output.read_bytes()
    second = write(sample.pair(), tmp_path / "b.pdf").output.read_bytes()
    assert first == second


def test_templates_override_changes_the_text(tmp_path: Path, wording: Wording) -> None:
    """A user template for one code replaces its checklist in the PDF; the rest stays."""
    templates = tmp_path / "wording"
    data = yaml.safe_load(
        (default_templates_dir() / "findings/settled_not_closed.yaml").read_text("utf-8")
    )
    data["actions"] = ["打电话给客户经理要求关闭额度"]
    (templates / "findings").mkdir(parents=True)
    (templates / "findings/settled_not_closed.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    info = write(sample.newer_alone(), tmp_path / "actions.pdf", templates=templates)
    text = pdf_text(info.output, wording)
    assert "打电话给客户经理要求关闭额度" in text
    for action in wording.findings[FindingCode.SETTLED_NOT_CLOSED].actions:
        assert squash(action) not in text
    assert squash(wording.text("document.title")) in text


def test_recheck_is_sooner_after_a_dispute(wording: Wording) -> None:
    """A disputable finding moves the re-check to 30 days after the newer report."""
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    assert plan.recheck_days == 30
    assert plan.recheck == dt.date(2024, 7, 15) + dt.timedelta(days=30)


def test_recheck_defaults_to_six_months_after_the_newer_report(wording: Wording) -> None:
    """Without findings asking for sooner, re-check six months after the newer report."""
    plan = plan_actions(sample.newer_alone(), wording, sample.TODAY)
    assert plan.recheck_days is None
    assert plan.recheck == dt.date(2025, 1, 15)


def test_recheck_follows_the_report_not_today(wording: Wording) -> None:
    """An old newer report keeps its own re-check date, flagged as past, never today's."""
    today = dt.date(2026, 3, 1)
    plan = plan_actions(sample.newer_alone(), wording, today)
    assert plan.recheck == dt.date(2025, 1, 15)
    assert plan.recheck_past


def test_dispute_on_an_old_report_rechecks_after_the_newer_report(wording: Wording) -> None:
    """A dispute's 30 days count from the newer report, whenever the PDF is made."""
    for today in (dt.date(2024, 7, 20), dt.date(2026, 3, 1)):
        plan = plan_actions(sample.pair(), wording, today)
        assert plan.recheck == dt.date(2024, 8, 14)
        assert plan.recheck_days == 30


def test_findings_about_one_account_share_a_block(wording: Wording) -> None:
    """Two findings on the same account print under one account line, evidence merged."""
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    consumer = next(card for card in plan.cards if card.institution == sample.CONSUMER)
    assert len(consumer.rows) == 2
    assert len(consumer.groups) == 1
    assert {row.finding.code for row in consumer.groups[0].rows} == {
        FindingCode.CLOSURE_NOT_REFLECTED,
        FindingCode.PAID_OFF,
    }
    lender = next(card for card in plan.cards if card.institution == sample.LENDER)
    assert len(lender.groups) == 2  # an account and a query are separate blocks


def test_add_months_clamps_to_the_month_end() -> None:
    """August 31 plus six months is the last day of February."""
    assert add_months(dt.date(2023, 8, 31), 6) == dt.date(2024, 2, 29)
    assert add_months(dt.date(2024, 11, 15), 3) == dt.date(2025, 2, 15)


def test_cards_group_by_institution_and_tell_the_kind(wording: Wording) -> None:
    """One card per institution, worst first, with the kind told from the name."""
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    kinds = {card.institution: card.kind for card in plan.cards}
    assert len(plan.cards) == len({f.institution for f in sample.findings()})
    assert kinds[sample.BANK] is InstitutionKind.BANK
    assert kinds[sample.LONG] is InstitutionKind.BANK
    assert kinds[sample.CONSUMER] is InstitutionKind.CONSUMER_FINANCE
    assert kinds[sample.LENDER] is InstitutionKind.ONLINE_LENDER
    assert kinds[sample.TRUST] is InstitutionKind.TRUST
    assert kinds[sample.OTHER] is InstitutionKind.OTHER
    ranks = [card.worst.rank for card in plan.cards]
    assert ranks == sorted(ranks, reverse=True)


def test_chart_counts_open_lines_and_cards_per_report(wording: Wording) -> None:
    """The chart counts open cards and lines: a closed card reopened adds one in the newer."""
    plan = plan_actions(sample.pair(), wording, sample.TODAY)
    assert plan.open_lines[Family.CREDIT_CARD] == (1, 2)
    assert plan.open_lines[Family.REVOLVING_LOAN] == (2, 3)
    alone = plan_actions(sample.newer_alone(), wording, sample.TODAY)
    assert alone.open_lines[Family.CREDIT_CARD] == (None, 2)


def test_evidence_shows_what_changed_between_snapshots(wording: Wording) -> None:
    """Snapshot pairs print changed values and the status; empty values are left out."""
    reappeared = next(f for f in sample.findings() if f.code is FindingCode.REAPPEARED)
    lines = dict(evidence_lines(reappeared.evidence, wording))
    status = wording.label("evidence", "status")
    closed_on = wording.label("evidence", "closed_on")
    assert lines[status] == "销户 → 正常"
    assert lines[closed_on].startswith("2023-11-30 → ")
    assert wording.label("evidence", "overdue_amount") not in lines
    query = next(f for f in sample.findings() if f.code is FindingCode.POST_CLOSURE_QUERY)
    lines = dict(evidence_lines(query.evidence, wording))
    assert lines[wording.label("evidence", "reason")] == "贷后管理"
    assert lines[wording.label("evidence", "date")] == "2024-05-20"


def test_agreement_finding_names_the_agreement(wording: Wording) -> None:
    """A settled_not_closed on a 授信协议 prints as the agreement, with its accounts."""
    finding = Finding(
        "a1",
        FindingCode.SETTLED_NOT_CLOSED,
        Severity.MEDIUM,
        sample.BANK,
        "授信协议仍在有效期内，其下账户均已结清",
        account_id="AGR001",
        opened=dt.date(2020, 1, 1),
        evidence=AgreementEvidence(
            CreditAgreement(sample.BANK, "AGR001", due=dt.date(2030, 1, 1), limit=50000),
            (
                Account(
                    Family.REVOLVING_SUB_ACCOUNT,
                    sample.BANK,
                    "S1",
                    status="结清",
                    closed_on=dt.date(2021, 1, 1),
                ),
            ),
        ),
    )
    row = plan_actions(
        Comparison(old=None, new=sample.pair().new, findings=(finding,)), wording, sample.TODAY
    ).rows[0]
    line = account_line(row.finding, wording)
    assert line is not None and wording.label("family", "credit_agreement") in line
    assert "AGR001" in line
    lines = dict(row.evidence)
    assert lines[wording.label("evidence", "limit")] == "50,000"
    assert "S1" in lines[wording.label("evidence", "accounts")]


# -- the command -----------------------------------------------------------------------


def _report_json(tmp_path: Path) -> tuple[Path, Path, Path]:
    """The sample pair as parse JSON (masked IDs, as the schema demands) and a closure log."""
    paths = []
    for name, when, new in (("older", sample.OLD_DATE, False), ("newer", sample.NEW_DATE, True)):
        path = tmp_path / f"{name}.json"
        data = report_to_dict(sample.report(when, new, MASKED))
        path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
        paths.append(path)
    closures = tmp_path / "closures.csv"
    closures.write_text(
        f"institution,requested_on,account,note\n{sample.CONSUMER},2024-02-01,,在线客服\n",
        encoding="utf-8",
    )
    return paths[0], paths[1], closures


def test_report_command_writes_only_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, wording: Wording
) -> None:
    """`creditdiff report OLD NEW --closures` writes the PDF and nothing else, and says the font."""
    older, newer, closures = _report_json(tmp_path)
    monkeypatch.chdir(tmp_path)
    before = set(tmp_path.rglob("*"))
    result = CliRunner().invoke(
        app,
        ["report", str(older), str(newer), "--closures", str(closures), "-o", "out.pdf"],
    )
    assert result.exit_code == 0, result.output
    assert set(tmp_path.rglob("*")) - before == {tmp_path / "out.pdf"}
    assert "font" in result.output and "pages" in result.output
    text = pdf_text(tmp_path / "out.pdf", wording)
    assert squash(sample.CONSUMER) in text
    closure = wording.findings[FindingCode.CLOSURE_NOT_REFLECTED]
    assert squash(closure.title) in text


def test_report_command_with_one_report(tmp_path: Path, wording: Wording) -> None:
    """`creditdiff report NEW` checks the newer report alone."""
    _, newer, _ = _report_json(tmp_path)
    result = CliRunner().invoke(app, ["report", str(newer), "-o", str(tmp_path / "one.pdf")])
    assert result.exit_code == 0, result.output
    text = pdf_text(tmp_path / "one.pdf", wording)
    assert squash(wording.text("cover.no_old_report")) in text


@pytest.mark.parametrize("font", ["missing.ttf", "not-a-font.ttf"])
def test_bad_font_exits_2(tmp_path: Path, font: str) -> None:
    """A --font that does not exist or does not load is one error line and exit 2."""
    _, newer, _ = _report_json(tmp_path)
    (tmp_path / "not-a-font.ttf").write_bytes(b"this is not a font")
    result = CliRunner().invoke(
        app, ["report", str(newer), "-o", str(tmp_path / "x.pdf"), "--font", str(tmp_path / font)]
    )
    assert result.exit_code == 2
    assert "font" in result.output.lower()
    assert not (tmp_path / "x.pdf").exists()


def test_unwritable_output_exits_2(tmp_path: Path) -> None:
    """An output path in a folder that does not exist is one error line and exit 2."""
    _, newer, _ = _report_json(tmp_path)
    result = CliRunner().invoke(app, ["report", str(newer), "-o", str(tmp_path / "no" / "x.pdf")])
    assert result.exit_code == 2
    assert "cannot write" in result.output


def test_bad_templates_folder_exits_2(tmp_path: Path) -> None:
    """--templates naming a missing folder is one error line and exit 2."""
    _, newer, _ = _report_json(tmp_path)
    result = CliRunner().invoke(
        app,
        ["report", str(newer), "-o", str(tmp_path / "x.pdf"), "--templates", str(tmp_path / "no")],
    )
    assert result.exit_code == 2
    assert "templates" in result.output


@pytest.mark.skipif(
    not (DEMO / "older.pdf").is_file(), reason="demo pair fixtures/demo/*.pdf not generated yet"
)
def test_demo_pair_end_to_end(tmp_path: Path, wording: Wording) -> None:
    """The bundled demo pair gives a PDF naming every institution with a finding."""
    from creditdiff.diff import load_closures
    from creditdiff.model import Settings
    from creditdiff.reports import compare_files

    closures = DEMO / "closures.csv"
    args = [
        "report",
        str(DEMO / "older.pdf"),
        str(DEMO / "newer.pdf"),
        "-o",
        str(tmp_path / "d.pdf"),
    ]
    settings = Settings()
    if closures.is_file():
        args += ["--closures", str(closures)]
        settings = Settings(closures=load_closures(closures))
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    comparison = compare_files(DEMO / "older.pdf", DEMO / "newer.pdf", settings)
    assert comparison.findings
    text = pdf_text(tmp_path / "d.pdf", wording)
    for finding in comparison.findings:
        assert squash(finding.institution) in text
        assert squash(wording.findings[finding.code].title) in text
    # Ten institutions, yet what every one of them needs is printed once.
    for _, explanation in wording.steps("common.steps"):
        assert text.count(squash(explanation)) == 1
    assert text.count(squash(wording.text("letter.body", institution=""))) == 1


@pytest.mark.skipif(
    not (DEMO / "older.pdf").is_file(), reason="demo pair fixtures/demo/*.pdf not generated yet"
)
def test_every_evidence_key_of_the_demo_has_a_chinese_label(wording: Wording) -> None:
    """Evidence keys the diff rules record are all labelled in report.yaml (no raw English)."""
    from creditdiff.diff import load_closures
    from creditdiff.model import Settings
    from creditdiff.reports import compare_files

    settings = Settings(closures=load_closures(DEMO / "closures.csv"))
    comparison = compare_files(DEMO / "older.pdf", DEMO / "newer.pdf", settings)
    labels = {
        label
        for finding in comparison.findings
        for label, _ in evidence_lines(finding.evidence, wording)
    }
    assert labels
    assert not [label for label in labels if label.isascii()]
