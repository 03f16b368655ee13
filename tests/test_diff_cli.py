"""``creditdiff diff`` through typer's CliRunner: output, JSON schema, exit codes, errors."""

from __future__ import annotations

import json
from pathlib import Path

from diff_helpers import account, old_report, query, report
from typer.testing import CliRunner

from creditdiff.cli import app
from creditdiff.model import Report
from creditdiff.serialize import report_to_dict, validate

runner = CliRunner()

OLD = old_report([account("credit_card", used=300), account("non_revolving_loan", balance=900)])
NEW = report(
    [
        account("credit_card", used=0),
        account("non_revolving_loan", status="结清", balance=None),
        account("credit_card", institution="样例银行股份有限公司", opened="2024-02-02"),
    ],
    queries=[query("2024-03-01", "贷款审批", "样例银行股份有限公司")],
)


def save(path: Path, rep: Report) -> str:
    path.write_text(json.dumps(report_to_dict(rep), ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_text_output_groups_findings_by_institution(tmp_path: Path) -> None:
    """The default output lists each institution once with its findings, exit 1."""
    result = runner.invoke(
        app, ["diff", save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW)]
    )
    assert result.exit_code == 1, result.output
    lines = result.stdout.splitlines()
    assert lines.count("示例银行股份有限公司") == 1
    assert lines.count("样例银行股份有限公司") == 1
    assert "已还清未销户" in result.stdout and "审批类查询" in result.stdout
    assert "\x1b[" not in result.stdout  # piped: plain text, no colour codes


def test_json_output_validates_against_diff_schema(tmp_path: Path) -> None:
    """--json prints contract JSON that validates against diff.schema.json."""
    result = runner.invoke(
        app, ["diff", save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW), "--json"]
    )
    document = json.loads(result.stdout)
    validate(document, "diff")
    assert document["old"]["file"] == "a.json"
    assert {f["code"] for f in document["findings"]} == {
        "settled_not_closed",
        "new_account",
        "new_hard_inquiry",
        "closed",
        "paid_off",
    }


def test_json_written_to_file(tmp_path: Path) -> None:
    """-o writes the JSON to a file and prints nothing on stdout."""
    out = tmp_path / "diff.json"
    result = runner.invoke(
        app,
        [
            "diff",
            save(tmp_path / "a.json", OLD),
            save(tmp_path / "b.json", NEW),
            "--json",
            "-o",
            str(out),
        ],
    )
    assert result.stdout == ""
    validate(json.loads(out.read_text("utf-8")), "diff")


def test_swapped_arguments_give_a_notice(tmp_path: Path) -> None:
    """Newer-then-older arguments still compare in time order and say so."""
    older, newer = save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW)
    straight = runner.invoke(app, ["diff", older, newer, "--json"])
    swapped = runner.invoke(app, ["diff", newer, older, "--json", "--lang", "zh"])
    assert json.loads(swapped.stdout)["findings"] == json.loads(straight.stdout)["findings"]
    assert "参数顺序" in swapped.stderr
    text = runner.invoke(app, ["diff", newer, older])
    assert "参数顺序" in text.stdout


def test_bad_closures_csv_exits_2_with_line_number(tmp_path: Path) -> None:
    """A closure log with a bad date on line 3 is exit 2 and an error naming line 3."""
    closures = tmp_path / "closures.csv"
    closures.write_text(
        "institution,requested_on\n示例银行,2024-03-01\n示例银行,2024-02-30\n", encoding="utf-8"
    )
    result = runner.invoke(
        app,
        [
            "diff",
            save(tmp_path / "a.json", OLD),
            save(tmp_path / "b.json", NEW),
            "--closures",
            str(closures),
        ],
    )
    assert result.exit_code == 2
    assert "line 3" in result.stderr and "closures.csv" in result.stderr


def test_different_people_exit_2(tmp_path: Path) -> None:
    """Reports of two people are refused with exit 2 and no personal data in the message."""
    other = report([], name="示例乙", id_number="3201**********5678")
    result = runner.invoke(
        app, ["diff", save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", other)]
    )
    assert result.exit_code == 2
    assert "different people" in result.stderr
    assert "示例乙" not in result.stderr and "5678" not in result.stderr


def test_closures_make_closure_not_reflected(tmp_path: Path) -> None:
    """--closures with an old request gives closure_not_reflected; --grace-days is honoured."""
    closures = tmp_path / "closures.csv"
    closures.write_text("institution,requested_on,account,note\n示例银行,2024-06-15,,\n", "utf-8")
    args = ["diff", save(tmp_path / "b.json", NEW), "--closures", str(closures), "--json"]
    within = json.loads(runner.invoke(app, args).stdout)
    overdue = json.loads(runner.invoke(app, [*args, "--grace-days", "30"]).stdout)
    assert "closure_not_reflected" not in {f["code"] for f in within["findings"]}
    assert "closure_not_reflected" in {f["code"] for f in overdue["findings"]}


def test_one_report_lists_its_own_findings(tmp_path: Path) -> None:
    """With one argument the newer report alone is checked: old is null."""
    result = runner.invoke(app, ["diff", save(tmp_path / "b.json", NEW), "--json"])
    document = json.loads(result.stdout)
    assert document["old"] is None
    assert {f["code"] for f in document["findings"]} == {"settled_not_closed"}
    assert result.exit_code == 1


def test_nothing_to_act_on_exits_0(tmp_path: Path) -> None:
    """A report diffed with itself finds nothing and exits 0."""
    path = save(tmp_path / "a.json", OLD)
    result = runner.invoke(app, ["diff", path, path])
    assert result.exit_code == 0
    assert "没有发现需要处理的事项" in result.stdout


def test_missing_input_exits_2(tmp_path: Path) -> None:
    """A report file that does not exist is exit 2 with one error line."""
    result = runner.invoke(
        app, ["diff", str(tmp_path / "nope.pdf"), save(tmp_path / "b.json", NEW)]
    )
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_text_written_to_file_is_plain(tmp_path: Path) -> None:
    """-o without --json writes the readable text, without colour codes, to the file."""
    out = tmp_path / "diff.txt"
    result = runner.invoke(
        app,
        ["diff", save(tmp_path / "a.json", OLD), save(tmp_path / "b.json", NEW), "-o", str(out)],
    )
    assert result.exit_code == 1 and result.stdout == ""
    text = out.read_text("utf-8")
    assert "较早报告：a.json" in text and "已还清未销户" in text and "\x1b[" not in text


def test_institution_groups_come_most_severe_first(tmp_path: Path) -> None:
    """The institution with the most severe finding is listed before the others."""
    # 乙 sorts before 甲 by code point: only severity can put 甲银行 first.
    old = old_report([account("credit_card", institution="甲银行", status="销户", used=None)])
    new = report(
        [
            account("credit_card", institution="甲银行", used=0),
            account("credit_card", institution="乙银行", opened="2024-02-02", used=10),
        ]
    )
    result = runner.invoke(
        app, ["diff", save(tmp_path / "a.json", old), save(tmp_path / "b.json", new)]
    )
    lines = result.stdout.splitlines()
    assert lines.index("甲银行") < lines.index("乙银行")


def test_help_documents_the_single_report_mode() -> None:
    """The command help says what one report alone gives and what the exit codes mean."""
    result = runner.invoke(app, ["diff", "--help"], terminal_width=200)
    assert "With one report only" in result.stdout
    assert "Exit code" in result.stdout
