"""Object-level permissions by organisation: pages, search, export and API answer alike.

A handler of one township sees nothing of another (404, nothing in lists, searches or exports);
a supervisor of the level above reads its subordinates, recursively, and changes nothing (403).
"""

from __future__ import annotations

import pytest

from gongkai.audit.models import AuditEntry
from gongkai.orgs.constants import Role
from gongkai.orgs.models import Membership, Organisation, User
from gongkai.orgs.permissions import can_edit, can_view, editable_orgs, visible_orgs

pytestmark = pytest.mark.django_db

OTHER = "石桥镇"
OTHER_PERSON = "何敏"  # 石桥镇's handler


def names(queryset) -> set[str]:
    return set(queryset.values_list("name", flat=True))


def test_visibility_rules_per_role(demo, org):
    handler = User.objects.get(username="dazhai_handler")
    supervisor = User.objects.get(username="county_supervisor")
    station = User.objects.get(username="dazhai_station_handler")
    assert names(visible_orgs(handler)) == {"大寨乡"}
    assert names(editable_orgs(handler)) == {"大寨乡"}
    # the county's supervisor reads the whole county, recursively (the 站所 under 大寨乡 too) …
    assert names(visible_orgs(supervisor)) == set(Organisation.objects.values_list("name", flat=True))
    assert can_view(supervisor, org("大寨乡农业综合服务站"))
    # … and changes nothing
    assert names(editable_orgs(supervisor)) == set()
    # a station does not see the township above it: only a supervisor looks down
    assert names(visible_orgs(station)) == {"大寨乡农业综合服务站"}
    assert not can_edit(handler, org(OTHER))


@pytest.mark.parametrize(
    "path",
    [
        "/orgs/{other}/",
        "/orgs/{other}/edit/",
        "/orgs/{other}/people/add/",
        "/orgs/{other}/people/{other_user}/",
        "/dashboard/{other}/",
    ],
)
def test_handler_cannot_open_another_townships_pages(demo, org, client_for, path):
    other = org(OTHER)
    other_user = User.objects.get(username="shiqiao_handler").pk
    response = client_for("dazhai_handler").get(path.format(other=other.pk, other_user=other_user))
    assert response.status_code == 404
    assert OTHER not in response.content.decode()


def test_handler_cannot_change_another_townships_records(demo, org, client_for):
    other = org(OTHER)
    client = client_for("dazhai_handler")
    response = client.post(f"/orgs/{other.pk}/edit/", {"office_phone": "1", "report_deadline_month": 1,
                                                      "report_deadline_day": 31})
    assert response.status_code == 404
    shiqiao_handler = User.objects.get(username="shiqiao_handler")
    response = client.post(f"/orgs/{other.pk}/people/{shiqiao_handler.pk}/", {"roles": []})
    assert response.status_code == 404
    assert Membership.objects.filter(user=shiqiao_handler, org=other).exists()
    assert org(OTHER).office_phone == other.office_phone


def test_no_leak_through_search(demo, org, client_for):
    client = client_for("dazhai_handler")
    assert OTHER not in client.get("/orgs/", {"q": "石桥"}).content.decode()
    assert OTHER not in client.get("/orgs/").content.decode()
    page = client.get("/audit/", {"q": OTHER_PERSON}).content.decode()
    assert "没有符合条件的记录" in page and OTHER not in page
    # asking for the other township by id is refused on the form, and shows nothing of it
    page = client.get("/audit/", {"org": org(OTHER).pk}).content.decode()
    assert "没有这个机关" in page
    assert OTHER_PERSON not in page and OTHER not in page


def test_no_leak_through_export(demo, org, client_for):
    response = client_for("dazhai_handler").get("/audit/export.csv")
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    assert "大寨乡" in text
    assert OTHER not in text and OTHER_PERSON not in text
    rows = text.strip().splitlines()[1:]
    assert len(rows) == AuditEntry.objects.filter(org=org("大寨乡")).count()


def test_no_leak_of_single_audit_entries(demo, org, client_for, api_for):
    entry = AuditEntry.objects.filter(org=org(OTHER)).first()
    assert client_for("dazhai_handler").get(f"/audit/{entry.seq}/").status_code == 404
    assert api_for("dazhai_handler").get(f"/api/audit-entries/{entry.seq}/").status_code == 404
    assert client_for("county_supervisor").get(f"/audit/{entry.seq}/").status_code == 200


def test_api_answers_like_the_pages(demo, org, api_for):
    api = api_for("dazhai_handler")
    other = org(OTHER)
    listed = {item["name"] for item in api.get("/api/orgs/").json()["results"]}
    assert listed == {"大寨乡"}
    assert api.get(f"/api/orgs/{other.pk}/").status_code == 404
    assert api.patch(f"/api/orgs/{other.pk}/", {"office_phone": "1"}, format="json").status_code == 404
    assert api.get("/api/memberships/", {"org": other.pk}).json()["results"] == []
    assert api.get("/api/audit-entries/", {"org": other.pk}).json()["results"] == []
    people = {m["user"]["username"] for m in api.get("/api/memberships/").json()["results"]}
    assert "shiqiao_handler" not in people and "dazhai_admin" in people


def test_supervisor_reads_subordinates_pages(demo, org, client_for):
    client = client_for("county_supervisor")
    for name in ("大寨乡", "大寨乡农业综合服务站", OTHER):
        target = org(name)
        assert client.get(f"/orgs/{target.pk}/").status_code == 200
        page = client.get(f"/dashboard/{target.pk}/").content.decode()
        assert name in page and "只读" in page
    assert "大寨乡" in client.get("/audit/", {"q": "王芳"}).content.decode()


def test_supervisor_cannot_change_pages(demo, org, client_for):
    dazhai = org("大寨乡")
    client = client_for("county_supervisor")
    assert client.get(f"/orgs/{dazhai.pk}/edit/").status_code == 403
    response = client.post(f"/orgs/{dazhai.pk}/edit/", {"office_phone": "110", "report_deadline_month": 1,
                                                       "report_deadline_day": 31})
    assert response.status_code == 403
    assert org("大寨乡").office_phone == dazhai.office_phone
    assert client.get(f"/orgs/{dazhai.pk}/people/add/").status_code == 403
    handler = User.objects.get(username="dazhai_handler")
    assert client.post(f"/orgs/{dazhai.pk}/people/{handler.pk}/", {"roles": []}).status_code == 403
    assert Membership.objects.filter(user=handler, org=dazhai).exists()


def test_supervisor_cannot_change_through_the_api(demo, org, api_for):
    dazhai = org("大寨乡")
    for username in ("county_supervisor", "api_portal"):
        api = api_for(username)
        assert api.get(f"/api/orgs/{dazhai.pk}/").status_code == 200
        response = api.patch(f"/api/orgs/{dazhai.pk}/", {"office_phone": "110"}, format="json")
        assert response.status_code == 403
    assert org("大寨乡").office_phone == dazhai.office_phone


def test_integration_token_reads_the_whole_county(demo, api_for):
    listed = api_for("api_portal").get("/api/orgs/").json()
    assert listed["count"] == Organisation.objects.count()


def test_handler_may_not_edit_organisation_info_only_its_admin(demo, org, client_for, api_for):
    dazhai = org("大寨乡")
    assert client_for("dazhai_handler").get(f"/orgs/{dazhai.pk}/edit/").status_code == 403
    response = api_for("dazhai_handler").patch(f"/api/orgs/{dazhai.pk}/", {"office_fax": "1"}, format="json")
    assert response.status_code == 403
    response = api_for("dazhai_admin").patch(f"/api/orgs/{dazhai.pk}/", {"office_fax": "0000-6120299"}, format="json")
    assert response.status_code == 200, response.content
    assert org("大寨乡").office_fax == "0000-6120299"


def test_applicant_and_anonymous_are_kept_out(demo, org, client_for):
    applicant = client_for("applicant_zhang")
    assert applicant.get("/orgs/").status_code == 403
    assert applicant.get(f"/dashboard/{org('大寨乡').pk}/").status_code == 404
    page = applicant.get("/dashboard/")
    assert page.status_code == 200 and "申请人" in page.content.decode()
    from django.test import Client
    from rest_framework.test import APIClient

    anonymous = Client()
    assert anonymous.get("/dashboard/").status_code == 302
    assert anonymous.get("/orgs/").status_code == 302
    assert APIClient().get("/api/orgs/").status_code == 401
    applicant_api = APIClient()
    applicant_api.force_authenticate(User.objects.get(username="applicant_zhang"))
    assert applicant_api.get("/api/orgs/").status_code == 403


def test_a_removed_person_loses_access_at_once(demo, org, client_for):
    dazhai = org("大寨乡")
    reviewer = User.objects.get(username="dazhai_reviewer1")
    client = client_for("dazhai_reviewer1")
    assert client.get(f"/orgs/{dazhai.pk}/").status_code == 200
    admin = client_for("dazhai_admin")
    assert admin.post(f"/orgs/{dazhai.pk}/people/{reviewer.pk}/", {"roles": []}).status_code == 302
    assert client.get(f"/orgs/{dazhai.pk}/").status_code == 403  # no role anywhere any more
    assert not Membership.objects.filter(user=reviewer).exists()
    assert Role.REVIEWER_FIRST not in set(Membership.objects.filter(org=dazhai).values_list("role", flat=True))
