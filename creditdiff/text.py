"""Text helpers shared by the parsers, the diff and the renderers: punctuation, dates,
amounts, ID masking and the one whitespace/width normaliser (``squash``).

Extraction pitfalls these handle: full- and
half-width punctuation, ``--`` for empty cells, thousands separators, dash variants,
stray spaces from wrapped cells, and page furniture (``第 N 页，共 M 页``).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from creditdiff.model import Month, PartialDate

# Half-width forms that extraction yields for the report's full-width punctuation.
_TO_HALF = str.maketrans({"（": "(", "）": ")", "：": ":", "，": ",", "。": ".", "；": ";"})

EMPTY_CELL = frozenset({"", "--", "-", "—", "－", "——"})

_SPACE_RE = re.compile(r"\s+")
_AMOUNT_RE = re.compile(r"^-?\d{1,3}(?:,\d{3})+$|^-?\d+$")
_DOTTED_DATE_RE = re.compile(r"^(\d{4})[.\-/](\d{1,2})[.\-/](\d{1,2})$")
_CN_DATE_RE = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")
_CN_MONTH_RE = re.compile(r"^(\d{4})年(\d{1,2})月$")
_ISO_MONTH_RE = re.compile(r"^(\d{4})[.\-/](\d{1,2})$")


def squash(text: str, *, fold_width: bool = False) -> str:
    """Remove every whitespace run: wrap breaks and stray spaces inside CJK values.

    With ``fold_width``, NFKC-normalise first (full width -> half width), so two
    printings of one name or reason compare equal.
    """
    if fold_width:
        text = unicodedata.normalize("NFKC", text)
    return _SPACE_RE.sub("", text)


def to_half_width(text: str) -> str:
    """Half-width punctuation, for matching labels and sentence templates."""
    return text.translate(_TO_HALF)


def clean_value(text: str | None) -> str | None:
    """A verbatim text value: wrap breaks and spaces removed, ``--`` -> None."""
    if text is None:
        return None
    value = squash(text)
    return None if value in EMPTY_CELL else value


def parse_amount(text: str | None) -> int | None:
    """``10,000`` -> 10000; ``--``, blanks -> None. Raises ValueError on anything else."""
    value = clean_value(text)
    if value is None:
        return None
    value = value.replace("，", ",").removesuffix("元")
    if not _AMOUNT_RE.match(value):
        raise ValueError(f"not an amount: {value!r}")
    return int(value.replace(",", ""))


def parse_date(text: str | None) -> PartialDate | None:
    """Any printed date: ``2024.05.31``, ``2024年05月31日``, ``2024年05月``, ``2024-05``.

    ``--`` and ``长期`` (no expiry) give None. Raises ValueError on anything else.
    """
    value = clean_value(text)
    if value is None or value == "长期":
        return None
    for pattern in (_DOTTED_DATE_RE, _CN_DATE_RE):
        match = pattern.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return dt.date(year, month, day)
    for pattern in (_CN_MONTH_RE, _ISO_MONTH_RE):
        match = pattern.match(value)
        if match:
            return Month(int(match.group(1)), int(match.group(2)))
    raise ValueError(f"not a date: {value!r}")


def parse_day(text: str | None) -> dt.date | None:
    """Like ``parse_date`` but the value must carry a day."""
    value = parse_date(text)
    if value is not None and not isinstance(value, dt.date):
        raise ValueError(f"date without a day: {text!r}")
    return value


def mask_id(number: str | None) -> str | None:
    """Keep the first 4 and last 4 characters of an ID number, star the rest.

    Already-masked forms (``110108******181X``, ``**************2121``) come out as the
    18-character mask, so masking is idempotent.
    """
    value = clean_value(number)
    if value is None:
        return None
    if len(value) <= 8:
        return "*" * len(value)
    # A number the report printed masked is an 18-character resident ID whatever its
    # printed length (``110108******181X`` is 16): the mask is 18 long, and digits the
    # report hid stay hidden.
    length = 18 if "*" in value else len(value)
    head = value[:4] if "*" not in value[:4] else "****"
    tail = value[-4:] if "*" not in value[-4:] else "****"
    return head + "*" * (length - 8) + tail
