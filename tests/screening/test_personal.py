"""Personal data: identity numbers, mobile numbers, bank cards, e-mail addresses and the names beside them.

Masking follows the inspection 通报 of 永安 (2023) quoted in the research note §6.2 [W8]:
phone ``138****1234``, identity number ``35*************123``.
"""

from __future__ import annotations

import pytest

from gongkai.screening import Severity, screen_text
from gongkai.screening.rules import bankcard, contact, identity, names

from .conftest import texts_by_rule

# --- 居民身份证号码, GB 11643-1999 -----------------------------------------------------------------


def test_gb11643_check_character_of_the_standards_own_example() -> None:
    # GB 11643-1999 gives 11010519491231002X as its example (北京市朝阳区, 1949-12-31).
    assert identity.check_character("11010519491231002") == "X"
    assert identity.is_valid("11010519491231002X")


def test_id_number_with_right_check_digit_is_an_error_and_masked_per_yongan_2023() -> None:
    findings = screen_text("申请人身份证号：35010219761103004X。")
    [finding] = findings
    assert finding.rule == "personal.id_number"
    assert finding.severity is Severity.ERROR
    assert finding.suggestion == "35*************04X"


def test_id_number_with_wrong_check_digit_is_reported_apart_as_unverified() -> None:
    # 522622199203181522 is right; the last digit mistyped as 3 is most likely the same person's number.
    [finding] = screen_text("身份证号码522622199203181523")
    assert finding.rule == "personal.id_number_unverified"
    assert finding.severity is Severity.WARNING
    assert finding.suggestion == "52*************523"


@pytest.mark.parametrize(
    "number",
    [
        "522622200102290012",  # 2001-02-29 does not exist
        "992622198506120036",  # 99 is no province code
        "522622185006120038",  # born 1850
        "5226221985061200361",  # 19 digits
    ],
)
def test_eighteen_digits_without_an_id_structure_are_no_id_number(number: str) -> None:
    assert not any(f.rule.startswith("personal.id_number") for f in screen_text(f"编号{number}"))


# --- mobile numbers --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "masked"),
    [
        ("13985012345", "139****2345"),
        ("139-8501-2345", "139****2345"),
        ("139 8501 2345", "139****2345"),
        ("+86 13985012345", "139****2345"),
    ],
)
def test_mobile_numbers_in_their_usual_forms_are_masked_138_xxxx_1234(written: str, masked: str) -> None:
    [finding] = screen_text(f"联系电话：{written}。")
    assert (finding.rule, finding.text, finding.suggestion) == ("personal.mobile", written, masked)


@pytest.mark.parametrize(
    "text",
    [
        "索引号：11522723009171234F/2024-00003",
        "文号：大政发〔2023〕12号",
        "值班电话：0854-7221234，举报电话：12345",
        "完成投资13512000000元",  # an amount, not a phone
        "统计编号139850123456",  # 12 digits
        "订单号2139850123451",
        "发布日期：2024-01-26，2023年12月31日",
    ],
)
def test_numbers_that_are_not_mobile_numbers(text: str) -> None:
    assert screen_text(text) == []


# --- bank cards, Luhn --------------------------------------------------------------------------------


def test_luhn_on_the_textbook_example() -> None:
    assert bankcard.luhn_valid("79927398713")
    assert not bankcard.luhn_valid("79927398710")


def test_card_number_after_a_card_word_is_an_error() -> None:
    [finding] = screen_text("补贴资金已打入其银行卡号：6222022401005678907。")
    assert finding.rule == "personal.bank_card"
    assert finding.severity is Severity.ERROR
    assert finding.suggestion == "6222***********8907"


def test_grouped_card_number_without_a_card_word_is_a_warning() -> None:
    [finding] = screen_text("转入 6217 0012 3456 7890 122 即可")
    assert (finding.rule, finding.severity) == ("personal.bank_card", Severity.WARNING)
    assert finding.suggestion == "6217***********0122"


def test_card_number_failing_luhn_is_not_reported() -> None:
    assert screen_text("银行卡号：6222022401005678908") == []


def test_valid_id_number_that_also_passes_luhn_is_reported_once_as_id() -> None:
    number = "522622198506120255"  # GB 11643 check digit right, and Luhn-valid as well
    assert bankcard.luhn_valid(number) and identity.is_valid(number)
    assert texts_by_rule(screen_text(f"银行卡号{number}")) == {"personal.id_number": [number]}


# --- e-mail ---------------------------------------------------------------------------------------------


def test_personal_email_is_masked_and_the_agencys_gov_cn_address_is_not_reported() -> None:
    findings = screen_text("邮箱：panwenhua1985@163.com；政务公开邮箱：dzxzf@dazhai.gov.cn")
    [finding] = findings
    assert finding.rule == "personal.email"
    assert finding.suggestion == "p************@163.com"
    assert contact.mask_email("a@b.cn") == "a***@b.cn"


# --- names beside personal data ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("联系人：潘文华，电话：13985012345", "潘文华"),
        ("王小明 13985012345", "王小明"),
        ("张三（身份证号：35010219761103004X）", "张三"),
        ("申请人李明13985012345", "李明"),
        ("联系人：禤小明，手机13985012345", "禤小明"),  # a surname outside the list, but labelled
        ("1\t杨光明\t522622198506120036", "杨光明"),  # a table row
    ],
)
def test_name_next_to_personal_data_is_reported_with_the_surname_kept(text: str, name: str) -> None:
    found = texts_by_rule(screen_text(text))
    assert found["personal.name"] == [name]
    assert names.mask(name) == name[0] + "*" * (len(name) - 1)


@pytest.mark.parametrize(
    "text",
    [
        "高新区13985012345",  # a place, though 高 is a surname
        "市政府办公室联系电话13985012345",
        "请拨打13985012345",
        "县长王小明出席会议并讲话。",  # a name without personal data is not screened
    ],
)
def test_no_name_is_guessed_where_there_is_none(text: str) -> None:
    assert "personal.name" not in texts_by_rule(screen_text(text))


def test_compound_surname_keeps_both_characters() -> None:
    assert names.mask("欧阳明") == "欧阳*"
