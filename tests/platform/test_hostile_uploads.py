"""Hostile and damaged uploads (issue 13): no upload exhausts the server, none gives a 500, none stops a batch.

The web bulk check, the request-register (台账) import, publishing attachments and their screening all
read untrusted files. A zip bomb, a workbook declaring a huge sheet or a damaged DOCX/PDF/XLSX/zip
each becomes a clear Chinese message (a `READ.limit` or `READ.not_a_report` finding in a bulk check),
and the other files of the batch are still checked. The bounded tests read in a child process whose
address space is capped at 1 GiB (`hostile.run_bounded`), so exhaustion fails the test, not the machine.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from gongkai.annual import bulkcheck
from gongkai.annual.models import BulkCheck
from gongkai.applications.importer import RegisterImportError, read_rows
from gongkai.orgs.models import Organisation, User
from gongkai.report.model import AnnualReport
from gongkai.report.read import limits
from gongkai.report.render import render
from gongkai.screening.extract import ExtractionError, extract_text
from tests.report.formats import hostile

MiB = hostile.MiB
GOOD = render(AnnualReport.zeros("甲镇", 2023), "text").encode()


@pytest.fixture
def county(db):  # type: ignore[no-untyped-def]
    from gongkai.web import demo as demo_module

    ctx = demo_module.DemoContext()
    demo_module._loaders["orgs"].load(ctx)
    return ctx


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _damaged_docx() -> bytes:
    """A real zip with a Word document part that is not XML."""
    return _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document><w:body><broken"})


DAMAGED = {
    "损坏.docx": _damaged_docx(),
    "截断.docx": hostile.docx("<w:p><w:r><w:t>x</w:t></w:r></w:p>")[:300],
    "损坏.pdf": b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    "损坏.xlsx": _zip({"xl/workbook.xml": b"<workbook><sheets><sheet name='a' r:id='x'/></sheets>"}),
    "损坏.zip": b"PK\x03\x04" + bytes(range(256)) * 4,
}


# ------------------------------------------------------------------------------------------- bulk check


def test_a_zip_bomb_in_the_bulk_check_stops_at_the_limit_and_the_other_files_are_checked():
    bomb = hostile.deflated_zeros(8 * MiB)  # 8 MB of zeros deflate to 8 KB; 40 of them exceed the 256 MB total
    data = hostile.raw_zip([("甲镇2023.txt", GOOD), *[(f"零{i}.txt", bomb) for i in range(40)]])
    assert len(data) < 1 * MiB
    answer = hostile.run_bounded(f"""
        from django.core.files.uploadedfile import SimpleUploadedFile
        from gongkai.annual import bulkcheck
        data = open({_write(data)!r}, "rb").read()
        files = bulkcheck.files_from_uploads([SimpleUploadedFile("报告.zip", data)])
        result = [(r["file"], r["agency"], [(f["rule"], f["message"]) for f in r["findings"]])
                  for r in bulkcheck.check_files(files)]
    """, django=True)
    results = {name: (agency, findings) for name, agency, findings in answer["result"]}  # type: ignore[union-attr]
    assert results["报告.zip/甲镇2023.txt"][0] == "甲镇"  # the good report is read and checked
    bombs = [findings for name, (_, findings) in results.items() if "零" in name]
    assert len(bombs) == 40 and all(findings[0][0] == "READ.limit" for findings in bombs)
    assert any('GONGKAI_READ_LIMITS["zip_total_bytes"]' in findings[0][1] for findings in bombs)
    assert float(answer["peak_mb"]) < 600  # type: ignore[arg-type]  # the total limit, not the 320 MB the zip holds


def _write(data: bytes) -> str:
    import tempfile

    with tempfile.NamedTemporaryFile(delete=False, suffix=".bin") as handle:
        handle.write(data)
    return handle.name


def test_damaged_files_in_the_web_bulk_check_are_findings_and_the_batch_goes_on(county, client_for):
    county_gov = Organisation.objects.get(name="某县人民政府")
    uploads = [SimpleUploadedFile(name, data) for name, data in {**DAMAGED, "甲镇2023.txt": GOOD}.items()]
    response = client_for("county_supervisor").post(f"/annual/supervise/{county_gov.pk}/check/", {"files": uploads})
    assert response.status_code == 302
    check = BulkCheck.objects.latest("pk")
    by_file = {r["file"]: r for r in check.results}
    assert by_file["甲镇2023.txt"]["agency"] == "甲镇"
    for name in DAMAGED:
        rules = [f["rule"] for f in by_file[name]["findings"]]
        assert rules and set(rules) <= {"READ.not_a_report", "READ.limit"}, (name, by_file[name]["findings"])
        assert not any("Traceback" in f["message"] for f in by_file[name]["findings"])
    page = client_for("county_supervisor").get(response["Location"])
    assert page.status_code == 200 and "损坏" in page.content.decode()


def test_a_zip_member_over_the_limit_in_the_web_bulk_check_is_a_finding(county, client_for, settings):
    settings.GONGKAI_READ_LIMITS = {"zip_member_bytes": MiB}
    county_gov = Organisation.objects.get(name="某县人民政府")
    data = hostile.raw_zip([("甲镇2023.txt", GOOD), ("大.txt", hostile.deflated_zeros(2 * MiB))])
    response = client_for("county_supervisor").post(
        f"/annual/supervise/{county_gov.pk}/check/", {"files": [SimpleUploadedFile("批量.zip", data)]})
    assert response.status_code == 302
    by_file = {r["file"]: r for r in BulkCheck.objects.latest("pk").results}
    assert by_file["批量.zip/甲镇2023.txt"]["agency"] == "甲镇"
    finding = by_file["批量.zip/大.txt"]["findings"][0]
    assert finding["rule"] == "READ.limit" and "压缩包中单个文件解压后的大小" in finding["message"]


def test_a_zip_is_recognised_by_its_content_not_its_name():
    files = bulkcheck.files_from_uploads([SimpleUploadedFile("reports.dat", _zip({"甲镇2023.txt": GOOD}))])
    assert [name for name, _ in files] == ["reports.dat/甲镇2023.txt"]
    files = bulkcheck.files_from_uploads([SimpleUploadedFile("not-a.zip", GOOD)])
    assert files == [("not-a.zip", GOOD)]  # a report named .zip is read as what it is


def test_the_read_limits_come_from_the_django_setting(settings):
    settings.GONGKAI_READ_LIMITS = {"table_cells": 7}
    assert limits.current().table_cells == 7
    from gongkai.report.read import read_bytes

    result = read_bytes(b"<table><tr><td colspan=4>1</td><td>2</td></tr><tr><td>3</td><td>4</td></tr></table>")
    assert [f.rule for f in result.findings] == ["READ.limit"]
    assert "表格展开合并单元格后的单元格数" in result.findings[0].message


# ------------------------------------------------------------------------------------------- 台账 import


def test_a_register_declaring_a_huge_sheet_is_refused_within_bounded_memory():
    # 5 KB that made read-only openpyxl pad a million rows to 16,384 columns: 5.6 GB in 12 s
    data = hostile.xlsx({"A1": "收到申请日期", "B1": "申请方式", "A1048576": "x"}, dimension="A1:XFD1048576")
    answer = hostile.run_bounded(f"""
        from gongkai.applications.importer import RegisterImportError, read_rows
        try:
            read_rows("台账.xlsx", open({_write(data)!r}, "rb").read())
            result = "read"
        except RegisterImportError as exc:
            result = str(exc)
    """, django=True)
    assert "工作表的行数乘列数" in str(answer["result"]) and "未导入任何记录" in str(answer["result"])
    assert float(answer["peak_mb"]) < 300  # type: ignore[arg-type]


@pytest.mark.parametrize(("name", "data", "reason"), [
    ("台账.xlsx", DAMAGED["损坏.xlsx"], "Excel"),
    ("台账.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "内容不是Excel工作簿"),
    ("台账.xlsx", "收到申请日期,申请方式\n".encode(), "内容不是Excel工作簿"),
    ("台账.csv", b"%PDF-1.7 a PDF renamed", "内容不是文本"),
    ("台账.csv", b"\x00\x01\x02" * 100, "内容不是文本"),
    ("台账.docx", b"whatever", "只能导入"),
])
def test_a_damaged_or_mislabelled_register_is_a_clear_problem(name, data, reason):
    with pytest.raises(RegisterImportError) as exc:
        read_rows(name, data)
    assert reason in str(exc.value)


def test_a_workbook_named_csv_is_read_as_the_workbook_it_is():
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["收到申请日期", "申请方式", "申请人类型", "申请人", "所需信息"])
    book.active.append(["2024-03-01", "当面提交", "自然人", "张三", "某文件"])
    buffer = io.BytesIO()
    book.save(buffer)
    rows = read_rows("台账.csv", buffer.getvalue())
    assert rows == [{"收到申请日期": "2024-03-01", "申请方式": "当面提交", "申请人类型": "自然人", "申请人": "张三",
                     "所需信息": "某文件"}]


def test_the_import_page_shows_a_damaged_file_as_a_problem_not_an_error_page(county, client_for):
    dazhai = Organisation.objects.get(name="大寨乡")
    for name, data in (("台账.xlsx", DAMAGED["损坏.xlsx"]), ("台账.xlsx", hostile.xlsx(
            {"A1": "x"}, merges=("A1:XFD1048576",)))):
        page = client_for("dazhai_admin").post(reverse("applications:import"),
                                               {"org": dazhai.pk, "file": SimpleUploadedFile(name, data)})
        assert page.status_code == 200
        assert "未导入任何记录" in page.content.decode()


def test_the_article_20_figures_import_refuses_a_hostile_workbook(county):
    from gongkai.annual import figures

    handler = User.objects.get(username="dazhai_handler")
    for data, reason in ((hostile.xlsx({"A1": "机关"}, merges=("A1:XFD1048576",)), "合并单元格"),
                         (hostile.xlsx({"A1": "机关", "XFD1048576": "x"}), "行数乘列数"),
                         (DAMAGED["损坏.xlsx"], "不是有效的 XLSX")):
        with pytest.raises(ValidationError, match=reason):
            figures.import_xlsx(data, actor=handler)


# ------------------------------------------------------------------------------ publishing and screening


@pytest.mark.parametrize("name", ["损坏.docx", "截断.docx", "损坏.pdf"])
def test_screening_a_damaged_file_is_an_extraction_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(DAMAGED[name])
    with pytest.raises(ExtractionError, match="无法读取"):
        extract_text(path)


def test_screening_a_docx_with_a_part_past_the_limit_is_an_extraction_error(tmp_path):
    path = tmp_path / "大.docx"
    path.write_bytes(hostile.docx("<w:p/>", padding=limits.Limits().xml_part_bytes + 1))
    with pytest.raises(ExtractionError, match="xml_part_bytes"):
        extract_text(path)


def _draft():  # type: ignore[no-untyped-def]
    from gongkai.publishing import vocabularies
    from tests.platform.publishing.helpers import draft

    vocabularies.ensure_defaults()
    return draft()


@pytest.mark.parametrize(("name", "data"), [
    ("通知.pdf", b"just text, not a PDF"),
    ("通知.docx", b"%PDF-1.7 a PDF renamed"),
    ("通知.docx", DAMAGED["截断.docx"]),
    ("名单.xlsx", _damaged_docx()),
    ("照片.jpg", b"MZ\x90\x00 a program"),
    ("说明.txt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100)),
])
def test_an_attachment_whose_content_is_not_what_its_name_says_is_refused(county, name, data):
    from gongkai.publishing import services

    with pytest.raises(ValidationError, match="文件内容与扩展名不符"):
        services.add_attachment(_draft(), actor=User.objects.get(username="dazhai_handler"),
                                upload=SimpleUploadedFile(name, data))


def test_a_damaged_docx_attachment_is_screened_without_an_error(county):
    from gongkai.publishing import services

    item = _draft()
    handler = User.objects.get(username="dazhai_handler")
    services.add_attachment(item, actor=handler, upload=SimpleUploadedFile("附件.docx", _damaged_docx()))
    submitted = services.submit(item, actor=handler)  # screens the attachment: its text is simply empty
    assert submitted.state != item.state


# ------------------------------------------------------------------------------------ formula injection


def test_file_names_that_look_like_formulas_stay_text_in_the_results_workbook():
    from openpyxl import load_workbook

    names = ["=1+1.txt", "+SUM(A1).txt", "-2+3.txt", "@cmd.txt", "=HYPERLINK(\"http://x\").zip/甲.txt"]
    results = bulkcheck.check_files([(name, GOOD) for name in names])
    book = load_workbook(io.BytesIO(bulkcheck.results_xlsx(BulkCheck(results=results))))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = {cell.value for cell in cells if cell.value in names}
    assert texts == set(names)
    assert all(cell.quotePrefix for cell in cells if cell.value in names)
