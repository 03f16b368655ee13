"""Which findings ``creditdiff baseline`` accepts: all, or those chosen by id, code, lender.

Findings that mean money is owed now (``overdue_now``) or that the report was not read in
full (``incomplete_read``) are never accepted in bulk: only when named with ``--code`` or
``--id``. An acceptance that has already expired is refused.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from creditdiff.check.baseline import Baseline, dump_baseline, load_baseline, merged
from creditdiff.diff.identity import institution_key
from creditdiff.errors import UsageError
from creditdiff.model import Finding
from creditdiff.output.write import refuse_inputs
from creditdiff.text import squash

#: Codes (by their string, so codes added later need no change here) never accepted in bulk.
MUST_NAME = ("overdue_now", "incomplete_read")


@dataclass(frozen=True)
class Choice:
    chosen: tuple[Finding, ...]
    #: Findings left out because their code must be named.
    held_back: tuple[Finding, ...]


def _code(finding: Finding) -> str:
    return str(getattr(finding.code, "value", finding.code))


def _at(finding: Finding, fragments: Sequence[str]) -> bool:
    name = squash(finding.institution or "", fold_width=True)
    key = institution_key(finding.institution or "")
    return any(squash(f, fold_width=True) in name or institution_key(f) == key for f in fragments)


def choose(
    findings: Sequence[Finding],
    *,
    ids: Sequence[str] = (),
    codes: Sequence[str] = (),
    institutions: Sequence[str] = (),
) -> Choice:
    """The findings to accept: every filter given must hold (id, code, institution)."""
    wanted_ids = {i.strip() for i in ids}
    wanted_codes = {c.strip().lower() for c in codes}
    chosen: list[Finding] = []
    held: list[Finding] = []
    for finding in findings:
        if wanted_ids and finding.id not in wanted_ids:
            continue
        if wanted_codes and _code(finding) not in wanted_codes:
            continue
        if institutions and not _at(finding, institutions):
            continue
        named = finding.id in wanted_ids or _code(finding) in wanted_codes
        if _code(finding) in MUST_NAME and not named:
            held.append(finding)
            continue
        chosen.append(finding)
    filtered = bool(wanted_ids or wanted_codes or institutions)
    if filtered and not chosen and not held:
        raise UsageError("no finding matches --id/--code/--institution; nothing accepted")
    return Choice(tuple(chosen), tuple(held))


def check_expiry(expires: dt.date | None, today: dt.date) -> None:
    """Refuse an acceptance that would already be expired."""
    if expires is not None and expires < today:
        raise UsageError(f"--expires {expires.isoformat()} is already past; give a later day")


def accept(
    findings: Sequence[Finding],
    path: Path,
    reason: str,
    expires: dt.date | None = None,
    inputs: Sequence[Path] = (),
) -> Baseline:
    """Add ``findings`` to the baseline file at ``path`` (existing entries kept as they are)."""
    refuse_inputs(path, inputs)
    existing = load_baseline(path) if path.exists() else Baseline((), source=str(path))
    baseline = merged(existing, findings, reason, expires)
    dump_baseline(baseline, path, inputs)
    return baseline
