"""Corrections of recognised text against the report's closed vocabularies.

Real scans show misreadings such as `结消`, `费后管理`, `磁资审批`.

Labels, statuses, 五级分类, query reasons and family headings come from closed sets, so a
known near miss is replaced by the word it stands for. Numbers and names are never
touched here except for separators that can only mean one thing (``2024,02.16``).
"""

from __future__ import annotations

import re

#: Misreadings seen in real scans and in the generated ones -> the printed word.
CONFUSIONS: dict[str, str] = {
    "结消": "结清",
    "蚂蚊": "蚂蚁",
    "费后管理": "贷后管理",
    "货后管理": "贷后管理",
    "资款审批": "贷款审批",
    "磁资审批": "融资审批",
    "信用卡审抵": "信用卡审批",
    "担保资格申查": "担保资格审查",
    "营理机构": "管理机构",
    "发卡机树": "发卡机构",
    "联户标识": "账户标识",
    "账户师种": "账户币种",
    "开立白期": "开立日期",
    "共事授信额度": "共享授信额度",
    "还款妈数": "还款期数",
    "偏用卡中心": "信用卡中心",
    "僧款金额": "借款金额",
    "循环贷账户-": "循环贷账户一",
    "循环资戶ー": "循环贷账户一",
    "舰度": "额度",
    "概度": "额度",
}
_CONFUSION_RE = re.compile("|".join(re.escape(word) for word in sorted(CONFUSIONS, key=len)[::-1]))

#: Full-width digits and punctuation the recogniser returns for the report's ASCII ones.
_WIDTH = str.maketrans("０１２３４５６７８９，．：－", "0123456789,.:-")
_DATE_RE = re.compile(r"^(\d{4})[,，.。·](\d{2})[,，.。·](\d{2})$")
_GLUED_DATE_RE = re.compile(r"^(\d{4})[.](\d{2})(\d{2})$")
#: Header labels the recogniser glues to the value before them (one box for the line).
_GLUED_LABEL_RE = re.compile(r"(?<=\S)(报告时间|证件类型|证件号码|查询机构|查询操作员)(?=[:：])")
#: Query-table head labels the recogniser reads as one box (``编号查询日期``): the table
#: is read by the head's columns, so a glued head loses a column and shifts the cells of
#: continuation rows into the wrong one.
_GLUED_HEAD_RE = re.compile(r"(编号|查询日期|查询机构)(?=查询日期|查询机构|查询原因|查询操作员)")
_DATE_TIME_RE = re.compile(r"(\d{4}[-.]\d{2}[-.]\d{2})(\d{2}:\d{2}:\d{2})")
#: Report amounts are whole yuan with comma thousands: ``10.000元`` can only be ``10,000元``,
#: and ``300.000（保证合同编号`` only ``300,000（``.
_DOT_THOUSANDS_RE = re.compile(r"(?<![\d.])(\d{1,3})\.(\d{3})(?=元|[,，。;；（(]|$)")
_FOOTER_RE = re.compile(r"^第(\d+)页[。,，.]共(\d+)页$")


def correct(text: str) -> str:
    """One recognised text box with closed-vocabulary misreadings and broken separators fixed."""
    text = text.translate(_WIDTH).strip()
    text = _CONFUSION_RE.sub(lambda m: CONFUSIONS[m.group(0)], text)
    date = _DATE_RE.match(text) or _GLUED_DATE_RE.match(text)
    if date:
        return ".".join(date.groups())
    text = _GLUED_LABEL_RE.sub(r" \1", text)
    text = _GLUED_HEAD_RE.sub(r"\1 ", text)
    text = _DOT_THOUSANDS_RE.sub(r"\1,\2", text)
    text = _DATE_TIME_RE.sub(r"\1 \2", text)
    footer = _FOOTER_RE.match(text.replace(" ", ""))
    if footer:
        return f"第{footer.group(1)}页，共{footer.group(2)}页"
    return text


def footer_numbers(texts: list[str]) -> tuple[int, int] | None:
    """The printed ``第N页，共M页`` of a page, if one was read."""
    for text in texts:
        match = re.search(r"第(\d+)页[，,。.]?共(\d+)页", text.replace(" ", ""))
        if match:
            return int(match.group(1)), int(match.group(2))
    return None
