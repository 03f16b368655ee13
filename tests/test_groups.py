"""A lender's head office and its branches are one group in every output."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pdfplumber
import pytest

from creditdiff.model import Comparison, Family, Finding, FindingCode, Severity
from creditdiff.output.documents import comparison_text
from creditdiff.render.action_plan import plan_actions
from creditdiff.text import squash
from creditdiff.wording import load_wording
from tests import action_sample as sample

HEAD = "示例银行股份有限公司"
BRANCH = "示例银行股份有限公司北京分行"


def _comparison() -> Comparison:
    def card(number: str, institution: str, code: FindingCode, severity: Severity) -> Finding:
        return Finding(
            id=f"id{number}",
            code=code,
            severity=severity,
            institution=institution,
            message=f"消息{number}",
            family=Family.CREDIT_CARD,
            account_id=number,
            opened=dt.date(2020, 1, 1),
        )

    report_level = Finding(
        id="idr",
        code=FindingCode.INCOMPLETE_READ,
        severity=Severity.HIGH,
        institution="",
        message="较新报告未完整读取",
    )
    findings = (
        report_level,
        card("1", BRANCH, FindingCode.STATUS_WORSENED, Severity.HIGH),
        card("2", HEAD, FindingCode.SETTLED_NOT_CLOSED, Severity.MEDIUM),
    )
    return Comparison(
        old=sample.report(sample.OLD_DATE, new=False),
        new=sample.report(sample.NEW_DATE, new=True),
        findings=findings,
    )


def test_terminal_lists_head_office_and_branch_under_one_heading() -> None:
    """The terminal prints one heading for a head office and its branch, both findings under it."""
    lines = comparison_text(_comparison()).splitlines()
    headings = [line for line in lines if line in (HEAD, BRANCH)]
    assert headings == [BRANCH]
    start = lines.index(BRANCH)
    body = lines[start + 1 : start + 3]
    assert any("消息1" in line for line in body) and any("消息2" in line for line in body)


def test_pdf_plan_has_one_card_for_head_office_and_branch() -> None:
    """The action plan makes one card holding both findings, and none for a report-level one."""
    plan = plan_actions(_comparison(), load_wording(), today=sample.TODAY)
    assert len(plan.cards) == 1
    assert {row.finding.id for row in plan.cards[0].rows} == {"id1", "id2"}
    assert all(card.institution for card in plan.cards)
    assert [f.id for f in plan.incomplete] == ["idr"]


@pytest.mark.slow
def test_written_pdf_counts_head_office_and_branch_as_one_institution(tmp_path: Path) -> None:
    """The written action PDF reports one institution and prints the group's card once."""
    from creditdiff.render.action_pdf import write_action_report

    out = tmp_path / "actions.pdf"
    info = write_action_report(_comparison(), out, today=sample.TODAY)
    assert info.institutions == 1
    with pdfplumber.open(out) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    squashed = squash(text)
    assert "消息1" in squashed and "消息2" in squashed
    assert squashed.count(squash(load_wording().text("cover.institutions", count=1))) == 1
