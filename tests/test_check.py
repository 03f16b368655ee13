"""`creditdiff check`: exit codes, the threshold, JSON output and folders ordered by report time."""

from __future__ import annotations

import json
import os
from pathlib import Path

import _reportcases as cases
import pytest
from _checkdata import finding
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from creditdiff.check import Baseline, BaselineEntry, exit_code
from creditdiff.cli import app
from creditdiff.model import FindingCode, Severity
from creditdiff.serialize import validate

runner = CliRunner()

OLDER_NUMBER = "2023113009000012345678"
NEWER_NUMBER = "2024053110121345678901"


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Parse-JSON files of the older, newer and clean reports of one fictitious person."""
    folder = tmp_path_factory.mktemp("reports")
    return {
        "older": cases.write(cases.older(), folder / "older.json"),
        "newer": cases.write(cases.newer(), folder / "newer.json"),
        "clean": cases.write(cases.clean(), folder / "clean.json"),
    }


@pytest.mark.parametrize(
    ("severity", "threshold", "expected"),
    [
        (Severity.HIGH, Severity.MEDIUM, 1),
        (Severity.MEDIUM, Severity.MEDIUM, 1),
        (Severity.LOW, Severity.MEDIUM, 0),
        (Severity.INFO, Severity.LOW, 0),
        (Severity.LOW, Severity.LOW, 1),
        (Severity.INFO, Severity.INFO, 1),
        (Severity.MEDIUM, Severity.HIGH, 0),
    ],
)
def test_threshold(severity: Severity, threshold: Severity, expected: int) -> None:
    """A finding counts when its severity is at or above the threshold."""
    assert exit_code([finding("a1", severity)], threshold) == expected


def test_no_findings_exit_zero() -> None:
    """No findings at all is exit 0 at any threshold."""
    assert exit_code([], Severity.INFO) == 0


def test_exit_1_when_a_finding_reaches_medium(reports: dict[str, Path]) -> None:
    """A paid-off card still open (medium) makes check exit 1 and is named in the output."""
    result = runner.invoke(app, ["check", str(reports["older"]), str(reports["newer"])])
    assert result.exit_code == 1, result.output
    assert "已还清未销户" in result.stdout
    assert "退出码 1" in result.stdout


def test_exit_0_when_only_good_news(reports: dict[str, Path]) -> None:
    """A closed card (info) alone leaves check at exit 0 under the default threshold."""
    result = runner.invoke(app, ["check", str(reports["older"]), str(reports["clean"])])
    assert result.exit_code == 0, result.output
    assert "退出码 0" in result.stdout


def test_fail_on_moves_the_threshold(reports: dict[str, Path]) -> None:
    """--fail-on high passes the medium finding; --fail-on info fails on good news."""
    older, newer, clean = (str(reports[k]) for k in ("older", "newer", "clean"))
    assert runner.invoke(app, ["check", older, newer, "--fail-on", "high"]).exit_code == 0
    assert runner.invoke(app, ["check", older, clean, "--fail-on", "info"]).exit_code == 1
    assert runner.invoke(app, ["check", older, clean, "--fail-on", "LOW"]).exit_code == 0


@pytest.mark.parametrize(
    "arguments",
    [
        ["check"],
        ["check", "{older}", "{newer}", "--fail-on", "urgent"],
        ["check", "{older}", "{missing}"],
        ["check", "{older}", "{newer}", "--baseline", "{missing}"],
        ["check", "{older}", "{newer}", "--dir", "{folder}"],
        ["check", "{older}", "{newer}", "--all"],
        ["check", "--dir", "{missing}"],
        ["check", "{older}", "{newer}", "--format", "xml"],
    ],
)
def test_usage_and_input_errors_exit_2(
    reports: dict[str, Path], arguments: list[str], tmp_path: Path
) -> None:
    """Usage and input errors exit 2 with a message on stderr and nothing on stdout."""
    values = {
        "older": str(reports["older"]),
        "newer": str(reports["newer"]),
        "missing": str(tmp_path / "absent.json"),
        "folder": str(tmp_path),
    }
    result = runner.invoke(app, [a.format(**values) for a in arguments])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip()
    assert "Traceback" not in result.stderr


def test_different_people_exit_2(reports: dict[str, Path], tmp_path: Path) -> None:
    """Two people's reports are refused with exit 2."""
    other = cases.newer()
    other["person"] = {"name": "示例乙", "id_type": "身份证", "id_number": "110101198502025678"}
    stranger = cases.write(other, tmp_path / "stranger.json")
    result = runner.invoke(app, ["check", str(reports["older"]), str(stranger)])
    assert result.exit_code == 2
    assert "different people" in result.stderr


def test_json_output_follows_the_contract(reports: dict[str, Path]) -> None:
    """--format json is the contract's diff JSON plus a verdict per finding and a check object."""
    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "--format", "json"]
    )
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    validate(document, "diff")
    assert document["old"]["number"] == OLDER_NUMBER
    assert document["new"]["number"] == NEWER_NUMBER
    verdicts = {f["code"]: f["verdict"] for f in document["findings"]}
    assert verdicts[FindingCode.SETTLED_NOT_CLOSED.value] == "counted"
    assert verdicts[FindingCode.NEW_ACCOUNT.value] == "below_threshold"
    assert document["check"]["fail_on"] == "medium"
    assert document["check"]["exit_code"] == 1
    assert document["check"]["counted"] == 1


def test_output_file(reports: dict[str, Path], tmp_path: Path) -> None:
    """-o writes the output to a file and leaves stdout empty; the exit code is unchanged."""
    target = tmp_path / "check.json"
    result = runner.invoke(
        app,
        [
            "check",
            str(reports["older"]),
            str(reports["newer"]),
            "--format",
            "json",
            "-o",
            str(target),
        ],
    )
    assert result.exit_code == 1
    assert result.stdout == ""
    assert json.loads(target.read_text("utf-8"))["check"]["counted"] == 1


def test_newer_report_alone(reports: dict[str, Path]) -> None:
    """One report alone is checked for what it shows on its own (the open paid-off card)."""
    result = runner.invoke(app, ["check", str(reports["newer"]), "--format", "json"])
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert document["old"] is None
    assert [f["code"] for f in document["findings"]] == ["settled_not_closed"]


def _misleading_folder(folder: Path, suffix: str) -> dict[str, Path]:
    """Three reports whose file names and mtimes both suggest the reverse of their 报告时间."""
    folder.mkdir()
    paths = {
        # The oldest report gets the "newest" name and the newest mtime, and so on.
        "oldest": cases.write(
            cases.older("2023050109000011111111", "2023-05-01T09:00:00"),
            folder / f"2099-newest{suffix}",
        ),
        "middle": cases.write(cases.older(), folder / f"2050-middle{suffix}"),
        "newest": cases.write(cases.newer(), folder / f"0000-oldest{suffix}"),
    }
    for offset, key in enumerate(("newest", "middle", "oldest")):
        stamp = 1_600_000_000 + offset * 86_400
        os.utime(paths[key], (stamp, stamp))
    return paths


@pytest.mark.parametrize("suffix", [".json", ".pdf"])
def test_dir_orders_by_report_time_not_names_or_mtimes(tmp_path: Path, suffix: str) -> None:
    """--dir checks the newest 报告时间 against the one before, whatever names and mtimes say."""
    paths = _misleading_folder(tmp_path / "reports", suffix)
    result = runner.invoke(app, ["check", "--dir", str(tmp_path / "reports"), "--format", "json"])
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert document["old"]["file"] == paths["middle"].name
    assert document["new"]["file"] == paths["newest"].name
    assert document["new"]["number"] == NEWER_NUMBER


def test_dir_list_prints_report_time_order(tmp_path: Path) -> None:
    """--dir --list prints the reports oldest first by 报告时间, one path per line."""
    paths = _misleading_folder(tmp_path / "reports", ".json")
    result = runner.invoke(app, ["check", "--dir", str(tmp_path / "reports"), "--list"])
    assert result.exit_code == 0
    listed = [line.split("\t")[1] for line in result.stdout.splitlines()]
    assert listed == [str(paths[k]) for k in ("oldest", "middle", "newest")]


def test_dir_all_checks_every_pair(tmp_path: Path) -> None:
    """--dir --all checks each successive pair; the exit code is the worst of them."""
    _misleading_folder(tmp_path / "reports", ".json")
    result = runner.invoke(
        app, ["check", "--dir", str(tmp_path / "reports"), "--all", "--format", "json"]
    )
    assert result.exit_code == 1
    documents = json.loads(result.stdout)
    assert [(d["old"]["number"], d["new"]["number"]) for d in documents] == [
        ("2023050109000011111111", OLDER_NUMBER),
        (OLDER_NUMBER, NEWER_NUMBER),
    ]
    assert [d["check"]["exit_code"] for d in documents] == [0, 1]


def test_dir_with_an_unreadable_file_exits_2(tmp_path: Path) -> None:
    """A file in the folder that cannot be read stops the check with exit 2 naming it."""
    _misleading_folder(tmp_path / "reports", ".json")
    (tmp_path / "reports" / "scan.pdf").write_bytes(b"not a pdf at all")
    result = runner.invoke(app, ["check", "--dir", str(tmp_path / "reports")])
    assert result.exit_code == 2
    assert "scan.pdf" in result.stderr


def test_dir_skips_creditdiffs_own_action_pdfs(tmp_path: Path) -> None:
    """Action PDFs creditdiff wrote beside the reports are not read as reports."""
    _misleading_folder(tmp_path / "reports", ".json")
    (tmp_path / "reports" / "0000-oldest.actions.pdf").write_bytes(b"%PDF-1.4 not a report")
    result = runner.invoke(app, ["check", "--dir", str(tmp_path / "reports")])
    assert result.exit_code == 1, result.stderr


def test_dir_with_one_report_checks_it_alone(tmp_path: Path) -> None:
    """A folder with a single report checks that report on its own."""
    folder = tmp_path / "reports"
    folder.mkdir()
    cases.write(cases.clean(), folder / "only.json")
    result = runner.invoke(app, ["check", "--dir", str(folder), "--format", "json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["old"] is None


def test_dir_empty_folder_exits_2(tmp_path: Path) -> None:
    """A folder without reports is an input error."""
    result = runner.invoke(app, ["check", "--dir", str(tmp_path)])
    assert result.exit_code == 2
    assert "no report PDFs" in result.stderr


def test_piped_output_has_no_progress_junk(tmp_path: Path) -> None:
    """When not in a terminal the progress bar is hidden: stderr stays empty, stdout is JSON."""
    _misleading_folder(tmp_path / "reports", ".json")
    result = runner.invoke(app, ["check", "--dir", str(tmp_path / "reports"), "--format", "json"])
    assert result.stderr == ""
    json.loads(result.stdout)
    assert "Reading reports" not in result.stdout


def test_dir_keeps_one_copy_of_the_same_report(tmp_path: Path) -> None:
    """A report present twice (its PDF and its parse JSON, or a copy) is checked once."""
    folder = tmp_path / "reports"
    folder.mkdir()
    cases.write(cases.older(), folder / "older.json")
    newest = cases.write(cases.newer(), folder / "newer.json")
    (folder / "newer-copy.json").write_bytes(newest.read_bytes())
    listed = runner.invoke(app, ["check", "--dir", str(folder), "--list"])
    assert len(listed.stdout.splitlines()) == 2
    result = runner.invoke(app, ["check", "--dir", str(folder), "--format", "json"])
    document = json.loads(result.stdout)
    assert document["old"]["number"] == OLDER_NUMBER
    assert document["new"]["number"] == NEWER_NUMBER


def test_dir_refuses_two_peoples_reports(tmp_path: Path) -> None:
    """A folder mixing two people's reports is refused with exit 2."""
    folder = tmp_path / "reports"
    folder.mkdir()
    cases.write(cases.older(), folder / "older.json")
    other = cases.newer()
    other["person"] = {"name": "示例乙", "id_type": "身份证", "id_number": "110101198502025678"}
    cases.write(other, folder / "stranger.json")
    result = runner.invoke(app, ["check", "--dir", str(folder)])
    assert result.exit_code == 2
    assert "different people" in result.stderr


def test_junit_format_from_the_cli(reports: dict[str, Path]) -> None:
    """--format junit prints XML with one test case per finding and keeps the exit code."""
    import xml.etree.ElementTree as ET

    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "--format", "junit"]
    )
    assert result.exit_code == 1
    root = ET.fromstring(result.stdout.encode("utf-8"))
    json_result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "--format", "json"]
    )
    findings = json.loads(json_result.stdout)["findings"]
    cases_ = root.findall(".//testcase")
    assert len(cases_) == len(findings) == 3
    assert len(root.findall(".//testcase/failure")) == 1


def test_baseline_command_then_check_passes(reports: dict[str, Path], tmp_path: Path) -> None:
    """`creditdiff baseline` accepts the current findings; check then exits 0 listing them."""
    older, newer = str(reports["older"]), str(reports["newer"])
    path = tmp_path / "baseline.yaml"
    made = runner.invoke(app, ["baseline", older, newer, "-o", str(path), "--reason", "已申请销户"])
    assert made.exit_code == 0, made.stderr
    result = runner.invoke(app, ["check", older, newer, "--baseline", str(path)])
    assert result.exit_code == 0, result.stdout
    assert "已申请销户" in result.stdout
    document = json.loads(
        runner.invoke(
            app, ["check", older, newer, "--baseline", str(path), "--format", "json"]
        ).stdout
    )
    assert {f["verdict"] for f in document["findings"]} == {"accepted"}


def test_expired_baseline_fails_again_from_the_cli(
    reports: dict[str, Path], tmp_path: Path
) -> None:
    """A baseline whose acceptance has expired no longer keeps check at exit 0."""
    older, newer = str(reports["older"]), str(reports["newer"])
    path = tmp_path / "baseline.yaml"
    # `baseline --expires` refuses a past day, so the acceptance runs out in the file itself.
    runner.invoke(app, ["baseline", older, newer, "-o", str(path), "--expires", "2999-01-01"])
    path.write_text(path.read_text("utf-8").replace("2999-01-01", "2020-01-01"), "utf-8")
    result = runner.invoke(app, ["check", older, newer, "--baseline", str(path)])
    assert result.exit_code == 1
    assert "到期" in result.stdout


def test_malformed_baseline_from_the_cli(reports: dict[str, Path], tmp_path: Path) -> None:
    """A malformed baseline exits 2 with one line naming the file."""
    path = tmp_path / "broken-baseline.yaml"
    path.write_text("accepted:\n  - id: x\n", encoding="utf-8")
    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "--baseline", str(path)]
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "broken-baseline.yaml" in result.stderr


def test_unwritable_output_exits_2(reports: dict[str, Path], tmp_path: Path) -> None:
    """An -o path in a missing folder is one error line and exit 2, not a traceback."""
    target = tmp_path / "missing" / "check.txt"
    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "-o", str(target)]
    )
    assert result.exit_code == 2
    assert "cannot write" in result.stderr
    assert "Traceback" not in result.stderr


def test_text_output_file_is_plain(reports: dict[str, Path], tmp_path: Path) -> None:
    """The text written with -o has the findings and no terminal escape codes."""
    target = tmp_path / "check.txt"
    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "-o", str(target)]
    )
    assert result.exit_code == 1
    text = target.read_text("utf-8")
    assert "已还清未销户" in text
    assert "\x1b[" not in text


def test_dir_all_with_one_pair_is_still_a_list(tmp_path: Path) -> None:
    """--all gives a JSON list even when the folder holds just one pair."""
    folder = tmp_path / "reports"
    folder.mkdir()
    cases.write(cases.older(), folder / "older.json")
    cases.write(cases.newer(), folder / "newer.json")
    result = runner.invoke(app, ["check", "--dir", str(folder), "--all", "--format", "json"])
    documents = json.loads(result.stdout)
    assert isinstance(documents, list) and len(documents) == 1
    assert documents[0]["new"]["number"] == NEWER_NUMBER


def test_bad_closure_log_exits_2(reports: dict[str, Path], tmp_path: Path) -> None:
    """A closure log with a bad date is an input error (exit 2) naming its line."""
    log = tmp_path / "closures.csv"
    log.write_text("institution,requested_on,account,note\n示例银行,not-a-date,,\n", "utf-8")
    result = runner.invoke(
        app, ["check", str(reports["older"]), str(reports["newer"]), "--closures", str(log)]
    )
    assert result.exit_code == 2
    assert "closures.csv" in result.stderr


SEVERITIES = st.sampled_from(list(Severity))


@given(severities=st.lists(SEVERITIES, max_size=8), threshold=SEVERITIES, lower=SEVERITIES)
def test_exit_code_invariants(
    severities: list[Severity], threshold: Severity, lower: Severity
) -> None:
    """Exit 1 exactly when some severity reaches the threshold; a lower threshold never
    lowers the code; accepting every finding always gives 0."""
    findings = [finding(f"f{n}", severity) for n, severity in enumerate(severities)]
    code = exit_code(findings, threshold)
    assert code == int(any(s.rank >= threshold.rank for s in severities))
    if lower.rank <= threshold.rank:
        assert exit_code(findings, lower) >= code
    everything = Baseline(tuple(BaselineEntry(id=f.id, reason="ok") for f in findings))
    assert exit_code(findings, threshold, everything) == 0
