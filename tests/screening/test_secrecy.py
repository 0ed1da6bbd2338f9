"""Secrecy markings (密级标志): a marked document must not be published.

《政府信息公开条例》第十四条: 依法确定为国家秘密的政府信息不予公开. 保守国家秘密法 (2024) 第三十五条: 拟公开
的信息须先经保密审查. Form of the marking: GB/T 9704-2012 7.2.2, e.g. "秘密★1年".
"""

from __future__ import annotations

import pytest

from gongkai.screening import Severity, screen_text

from .conftest import texts_by_rule


@pytest.mark.parametrize(
    ("text", "marking"),
    [
        ("机密★5年\n关于……的报告", "机密★5年"),
        ("秘密★1年", "秘密★1年"),
        ("附件清单（秘密★）请按规定管理", "秘密★"),
        ("绝密★启用前\n2024年度考试试卷", "绝密★启用前"),
        ("机密 ★ 10年", "机密 ★ 10年"),
        ("秘密★6个月", "秘密★6个月"),
        ("秘密★长期", "秘密★长期"),
        ("附件：项目清单（密级：机密）", "密级：机密"),
        ("000123\n秘密\n特急", "秘密"),  # a level alone on its line, as printed in the 版头
        ("机　密\n", "机　密"),  # GB/T 9704-1999 put a space between the two characters
    ],
)
def test_secrecy_marking_is_an_error_per_secrecy_law_art_35(text: str, marking: str) -> None:
    findings = [f for f in screen_text(text) if f.rule == "secrecy.marking"]
    assert [f.text for f in findings] == [marking]
    assert findings[0].severity is Severity.ERROR


@pytest.mark.parametrize(
    "text",
    [
        "严格落实保密工作要求，不得泄露国家秘密和工作中知悉的商业秘密。",
        "涉密信息不上网，上网信息不涉密。",
        "对涉及国家秘密的政府信息，依法不予公开。",
        "本单位今年未发生失泄密事件，秘密载体管理规范。",
        "密级：无",
    ],
)
def test_words_about_secrecy_are_not_a_marking(text: str) -> None:
    assert "secrecy.marking" not in texts_by_rule(screen_text(text))


def test_internal_markings_from_the_pack() -> None:
    found = texts_by_rule(screen_text("内部资料　注意保存\n（此件不予公开）\n此件内部掌握"))
    assert found["dict.internal-markings"] == ["内部资料", "此件不予公开", "内部掌握"]


def test_publication_note_saying_public_is_not_reported() -> None:
    assert screen_text("（此件公开发布）") == []
