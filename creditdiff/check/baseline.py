"""Baselines: findings the person has looked at and accepted, by stable finding id.

A baseline is a YAML (or JSON: YAML reads both) file::

    accepted:
      - id: 3f9c0a1b2c4d5e6f        # the finding's stable id
        reason: 已电话确认，等待下月更新  # why it is accepted (required)
        expires: 2025-06-01          # optional: the last day the acceptance holds
        code: settled_not_closed     # informative only, written by `creditdiff baseline`
        institution: 示例银行股份有限公司
        message: ...

An accepted finding is still listed (as accepted) but does not count toward the exit
code; once past its ``expires`` date it counts again, so an acceptance cannot silently
hide a line that was never cleaned up.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from creditdiff.errors import CreditDiffError, OutputFileError
from creditdiff.inputs import read_side_file
from creditdiff.model import Comparison, Finding
from creditdiff.output.write import refuse_inputs, write_document


class BaselineError(CreditDiffError):
    """A baseline file that cannot be read; the message names the file and the entry."""

    def __init__(self, path: str | Path, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


@dataclass(frozen=True)
class BaselineEntry:
    id: str
    reason: str
    #: The last day the acceptance holds; None for no expiry.
    expires: dt.date | None = None
    code: str | None = None
    institution: str | None = None
    message: str | None = None

    def expired(self, today: dt.date) -> bool:
        """Whether the acceptance has run out (it holds through its ``expires`` day)."""
        return self.expires is not None and today > self.expires


@dataclass(frozen=True)
class Baseline:
    entries: tuple[BaselineEntry, ...] = ()
    #: The file it was read from, for messages.
    source: str | None = None

    def entry(self, finding_id: str) -> BaselineEntry | None:
        for entry in self.entries:
            if entry.id == finding_id:
                return entry
        return None


def _read_date(value: object) -> dt.date | None:
    # YAML turns an unquoted 2025-06-01 into a date; JSON and quoted YAML give a string.
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _optional_text(raw: Mapping[str, Any], key: str) -> str | None:
    value = raw.get(key)
    return value if isinstance(value, str) else None


def _entry(raw: object, number: int, path: Path) -> BaselineEntry:
    # Messages quote the entry number and key, never the values (they may name accounts).
    if not isinstance(raw, Mapping):
        raise BaselineError(path, f"entry {number} of 'accepted' is not a mapping")
    finding_id = raw.get("id")
    if not isinstance(finding_id, str) or not finding_id.strip():
        raise BaselineError(path, f"entry {number} has no 'id' (the finding id to accept)")
    reason = raw.get("reason")
    if not isinstance(reason, str) or not reason.strip():
        raise BaselineError(path, f"entry {number} has no 'reason' (say why it is accepted)")
    expires = raw.get("expires")
    expires_on = _read_date(expires)
    if expires is not None and expires_on is None:
        raise BaselineError(path, f"entry {number}: 'expires' is not a date (YYYY-MM-DD)")
    return BaselineEntry(
        id=finding_id.strip(),
        reason=reason.strip(),
        expires=expires_on,
        code=_optional_text(raw, "code"),
        institution=_optional_text(raw, "institution"),
        message=_optional_text(raw, "message"),
    )


def load_baseline(path: Path) -> Baseline:
    """Read a baseline file; a BaselineError naming the file when it is malformed."""
    if not path.exists():
        raise BaselineError(path, "no such baseline file")
    raw = read_side_file(path, lambda problem: BaselineError(path, problem))
    try:
        data = yaml.safe_load(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise BaselineError(path, "baseline is not UTF-8 text") from None
    except yaml.YAMLError:
        raise BaselineError(path, "baseline is not valid YAML or JSON") from None
    except RecursionError:
        # safe_load builds nested lists recursively: [[[[... a few thousand deep.
        raise BaselineError(path, "baseline is nested too deeply to read") from None
    except ValueError as error:
        # PyYAML reads an unquoted 2025-13-45 as a date and fails while building it, and
        # an integer of over 4 300 digits exceeds Python's int-string conversion limit.
        if "digits" in str(error):
            raise BaselineError(path, "baseline holds a number too long to read") from None
        raise BaselineError(path, "baseline holds an impossible date (YYYY-MM-DD)") from None
    if data is None:
        return Baseline((), source=str(path))
    if not isinstance(data, Mapping) or not isinstance(data.get("accepted", []), list):
        raise BaselineError(path, "baseline must be a mapping with an 'accepted' list")
    entries: list[BaselineEntry] = []
    seen: set[str] = set()
    for number, raw in enumerate(data.get("accepted") or [], start=1):
        entry = _entry(raw, number, path)
        if entry.id in seen:
            raise BaselineError(path, f"entry {number} repeats an id accepted above")
        seen.add(entry.id)
        entries.append(entry)
    return Baseline(tuple(entries), source=str(path))


def entry_for(finding: Finding, reason: str, expires: dt.date | None = None) -> BaselineEntry:
    return BaselineEntry(
        id=finding.id,
        reason=reason,
        expires=expires,
        code=finding.code.value,
        institution=finding.institution,
        message=finding.message,
    )


def _entry_to_dict(entry: BaselineEntry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "reason": entry.reason}
    if entry.expires is not None:
        data["expires"] = entry.expires.isoformat()
    for key in ("code", "institution", "message"):
        value = getattr(entry, key)
        if value is not None:
            data[key] = value
    return data


_YAML_HEADER = (
    "# creditdiff baseline: findings accepted by id. They are still listed by\n"
    "# `creditdiff check --baseline FILE` but no longer make it exit 1.\n"
    "# Each entry needs a reason; add `expires: YYYY-MM-DD` to let it count again\n"
    "# after that day.\n"
)


def dump_baseline(baseline: Baseline, path: Path, inputs: Sequence[Path] = ()) -> None:
    """Write a baseline as JSON when the file name ends in .json, else as YAML."""
    document = {"accepted": [_entry_to_dict(entry) for entry in baseline.entries]}
    if path.suffix.lower() == ".json":
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        text = _YAML_HEADER + yaml.safe_dump(
            document, allow_unicode=True, sort_keys=False, width=1000
        )
    try:
        write_document(path, text, inputs)
    except OutputFileError as error:
        raise BaselineError(path, error.problem) from None


def merged(
    existing: Baseline, findings: Iterable[Finding], reason: str, expires: dt.date | None = None
) -> Baseline:
    """The existing entries as they are, plus an entry for every finding not yet in it."""
    entries = list(existing.entries)
    known = {entry.id for entry in entries}
    for finding in findings:
        if finding.id not in known:
            entries.append(entry_for(finding, reason, expires))
            known.add(finding.id)
    return Baseline(tuple(entries), source=existing.source)


def write_baseline(
    comparison: Comparison,
    path: Path,
    reason: str,
    *,
    expires: dt.date | None = None,
    inputs: Sequence[Path] = (),
) -> Baseline:
    """Accept every current finding of a comparison into the baseline file at ``path``.

    An existing baseline keeps its entries (their reasons and expiry dates unchanged);
    findings it does not hold yet are added with ``reason``.
    """
    refuse_inputs(path, inputs)
    existing = load_baseline(path) if path.exists() else Baseline((), source=str(path))
    baseline = merged(existing, comparison.findings, reason, expires)
    dump_baseline(baseline, path, inputs)
    return baseline
