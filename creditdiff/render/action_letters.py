"""One filled-in letter per institution: the 异议 and deletion request with its records.

Each institution whose card asks for a cancellation or a dispute gets its own letter
(``templates/letters.yaml``): the institution's name, every account entry on its card
(type, account id, opening date, the findings with the date each appeared), the
applicant's name, the law quoted as 摘录, an attachment list, a blank reply address and
the answer-by date (20 days after sending, per 征信业管理条例 第二十五条). The ID number
and signature stay blank, to be written by hand.
"""

from __future__ import annotations

import datetime as dt
import functools
from pathlib import Path
from typing import Any

import yaml
from reportlab.platypus import Flowable, KeepTogether, Spacer

from creditdiff.inputs import read_side_file
from creditdiff.placeholders import fill, unsafe_field
from creditdiff.render.action_cards import account_line
from creditdiff.render.action_plan import ActionPlan, InstitutionCard
from creditdiff.render.action_styles import Styles, letter_box, para
from creditdiff.wording import Wording, WordingError, default_templates_dir

ANSWER_DAYS = 20


#: The letter's texts that are filled in, and the one placeholder each may use.
_FILLED = {
    "heading": "institution",
    "salutation": "institution",
    "body": "name",
    "answer": "answer_by",
    "signature": "name",
}


@functools.cache
def _load(path: Path) -> dict[str, Any]:
    raw = read_side_file(path, lambda problem: WordingError(f"{path}: {problem}"))
    try:
        data = yaml.safe_load(raw.decode("utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError, RecursionError, ValueError):
        raise WordingError(f"{path}: cannot read the letter template") from None
    if not isinstance(data, dict):
        raise WordingError(f"{path}: expected a mapping of keys at the top level")
    for key, allowed in _FILLED.items():
        value = data.get(key)
        texts: list[Any] = value if isinstance(value, list) else [value]
        if not texts or not all(isinstance(text, str) for text in texts):
            raise WordingError(f"{path}: '{key}' must be a text or a list of texts")
        for text in texts:
            problem = unsafe_field(text, (allowed,))
            if problem is not None:
                raise WordingError(f"{path}: '{key}' has {problem}")
    return data


def letter_template(folder: Path | None = None) -> dict[str, Any]:
    path = (folder or default_templates_dir()) / "letters.yaml"
    return _load(path if path.is_file() else default_templates_dir() / "letters.yaml")


def records(card: InstitutionCard, wording: Wording) -> list[str]:
    """One line per account entry: its type, id and opening date, then each finding with
    the date it appeared."""
    lines = []
    for number, group in enumerate(card.groups, start=1):
        head = account_line(group.first, wording) or group.first.message
        found = "；".join(
            f"{row.title}（{row.since}）" if row.since else row.title for row in group.rows
        )
        lines.append(f"{number}. {head}：{found}")
    return lines


def letter(
    card: InstitutionCard,
    plan: ActionPlan,
    wording: Wording,
    styles: Styles,
    width: float,
    today: dt.date,
    template: dict[str, Any] | None = None,
) -> list[Flowable]:
    """The filled letter to one institution, boxed, kept on one page."""
    t = template or letter_template()
    name = plan.subject_name or "______"
    answer_by = (today + dt.timedelta(days=ANSWER_DAYS)).isoformat()
    lines: list[Flowable] = [
        para(fill(t["salutation"], {"institution": card.institution}), styles.letter),
        para(fill(t["body"], {"name": name}), styles.letter),
        *(para(item, styles.letter) for item in t["requests"]),
        para(t["records_heading"], styles.letter),
        *(para(line, styles.letter) for line in records(card, wording)),
        para(fill(t["answer"], {"answer_by": answer_by}), styles.letter),
        para(t["attachments_heading"], styles.letter),
        *(para(f"{n}. {item}", styles.letter) for n, item in enumerate(t["attachments"], 1)),
        para(t["reply"], styles.letter),
        *(para(fill(item, {"name": name}), styles.signature) for item in t["signature"]),
        para(t["law_heading"], styles.evidence),
        *(para(item, styles.evidence) for item in t["law"]),
    ]
    table = letter_box(lines, width)
    heading = para(fill(t["heading"], {"institution": card.institution}), styles.h3)
    return [KeepTogether([heading, table])]


def letters_section(
    plan: ActionPlan, wording: Wording, styles: Styles, width: float, today: dt.date
) -> list[Flowable]:
    """A letter for every institution whose card asks for a cancellation or a dispute."""
    chosen = [card for card in plan.cards if card.cancel or card.dispute]
    if not chosen:
        return []
    # The letters follow the blank deletion letter; each is kept whole on one page.
    story: list[Flowable] = [Spacer(1, 12)]
    # The --templates folder's letters.yaml first, as for every other template.
    template = letter_template(wording.folder)
    for card in chosen:
        story += [*letter(card, plan, wording, styles, width, today, template), Spacer(1, 12)]
    return story


__all__ = ["ANSWER_DAYS", "letter", "letters_section", "records"]
