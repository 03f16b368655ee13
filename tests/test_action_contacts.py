"""The action PDF says who to call and why, in people's words: read back from the demo PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pdfplumber
import pytest
import yaml
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.demo import run_demo
from creditdiff.diff.identity import institution_key
from creditdiff.render.contacts import load_contacts
from creditdiff.render.font_names import find_font
from creditdiff.wording import load_wording
from tests.conftest import ROOT

pytestmark = pytest.mark.slow
runner = CliRunner()
INTERNAL = ("non_revolving_loan", "credit_card", "注销记录表行号", "宽限天数", "正常 → 正常")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, object]:
    """The demo's action PDF as text with whitespace removed, and its comparison."""
    result = run_demo(tmp_path_factory.mktemp("demo"))
    with pdfplumber.open(result.action_report.output) as pdf:
        text = "".join(page.extract_text() or "" for page in pdf.pages)
    return "".join(text.split()), result.comparison


def test_contacts_file_loads_and_every_entry_has_a_source() -> None:
    """templates/contacts.yaml loads; every hotline names where it is published."""
    raw = yaml.safe_load((ROOT / "templates" / "contacts.yaml").read_text("utf-8"))
    assert len(raw["contacts"]) >= 20
    for entry in raw["contacts"]:
        assert entry.get("source", "").strip(), entry
        assert re.fullmatch(r"[0-9-]{5,12}", str(entry["phone"])), entry
    contacts = load_contacts()
    assert contacts.for_institution("中信银行股份有限公司福州分行").phone == "95558"
    assert contacts.for_institution("招商银行股份有限公司信用卡中心").phone == "400-820-5555"
    assert contacts.for_institution("深圳前海微众银行股份有限公司").phone == "95384"
    assert contacts.for_institution("示例小额贷款有限公司") is None


def test_every_card_names_a_hotline_or_the_generic_route(demo: tuple[str, object]) -> None:
    """Each institution's card starts with its hotline, else the generic route of its kind."""
    text, comparison = demo
    contacts, wording = load_contacts(), load_wording()
    institutions = {institution_key(f.institution): f.institution for f in comparison.findings}
    for name in institutions.values():
        entry = contacts.for_institution(name)
        kind = wording.classify(name)
        expected = (
            f"客服电话：{entry.phone}"
            if entry
            else "联系渠道：" + "".join(contacts.route(kind.value).split())
        )
        pattern = re.escape(name) + r"(?:（续）)?机构类型：.{0,40}?" + re.escape(expected[:30])
        assert re.search(pattern, text), (name, expected)


def test_explain_text_of_every_finding_is_printed(demo: tuple[str, object]) -> None:
    """The explain text (why it matters) of every finding code in the demo is in the PDF."""
    text, comparison = demo
    wording = load_wording()
    for code in {f.code for f in comparison.findings}:
        explain = "".join(wording.findings[code].explain.split())
        assert explain[:40] in text, code


def test_no_internal_field_names_or_unchanged_arrows(demo: tuple[str, object]) -> None:
    """No English enum, internal field name or 'X → X' for an unchanged value is printed."""
    text, _ = demo
    for word in INTERNAL:
        assert "".join(word.split()) not in text, word
    for status in ("正常", "结清", "销户", "逾期", "未激活", "呆账"):
        assert f"{status}→{status}" not in text, status


def test_no_stray_spaces_from_folded_yaml() -> None:
    """No template text has an ASCII space between two Chinese characters (YAML folding)."""
    wording = load_wording()
    cjk = re.compile(r"[\u3000-\u9fff\uff00-\uffef] [\u3000-\u9fff\uff00-\uffef]")
    for finding in wording.findings.values():
        assert not cjk.search(finding.explain), finding.code
        assert not any(cjk.search(action) for action in finding.actions), finding.code


def test_internet_banks_are_platform_lenders_and_trust_branches_banks() -> None:
    """网商/微众/新网/百信 are online lenders; a bank branch named 信托 is a bank."""
    wording = load_wording()
    for name in (
        "浙江网商银行股份有限公司",
        "深圳前海微众银行股份有限公司",
        "四川新网银行股份有限公司",
        "中信百信银行股份有限公司",
    ):
        assert wording.classify(name).value == "online_lender", name
    assert wording.classify("中国工商银行股份有限公司北京信托支行").value == "bank"
    assert wording.classify("示例国际信托有限公司").value == "trust"


def test_font_by_name_and_hint_without_a_font(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """--font takes an installed font's name; with no TrueType font one line says how to
    install one."""
    demo_dir = ROOT / "fixtures" / "demo"
    monkeypatch.setattr("creditdiff.render.fonts.SYSTEM_FONTS", ())
    result = runner.invoke(
        app, ["report", str(demo_dir / "newer.pdf"), "-o", str(tmp_path / "a.pdf")]
    )
    assert result.exit_code == 0, result.output
    assert "hint: no TrueType CJK font found" in result.stderr and result.stderr.count("hint") == 1
    if find_font("wqy-microhei") is None:
        pytest.skip("no WenQuanYi Micro Hei installed to find by name")
    named = runner.invoke(
        app,
        [
            "report",
            str(demo_dir / "newer.pdf"),
            "--font",
            "WenQuanYi Micro Hei",
            "-o",
            str(tmp_path / "b.pdf"),
        ],
    )
    assert named.exit_code == 0, named.output
    assert "wqy-microhei" in named.stdout and "hint" not in named.stderr


def test_a_filled_letter_per_institution_with_its_records(demo: tuple[str, object]) -> None:
    """Each institution to cancel or dispute at has its own letter with name, ids and dates."""
    import datetime as dt

    from creditdiff.diff import load_closures
    from creditdiff.model import Settings
    from creditdiff.render.action_plan import plan_actions

    text, comparison = demo
    wording = load_wording()
    # The demo's closure log, as the demo uses it: a closure within its grace period
    # (招商, 2024-07-01) is acknowledged, not asked for again by letter.
    settings = Settings(closures=load_closures(ROOT / "fixtures" / "demo" / "closures.csv"))
    plan = plan_actions(comparison, wording, dt.date.today(), settings)  # type: ignore[arg-type]
    chosen = [card for card in plan.cards if card.cancel or card.dispute]
    assert chosen
    letters = text[text.index("致" + chosen[0].institution + "：异议及个人信息删除申请") :]
    for card in chosen:
        start = letters.index("致" + card.institution + "：异议及个人信息删除申请")
        body = letters[start : start + 1500]
        assert "本人示例甲在贵机构有下列账户或记录" in body, card.institution
        for group in card.groups:
            if group.first.account_id:
                assert group.first.account_id in body, (card.institution, group.first.account_id)
        assert "20日内书面答复" in body and "回复地址：" in body and "身份证复印件" in body
        assert "第二十五条（摘录）" in body and "第四十七条（摘录）" in body


def test_dispute_route_names_the_credit_centre_channels(demo: tuple[str, object]) -> None:
    """The 异议 route names 400-810-8866, the website, 云闪付, the counter and the documents."""
    text, _ = demo
    for word in ("400-810-8866", "www.pbccrc.org.cn", "云闪付", "柜台", "身份证件原件"):
        assert word in text, word
