"""The 本人版 vocabulary: labels, sub-section names and what each maps to.

Everything is matched on ``norm`` forms: whitespace removed (``最近 6 个月`` ->
``最近6个月``), half-width punctuation, one dash between digits (``逾期31—60天``,
``31－60``, ``31-60``, ``31至60`` all read ``31-60``), ``循环贷账户（一）`` -> ``循环贷账户一``.
"""

from __future__ import annotations

import re

from creditdiff.model import Family
from creditdiff.text import squash, to_half_width

_DIGIT_DASH_RE = re.compile(r"(\d)[—－\-–~～至一](\d)")
_PAREN_NUMERAL_RE = re.compile(r"\(([一二])\)")


def norm(text: str) -> str:
    """The comparable form of a label or heading."""
    value = to_half_width(squash(text))
    value = _DIGIT_DASH_RE.sub(r"\1-\2", value)
    return _PAREN_NUMERAL_RE.sub(r"\1", value)


#: Sub-section names of 三 信贷交易信息明细 (本人版 and 机构版 spellings) -> family.
FAMILY_SECTIONS: dict[str, Family] = {
    "被追偿信息": Family.RECOVERED,
    "非循环贷账户": Family.NON_REVOLVING_LOAN,
    "循环贷账户一": Family.REVOLVING_SUB_ACCOUNT,
    "循环贷账户-": Family.REVOLVING_SUB_ACCOUNT,  # OCR reads 一 as a dash
    "循环额度下分账户": Family.REVOLVING_SUB_ACCOUNT,
    "循环贷账户二": Family.REVOLVING_LOAN,
    "循环贷账户": Family.REVOLVING_LOAN,
    "贷记卡账户": Family.CREDIT_CARD,
    "准贷记卡账户": Family.SEMI_CREDIT_CARD,
    "相关还款责任信息": Family.GUARANTEE,
}

#: How a family is named in warnings (the 本人版 heading).
FAMILY_LABELS: dict[Family, str] = {
    Family.RECOVERED: "被追偿信息",
    Family.NON_REVOLVING_LOAN: "非循环贷账户",
    Family.REVOLVING_SUB_ACCOUNT: "循环贷账户一",
    Family.REVOLVING_LOAN: "循环贷账户二",
    Family.CREDIT_CARD: "贷记卡账户",
    Family.SEMI_CREDIT_CARD: "准贷记卡账户",
    Family.GUARANTEE: "相关还款责任信息",
}

#: 信贷交易授信及负债信息概要 tables (normalised title -> family).
FAMILY_SUMMARIES: dict[str, Family] = {
    "非循环贷账户信息汇总": Family.NON_REVOLVING_LOAN,
    "循环贷账户一信息汇总": Family.REVOLVING_SUB_ACCOUNT,
    "循环额度下分账户信息汇总": Family.REVOLVING_SUB_ACCOUNT,
    "循环贷账户二信息汇总": Family.REVOLVING_LOAN,
    "循环贷账户信息汇总": Family.REVOLVING_LOAN,
    "贷记卡账户信息汇总": Family.CREDIT_CARD,
    "准贷记卡账户信息汇总": Family.SEMI_CREDIT_CARD,
}
#: The 本人版 spelling each family's summary is stored under.
SUMMARY_TITLES: dict[Family, str] = {
    Family.NON_REVOLVING_LOAN: "非循环贷账户信息汇总",
    Family.REVOLVING_SUB_ACCOUNT: "循环贷账户一信息汇总",
    Family.REVOLVING_LOAN: "循环贷账户二信息汇总",
    Family.CREDIT_CARD: "贷记卡账户信息汇总",
    Family.SEMI_CREDIT_CARD: "准贷记卡账户信息汇总",
}
FAMILY_SUMMARY_TABLE = "信贷交易授信及负债信息概要"
HINT_TABLE = "信贷交易信息提示"
GUARANTEE_SUMMARY = "相关还款责任信息汇总"

#: Columns of multi-row summary tables that name the row rather than hold a value.
SUMMARY_KEY_LABELS = frozenset(
    {"业务类型", "借款人身份类别", "还款责任类型", "账户类型", "后付费业务类型", "公共信息类型"}
)

#: Account labels the contract reads -> Account field.
ACCOUNT_FIELDS: dict[str, str] = {
    "管理机构": "institution",
    "发卡机构": "institution",
    "账户标识": "account_id",
    "账户编号": "account_id",
    "保证合同编号": "account_id",
    "授信协议标识": "agreement_id",
    "开立日期": "opened",
    "发放日期": "opened",
    "债权接收日期": "opened",
    "到期日期": "due",
    "借款金额": "amount",
    "账户授信额度": "amount",
    "还款责任金额": "amount",
    "债权金额": "amount",
    "账户币种": "currency",
    "币种": "currency",
    "业务种类": "business_type",
    "账户状态": "status",
    "五级分类": "classification",
    "余额": "balance",
    "已用额度": "used",
    "透支余额": "used",
    "账户关闭日期": "closed_on",
    "销户日期": "closed_on",
    "当前逾期总额": "overdue_amount",
    "本月应还款": "monthly_payment",
}

#: Labels the report prints that the contract does not read (so a row of them is
#: still recognised as a label row).
_OTHER_ACCOUNT_LABELS = """
担保方式 还款期数 还款频率 还款方式 共同借款标志 剩余还款期数 应还款日 本月实还款
最近一次还款日期 当前逾期期数 逾期31-60天未还本金 逾期61-90天未还本金 逾期91-180天未还本金
逾期180天以上未还本金 共享授信额度 未出单的大额专项分期余额 剩余分期期数 最近6个月平均使用额度
最大使用额度 账单日 最近6个月平均透支余额 最大透支余额 透支180天以上未付余额 债权转移时的还款状态
原债权人 原债务业务种类 责任人类型 还款状态 逾期月数 还款状态/逾期月数 主业务借款人
主业务借款人证件类型 主业务借款人证件号码 截至日期 转出月份 大额专项分期额度 分期额度生效日期
分期额度到期日期 已用分期金额 特殊交易类型 发生日期 变更月数 发生金额 明细记录
"""
OTHER_ACCOUNT_LABELS = frozenset(norm(label) for label in _OTHER_ACCOUNT_LABELS.split())

#: Rows that start with one of these hold free text (a lender's or the subject's remark on
#: the account, a dispute note): read past, as the contract keeps no remarks.
REMARK_LABELS = frozenset({"机构说明", "本人声明", "异议标注", "特殊事件说明"})

DATE_FIELDS = frozenset({"opened", "due", "closed_on", "effective"})
AMOUNT_FIELDS = frozenset(
    {"amount", "balance", "used", "overdue_amount", "limit", "monthly_payment"}
)

#: 授信协议信息 labels -> CreditAgreement field.
AGREEMENT_FIELDS: dict[str, str] = {
    "管理机构": "institution",
    "授信协议标识": "agreement_id",
    "生效日期": "effective",
    "到期日期": "due",
    "授信额度用途": "purpose",
    "授信额度": "limit",
    "已用额度": "used",
}
OTHER_AGREEMENT_LABELS = frozenset({"授信限额", "授信限额编号", "币种"})

#: OCR/extraction misspellings of status words (``结消`` is ``结清``).
STATUS_FIXES = {"结消": "结清"}

#: Statuses that do not count as 未结清/未销户; whether 呆账/司法追偿 count is not
#: known, so either way is accepted.
NOT_OPEN = frozenset({"结清", "销户", "转出", "结束"})
MAYBE_OPEN = frozenset({"呆账", "司法追偿"})


def is_account_label(label: str) -> bool:
    return label in ACCOUNT_FIELDS or label in OTHER_ACCOUNT_LABELS


def is_agreement_label(label: str) -> bool:
    return label in AGREEMENT_FIELDS or label in OTHER_AGREEMENT_LABELS
