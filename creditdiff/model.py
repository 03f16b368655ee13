"""Typed records of a parsed credit report, and of what a comparison finds.

Everything downstream of ``creditdiff.parsers`` sees only these frozen dataclasses:
dates are ``datetime.date`` (or ``Month`` where the report prints only a month),
money is whole yuan as ``int``, and ``None`` means the report did not print a value.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Union

if TYPE_CHECKING:
    from creditdiff.evidence import Evidence


@dataclass(frozen=True, order=True)
class Month:
    """A month-precision date: the 简版 prints ``2020年03月已结清`` with no day."""

    year: int
    month: int

    def __post_init__(self) -> None:
        if not 1 <= self.month <= 12:
            raise ValueError(f"month out of range: {self.month}")

    def isoformat(self) -> str:
        return f"{self.year:04d}-{self.month:02d}"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month, 1)

    def last_day(self) -> dt.date:
        following = dt.date(self.year + self.month // 12, self.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)

    @classmethod
    def of(cls, day: dt.date) -> Month:
        return cls(day.year, day.month)

    def __str__(self) -> str:
        return self.isoformat()


#: A date as precise as the report prints it.
PartialDate = Union[dt.date, Month]  # noqa: UP007  (a runtime alias: `|` needs 3.10 objects)


def parse_partial_date(text: str) -> PartialDate:
    """Read ``2024-05-31`` or ``2024-05`` (the contract's forms) back into a date."""
    if len(text) == 7:
        year, month = text.split("-")
        return Month(int(year), int(month))
    return dt.date.fromisoformat(text)


def month_of(value: PartialDate) -> Month:
    return value if isinstance(value, Month) else Month.of(value)


def latest_day(value: PartialDate) -> dt.date:
    """The last day a partial date can mean."""
    return value.last_day() if isinstance(value, Month) else value


class ReportFormat(str, enum.Enum):
    DETAILED = "pboc-detailed"
    SIMPLE = "pboc-simple"


class Family(str, enum.Enum):
    """Account families of 三 信贷交易信息明细, in report order."""

    RECOVERED = "recovered"  # 被追偿信息
    NON_REVOLVING_LOAN = "non_revolving_loan"  # 非循环贷账户
    REVOLVING_SUB_ACCOUNT = "revolving_sub_account"  # 循环贷账户一
    REVOLVING_LOAN = "revolving_loan"  # 循环贷账户二
    CREDIT_CARD = "credit_card"  # 贷记卡账户
    SEMI_CREDIT_CARD = "semi_credit_card"  # 准贷记卡账户
    GUARANTEE = "guarantee"  # 相关还款责任信息

    @property
    def is_card(self) -> bool:
        return self in (Family.CREDIT_CARD, Family.SEMI_CREDIT_CARD)

    @property
    def label(self) -> str:
        """The family's name as people read it in the report (for display)."""
        return _FAMILY_LABELS[self]


_FAMILY_LABELS: Mapping[Family, str] = {
    Family.RECOVERED: "被追偿账户",
    Family.NON_REVOLVING_LOAN: "非循环贷账户",
    Family.REVOLVING_SUB_ACCOUNT: "循环贷账户一",
    Family.REVOLVING_LOAN: "循环贷账户二",
    Family.CREDIT_CARD: "贷记卡",
    Family.SEMI_CREDIT_CARD: "准贷记卡",
    Family.GUARANTEE: "相关还款责任",
}


class State(str, enum.Enum):
    OPEN = "open"
    SETTLED = "settled"
    CLOSED = "closed"
    DELINQUENT = "delinquent"
    WRITTEN_OFF = "written_off"
    TRANSFERRED = "transferred"
    INACTIVE = "inactive"
    SUSPENDED = "suspended"
    UNKNOWN = "unknown"

    @property
    def is_open(self) -> bool:
        """Still 未结清/未销户: the account counts as an open line."""
        return self in (State.OPEN, State.INACTIVE, State.SUSPENDED, State.DELINQUENT)

    @property
    def is_ended(self) -> bool:
        return self in (State.SETTLED, State.CLOSED, State.TRANSFERRED)


_STATE_OF_STATUS: Mapping[str, State] = {
    "正常": State.OPEN,
    "结清": State.SETTLED,
    "销户": State.CLOSED,
    "逾期": State.DELINQUENT,
    "担保物不足": State.DELINQUENT,
    "强制平仓": State.DELINQUENT,
    "司法追偿": State.DELINQUENT,
    "催收": State.DELINQUENT,
    "呆账": State.WRITTEN_OFF,
    "转出": State.TRANSFERRED,
    "未激活": State.INACTIVE,
    "冻结": State.SUSPENDED,
    "止付": State.SUSPENDED,
    "银行止付": State.SUSPENDED,
    "结束": State.SETTLED,
}


def state_of(status: str | None) -> State:
    """Derive the JSON ``state`` from a verbatim 账户状态 (the table is in docs/contract.md)."""
    if status is None:
        return State.UNKNOWN
    return _STATE_OF_STATUS.get(status, State.UNKNOWN)


#: 五级分类 from best to worst; where 违约 and 未分类 rank is not known, so they are not ranked.
CLASSIFICATION_ORDER: tuple[str, ...] = ("正常", "关注", "次级", "可疑", "损失")


#: 还款记录 codes; anything else in a grid is a warning.
GRID_CODES: frozenset[str] = frozenset("N1234567*#/ABCDGMZ")
#: Codes of a month overdue (1: 1-30 days … 7: over 180 days); 4-7 are 91 days or more.
OVERDUE_CODES: frozenset[str] = frozenset("1234567")
OVERDUE_90D_CODES: frozenset[str] = frozenset("4567")


@dataclass(frozen=True)
class HistoryMonth:
    """One month of an account's 还款记录 grid: the code and the amount row under it."""

    month: Month
    status: str
    overdue_amount: int | None = None

    @property
    def overdue(self) -> bool:
        return self.status in OVERDUE_CODES


@dataclass(frozen=True)
class Account:
    family: Family
    institution: str
    account_id: str | None = None
    agreement_id: str | None = None
    opened: PartialDate | None = None
    due: PartialDate | None = None
    currency: str | None = None
    amount: int | None = None
    business_type: str | None = None
    as_of: PartialDate | None = None
    status: str | None = None
    balance: int | None = None
    used: int | None = None
    closed_on: PartialDate | None = None
    overdue_amount: int | None = None
    #: 五级分类 where printed (an extra key beside the contract's core keys).
    classification: str | None = None
    #: 还款记录, oldest month first (本人版); None where the format prints no grid.
    history: tuple[HistoryMonth, ...] | None = None
    #: Months overdue in the last 5 years, and of those 91 days or more.
    overdue_months_5y: int | None = None
    overdue_90d_months_5y: int | None = None
    #: 本月应还款 where printed (本人版), for the report's monthly repayment.
    monthly_payment: int | None = None
    #: Logical page (1-based) where the account's block or sentence starts; where it was
    #: read, not what it says, so two reports' accounts compare equal without it.
    page: int | None = field(default=None, compare=False)

    @property
    def state(self) -> State:
        return state_of(self.status)

    @property
    def outstanding(self) -> int | None:
        """What is still owed: 已用额度/透支余额 for cards, else 余额."""
        if self.family.is_card and self.used is not None:
            return self.used
        return self.balance


@dataclass(frozen=True)
class CreditAgreement:
    institution: str
    agreement_id: str | None = None
    effective: PartialDate | None = None
    due: PartialDate | None = None
    limit: int | None = None
    used: int | None = None
    purpose: str | None = None


class QueryKind(str, enum.Enum):
    INSTITUTION = "institution"
    SELF = "self"


@dataclass(frozen=True)
class Query:
    date: dt.date
    institution: str
    reason: str
    kind: QueryKind
    #: Logical page (1-based) of the query's row; not part of what the query is.
    page: int | None = field(default=None, compare=False)


class SourceKind(str, enum.Enum):
    TEXT = "text"
    OCR = "ocr"


@dataclass(frozen=True)
class Provenance:
    """How the report's text was obtained: a PDF's text layer, or OCR of page images."""

    kind: SourceKind = SourceKind.TEXT
    #: Input files that made up the report (a folder of photos is several).
    files: int = 1
    #: Logical report pages read (a 2-up sheet is two).
    pages: int = 0
    #: Mean OCR confidence (0-1); None for a text layer.
    confidence: float | None = None


#: One summary table: row label -> column label -> count or amount (None for ``--``).
SummaryTable = Mapping[str, Mapping[str, int | None]]


@dataclass(frozen=True)
class Summary:
    """The report's own 信息概要 counts, kept as printed so they can be cross-checked.

    Keys are the report's table titles (``信贷交易信息提示``, ``非循环贷账户信息汇总``,
    ``信息概要`` for the 简版, …); each table maps row label -> column label -> value.
    """

    tables: Mapping[str, SummaryTable] = field(default_factory=dict)

    def value(self, table: str, row: str, column: str) -> int | None:
        return self.tables.get(table, {}).get(row, {}).get(column)


@dataclass(frozen=True)
class Report:
    format: ReportFormat
    number: str | None = None
    generated_at: dt.datetime | None = None
    subject_name: str | None = None
    id_type: str | None = None
    #: Always masked (first 4 and last 4 characters kept) by the parser that reads it.
    id_number: str | None = None
    accounts: tuple[Account, ...] = ()
    credit_agreements: tuple[CreditAgreement, ...] = ()
    queries: tuple[Query, ...] = ()
    summary: Summary = field(default_factory=Summary)
    warnings: tuple[str, ...] = ()
    #: The file name the report was read from (not part of the parse contract).
    source: str | None = None
    #: How the text was obtained (the contract's ``report.source``); None when unknown,
    #: e.g. a parse JSON written before the key existed.
    provenance: Provenance | None = None


class Severity(str, enum.Enum):
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is more severe: high 3, medium 2, low 1, info 0."""
        return {"high": 3, "medium": 2, "low": 1, "info": 0}[self.value]


class FindingCode(str, enum.Enum):
    SETTLED_NOT_CLOSED = "settled_not_closed"
    REAPPEARED = "reappeared"
    CLOSURE_NOT_REFLECTED = "closure_not_reflected"
    NEW_ACCOUNT = "new_account"
    POST_CLOSURE_QUERY = "post_closure_query"
    NEW_HARD_INQUIRY = "new_hard_inquiry"
    STATUS_WORSENED = "status_worsened"
    CLOSED = "closed"
    PAID_OFF = "paid_off"
    INCOMPLETE_READ = "incomplete_read"
    OVERDUE_NOW = "overdue_now"
    NEGATIVE_RECORD = "negative_record"
    QUERY_PRESSURE = "query_pressure"
    REMOVED = "removed"


@dataclass(frozen=True)
class Finding:
    id: str
    code: FindingCode
    severity: Severity
    institution: str
    message: str
    family: Family | None = None
    account_id: str | None = None
    opened: PartialDate | None = None
    #: What proves the finding: one of the records of ``creditdiff.evidence``.
    evidence: Evidence | None = None


@dataclass(frozen=True)
class ClosureRequest:
    """One row of the person's closure log: a cancellation they asked for."""

    institution: str
    requested_on: dt.date
    #: Account id, card tail number or opening date; None covers the whole institution.
    account: str | None = None
    note: str | None = None
    #: Line number in the CSV, for error messages.
    line: int = 0


@dataclass(frozen=True)
class Settings:
    """What a comparison needs beyond the two reports."""

    grace_days: int = 60
    closures: tuple[ClosureRequest, ...] = ()
    #: ``query_pressure`` limits: window in months -> most approval queries allowed.
    query_limits: tuple[tuple[int, int], ...] = ((1, 3), (6, 6))


@dataclass(frozen=True)
class Change:
    """A field that changed on a matched account, agreement or query (from deepdiff)."""

    kind: str  # "account" | "credit_agreement"
    institution: str
    family: Family | None
    account_id: str | None
    opened: PartialDate | None
    field: str
    old: Any
    new: Any


@dataclass(frozen=True)
class Comparison:
    """The result of comparing an older report (or none) with a newer one."""

    old: Report | None
    new: Report
    findings: tuple[Finding, ...] = ()
    changes: tuple[Change, ...] = ()
    #: Things the user should know that are not findings (e.g. arguments were swapped).
    notices: tuple[str, ...] = ()
