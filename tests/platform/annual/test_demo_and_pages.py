"""The demo county's reports: 大寨乡 2023 equals the seed cell for cell; the supervisors' view, bulk checks, the
public pages and `gongkai annual render` (条例 第四十九条: published on the portal, with DOCX and PDF)."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from gongkai.annual import figures
from gongkai.annual.models import Art20Figures, Report
from gongkai.cli import main
from gongkai.law.report_format import CellRef
from gongkai.orgs.models import Organisation, User
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_path, read_text
from gongkai.report.render import render
from tests.platform.conftest import REPO

pytestmark = pytest.mark.django_db
SEED = REPO / "tests" / "fixtures" / "reports" / "dazhai-2023.txt"


def test_the_demo_report_of_dazhai_2023_rendered_as_text_matches_the_seed_cell_for_cell(demo, capsys):
    seed = read_path(SEED).report
    dazhai = Organisation.objects.get(name="大寨乡")
    main(["annual", "render", "--org", "大寨乡", "--year", "2023", "--to", "text"])
    rendered = read_text(capsys.readouterr().out).report
    assert rendered is not None and rendered.year == 2023
    for ref in seed.format.cells():
        assert rendered.cells[ref] == seed.cells[ref], ref
    assert rendered.sections == seed.sections
    assert Report.objects.get(org=dazhai, year=2023).status == "published"
    # the same from the credit code, to a file, as DOCX
    out = REPO / ".pytest-annual-render.docx"
    try:
        assert main(["annual", "render", "--org", dazhai.credit_code, "--year", "2023", "--to", "docx", "-o",
                     str(out)]) == 0
        assert read_path(out).report.cells == seed.cells
    finally:
        out.unlink(missing_ok=True)
    assert main(["annual", "render", "--org", "无此机关", "--year", "2023"]) == 2


def test_the_supervisors_view_shows_status_findings_and_figures(demo, client_for):
    county = Organisation.objects.get(name="某县人民政府")
    page = client_for("county_supervisor").get(f"/annual/supervise/{county.pk}/?year=2023")
    assert page.status_code == 200
    rows = {row.org.name: row for row in page.context["rows"]}
    assert rows["大寨乡"].progress == "published" and rows["大寨乡"].errors == 0
    assert rows["河口镇"].progress == "late"  # deadline passed, not published
    assert rows["某县教育局"].progress == "late"
    assert {f.rule for f in rows["城关街道办事处"].findings} >= {"T3.balance"}  # the 勾稽 error of its file
    assert "XY.carry_over" not in {f.rule for f in rows["大寨乡"].findings}
    assert rows["石桥镇"].figures[0] == 9  # 新收申请, from its published file
    html = page.content.decode()
    assert "逾期未公开" in html and "/chart/requests.svg?year=2023" in html
    chart = client_for("county_supervisor").get(f"/annual/supervise/{county.pk}/chart/outcomes.svg?year=2023")
    assert chart["Content-Type"].startswith("image/svg+xml") and b"<svg" in chart.content
    # a township handler supervises nobody; 404 for the county's view
    assert client_for("dazhai_handler").get(f"/annual/supervise/{county.pk}/").status_code == 404


def test_published_reports_are_on_the_portal_with_docx_and_pdf(demo, client):
    dazhai = Organisation.objects.get(name="大寨乡")
    listing = client.get("/annual/reports/")
    assert "大寨乡2023年政府信息公开工作年度报告" in listing.content.decode()
    page = client.get(f"/annual/reports/{dazhai.pk}/2023/")
    assert page.status_code == 200 and "default-src 'none'" in page["Content-Security-Policy"]
    assert read_text(page.content.decode()).report is not None
    docx = client.get(f"/annual/reports/{dazhai.pk}/2023/docx/")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    assert client.get(f"/annual/reports/{dazhai.pk}/2021/").status_code == 404


def test_the_pdf_download_is_rendered_once_and_kept(demo, client):
    dazhai = Organisation.objects.get(name="大寨乡")
    pdf = client.get(f"/annual/reports/{dazhai.pk}/2023/pdf/")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert bytes(Report.objects.get(org=dazhai, year=2023).versions.get().pdf) == pdf.content


def test_bulk_check_of_a_zip_with_findings_as_xlsx(county, client_for):
    county_gov = Organisation.objects.get(name="某县人民政府")
    good = AnnualReport.zeros("甲镇", 2023)
    bad = AnnualReport.zeros("乙镇", 2023)
    bad.cells[CellRef("applications", "new", "total")] = 3  # 勾稽 error
    last = AnnualReport.zeros("甲镇", 2022)
    last.cells.update({CellRef("applications", r, c): 1 for r in ("new", "carried_out")
                       for c in ("natural_person", "total")})
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("甲镇2023.txt", render(good, "text"))
        archive.writestr("甲镇2022.html", render(last, "html"))
        archive.writestr("乙镇2023.txt", render(bad, "text"))
    buffer.seek(0)
    buffer.name = "reports.zip"
    client = client_for("county_supervisor")
    response = client.post(f"/annual/supervise/{county_gov.pk}/check/", {"files": [buffer]})
    assert response.status_code == 302
    result = client.get(response["Location"])
    text = result.content.decode()
    assert "乙镇" in text and "T3.balance" in text and "XY.carry_over" in text  # 甲镇 paired with its 2022 report
    book = load_workbook(io.BytesIO(client.get(response["Location"] + "results.xlsx").content))
    assert book.sheetnames == ["汇总", "检查结果"]
    rules = {row[4] for row in book["检查结果"].iter_rows(min_row=2, values_only=True)}
    assert {"T3.balance", "XY.carry_over"} <= rules
    outcomes = {row[0]: row[4] for row in book["汇总"].iter_rows(min_row=2, max_row=4, values_only=True)}
    assert outcomes == {"reports.zip/甲镇2023.txt": "通过", "reports.zip/甲镇2022.html": "通过",
                        "reports.zip/乙镇2023.txt": "有错误"}
    assert "通过2份，有错误1份，未能完整读取0份" in text
    # a server folder is for operators only
    refused = client.post(f"/annual/supervise/{county_gov.pk}/check/", {"folder": "/etc"})
    assert refused.status_code == 403


def _workbook(rows) -> bytes:
    book = Workbook()
    book.active.append(list(figures.XLSX_HEADER))
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_figures_import_from_xlsx_is_all_or_nothing_with_a_message_per_cell(county):
    handler = User.objects.get(username="dazhai_handler")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as exc:
        figures.import_xlsx(_workbook([["大寨乡", 2023, 1, 2, 3, "1.5"], ["大寨乡", 2022, -1, 0, 0, "abc"],
                                       ["石桥镇", 2023, 0, 0, 0, 0]]), actor=handler)
    messages = exc.value.messages
    assert any("第3行“行政许可”" in m for m in messages) and any("第3行“行政事业性收费（万元）”" in m for m in messages)
    assert any("第4行：找不到您可以填报的机关“石桥镇”" in m for m in messages)
    assert not Art20Figures.objects.exists()
    saved = figures.import_xlsx(_workbook([["大寨乡", 2023, 1, 2, 3, 1.5]]), actor=handler)
    assert saved[0].fees == Decimal("1.5") and saved[0].entered_by == handler and saved[0].source == "xlsx"
    with pytest.raises(ValidationError, match="不是有效的 XLSX"):
        figures.import_xlsx(b"plain text", actor=handler)


def test_staff_pages_answer_by_role(demo, client_for):
    dazhai = Organisation.objects.get(name="大寨乡")
    shiqiao = Organisation.objects.get(name="石桥镇")
    handler = client_for("dazhai_handler")
    page = handler.get(f"/annual/org/{dazhai.pk}/2023/")
    assert page.status_code == 200 and "已公开" in page.content.decode()
    assert handler.get(f"/annual/org/{shiqiao.pk}/2023/").status_code == 404
    assert handler.get(f"/annual/org/{dazhai.pk}/2024/download/xlsx/").status_code == 200
    assert client_for("county_supervisor").post(f"/annual/org/{dazhai.pk}/2024/start/").status_code == 403
    started = handler.post(f"/annual/org/{dazhai.pk}/2024/start/")
    assert started.status_code == 302 and Report.objects.filter(org=dazhai, year=2024).exists()
    bad = handler.post(f"/annual/org/{dazhai.pk}/2024/figures/", {"licensing": "-1", "penalty": "0",
                                                                    "coercion": "x", "fees": "0"})
    assert bad.status_code == 200 and not Art20Figures.objects.filter(org=dazhai, year=2024).exists()



def test_the_dashboard_counts_down_to_the_agency_deadline(demo, rf):
    """The panel of the year being reported (last year): days left, or overdue, and the review waiting."""
    from django.template.loader import render_to_string

    from gongkai.annual.dashboard import _countdown
    from gongkai.dashboard.registry import PanelContext

    dazhai = Organisation.objects.get(name="大寨乡")
    handler = User.objects.get(username="dazhai_handler")
    context = _countdown(PanelContext(rf.get("/"), handler, dazhai, frozenset({"handler"}), read_only=False))
    assert context["deadline"] == dazhai.report_deadline(context["year"])
    html = render_to_string("annual/panels/countdown.html", {"panel": context})
    assert ("还有" in html) or ("已超过公开期限" in html)


def test_the_api_reads_reports_scoped_like_the_pages(demo, api_for):
    dazhai = Organisation.objects.get(name="大寨乡")
    shiqiao = Organisation.objects.get(name="石桥镇")
    api = api_for("dazhai_handler")
    listed = api.get("/api/annual-reports/").json()
    assert {r["org"] for r in listed["results"]} == {dazhai.pk}
    current = api.get(f"/api/annual-reports/current/?org={dazhai.pk}&year=2023").json()
    assert current["report"]["tables"]["applications"]["new"]["total"] == 0
    assert api.get(f"/api/annual-reports/current/?org={shiqiao.pk}&year=2023").status_code == 404
    assert api.get(f"/api/annual-reports/current/?org={dazhai.pk}&year=2019").status_code == 400
    assert api.get("/api/art20-figures/?year=2023").json()["count"] == 1
    supervisor = api_for("county_supervisor").get("/api/annual-reports/?year=2023").json()
    assert supervisor["count"] >= 5
