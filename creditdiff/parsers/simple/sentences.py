"""One 简版 entry sentence -> one Account: loan, card and guarantee sentences.

Templates are matched on a half-width copy of the sentence (``text.to_half_width`` maps
one character to one character), and names are sliced from the sentence *as printed*
with the same span, so ``个人商用房（含商住两用）贷款`` keeps its full-width brackets.

Family decisions the 简版 leaves open (it never names the loan family): a
``…授信，…可循环使用`` line is ``revolving_loan`` (it behaves like 循环贷账户二: open until
the line expires), and a
``发放的…元（人民币）…`` loan is ``non_revolving_loan``; the 简版 does not say whether
it was a 循环贷账户一 sub-account, and the closer family is the plain loan.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from creditdiff.model import Account, Family, PartialDate
from creditdiff.text import parse_amount, parse_date, squash, to_half_width

_DAY = r"\d{4}年\d{1,2}月\d{1,2}日"
_MONTH = r"\d{4}年\d{1,2}月"
# ``,`` is both the thousands separator and (half-width) the clause comma: a group only
# counts as thousands when three digits follow and no fourth (``余额100,2024年`` is 100).
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
#: Overdue add-ons after the main sentence: ``最近5年内有N个月处于逾期状态，…。`` and the
#: 准贷记卡 ``最近5年内有N个月透支超过60天，…。`` (no contract field; kept out of the match).
_ADDONS = r"(?:最近\d+年内有\d+个月[^.]*\.)*"


#: The add-on's counts: months overdue (准贷记卡: 透支超过60天) in the last 5 years, and of
#: those the months over 90 days (``没有发生过…90天…`` is none).
_ADDON_COUNTS = re.compile(
    r"最近5年内有(?P<months>\d+)个月(?:处于逾期状态|透支超过60天),"
    r"(?:其中(?P<over>\d+)个月(?:逾期|透支)超过90天|没有发生过[^.]*90天[^.]*)\."
)
#: Families whose 简版 sentences carry no overdue add-on at all.
_NO_ADDON = frozenset({Family.GUARANTEE, Family.RECOVERED})


def _with_counts(account: Account, sentence: _Sentence) -> Account:
    """The add-on's counts; an entry without one shows no overdue month (0)."""
    if account.family in _NO_ADDON:
        return account
    match = _ADDON_COUNTS.search(sentence.half)
    if match is None:
        return replace(account, overdue_months_5y=0, overdue_90d_months_5y=0)
    return replace(
        account,
        overdue_months_5y=int(match["months"]),
        overdue_90d_months_5y=int(match["over"] or 0),
    )


class UnreadableSentence(ValueError):
    """A 简版 entry no template fits (the caller turns it into a warning)."""


def _amount(text: str | None) -> int | None:
    return None if text is None else parse_amount(text)


_CARD = re.compile(
    rf"^(?P<opened>{_DAY})(?P<inst>.+?)发放的(?P<kind>贷记卡|准贷记卡)"
    r"\((?P<cur>[^,)]+?)账户(?:,卡片尾号:(?P<tail>[0-9A-Za-z*]+))?\)(?P<rest>.*)$"
)
_CARD_CLOSED = re.compile(rf"^,(?:截至)?(?P<closed>{_MONTH})已?销户\.{_ADDONS}$")
_CARD_INACTIVE = re.compile(
    rf"^\.截至(?P<asof>{_MONTH}),信用额度(?:折合人民币)?(?P<limit>{_AMOUNT}),尚未激活\.{_ADDONS}$"
)
#: 一代: ``…截至{月},信用额度{N}，已变成呆账，余额{N}。``
_CARD_WRITTEN_OFF = re.compile(
    rf"^\.截至(?P<asof>{_MONTH}),信用额度(?:折合人民币)?(?P<limit>{_AMOUNT}),"
    rf"已变成呆账,余额(?P<balance>{_AMOUNT})\.{_ADDONS}$"
)
#: Seen in one source only: ``（卡片尾号：2344），2026年07月到期，信用额度…，
#: 已使用额度….`` with no 截至 month. Cards carry no ``due`` in the contract.
_CARD_NO_AS_OF = re.compile(
    rf"^,{_MONTH}到期,信用额度(?:折合人民币)?(?P<limit>{_AMOUNT}),"
    rf"(?:已使用额度|透支余额)(?:折合人民币)?(?P<used>{_AMOUNT})"
    rf"(?:,当前(?P<now>有|无)逾期)?\.{_ADDONS}$"
)
_CARD_ACTIVE = re.compile(
    rf"^[.,]截至(?P<asof>{_MONTH}),信用额度(?:折合人民币)?(?P<limit>{_AMOUNT}),"
    rf"(?:已使用额度|透支余额)(?:折合人民币)?(?P<used>{_AMOUNT})"
    rf"(?:,大额专项分期余额(?:{_AMOUNT}))?(?:,余额(?P<balance>{_AMOUNT}))?"
    rf"(?:,当前(?P<now>有|无)逾期)?\.{_ADDONS}$"
)

#: A 一代 loan passed on to another lender ends ``…2016年8月已转出``, with no full stop.
_LOAN = re.compile(
    rf"^(?P<opened>{_DAY})(?P<inst>.+?)发放的(?P<amount>{_AMOUNT})元\((?P<cur>[^)]+)\)"
    rf"(?P<biz>.+?),(?:(?P<closed>{_MONTH})已结清\.|(?P<due>{_DAY})到期\.截至(?P<asof>{_MONTH}),"
    rf"余额为?(?P<balance>{_AMOUNT})(?:,当前(?P<now>有|无)逾期)?\.){_ADDONS}"
    rf"(?:(?P<transferred>{_MONTH})已转出\.?)?$"
)

#: 一代: ``…{业务种类}，已变成呆账，最近一次还款日期为{日}，余额为{N}元。`` (a due date or
#: 截至 month before it is accepted too).
_LOAN_WRITTEN_OFF = re.compile(
    rf"^(?P<opened>{_DAY})(?P<inst>.+?)发放的(?P<amount>{_AMOUNT})元\((?P<cur>[^)]+)\)"
    rf"(?P<biz>.+?),(?:(?P<due>{_DAY})到期[.,])?(?:截至(?P<asof>{_MONTH}),)?"
    rf"已变成呆账,最近一次还款日期为{_DAY},余额为?(?P<balance>{_AMOUNT})元?\.{_ADDONS}$"
)

_LINE = re.compile(
    rf"^(?P<opened>{_DAY})(?P<inst>.+?)为(?P<biz>.+?)授信,"
    rf"(?:额度有效期至(?P<due>{_DAY})|额度长期有效),不?可循环使用\."
    rf"(?:(?P<closed>{_MONTH})已结清\.|截至(?P<asof>{_MONTH}),信用额度(?P<limit>{_AMOUNT})元"
    rf"\((?P<cur>[^)]+)\),余额为?(?P<balance>{_AMOUNT})(?:,当前(?P<now>有|无)逾期)?\.)"
    rf"{_ADDONS}$"
)

_GUARANTEE = re.compile(
    rf"^(?P<opened>{_DAY}),为.+?\(证件类型:[^)]*\)在(?P<inst>.+?)办理的(?P<biz>.+?)"
    r"承担相关还款责任,责任人类型为[^,]+,"
    rf"相关还款责任金额(?P<amount>{_AMOUNT}|--)(?:\(保证合同编号:(?P<contract>[^)]+)\))?\."
    rf"截至(?P<asof>{_DAY}|{_MONTH}),[^.]*?余额(?P<balance>{_AMOUNT}|--)"
    r"\((?P<cur>[^)]+)\)\.$"
)
#: The 一代 guarantee: ``…办理的贷款提供担保，担保贷款合同金额{N}，担保金额{N}。
#: 截至{月},担保贷款余额{N}。`` (no 合同编号, no currency). The 担保金额 is the amount.
_GUARANTEE_GEN1 = re.compile(
    rf"^(?P<opened>{_DAY}),为.+?\(证件类型:[^)]*\)在(?P<inst>.+?)办理的(?P<biz>.+?)提供担保,"
    rf"担保贷款合同金额(?:{_AMOUNT}|--),担保金额(?P<amount>{_AMOUNT}|--)\."
    rf"截至(?P<asof>{_DAY}|{_MONTH}),担保贷款余额(?P<balance>{_AMOUNT}|--)\.$"
)


class _Sentence:
    """A sentence as printed and its half-width twin, sharing character positions."""

    def __init__(self, printed: str) -> None:
        self.printed = squash(printed)
        self.half = to_half_width(self.printed)

    def match(self, pattern: re.Pattern[str]) -> re.Match[str] | None:
        return pattern.match(self.half)

    def printed_group(self, match: re.Match[str], name: str) -> str:
        """A name exactly as the report printed it (full-width brackets kept)."""
        return self.printed[match.start(name) : match.end(name)]


def _loan_status(closed: str | None, now: str | None, transferred: str | None = None) -> str:
    if closed:
        return "结清"
    if transferred:
        return "转出"
    return "逾期" if now == "有" else "正常"


def _card(sentence: _Sentence) -> Account | None:
    head = sentence.match(_CARD)
    if head is None:
        return None
    family = Family.CREDIT_CARD if head["kind"] == "贷记卡" else Family.SEMI_CREDIT_CARD
    card = Account(
        family=family,
        institution=sentence.printed_group(head, "inst"),
        account_id=head["tail"],
        opened=parse_date(head["opened"]),
        currency=sentence.printed_group(head, "cur"),
        business_type=head["kind"],
    )
    rest = head["rest"]
    closed = _CARD_CLOSED.match(rest)
    if closed:
        return replace(card, status="销户", closed_on=parse_date(closed["closed"]))
    written_off = _CARD_WRITTEN_OFF.match(rest)
    if written_off:
        return replace(
            card,
            status="呆账",
            as_of=parse_date(written_off["asof"]),
            amount=_amount(written_off["limit"]),
            balance=_amount(written_off["balance"]),
        )
    inactive = _CARD_INACTIVE.match(rest)
    if inactive:
        return replace(
            card,
            status="未激活",
            as_of=parse_date(inactive["asof"]),
            amount=_amount(inactive["limit"]),
        )
    active = _CARD_ACTIVE.match(rest) or _CARD_NO_AS_OF.match(rest)
    if active:
        return replace(
            card,
            status="逾期" if active["now"] == "有" else "正常",
            as_of=parse_date(active["asof"]) if "asof" in active.groupdict() else None,
            amount=_amount(active["limit"]),
            used=_amount(active["used"]),
            balance=_amount(active.groupdict().get("balance")),
        )
    return None


def _loan_account(
    sentence: _Sentence,
    match: re.Match[str],
    status: str,
    closed_on: PartialDate | None = None,
) -> Account:
    """A 简版 loan sentence's account: what every loan form prints, plus its state."""
    return Account(
        family=Family.NON_REVOLVING_LOAN,
        institution=sentence.printed_group(match, "inst"),
        opened=parse_date(match["opened"]),
        due=parse_date(match["due"]) if match["due"] else None,
        currency=sentence.printed_group(match, "cur"),
        amount=_amount(match["amount"]),
        business_type=sentence.printed_group(match, "biz"),
        as_of=parse_date(match["asof"]) if match["asof"] else None,
        balance=_amount(match["balance"]),
        status=status,
        closed_on=closed_on,
    )


def _written_off_loan(sentence: _Sentence) -> Account | None:
    match = sentence.match(_LOAN_WRITTEN_OFF)
    if match is None:
        return None
    return _loan_account(sentence, match, status="呆账")


def _loan(sentence: _Sentence) -> Account | None:
    match = sentence.match(_LOAN)
    if match is None:
        return None
    return _loan_account(
        sentence,
        match,
        status=_loan_status(match["closed"], match["now"], match["transferred"]),
        closed_on=parse_date(match["closed"]) if match["closed"] else None,
    )


def _line(sentence: _Sentence) -> Account | None:
    match = sentence.match(_LINE)
    if match is None:
        return None
    return Account(
        family=Family.REVOLVING_LOAN,
        institution=sentence.printed_group(match, "inst"),
        opened=parse_date(match["opened"]),
        due=parse_date(match["due"]) if match["due"] else None,
        currency=sentence.printed_group(match, "cur") if match["cur"] else None,
        amount=_amount(match["limit"]),
        business_type=sentence.printed_group(match, "biz"),
        as_of=parse_date(match["asof"]) if match["asof"] else None,
        status=_loan_status(match["closed"], match["now"]),
        balance=_amount(match["balance"]),
        closed_on=parse_date(match["closed"]) if match["closed"] else None,
    )


def _guarantee_gen1(sentence: _Sentence) -> Account | None:
    match = sentence.match(_GUARANTEE_GEN1)
    if match is None:
        return None
    return Account(
        family=Family.GUARANTEE,
        institution=sentence.printed_group(match, "inst"),
        opened=parse_date(match["opened"]),
        amount=_amount(match["amount"]),
        business_type=sentence.printed_group(match, "biz"),
        as_of=parse_date(match["asof"]),
        balance=_amount(match["balance"]),
    )


def _guarantee(sentence: _Sentence) -> Account | None:
    match = sentence.match(_GUARANTEE)
    if match is None:
        return None
    return Account(
        family=Family.GUARANTEE,
        institution=sentence.printed_group(match, "inst"),
        account_id=sentence.printed_group(match, "contract") if match["contract"] else None,
        opened=parse_date(match["opened"]),
        currency=sentence.printed_group(match, "cur"),
        amount=_amount(match["amount"]),
        business_type=sentence.printed_group(match, "biz"),
        as_of=parse_date(match["asof"]),
        balance=_amount(match["balance"]),
    )


_READERS: tuple[Callable[[_Sentence], Account | None], ...] = (
    _card,
    _line,
    _loan,
    _written_off_loan,
    _guarantee,
    _guarantee_gen1,
)


def read_sentence(text: str) -> Account:
    """The account one entry sentence describes; ``UnreadableSentence`` if none fits.

    ``text`` is the entry without its ``N.`` number; line-wrap breaks and spaces in it
    are dropped first (the 简版 wraps mid-word).
    """
    sentence = _Sentence(text)
    for reader in _READERS:
        try:
            account = reader(sentence)
        except ValueError:
            # A template matched but a date or amount inside it is malformed.
            account = None
        if account is not None:
            return _with_counts(account, sentence)
    raise UnreadableSentence("no 简版 sentence template fits")
