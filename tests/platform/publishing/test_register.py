"""The normative-document register and section 二 第二十条第（一）项 computed from it (国办公开办函〔2021〕30号)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from gongkai.audit.models import AuditEntry
from gongkai.law.report_format import CellRef
from gongkai.orgs.models import Organisation, User
from gongkai.publishing import register, stats
from gongkai.publishing.constants import DocumentKind, EndKind, PublishingEvent, Validity
from gongkai.web.demo import DemoContext

D = dt.date
COUNTY = "某县人民政府"


def cells(rules: tuple[int, int, int], normative: tuple[int, int, int]) -> dict[CellRef, int]:
    out = {}
    for row, values in (("rules", rules), ("normative_documents", normative)):
        for column, value in zip(("issued", "abolished", "in_force"), values, strict=True):
            out[CellRef("art20_1", row, column)] = value
    return out


def reg(org: Organisation, title: str, signed: dt.date, **extra: object) -> object:
    extra.setdefault("effective_on", signed)
    return register.register_document(
        org, actor=None, title=title, document_number=f"某政发〔{signed.year}〕{signed.month}号", signed_on=signed,
        **extra,
    )


@pytest.fixture
def county_register(county: DemoContext) -> Organisation:
    """The county's register, 2021–2024, written out so each year can be counted by hand."""
    gov = Organisation.objects.get(name=COUNTY)
    reg(gov, "某县农村集体资产管理办法", D(2021, 3, 1))  # A: term 5 years → lapses 2026-03-01
    reg(gov, "某县乡村公益性岗位管理暂行办法", D(2021, 6, 1), effective_on=D(2021, 7, 1))  # B: lapses 2023-07-01
    reg(gov, "某县城乡居民临时救助办法", D(2022, 2, 1))  # C
    d = reg(gov, "某县农村宅基地审批管理办法", D(2022, 5, 1))  # D: abolished 2023-04-01
    reg(gov, "某县城区停车管理办法", D(2023, 1, 10))  # E
    f = reg(gov, "某县秸秆禁烧管理办法", D(2023, 11, 1))  # F: abolished 2023-12-20, the year it was issued
    reg(gov, "某县农村供水工程管理办法", D(2024, 3, 1))  # G
    rule = reg(gov, "某县（试点）规章", D(2022, 1, 1), kind=DocumentKind.RULE)  # R: no term; abolished 2024
    register.end_document(d, actor=None, on=D(2023, 4, 1), act="某政发〔2023〕3号")
    register.end_document(f, actor=None, on=D(2023, 12, 20), act="某政发〔2023〕20号", kind=EndKind.DECLARED_LAPSED)
    register.end_document(rule, actor=None, on=D(2024, 6, 1), act="某县人民政府令第2号")
    # another agency's document never counts for the county
    reg(Organisation.objects.get(name="某县教育局"), "某县中小学校服管理办法", D(2023, 3, 1))
    return gov


def test_section_2_item_1_equals_the_hand_count_for_each_year(county_register: Organisation) -> None:
    """国办公开办函〔2021〕30号 二（一）: 本年制发 / 本年废止 / 现行有效 (at 31 December), per kind."""
    assert stats.art20_1(county_register, 2020) == cells((0, 0, 0), (0, 0, 0))
    assert stats.art20_1(county_register, 2021) == cells((0, 0, 0), (2, 0, 2))
    assert stats.art20_1(county_register, 2022) == cells((1, 0, 1), (2, 0, 4))
    # D and F abolished (F 宣布失效 counts as an act too), B's two-year term ran out: A, C, E remain
    assert stats.art20_1(county_register, 2023) == cells((0, 0, 1), (2, 2, 3))
    assert stats.art20_1(county_register, 2024) == cells((0, 1, 0), (1, 0, 4))
    assert stats.art20_1(county_register, 2026) == cells((0, 0, 0), (0, 0, 3))  # A lapsed on 2026-03-01


def test_in_force_moves_by_issued_minus_abolished_minus_lapsed(county_register: Organisation) -> None:
    previous = stats.art20_1(county_register, 2020)
    for year in range(2021, 2031):
        now = stats.art20_1(county_register, year)
        lapsed = stats.lapsed_in(county_register, year)
        for row in ("rules", "normative_documents"):
            expected = (
                previous[CellRef("art20_1", row, "in_force")]
                + now[CellRef("art20_1", row, "issued")]
                - now[CellRef("art20_1", row, "abolished")]
                - lapsed[row]
            )
            assert now[CellRef("art20_1", row, "in_force")] == expected, (year, row)
        previous = now


def test_lapse_can_be_counted_as_abolished_where_the_province_says_so(county_register: Organisation, settings) -> None:
    settings.GONGKAI_LAPSE_COUNTS_AS_ABOLISHED = True
    assert stats.art20_1(county_register, 2023)[CellRef("art20_1", "normative_documents", "abolished")] == 3


def test_batch_gives_the_same_cells_as_one_by_one(county_register: Organisation) -> None:
    orgs = list(Organisation.objects.all())
    many = stats.art20_1_many(orgs, 2023)
    assert set(many) == {o.pk for o in orgs}
    for o in orgs:
        assert many[o.pk] == stats.art20_1(o, 2023)


def test_dazhai_made_no_normative_documents_in_2023(county_register: Organisation) -> None:
    """The seed report of 大寨乡 for 2023: “2023 年我乡未制定规范性文件” — all six cells 0."""
    assert stats.art20_1(Organisation.objects.get(name="大寨乡"), 2023) == cells((0, 0, 0), (0, 0, 0))


def test_term_follows_the_province_rule(county: DemoContext, settings) -> None:
    gov = Organisation.objects.get(name=COUNTY)
    doc = reg(gov, "某县农村危房改造试行办法", D(2023, 1, 1))
    assert doc.is_provisional and doc.valid_until == D(2024, 12, 31)
    with pytest.raises(ValidationError) as err:
        reg(gov, "某县物业管理办法", D(2023, 1, 1), valid_until=D(2029, 1, 1))
    assert "5年" in str(err.value.message_dict["valid_until"])
    settings.GONGKAI_NORMATIVE_TERM_YEARS = 3
    assert reg(gov, "某县养犬管理办法", D(2023, 1, 1)).valid_until == D(2025, 12, 31)


def test_registration_numbers_follow_the_pattern_and_never_repeat(county: DemoContext, settings) -> None:
    gov = Organisation.objects.get(name=COUNTY)
    first = reg(gov, "甲办法", D(2023, 1, 1))
    second = reg(gov, "乙办法", D(2023, 2, 1))
    assert (first.registration_number, second.registration_number) == ("GF-2023-0001", "GF-2023-0002")
    assert reg(gov, "丙规章", D(2023, 2, 1), kind=DocumentKind.RULE).registration_number == "GZ-2023-0001"
    settings.GONGKAI_REGISTRATION_PATTERN = "{prefix}PR-{year}-{seq:05d}"
    settings.GONGKAI_REGISTRATION_PREFIX = "XX"
    assert reg(gov, "丁办法", D(2024, 1, 1)).registration_number == "XXPR-2024-00001"
    assert reg(gov, "旧办法", D(2019, 1, 1), registration_number="XXPR-2019-00007").registration_number == (
        "XXPR-2019-00007"
    )
    with pytest.raises(ValidationError) as err:
        reg(gov, "戊办法", D(2019, 1, 1), registration_number="XXPR-2019-00007")
    assert "已被使用" in str(err.value)
    with pytest.raises(ValidationError) as err:
        reg(gov, "己办法", D(2019, 1, 1), registration_number="2019第7号")
    assert "XXPR-2019-00001" in str(err.value)


def test_abolition_is_recorded_with_its_act_and_shown_as_validity(county_register: Organisation) -> None:
    doc = county_register.normative_documents.get(title="某县农村宅基地审批管理办法")
    assert doc.validity_on(D(2023, 3, 31)) == Validity.IN_FORCE
    assert doc.validity_on(D(2023, 4, 1)) == Validity.ABOLISHED
    entry = AuditEntry.objects.filter(event=PublishingEvent.DOC_ENDED, object_id=str(doc.pk)).get()
    assert entry.after["end_act"] == "某政发〔2023〕3号"
    with pytest.raises(ValidationError):
        register.end_document(doc, actor=None, on=D(2024, 1, 1), act="再次废止")


def test_amendment_keeps_the_registration_and_may_renew_the_term(county_register: Organisation) -> None:
    doc = county_register.normative_documents.get(title="某县城乡居民临时救助办法")
    register.amend_document(doc, actor=None, amended_on=D(2024, 5, 1), act="某政发〔2024〕6号",
                            summary="提高救助标准", valid_until=D(2029, 4, 30))
    doc.refresh_from_db()
    assert doc.amendments.count() == 1 and doc.valid_until == D(2029, 4, 30)
    assert stats.art20_1(county_register, 2024)[CellRef("art20_1", "normative_documents", "issued")] == 1


def test_only_the_issuing_agency_registers_its_documents(county: DemoContext) -> None:
    gov = Organisation.objects.get(name=COUNTY)
    with pytest.raises(PermissionDenied):
        register.register_document(gov, actor=User.objects.get(username="dazhai_handler"), title="越权",
                                   document_number="x", signed_on=D(2023, 1, 1), effective_on=D(2023, 1, 1))
    doc = register.register_document(gov, actor=User.objects.get(username="county_handler"), title="某县办法",
                                     document_number="某政发〔2023〕9号", signed_on=D(2023, 1, 1),
                                     effective_on=D(2023, 1, 1))
    assert doc.created_by.username == "county_handler"
