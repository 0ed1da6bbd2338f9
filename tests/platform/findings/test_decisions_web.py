"""Finding states on the supervisors' view: a supervisor confirms (已确认) or dismisses (已排除, with a reason) a
finding of a subordinate's report; the decision is audited, carries over to the report's next version while the
finding's fingerprint holds, and the finding is open (待确认) again when its values change (issue 19)."""

from __future__ import annotations

import io
import json

from openpyxl import load_workbook

from gongkai.annual.models import ReportVersion
from gongkai.audit.models import AuditEntry
from gongkai.cli import main
from gongkai.findings.models import FindingDecision
from gongkai.findings.services import current_findings
from gongkai.orgs.models import Organisation
from tests.platform.findings.conftest import YEAR

AGENCY = "某县教育局"
T3_BROKEN = {"applications__new__natural_person": 5}  # 总计 stays 0: 表三 总计 = Σ applicants breaks


def supervise_page(client, county: Organisation) -> str:
    return client.get(f"/annual/supervise/{county.pk}/?year={YEAR}").content.decode()


def test_dismissed_stays_dismissed_on_the_next_version_and_reappears_when_values_change(
    publish, client_for, tmp_path, capsys
) -> None:
    county, agency = Organisation.objects.get(name="某县人民政府"), Organisation.objects.get(name=AGENCY)
    publish(AGENCY, "edu_admin", **T3_BROKEN)
    supervisor = client_for("county_supervisor")
    page = supervise_page(supervisor, county)
    assert "T3.applicant_total" in page and "待确认" in page
    fingerprint = next(f.fingerprint for f in current_findings(agency, YEAR) if f.rule == "T3.applicant_total")
    decide = f"/findings/org/{agency.pk}/{YEAR}/decide/"

    response = supervisor.post(decide, {"fingerprint": fingerprint, "state": "dismissed", "reason": " "}, follow=True)
    assert "排除问题须写明理由" in response.content.decode() and not FindingDecision.objects.exists()
    assert client_for("edu_admin").post(decide, {"fingerprint": fingerprint, "state": "confirmed"}).status_code == 403

    supervisor.post(decide, {"fingerprint": fingerprint, "state": "dismissed", "reason": "按上级口径填报"})
    decision = FindingDecision.objects.get()
    assert (decision.state, decision.reason) == ("dismissed", "按上级口径填报")
    assert decision.decided_by.username == "county_supervisor"
    entry = AuditEntry.objects.get(event="findings.decision.made")
    assert entry.after["state"] == "dismissed" and entry.actor_username == "county_supervisor"

    # the batch: the decisions exported from the view, and `gongkai report check --decisions` skips the dismissed
    decisions = tmp_path / "decisions.json"
    decisions.write_bytes(supervisor.get(f"/findings/supervise/{county.pk}/decisions.json?year={YEAR}").content)
    file = tmp_path / "edu.txt"
    file.write_bytes(ReportVersion.objects.filter(report__org=agency).latest("number").source_file)
    main(["report", "check", "--format", "json", "--jobs", "1", "--decisions", str(decisions), str(file)])
    rules = [f["rule"] for f in json.loads(capsys.readouterr().out)[0]["findings"]]
    assert "T3.applicant_total" not in rules and "T3.balance" in rules

    publish(AGENCY, "edu_admin", note="修订了文字。", **T3_BROKEN)  # version 2: same figures
    page = supervise_page(supervisor, county)
    assert "已排除" in page and "按上级口径填报" in page

    publish(AGENCY, "edu_admin", applications__new__natural_person=6)  # version 3: the values changed
    page = supervise_page(supervisor, county)
    assert "按上级口径填报" not in page and "T3.applicant_total" in page


def test_open_findings_per_agency_in_the_view_and_the_workbook(publish, client_for) -> None:
    county = Organisation.objects.get(name="某县人民政府")
    publish(AGENCY, "edu_admin", **T3_BROKEN)
    supervisor = client_for("county_supervisor")
    response = supervisor.get(f"/findings/supervise/{county.pk}/findings.xlsx?year={YEAR}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)]
    edu = [r for r in rows if r["机关"] == AGENCY]
    assert edu and all(r["待确认问题数"] == len([e for e in edu if e["状态"] == "待确认"]) for r in edu)
    assert edu[0]["待确认问题数"] >= 2  # the two sums of 表三 that the 5 breaks

    agency = Organisation.objects.get(name=AGENCY)
    target = next(r for r in edu if r["规则"] == "T3.applicant_total")
    fingerprint = next(f.fingerprint for f in current_findings(agency, YEAR) if f.message == target["问题"])
    supervisor.post(f"/findings/org/{agency.pk}/{YEAR}/decide/", {"fingerprint": fingerprint, "state": "confirmed"})
    response = supervisor.get(f"/findings/supervise/{county.pk}/findings.xlsx?year={YEAR}")
    sheet = load_workbook(io.BytesIO(response.content)).active
    counts = {(r[0].value, r[2].value, r[3].value) for r in sheet.iter_rows(min_row=2) if r[0].value == AGENCY}
    assert counts == {(AGENCY, edu[0]["待确认问题数"] - 1, 1)}

    decisions = supervisor.get(f"/findings/supervise/{county.pk}/decisions.json?year={YEAR}").json()
    assert decisions["decisions"][0]["fingerprint"] == fingerprint and decisions["decisions"][0]["agency"] == AGENCY
