"""Uploads are checked by their content, not only by their extension (issue 13, Low): a program renamed
“.pdf”, a web page renamed “.jpg”, a zip renamed “.docx” or a damaged Office file is a field error in
Chinese that names the file; real files of every accepted kind pass."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from gongkai.applications.forms import AttachForm, CorrectedForm
from gongkai.applications.models import Request
from gongkai.web.uploads import content_problem
from tests.platform.applications import conftest as applications
from tests.platform.applications.conftest import PERSON

county, dazhai, known_calendar = applications.county, applications.dazhai, applications.known_calendar  # fixtures


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _xlsx() -> bytes:
    buffer = io.BytesIO()
    Workbook().save(buffer)
    return buffer.getvalue()


REAL = {
    "申请表.pdf": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
    "身份证.jpg": b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(32),
    "身份证.png": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(32),
    "扫描.tif": b"II*\x00\x08\x00\x00\x00" + bytes(32),
    "说明.txt": "本人申请公开本乡补贴名单。\n".encode("gb18030"),
    "说明UTF8.txt": "本人申请公开本乡补贴名单。\n".encode(),
    "说明UTF16.txt": "\ufeff本人申请公开。".encode("utf-16-le"),
    "委托书.docx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
    "名单.xlsx": _xlsx(),
    "旧委托书.doc": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64),
    "电子证照.ofd": _zip({"OFD.xml": b"<ofd:OFD/>"}),
}
RENAMED = {
    "申请表.pdf": b"MZ\x90\x00\x03 a Windows program",
    "身份证.jpg": b"<html><script>alert(1)</script></html>",
    "身份证.png": b"\xff\xd8\xff\xe0 a JPEG is not a PNG",
    "扫描.tif": b"%PDF-1.4 a PDF",
    "说明.txt": b"\x7fELF\x02\x01\x01\x00\x00\x00 a program",
    "委托书.docx": _zip({"payload.exe": b"MZ"}),  # a zip, but not a Word document
    "名单.xlsx": _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"}),
    "旧委托书.doc": b"PK\x03\x04 not an old Word file",
    "电子证照.ofd": b"PK\x03\x04 truncated",
}


@pytest.mark.parametrize("name", sorted(REAL))
def test_a_real_file_of_each_accepted_kind_passes(name):
    assert content_problem(name, REAL[name]) is None


@pytest.mark.parametrize("name", sorted(RENAMED))
def test_a_file_whose_content_is_not_what_its_name_says_is_refused_naming_the_file(name):
    problem = content_problem(name, RENAMED[name])
    assert problem is not None and f"“{name}”" in problem and "扩展名" in problem


def test_the_staff_attachment_form_puts_the_error_on_the_file_field():
    form = AttachForm({"kind": "identity"}, {"file": SimpleUploadedFile("身份证.jpg", RENAMED["身份证.jpg"])})
    assert not form.is_valid()
    assert "“身份证.jpg”的内容不是JPEG图片文件" in " ".join(form.errors["file"])


def test_the_correction_form_checks_every_file_and_rewinds_the_good_ones():
    good = SimpleUploadedFile("申请表.pdf", REAL["申请表.pdf"])
    form = CorrectedForm({"on": "2026-12-01"}, {"files": [good]})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["files"][0].read() == REAL["申请表.pdf"]  # read whole again after the check
    bad = CorrectedForm({"on": "2026-12-01"}, {"files": [SimpleUploadedFile("申请表.pdf", REAL["申请表.pdf"]),
                                                        SimpleUploadedFile("委托书.docx", RENAMED["委托书.docx"])]})
    assert not bad.is_valid() and "委托书.docx" in " ".join(bad.errors["files"])


@pytest.mark.django_db
def test_the_public_form_refuses_a_renamed_program_as_a_field_error_not_a_500(dazhai, known_calendar):
    page = Client().post("/requests/apply/", {**PERSON, "org": dazhai.pk,
                                              "files": [SimpleUploadedFile("身份证.pdf", RENAMED["申请表.pdf"])]})
    assert page.status_code == 200
    assert "“身份证.pdf”的内容不是PDF文件" in page.content.decode()
    assert not Request.objects.exists()


def test_the_published_report_import_refuses_a_docx_that_is_not_one():
    from gongkai.annual.forms import PublishedFileForm

    form = PublishedFileForm({}, {"file": SimpleUploadedFile("2023年报.docx", b"just text renamed to .docx")})
    assert not form.is_valid() and "“2023年报.docx”的内容不是Word文件" in " ".join(form.errors["file"])
    text = PublishedFileForm({}, {"file": SimpleUploadedFile("2023年报.txt", "一、总体情况".encode())})
    assert text.is_valid(), text.errors
