"""The action report's wording, loaded from YAML templates (data, not code).

Layout of a templates folder::

    report.yaml                      headings, labels, dispute route, letter, appendix
    findings/<finding code>.yaml     per finding code: explanation, checklist (and a
                                     title replacing the registry label, if wanted)
    institutions/<kind>.yaml         per institution kind: label, name keywords, how to cancel

The shipped folder is ``creditdiff/_templates`` in an installed wheel, or the
repository's top-level ``templates/`` in an editable install. A user folder given with
``--templates DIR`` overrides file by file: it may hold only the files the user changed.
Every file is validated when loaded, so a typo fails before any PDF is written.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from creditdiff.diff.registry import label
from creditdiff.errors import CreditDiffError
from creditdiff.inputs import read_side_file, regular_file_problem
from creditdiff.model import FindingCode
from creditdiff.placeholders import PlaceholderError, fill, unsafe_field


class WordingError(CreditDiffError):
    """A template file is missing, is not valid YAML, or lacks a required key."""


class InstitutionKind(str, enum.Enum):
    """What kind of lender an institution is, told from its name (see ``classify``)."""

    BANK = "bank"
    CONSUMER_FINANCE = "consumer_finance"
    ONLINE_LENDER = "online_lender"
    TRUST = "trust"
    OTHER = "other"


#: The order kinds are tried in: 中银消费金融 is a consumer-finance company, not a bank,
#: and a 科技 platform that names a 银行 partner is still the platform.
CLASSIFY_ORDER = (
    InstitutionKind.CONSUMER_FINANCE,
    InstitutionKind.ONLINE_LENDER,
    InstitutionKind.TRUST,
    InstitutionKind.BANK,
)

# report.yaml keys: kind ("text", "lines", "labels" or "steps") and the placeholders a text
# may use. "steps" is a list of {label, text}: a tick-box column heading and its explanation.
_REPORT_KEYS: Mapping[str, tuple[str, frozenset[str]]] = {
    "document.title": ("text", frozenset()),
    "document.subtitle": ("text", frozenset()),
    "document.subtitle_single": ("text", frozenset()),
    "document.footer": ("text", frozenset({"page", "pages"})),
    "document.generated": ("text", frozenset({"date"})),
    "cover.subject": ("text", frozenset()),
    "cover.id_number": ("text", frozenset()),
    "cover.unknown": ("text", frozenset()),
    "cover.old_report": ("text", frozenset()),
    "cover.new_report": ("text", frozenset()),
    "cover.no_old_report": ("text", frozenset()),
    "cover.report_line": ("text", frozenset({"date", "number"})),
    "cover.counts_heading": ("text", frozenset()),
    "cover.institutions": ("text", frozenset({"count"})),
    "cover.recheck": ("text", frozenset({"date"})),
    "cover.recheck_past": ("text", frozenset({"today"})),
    "cover.nothing": ("text", frozenset()),
    "cover.urgent_heading": ("text", frozenset()),
    "cover.urgent_more": ("text", frozenset({"count"})),
    "cover.chart_heading": ("text", frozenset()),
    "cover.chart_old": ("text", frozenset()),
    "cover.chart_new": ("text", frozenset()),
    "cover.how_to_heading": ("text", frozenset()),
    "cover.how_to": ("lines", frozenset()),
    "severity": ("labels", frozenset()),
    "family": ("labels", frozenset()),
    "chart_family": ("labels", frozenset()),
    "findings_table.heading": ("text", frozenset()),
    "findings_table.intro": ("text", frozenset()),
    "findings_table.institution": ("text", frozenset()),
    "findings_table.found": ("text", frozenset()),
    "findings_table.since": ("text", frozenset()),
    "findings_table.severity": ("text", frozenset()),
    "findings_table.empty": ("text", frozenset()),
    "cards.heading": ("text", frozenset()),
    "cards.intro": ("text", frozenset()),
    "cards.kind": ("text", frozenset()),
    "cards.checklist": ("text", frozenset()),
    "cards.cancel_heading": ("text", frozenset({"kind"})),
    "cards.common_ref": ("text", frozenset({"page"})),
    "cards.dispute_heading": ("text", frozenset({"page"})),
    "cards.dispute_items": ("lines", frozenset({"page"})),
    "cards.dispute_records": ("text", frozenset()),
    "cards.done": ("text", frozenset()),
    "cards.account_line": ("text", frozenset({"family", "opened", "account_id"})),
    "cards.no_value": ("text", frozenset()),
    "cards.continued": ("text", frozenset({"institution"})),
    "cards.branches": ("text", frozenset({"title"})),
    "cards.branch": ("text", frozenset({"condition", "action"})),
    "cards.pending": ("text", frozenset({"requested", "days", "after"})),
    "cards.simple_note": ("text", frozenset()),
    "common.heading": ("text", frozenset()),
    "common.intro": ("text", frozenset()),
    "common.institution": ("text", frozenset()),
    "common.steps": ("steps", frozenset()),
    "dispute.heading": ("text", frozenset()),
    "dispute.intro": ("text", frozenset()),
    "dispute.basis_heading": ("text", frozenset()),
    "dispute.basis": ("text", frozenset()),
    "dispute.steps": ("lines", frozenset()),
    "letter.heading": ("text", frozenset()),
    "letter.institution_blank": ("text", frozenset()),
    "letter.salutation": ("text", frozenset({"institution"})),
    "letter.body": ("text", frozenset({"institution"})),
    "letter.accounts_intro": ("text", frozenset()),
    "letter.record_blanks": ("lines", frozenset()),
    "letter.signature": ("lines", frozenset()),
    "recheck.heading": ("text", frozenset()),
    "recheck.default": ("text", frozenset({"date"})),
    "recheck.sooner": ("text", frozenset({"date", "days"})),
    "recheck.past": ("text", frozenset({"today"})),
    "recheck.free": ("text", frozenset()),
    "appendix.heading": ("text", frozenset()),
    "appendix.rules": ("lines", frozenset()),
    "appendix.verify_heading": ("text", frozenset()),
    "appendix.verify": ("lines", frozenset()),
    "evidence": ("labels", frozenset()),
    "evidence_values": ("labels", frozenset()),
}


_LAYOUT = "expected report.yaml, findings/<finding code>.yaml or institutions/<kind>.yaml"


@dataclass(frozen=True)
class FindingWording:
    """What the report says about one finding code."""

    code: FindingCode
    title: str
    explain: str
    actions: tuple[str, ...]
    #: The institution's cancellation steps and the unbinding steps apply.
    cancel: bool
    #: The 异议 route and the deletion letter apply.
    dispute: bool
    #: Re-check within this many days of the newer report (None: the default time).
    recheck_days: int | None
    #: "如果…就…" branches: (condition, what to do), only one of which applies.
    branches: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class InstitutionWording:
    """What the report says about one kind of institution."""

    kind: InstitutionKind
    label: str
    keywords: tuple[str, ...]
    cancel: tuple[str, ...]


@dataclass(frozen=True)
class Wording:
    """Every sentence the action report prints."""

    report: Mapping[str, Any]
    findings: Mapping[FindingCode, FindingWording]
    institutions: Mapping[InstitutionKind, InstitutionWording]
    #: The user's ``--templates`` folder (None: the shipped templates only); the contacts
    #: and letter templates are looked up there first too.
    folder: Path | None = None

    def _get(self, key: str) -> Any:
        value: Any = self.report
        for part in key.split("."):
            value = value[part]
        return value

    def text(self, key: str, **values: object) -> str:
        """A report.yaml sentence with its placeholders filled (bare known names only)."""
        text: str = self._get(key)
        return _fill(key, text, values) if values else text

    def lines(self, key: str, **values: object) -> tuple[str, ...]:
        """A report.yaml list of sentences, placeholders filled."""
        return tuple(_fill(key, line, values) if values else line for line in self._get(key))

    def steps(self, key: str) -> tuple[tuple[str, str], ...]:
        """A report.yaml list of steps as (column label, explanation) pairs."""
        return tuple((step["label"], step["text"]) for step in self._get(key))

    def label(self, group: str, key: str) -> str:
        """A label from a report.yaml mapping (severity, family, evidence); the key if absent."""
        labels: Mapping[str, str] = self._get(group)
        return labels.get(key, key)

    def classify(self, institution: str) -> InstitutionKind:
        """The kind of an institution, told from keywords in its name."""
        for kind in CLASSIFY_ORDER:
            # A bank branch is a bank even when its name holds 信托 (信托支行, 信托部).
            if kind is InstitutionKind.TRUST and "银行" in institution:
                continue
            if any(word in institution for word in self.institutions[kind].keywords):
                return kind
        return InstitutionKind.OTHER


def _fill(key: str, text: str, values: Mapping[str, object]) -> str:
    try:
        return fill(text, values)
    except PlaceholderError as error:
        raise WordingError(f"report.yaml: '{key}' has {error}") from None


def default_templates_dir() -> Path:
    """The shipped templates: in the installed package, else the repository checkout."""
    packaged = Path(__file__).resolve().parent / "_templates"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "templates"
    if checkout.is_dir():
        return checkout
    raise WordingError("the shipped templates folder is missing (reinstall creditdiff)")


def _relative_paths() -> list[str]:
    paths = ["report.yaml"]
    paths += [f"findings/{code.value}.yaml" for code in FindingCode]
    paths += [f"institutions/{kind.value}.yaml" for kind in InstitutionKind]
    # Read by creditdiff.render.contacts and creditdiff.render.action_letters.
    paths += ["contacts.yaml", "letters.yaml"]
    return paths


def _check_user_dir(user_dir: Path) -> None:
    if not user_dir.is_dir():
        raise WordingError(f"{user_dir}: templates folder not found")
    known = set(_relative_paths())
    for path in sorted(user_dir.rglob("*.yaml")):
        relative = path.relative_to(user_dir).as_posix()
        if relative not in known:
            # A misspelt file name would otherwise be ignored without a word.
            raise WordingError(f"{path}: not a known template file ({_LAYOUT})")
        problem = regular_file_problem(path)
        if problem is not None:
            # A FIFO would block the read; a folder named *.yaml would be skipped unseen.
            raise WordingError(f"{path}: {problem}")


def _read_yaml(path: Path) -> dict[str, Any]:
    raw = read_side_file(path, lambda problem: WordingError(f"{path}: {problem}"))
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        problem = str(error).splitlines()[0]
        raise WordingError(f"{path}: not valid YAML ({problem})") from None
    except RecursionError:
        raise WordingError(f"{path}: nested too deeply to read") from None
    except ValueError:
        # An unquoted impossible date (2022-02-30) or an integer of thousands of digits.
        raise WordingError(f"{path}: holds an impossible date or a number too long") from None
    if not isinstance(data, dict):
        raise WordingError(f"{path}: expected a mapping of keys at the top level")
    unfolded: dict[str, Any] = _unfold(data)
    return unfolded


# YAML folding (``>-``) turns each line break into a space: between two Chinese
# characters or punctuation marks that is a stray space, so it is taken out again.
_FOLDED_SPACE = re.compile(r"(?<=[\u3000-\u9fff\uff00-\uffef]) (?=[\u3000-\u9fff\uff00-\uffef])")


def _unfold(value: Any) -> Any:
    if isinstance(value, str):
        return _FOLDED_SPACE.sub("", value)
    if isinstance(value, list):
        return [_unfold(item) for item in value]
    if isinstance(value, dict):
        return {key: _unfold(item) for key, item in value.items()}
    return value


def _text(path: Path, data: Mapping[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise WordingError(f"{path}: '{key}' must be a non-empty text")
    return value.strip()


def _lines(path: Path, data: Mapping[str, Any], key: str) -> tuple[str, ...]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise WordingError(f"{path}: '{key}' must be a list of texts")
    return tuple(v.strip() for v in value)


def _flag(path: Path, data: Mapping[str, Any], key: str) -> bool:
    value = data.get(key)
    if not isinstance(value, bool):
        raise WordingError(f"{path}: '{key}' must be true or false")
    return value


def _is_step(value: object) -> bool:
    return (
        isinstance(value, dict)
        and set(value) == {"label", "text"}
        and all(isinstance(v, str) and v.strip() for v in value.values())
    )


def _check_report(path: Path, data: Mapping[str, Any]) -> None:
    for key, (kind, allowed) in _REPORT_KEYS.items():
        value: Any = data
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if kind == "labels":
            if not isinstance(value, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in value.items()
            ):
                raise WordingError(f"{path}: '{key}' must be a mapping of labels")
            continue
        if kind == "steps":
            if not isinstance(value, list) or not value or not all(_is_step(s) for s in value):
                raise WordingError(f"{path}: '{key}' must be a list of {{label, text}} steps")
            texts = [text for step in value for text in (step["label"], step["text"])]
        else:
            texts = [value] if kind == "text" else value
        if not isinstance(texts, list) or not all(isinstance(t, str) and t for t in texts):
            expected = "a non-empty text" if kind == "text" else "a list of texts"
            raise WordingError(f"{path}: '{key}' must be {expected}")
        for text in texts:
            problem = unsafe_field(text, allowed)
            if problem is not None:
                raise WordingError(f"{path}: '{key}' has {problem}")


def _finding(path: Path, code: FindingCode, data: Mapping[str, Any]) -> FindingWording:
    days = data.get("recheck_days")
    if days is not None and (not isinstance(days, int) or isinstance(days, bool) or days < 1):
        raise WordingError(f"{path}: 'recheck_days' must be a whole number of days or null")
    return FindingWording(
        code=code,
        # A user template may retitle a finding; the shipped ones use the registry label.
        title=_text(path, data, "title") if "title" in data else label(code),
        explain=_text(path, data, "explain"),
        actions=_lines(path, data, "actions"),
        cancel=_flag(path, data, "cancel"),
        dispute=_flag(path, data, "dispute"),
        recheck_days=days,
        branches=_branches(path, data),
    )


def _branches(path: Path, data: Mapping[str, Any]) -> tuple[tuple[str, str], ...]:
    """``branches``: a list of ``{if: condition, then: what to do}`` (optional)."""
    value = data.get("branches", [])
    ok = isinstance(value, list) and all(
        isinstance(item, dict)
        and set(item) == {"if", "then"}
        and all(isinstance(item[k], str) and item[k].strip() for k in ("if", "then"))
        for item in value
    )
    if not ok:
        raise WordingError(f"{path}: 'branches' must be a list of {{if, then}} texts")
    return tuple((item["if"].strip(), item["then"].strip()) for item in value)


def _institution(path: Path, kind: InstitutionKind, data: Mapping[str, Any]) -> InstitutionWording:
    keywords = data.get("keywords")
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k for k in keywords):
        raise WordingError(f"{path}: 'keywords' must be a list of name fragments (may be empty)")
    return InstitutionWording(
        kind=kind,
        label=_text(path, data, "label"),
        keywords=tuple(keywords),
        cancel=_lines(path, data, "cancel"),
    )


def load_wording(templates_dir: Path | None = None) -> Wording:
    """Load and validate every template, a user folder's files taking precedence."""
    shipped = default_templates_dir()
    if templates_dir is not None:
        _check_user_dir(templates_dir)

    def locate(relative: str) -> Path:
        if templates_dir is not None and (templates_dir / relative).is_file():
            return templates_dir / relative
        path = shipped / relative
        if not path.is_file():
            raise WordingError(f"{path}: template file missing")
        return path

    report_path = locate("report.yaml")
    report = _read_yaml(report_path)
    _check_report(report_path, report)
    findings = {}
    for code in FindingCode:
        path = locate(f"findings/{code.value}.yaml")
        findings[code] = _finding(path, code, _read_yaml(path))
    institutions = {}
    for kind in InstitutionKind:
        path = locate(f"institutions/{kind.value}.yaml")
        institutions[kind] = _institution(path, kind, _read_yaml(path))
    return Wording(
        report=report, findings=findings, institutions=institutions, folder=templates_dir
    )


__all__ = [
    "FindingWording",
    "InstitutionKind",
    "InstitutionWording",
    "Wording",
    "WordingError",
    "default_templates_dir",
    "load_wording",
]
