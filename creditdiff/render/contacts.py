"""Who to call: the customer-service channel of an institution and what to say.

From ``templates/contacts.yaml`` (hotlines of large banks, card centres, consumer-finance
companies and internet lenders, each with its source), else the generic route of the
institution's kind. Call scripts are keyed by finding code (by its string, so codes
added later only need a line in the file).
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from creditdiff.evidence import ClosureEvidence
from creditdiff.model import Finding
from creditdiff.wording import WordingError, default_templates_dir

FILE_NAME = "contacts.yaml"


@dataclass(frozen=True)
class Contact:
    label: str
    phone: str
    channel: str
    source: str
    names: tuple[str, ...]


@dataclass(frozen=True)
class Contacts:
    entries: tuple[Contact, ...]
    generic: Mapping[str, str]
    scripts: Mapping[str, str]
    checked: str
    #: Printed on cards with a credit card to cancel: which card to keep.
    keep_note: str = ""

    def for_institution(self, institution: str) -> Contact | None:
        """The first entry one of whose names is part of the printed institution name."""
        for entry in self.entries:
            if any(name in institution for name in entry.names):
                return entry
        return None

    def route(self, kind: str) -> str:
        return self.generic.get(kind) or self.generic["other"]

    def script(self, code: str, **values: str) -> str:
        template = self.scripts.get(code) or self.scripts["default"]
        for key, value in values.items():
            template = template.replace("{" + key + "}", value)
        return template


def _text(raw: Mapping[str, Any], key: str, path: Path, number: int) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise WordingError(f"{path}: contact {number} needs a '{key}' text")
    return value.strip()


def load_contacts(folder: Path | None = None) -> Contacts:
    """Read ``contacts.yaml`` from ``folder`` (default: the shipped templates)."""
    path = (folder or default_templates_dir()) / FILE_NAME
    if not path.is_file():
        path = default_templates_dir() / FILE_NAME
    return _load(path)


@functools.cache
def _load(path: Path) -> Contacts:
    try:
        data = yaml.safe_load(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        raise WordingError(f"{path}: cannot read the contacts file") from None
    if not isinstance(data, Mapping):
        raise WordingError(f"{path}: expected a mapping of keys at the top level")
    entries = []
    for number, raw in enumerate(data.get("contacts") or [], start=1):
        if not isinstance(raw, Mapping):
            raise WordingError(f"{path}: contact {number} is not a mapping")
        names = raw.get("names")
        if not isinstance(names, list) or not names or not all(isinstance(n, str) for n in names):
            raise WordingError(f"{path}: contact {number} needs 'names'")
        entries.append(
            Contact(
                label=_text(raw, "label", path, number),
                phone=str(raw.get("phone", "")).strip() or _text(raw, "phone", path, number),
                channel=_text(raw, "channel", path, number),
                source=_text(raw, "source", path, number),
                names=tuple(names),
            )
        )
    generic = data.get("generic")
    scripts = data.get("scripts")
    if not isinstance(generic, Mapping) or "other" not in generic:
        raise WordingError(f"{path}: 'generic' must give a route per kind, with 'other'")
    if not isinstance(scripts, Mapping) or "default" not in scripts:
        raise WordingError(f"{path}: 'scripts' must give a call script per code, with 'default'")
    return Contacts(
        entries=tuple(entries),
        generic={str(k): str(v) for k, v in generic.items()},
        scripts={str(k): str(v) for k, v in scripts.items()},
        checked=str(data.get("checked", "")),
        keep_note=str(data.get("keep_note", "")),
    )


def call_values(finding: Finding) -> dict[str, str]:
    """The call script's blanks for one finding: the account (尾号…) and the request date."""
    family = {"credit_card": "信用卡", "revolving_loan": "循环贷账户", "non_revolving_loan": "贷款"}
    kind = family.get(finding.family.value if finding.family else "", "账户")
    if finding.account_id:
        account = f"尾号{finding.account_id[-4:]}的{kind}"
    elif finding.opened is not None:
        account = f"{finding.opened.isoformat()}开立的{kind}"
    else:
        account = f"这个{kind}"
    evidence = finding.evidence
    if isinstance(evidence, ClosureEvidence):
        requested = evidence.closure.requested_on.isoformat()
    else:
        requested = "此前"
    return {"account": account, "requested_on": requested}
