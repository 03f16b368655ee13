"""The shipped hotlines are the banks' well-known public numbers, each with its source."""

from __future__ import annotations

import pytest

from creditdiff.render.contacts import load_contacts
from creditdiff.wording import load_wording

#: The national customer-service numbers the banks print on their cards and websites.
PUBLIC = {
    "中信银行股份有限公司": "95558",
    "平安银行股份有限公司": "95511",
    "招商银行股份有限公司": "95555",
    "中国工商银行股份有限公司": "95588",
    "中国建设银行股份有限公司": "95533",
    "中国农业银行股份有限公司": "95599",
    "中国银行股份有限公司": "95566",
    "交通银行股份有限公司": "95559",
    "中国民生银行股份有限公司": "95568",
    "兴业银行股份有限公司": "95561",
    "上海浦东发展银行股份有限公司": "95528",
    "中国光大银行股份有限公司": "95595",
    "华夏银行股份有限公司": "95577",
    "广发银行股份有限公司": "95508",
    "中国邮政储蓄银行股份有限公司": "95580",
}


@pytest.mark.parametrize(("institution", "phone"), sorted(PUBLIC.items()))
def test_bank_hotline_is_the_public_number(institution: str, phone: str) -> None:
    """Each large bank's entry (a branch's name included) carries its public hotline."""
    contacts = load_contacts()
    entry = contacts.for_institution(institution)
    assert entry is not None and entry.phone == phone
    branch = institution.removesuffix("股份有限公司") + "股份有限公司上海分行"
    found = contacts.for_institution(branch)
    assert found is not None and found.phone == phone


def test_every_entry_names_its_source_and_unsure_lenders_get_the_route() -> None:
    """Every entry names where its number is published; a lender without a confirmed
    number (京东金融) falls back to the generic route of its kind."""
    contacts = load_contacts()
    assert all(entry.source for entry in contacts.entries)
    assert contacts.for_institution("重庆京东盛际小额贷款有限公司") is None
    kind = load_wording().classify("重庆京东盛际小额贷款有限公司")
    assert "App" in contacts.route(kind.value)


def test_dispute_route_names_the_credit_reference_centre_hotline() -> None:
    """The 异议 route prints the 征信中心 number 400-810-8866."""
    assert any("400-810-8866" in step for step in load_wording().lines("dispute.steps"))
