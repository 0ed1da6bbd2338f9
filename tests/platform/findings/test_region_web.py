"""Region = Σ agencies on the platform: the administrator sets which agencies the county's whole-area report
covers; the supervisors' region page holds the county's report against the sum of theirs, cell by cell, naming
the agencies in each difference (issue 19)."""

from __future__ import annotations

from gongkai.findings.admin import RegionForm
from gongkai.findings.models import FindingDecision, Region
from gongkai.orgs.models import Organisation
from tests.platform.findings.conftest import YEAR

COUNTY = "某县人民政府"


def test_the_region_page_names_the_agencies_of_each_difference(publish, client_for) -> None:
    county = Organisation.objects.get(name=COUNTY)
    region = Region.objects.create(name="某县", whole=county)
    region.members.set(Organisation.objects.filter(name__in=["某县教育局", "某县财政局"]))
    publish("某县教育局", "edu_admin", applications__new__natural_person=4, applications__new__total=4)
    publish("某县财政局", "finance_handler", applications__new__natural_person=5, applications__new__total=5,
            art20_1__normative_documents__in_force=3)  # fmt: skip
    publish(COUNTY, "county_handler", applications__new__natural_person=12, applications__new__total=9,
            art20_1__normative_documents__in_force=1)  # fmt: skip
    supervisor = client_for("county_supervisor")
    page = supervisor.get(f"/findings/regions/?year={YEAR}").content.decode()
    assert "2 处不一致" in page
    assert "全区报告为12，所属机关之和为9（某县财政局5、某县教育局4），相差3" in page  # 表三 本年新收 自然人
    assert "全区报告为1，所属机关之和为3（某县财政局3），相差-2" in page  # 表二 第二十条（一）现行有效件数
    assert "某县教育局4" not in page.split("相差3")[1]  # the second difference names only the agency in it

    supervise = supervisor.get(f"/annual/supervise/{county.pk}/?year={YEAR}").content.decode()
    assert "某县：全区报告与所属机关之和" in supervise and "相差3" in supervise and "相差-2" in supervise

    fingerprint = page.split('name="fingerprint" value="')[1].split('"')[0]
    supervisor.post(f"/findings/org/{county.pk}/{YEAR}/decide/", {"fingerprint": fingerprint, "state": "confirmed"})
    assert FindingDecision.objects.get().org == county
    assert "已确认" in supervisor.get(f"/findings/regions/?year={YEAR}").content.decode()


def test_the_whole_area_agency_is_not_its_own_member(county) -> None:
    whole = Organisation.objects.get(name=COUNTY)
    form = RegionForm({"name": "某县", "whole": whole.pk, "members": [whole.pk]})
    assert not form.is_valid() and "所属机关不应包含发布全区报告的机关本身" in str(form.errors["members"])


def test_the_demo_has_a_region_and_a_confirmed_finding(demo, client_for) -> None:
    region = Region.objects.get(whole__name=COUNTY)
    assert region.members.count() == 7
    decision = FindingDecision.objects.get(org__name="城关街道办事处")
    assert (decision.rule, decision.state) == ("T3.balance", "confirmed")
    county = Organisation.objects.get(name=COUNTY)
    supervisor = client_for("county_supervisor")
    page = supervisor.get(f"/annual/supervise/{county.pk}/?year=2023").content.decode()
    assert "已通知街道办更正后重新公开" in page and 'href="/findings/regions/"' in page  # the nav item
    assert "某县（全县）" in supervisor.get("/findings/regions/?year=2023").content.decode()
