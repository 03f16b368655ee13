"""compare_files: reading parse JSON, ordering by 报告时间, refusing two people; the diff JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from diff_helpers import account, old_report, query, report

from creditdiff.diff import compare
from creditdiff.errors import UsageError
from creditdiff.model import Report, Settings
from creditdiff.output.diff import comparison_to_dict, exit_code
from creditdiff.reports import DifferentPeopleError, compare_files, compare_reports
from creditdiff.serialize import report_to_dict, validate


def save(path: Path, rep: Report) -> Path:
    path.write_text(json.dumps(report_to_dict(rep), ensure_ascii=False), encoding="utf-8")
    return path


def pair(tmp_path: Path, old: Report, new: Report) -> tuple[Path, Path]:
    return save(tmp_path / "older.json", old), save(tmp_path / "newer.json", new)


OLD = old_report(
    [account("credit_card", status="销户", used=None), account("non_revolving_loan", balance=900)]
)
NEW = report(
    [
        account("credit_card", used=0),
        account("non_revolving_loan", status="结清", balance=None),
        account("revolving_loan", opened="2024-02-02"),
    ],
    queries=[query("2024-03-01", "贷款审批")],
)


def test_files_compare_like_the_reports(tmp_path: Path) -> None:
    """Parse JSON files compare exactly as the Reports they hold."""
    older, newer = pair(tmp_path, OLD, NEW)
    from_files = compare_files(older, newer)
    assert from_files.findings == compare(OLD, NEW).findings
    assert from_files.old is not None and from_files.old.source == "older.json"


def test_swapped_files_give_the_same_result_and_a_notice(tmp_path: Path) -> None:
    """Arguments in the wrong order are put right by 报告时间, with a notice."""
    older, newer = pair(tmp_path, OLD, NEW)
    straight = compare_files(older, newer)
    swapped = compare_files(newer, older)
    assert swapped.findings == straight.findings
    assert swapped.changes == straight.changes
    assert straight.notices == ()
    assert any("参数顺序" in notice for notice in swapped.notices)


def test_reports_of_different_id_numbers_are_refused(tmp_path: Path) -> None:
    """Two masked ID numbers that differ where both are printed are two people."""
    older, newer = pair(tmp_path, OLD, report([], id_number="1101**********9999"))
    with pytest.raises(DifferentPeopleError) as caught:
        compare_files(older, newer)
    assert isinstance(caught.value, UsageError)
    assert "9999" not in str(caught.value) and "测试甲" not in str(caught.value)


def test_reports_of_different_names_are_refused(tmp_path: Path) -> None:
    """Two names that differ are two people, and the message names neither."""
    older, newer = pair(tmp_path, OLD, report([], name="示例乙"))
    with pytest.raises(DifferentPeopleError) as caught:
        compare_files(older, newer)
    assert "示例乙" not in str(caught.value)


def test_differently_masked_ids_of_one_person_are_accepted() -> None:
    """``110108******181X`` and ``1101**********181X`` agree on every shown character."""
    older = old_report([], id_number="110108******181X", name=None)
    newer = report([], id_number="1101**********181X")
    assert compare_reports(older, newer).findings == ()
    with pytest.raises(DifferentPeopleError):
        compare_reports(older, report([], id_number="1102**********181X"))


def test_single_file_compares_the_newer_report_alone(tmp_path: Path) -> None:
    """With old=None only the newer report's own findings come out."""
    _, newer = pair(tmp_path, OLD, NEW)
    comparison = compare_files(None, newer)
    assert comparison.old is None
    assert {f.code.value for f in comparison.findings} == {"settled_not_closed"}


def test_diff_json_validates_and_carries_headers(tmp_path: Path) -> None:
    """comparison_to_dict gives the contract's keys and validates against the schema."""
    older, newer = pair(tmp_path, OLD, NEW)
    document = comparison_to_dict(compare_files(newer, older))
    validate(document, "diff")
    assert document["old"] == {
        "file": "older.json",
        "number": OLD.number,
        "generated_at": "2024-01-31T10:00:00",
    }
    assert document["new"]["file"] == "newer.json"
    assert document["changes"] and document["notices"]
    assert {f["code"] for f in document["findings"]} >= {"reappeared", "closed", "new_account"}


def test_single_report_json_has_null_old(tmp_path: Path) -> None:
    """The newer report alone gives ``old: null`` and still validates."""
    document = comparison_to_dict(compare(None, NEW))
    validate(document, "diff")
    assert document["old"] is None and document["changes"] == []


def test_exit_code_follows_medium_threshold() -> None:
    """1 with a medium-or-worse finding, 0 with only low and info findings."""
    assert exit_code(compare(OLD, NEW)) == 1
    only_info = compare(
        old_report([account("non_revolving_loan", balance=900)]),
        report([account("non_revolving_loan", status="结清", balance=None)]),
    )
    assert [f.severity.value for f in only_info.findings] == ["info"]
    assert exit_code(only_info) == 0


def test_settings_default_to_sixty_days() -> None:
    """Settings() means a 60-day grace and no closures."""
    assert Settings().grace_days == 60 and Settings().closures == ()


def test_compare_keeps_its_order_but_warns_when_reversed() -> None:
    """compare() itself trusts the order it is given and says when the times disagree."""
    reversed_ = compare(NEW, OLD)
    assert reversed_.old is NEW
    assert any("报告时间反而更晚" in notice for notice in reversed_.notices)
    assert compare(OLD, NEW).notices == ()
