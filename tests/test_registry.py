"""Every finding code has one complete record, and the outputs share its vocabulary."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from creditdiff.diff import rules
from creditdiff.diff.registry import FINDINGS, LABELS, SEVERITY_LABELS, SPECS
from creditdiff.model import FindingCode, Severity
from creditdiff.output import terminal
from creditdiff.wording import default_templates_dir, load_wording

SCHEMA = Path(__file__).resolve().parent.parent / "creditdiff" / "schema" / "diff.schema.json"


def _schema_codes() -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            if "code" in node and isinstance(node["code"], dict) and "enum" in node["code"]:
                found.extend(node["code"]["enum"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(json.loads(SCHEMA.read_text(encoding="utf-8")))
    return found


def test_every_code_has_one_record() -> None:
    """Each FindingCode has exactly one registry record, in enum order, with a rule."""
    assert [spec.code for spec in FINDINGS] == list(FindingCode)
    for spec in FINDINGS:
        assert isinstance(spec.severity, Severity)
        assert callable(spec.rule) and spec.label


def test_schema_enum_matches_registry() -> None:
    """The diff JSON schema's code enum names exactly the registered codes."""
    assert sorted(set(_schema_codes())) == sorted(code.value for code in SPECS)


def test_every_code_has_a_template_and_labels() -> None:
    """Each code has a shipped template, a terminal label and a PDF heading, the same one."""
    wording = load_wording()
    folder = default_templates_dir() / "findings"
    for code in FindingCode:
        assert (folder / f"{code.value}.yaml").is_file()
        assert terminal.CODE_LABELS[code] == LABELS[code]
        assert wording.findings[code].title == LABELS[code]


def test_severity_labels_are_one_vocabulary() -> None:
    """The terminal's severity names are the ones the action PDF prints."""
    shipped = yaml.safe_load((default_templates_dir() / "report.yaml").read_text("utf-8"))
    wording = load_wording()
    for severity in Severity:
        assert terminal.SEVERITY_LABELS[severity] == SEVERITY_LABELS[severity]
        assert wording.label("severity", severity.value) == SEVERITY_LABELS[severity]
        assert shipped["severity"][severity.value] == SEVERITY_LABELS[severity]


def test_rules_are_named_by_their_record_only() -> None:
    """Every public rule function of the rules module is some code's registered rule."""
    registered = {spec.rule for spec in FINDINGS}
    for name in ("settled_not_closed", "reappeared", "closed", "paid_off", "new_account"):
        assert getattr(rules, name) in registered
