"""The action report's wording templates: shipped set, per-file overrides, validation."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from creditdiff.errors import CreditDiffError
from creditdiff.model import FindingCode
from creditdiff.wording import (
    InstitutionKind,
    WordingError,
    default_templates_dir,
    load_wording,
)


def _write(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _shipped(relative: str) -> dict[str, object]:
    data: dict[str, object] = yaml.safe_load(
        (default_templates_dir() / relative).read_text(encoding="utf-8")
    )
    return data


def test_shipped_templates_cover_every_code_and_kind() -> None:
    """Every finding code and institution kind has a shipped template with a checklist."""
    wording = load_wording()
    assert set(wording.findings) == set(FindingCode)
    assert set(wording.institutions) == set(InstitutionKind)
    assert all(w.actions for w in wording.findings.values())
    assert all(w.cancel for w in wording.institutions.values())


def test_dispute_route_is_offered_for_the_three_disputable_codes() -> None:
    """closure_not_reflected, reappeared and post_closure_query carry the 异议 route."""
    wording = load_wording()
    disputable = {code for code, w in wording.findings.items() if w.dispute}
    assert disputable == {
        FindingCode.CLOSURE_NOT_REFLECTED,
        FindingCode.REAPPEARED,
        FindingCode.POST_CLOSURE_QUERY,
    }


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("招商银行股份有限公司", InstitutionKind.BANK),
        ("招商银行信用卡中心", InstitutionKind.BANK),
        ("示例银行消费金融有限公司", InstitutionKind.CONSUMER_FINANCE),
        ("示例汽车金融有限公司", InstitutionKind.CONSUMER_FINANCE),
        ("重庆市示例小额贷款有限公司", InstitutionKind.ONLINE_LENDER),
        ("示例网络小贷有限公司", InstitutionKind.ONLINE_LENDER),
        ("上海示例信息科技有限公司", InstitutionKind.ONLINE_LENDER),
        ("示例国际信托有限公司", InstitutionKind.TRUST),
        ("示例融资担保有限公司", InstitutionKind.OTHER),
    ],
)
def test_institution_kind_is_told_from_the_name(name: str, kind: InstitutionKind) -> None:
    """The kind comes from name keywords, consumer finance winning over 银行 in one name."""
    assert load_wording().classify(name) is kind


def test_user_folder_overrides_only_the_files_it_holds(tmp_path: Path) -> None:
    """A user folder with one finding file changes that file and keeps every other default."""
    data = _shipped("findings/settled_not_closed.yaml")
    data["title"] = "我的标题"
    _write(tmp_path / "findings" / "settled_not_closed.yaml", data)
    shipped = load_wording()
    mine = load_wording(tmp_path)
    assert mine.findings[FindingCode.SETTLED_NOT_CLOSED].title == "我的标题"
    assert mine.findings[FindingCode.REAPPEARED] == shipped.findings[FindingCode.REAPPEARED]
    assert mine.report == shipped.report


def test_missing_key_names_the_file_and_key(tmp_path: Path) -> None:
    """A finding template without its checklist fails with the file and key in the message."""
    data = _shipped("findings/reappeared.yaml")
    del data["actions"]
    path = _write(tmp_path / "findings" / "reappeared.yaml", data)
    with pytest.raises(WordingError, match="actions") as caught:
        load_wording(tmp_path)
    assert str(path) in str(caught.value)
    assert isinstance(caught.value, CreditDiffError)


def test_invalid_yaml_is_a_wording_error(tmp_path: Path) -> None:
    """A file that is not YAML fails as a WordingError, not a parser traceback."""
    (tmp_path / "institutions").mkdir()
    (tmp_path / "institutions" / "bank.yaml").write_text("label: [unclosed\n", encoding="utf-8")
    with pytest.raises(WordingError, match="not valid YAML"):
        load_wording(tmp_path)


def test_unknown_placeholder_in_report_text_fails_at_load(tmp_path: Path) -> None:
    """A placeholder creditdiff does not fill is caught when loading, before any PDF."""
    data = _shipped("report.yaml")
    data["cover"]["recheck"] = "复查：{when}"  # type: ignore[index]
    _write(tmp_path / "report.yaml", data)
    with pytest.raises(WordingError, match=r"\{when\}"):
        load_wording(tmp_path)


def test_misspelt_template_file_is_refused(tmp_path: Path) -> None:
    """A file name matching no template would be silently ignored, so it is an error."""
    _write(tmp_path / "findings" / "setled_not_closed.yaml", {"title": "x"})
    with pytest.raises(WordingError, match="not a known template file"):
        load_wording(tmp_path)


def test_missing_templates_folder_is_an_error(tmp_path: Path) -> None:
    """--templates naming a folder that does not exist fails clearly."""
    with pytest.raises(WordingError, match="templates folder not found"):
        load_wording(tmp_path / "nope")


def test_recheck_days_must_be_positive(tmp_path: Path) -> None:
    """recheck_days of zero would schedule the re-check today: refused."""
    data = _shipped("findings/reappeared.yaml")
    data["recheck_days"] = 0
    _write(tmp_path / "findings" / "reappeared.yaml", data)
    with pytest.raises(WordingError, match="recheck_days"):
        load_wording(tmp_path)


def test_common_steps_need_a_label_and_a_text(tmp_path: Path) -> None:
    """A common step without its column label fails at load, naming the key."""
    data = _shipped("report.yaml")
    data["common"]["steps"][0] = {"text": "保存注销凭证"}  # type: ignore[index]
    _write(tmp_path / "report.yaml", data)
    with pytest.raises(WordingError, match=r"common\.steps"):
        load_wording(tmp_path)


def test_common_steps_load_as_label_and_text_pairs() -> None:
    """The shipped common steps are (column label, explanation) pairs, each non-empty."""
    steps = load_wording().steps("common.steps")
    assert steps and all(label and text for label, text in steps)
    assert any("支付宝" in text for _, text in steps)
    assert any("微信" in text for _, text in steps)
    assert any("免密支付" in text for _, text in steps)
