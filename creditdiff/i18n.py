"""The language of the command line: Chinese by default, English on request.

The language is chosen once per invocation: ``--lang zh|en`` anywhere on the command
line wins, else ``LC_ALL`` / ``LC_MESSAGES`` / ``LANG`` starting with ``en`` give
English, else Chinese. Texts live in message catalogues (``creditdiff/locale/*.yaml``)
keyed by a stable message id, each with ``zh`` and ``en`` text:

- ``help.yaml``: command and option help, keyed ``<command>`` / ``<command>.<param>``;
- ``ui.yaml``: progress, notices and summary lines printed by the CLI;
- ``messages.yaml``: error, warning and notice texts. The library raises its
  errors with English text (the exception API is unchanged); :func:`translate`
  recognises a message by either language's text (placeholders become wildcards)
  and prints it in the chosen language, keeping the file name in front.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

LANGUAGES = ("zh", "en")
_state = {"lang": "zh"}


def detect(argv: Sequence[str] = (), environ: Mapping[str, str] | None = None) -> str:
    """The language for these arguments and this environment ("zh" unless told "en")."""
    for index, word in enumerate(argv):
        if word == "--":
            break
        if word == "--lang" and index + 1 < len(argv):
            return _normalise(argv[index + 1])
        if word.startswith("--lang="):
            return _normalise(word.partition("=")[2])
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if value:
            return "en" if value.lower().startswith("en") else "zh"
    return "zh"


def _normalise(value: str) -> str:
    value = value.strip().lower()
    if value.startswith("en"):
        return "en"
    return "zh"


def strip_lang(argv: Sequence[str]) -> list[str]:
    """The arguments without ``--lang X`` / ``--lang=X`` (they are read by :func:`detect`)."""
    out: list[str] = []
    skip = False
    for index, word in enumerate(argv):
        if skip:
            skip = False
            continue
        if word == "--":
            out.extend(argv[index:])
            break
        if word == "--lang":
            skip = True
            continue
        if word.startswith("--lang="):
            continue
        out.append(word)
    return out


def set_language(lang: str) -> None:
    _state["lang"] = lang if lang in LANGUAGES else "zh"


def language() -> str:
    return _state["lang"]


@functools.cache
def catalogue(name: str) -> dict[str, dict[str, str]]:
    """One catalogue: message id -> {"zh": text, "en": text}."""
    text = (resources.files("creditdiff") / "locale" / f"{name}.yaml").read_text("utf-8")
    # libyaml's loader when PyYAML has it: the pure-Python one takes most of --help's
    # start-up on these files (the same data either way; they ship with the package).
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    data: Any = yaml.load(text, Loader=loader)
    return {str(key): {k: str(v) for k, v in value.items()} for key, value in data.items()}


def has(name: str, key: str) -> bool:
    return key in catalogue(name)


def text(name: str, key: str, /, **params: object) -> str:
    """The text of ``key`` in catalogue ``name`` in the current language, filled in."""
    entry = catalogue(name)[key]
    template = entry.get(language()) or entry["zh"]
    return template.format(**params) if params else template


def ui(key: str, /, **params: object) -> str:
    """A line of the CLI's own (``ui.yaml``)."""
    return text("ui", key, **params)


@dataclass(frozen=True)
class _Pattern:
    id: str
    regexes: tuple[re.Pattern[str], ...]


def _regex(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    pattern = ""
    for index, part in enumerate(parts):
        pattern += f"(?P<{part}>.+?)" if index % 2 else re.escape(part)
    return re.compile(pattern + "$", re.DOTALL)


@functools.cache
def _patterns() -> tuple[_Pattern, ...]:
    return tuple(
        _Pattern(key, tuple(_regex(entry[lang]) for lang in LANGUAGES if lang in entry))
        for key, entry in catalogue("messages").items()
    )


def message_id(message: str) -> str | None:
    """The catalogue id of an error, warning or notice text (either language), if known."""
    found = _match(message)
    return None if found is None else found[1]


def _match(message: str) -> tuple[str, str, dict[str, str]] | None:
    """The head (``"<file>: "`` or ``""``), catalogue id and fields of a message.

    The whole text is tried first, then ``<file>: <text>`` with the shortest head, so an
    error that quotes other errors (a folder's list of unreadable files) is matched as
    itself, not as the last error it quotes.
    """
    heads = [0] + [found.end() for found in re.finditer(": ", message)]
    for start in heads:
        rest = message[start:]
        for pattern in _patterns():
            for regex in pattern.regexes:
                found = regex.match(rest)
                if found:
                    return message[:start], pattern.id, found.groupdict()
    return None


def translate(message: str) -> str:
    """An error, warning or notice in the current language; unknown texts unchanged."""
    found = _match(message)
    if found is None:
        return message
    head, key, params = found
    if "errors" in params:
        # A list of other errors ("a.pdf: …; b.pdf: …"): each in the current language too.
        params["errors"] = "; ".join(translate(part) for part in params["errors"].split("; "))
    return head + text("messages", key, **params)


__all__ = [
    "LANGUAGES",
    "catalogue",
    "detect",
    "language",
    "message_id",
    "set_language",
    "strip_lang",
    "text",
    "translate",
    "ui",
]
