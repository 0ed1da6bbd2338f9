"""错敏词 dictionaries: data files with their source, extendable and replaceable by an administrator."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongkai.screening import (
    DictionaryError,
    EntryKind,
    Screener,
    Severity,
    builtin_dictionaries,
    load_dictionary,
    parse_dictionary,
    screen_text,
)

from .conftest import DOCUMENTS, texts_by_rule


def test_every_builtin_pack_names_itself_and_its_source() -> None:
    packs = {d.id: d for d in builtin_dictionaries()}
    assert {"serious-errors", "typos", "internal-markings", "political-expressions"} <= set(packs)
    for pack in packs.values():
        assert pack.metadata.get("name") and len(pack.metadata.get("source", "")) > 20, pack.id
        assert pack.entries, pack.id


def test_inspection_examples_of_serious_errors_are_in_the_pack() -> None:
    # research note §6.2 [W6][W7]: the errors national website inspections reported
    text = "人民攻府、中华人民共合国、中共人民共和国、扫黑险恶"
    found = screen_text(text)
    assert [(f.text, f.suggestion) for f in found] == [
        ("攻府", "政府"),
        ("中华人民共合国", "中华人民共和国"),
        ("中共人民共和国", "中华人民共和国"),
        ("扫黑险恶", "扫黑除恶"),
    ]
    assert {f.severity for f in found} == {Severity.ERROR}


def test_no_builtin_term_occurs_in_its_own_correction_or_in_clean_text() -> None:
    clean = "".join(path.read_text(encoding="utf-8") for path in DOCUMENTS.glob("clean_*.txt"))
    for pack in builtin_dictionaries():
        for entry in pack.entries:
            assert entry.term not in entry.replacement
            assert entry.term not in clean, (pack.id, entry.term)


@pytest.mark.parametrize(
    "correct",
    [
        "按装机容量计算补贴",  # why 按装 is not in the typo pack
        "推进乡村长效管护机制建设",  # why 村长 is not
        "因该项目尚未验收",  # why 因该 is not
        "侵害直接了当事人的合法权益",  # why 直接了当 is not
        "再接再厉，截至目前已完成",
    ],
)
def test_correct_official_wording_is_not_a_typo(correct: str) -> None:
    assert screen_text(correct) == []


def test_typo_pack_suggests_the_standard_form() -> None:
    [finding] = screen_text("希望各单位再接再励。")
    assert (finding.rule, finding.suggestion, finding.severity) == ("dict.typos", "再接再厉", Severity.WARNING)


def test_agency_list_extends_the_builtin_packs(tmp_path: Path) -> None:
    path = tmp_path / "本局词表.tsv"
    path.write_text(
        "# name: 县市场监管局自定词表\n# source: 局办公室 2024-03\n# category: typo\n"
        "term\treplacement\tcategory\tnote\n"
        "市场监督管理厅\t市场监督管理局\tserious\t本县机构名称\n"
        "食品安全法实施细则\t\tsensitive\t已废止的文件名，核实\n"
        "帐户\t账户\n",
        encoding="utf-8",
    )
    mine = load_dictionary(path)
    assert [e.kind for e in mine.entries] == [EntryKind.SERIOUS, EntryKind.SENSITIVE, EntryKind.TYPO]
    screener = Screener([*builtin_dictionaries(), mine])
    found = texts_by_rule(screener.screen("县市场监督管理厅、人民攻府：帐户信息"))
    assert found == {"dict.本局词表": ["市场监督管理厅", "帐户"], "dict.serious-errors": ["攻府"]}


def test_agency_list_can_replace_the_builtin_packs() -> None:
    mine = parse_dictionary("攻府\t政府\tserious", id="mine")
    assert Screener([mine]).screen("再接再励的攻府") != []
    assert [f.text for f in Screener([mine]).screen("再接再励的攻府")] == ["攻府"]


def test_a_later_dictionary_overrides_an_earlier_one() -> None:
    mine = parse_dictionary("攻府\t人民政府\tserious\t本机关写法", id="mine")
    [finding] = Screener([*builtin_dictionaries(), mine]).screen("攻府")
    assert (finding.rule, finding.suggestion) == ("dict.mine", "人民政府")


def test_nested_hits_keep_the_longer_term() -> None:
    mine = parse_dictionary("共合国\t共和国\ttypo", id="mine")
    [finding] = Screener([*builtin_dictionaries(), mine]).screen("中华人民共合国")
    assert finding.text == "中华人民共合国"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("攻府\t政府\tbogus", "类别“bogus”无效"),
        ("攻府\t政府", "未写类别"),
        ("\t政府\ttypo", "第一列（词条）为空"),
        ("政府\t人民政府\ttypo", "包含词条"),
        ("攻府\t政府\ttypo\n攻府\t政府\ttypo", "与第1行重复"),
        ("a\tb\ttypo\tnote\textra", "多于4列"),
    ],
)
def test_a_broken_dictionary_names_the_line_and_what_to_fix(text: str, message: str) -> None:
    with pytest.raises(DictionaryError, match=message) as caught:
        parse_dictionary(text, id="x", path="x.tsv")
    assert str(caught.value).startswith("x.tsv:")


def test_chinese_category_names_and_a_dictionary_in_gbk_is_refused(tmp_path: Path) -> None:
    assert parse_dictionary("攻府\t政府\t严重表述错误", id="x").entries[0].kind is EntryKind.SERIOUS
    path = tmp_path / "gbk.tsv"
    path.write_bytes("攻府\t政府\ttypo\n".encode("gbk"))
    with pytest.raises(DictionaryError, match="UTF-8"):
        load_dictionary(path)
