"""Whole documents as an agency writes them, with planted problems — and one with none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from gongkai.screening import ScreeningContext, locate, screen_text

from .conftest import texts_by_rule


def test_clean_notice_raises_no_false_alarm(document: Callable[[str], str]) -> None:
    # 索引号, 文号, landline and hotline numbers, amounts, dates, weekdays, words about secrecy, a .gov.cn address
    text = document("clean_notice.txt")
    assert screen_text(text, context=ScreeningContext(item_date=date(2024, 1, 26))) == []


def test_subsidy_list_with_personal_data(document: Callable[[str], str]) -> None:
    text = document("subsidy_list.txt")
    found = texts_by_rule(screen_text(text, context=ScreeningContext(year=2023)))
    assert found == {
        "personal.name": ["杨光明", "吴秀英", "龙德海", "潘文华"],
        "personal.id_number": ["522622198506120036", "35010219761103004X"],
        "personal.id_number_unverified": ["522622199203181523"],  # check digit should be 2
        "personal.mobile": ["13985012345", "139-8501-2346", "18685012347"],
        # 6222022401005678908 fails Luhn and is not reported
        "personal.bank_card": ["6222022401005678907", "6217 0012 3456 7890 122"],
        "personal.email": ["panwenhua1985@163.com"],
    }


def test_subsidy_list_positions_and_masks(document: Callable[[str], str]) -> None:
    text = document("subsidy_list.txt")
    by_text = {f.text: f for f in screen_text(text)}
    id_number = by_text["522622198506120036"]
    assert locate(text, id_number.start) == (6, 7)
    assert text[id_number.start : id_number.end] == "522622198506120036"
    assert id_number.suggestion == "52*************036"
    assert by_text["13985012345"].suggestion == "139****2345"


def test_report_marked_secret(document: Callable[[str], str]) -> None:
    found = texts_by_rule(screen_text(document("project_report.txt")))
    assert found == {
        "secrecy.marking": ["机密★5年", "秘密★", "密级：秘密"],
        "dict.internal-markings": ["内部资料", "此件不予公开"],
    }


def test_inspection_bulletin_quoting_errors(document: Callable[[str], str]) -> None:
    text = document("inspection_bulletin.txt")
    found = texts_by_rule(screen_text(text, context=ScreeningContext(item_date=date(2024, 4, 10))))
    assert found == {
        "dict.serious-errors": ["攻府", "中华人民共合国", "扫黑险恶"],
        "dict.typos": ["再接再励", "截止目前"],
        "dict.political-expressions": ["两岸三地"],
        "date.impossible": ["2023年2月30日"],
        "date.weekday": ["2024年3月1日（星期四）"],
        "date.after_item": ["2025年3月"],  # "2024年4月30日前完成" and "2024年5月起将开展" look ahead
    }
