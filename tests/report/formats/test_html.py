"""HTML: the page we publish (official merged cells, accessible, self-contained) and the pages portals publish."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from gongkai.report.findings import Severity
from gongkai.report.model import AnnualReport
from gongkai.report.read import read_bytes
from gongkai.report.read.html import decode_html, to_text
from gongkai.report.render import render
from gongkai.report.render.text import render_text
from tests.report.formats import portal_pages

# --- writing ---------------------------------------------------------------------------------------


def _tables(report: AnnualReport) -> dict[str, lxml_html.HtmlElement]:
    root = lxml_html.document_fromstring(render(report, "html"))
    return {t.get("class"): t for t in root.iter("table")}


def test_applications_header_merges_as_the_official_table(seed_report: AnnualReport) -> None:
    """国办公开办函〔2021〕30号 表三: 申请人情况 over 自然人 and 法人或其他组织 over its five kinds."""
    table = _tables(seed_report)["applications"]
    head = [
        [(c.text_content(), c.get("rowspan", "1"), c.get("colspan", "1")) for c in tr] for tr in table.find("thead")
    ]
    assert head[0][1:] == [("申请人情况", "1", "6"), ("总计", "3", "1")]
    assert head[0][0][1:] == ("3", "3") and head[0][0][0].startswith("（本列数据的勾稽关系为")
    assert head[1] == [("自然人", "2", "1"), ("法人或其他组织", "1", "5")]
    assert [c[0] for c in head[2]] == ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def test_applications_outcome_rows_nest_under_their_groups(seed_report: AnnualReport) -> None:
    body = _tables(seed_report)["applications"].find("tbody")
    spans = {c.text_content(): (c.get("rowspan", "1"), c.get("colspan", "1")) for c in body.iter("th")}
    assert spans["三、本年度办理结果"] == ("22", "1")  # （一）予以公开 … （七）总计
    assert spans["（三）不予公开"] == ("8", "1")
    assert spans["（四）无法提供"] == ("3", "1")
    assert spans["（五）不予处理"] == ("5", "1")
    assert spans["（六）其他处理"] == ("3", "1")
    assert spans["（一）予以公开"] == spans["（七）总计"] == ("1", "2")
    assert spans["一、本年新收政府信息公开申请数量"] == spans["四、结转下年度继续办理"] == ("1", "3")
    assert all(len(tr.findall("td")) == 7 for tr in body)


def test_appeals_header_has_two_levels(seed_report: AnnualReport) -> None:
    head = _tables(seed_report)["appeals"].find("thead")
    rows = [[(c.text_content(), c.get("colspan", "1")) for c in tr] for tr in head]
    assert rows[0] == [("行政复议", "5"), ("行政诉讼", "10")]
    assert rows[1] == [("未经复议直接起诉", "5"), ("复议后起诉", "5")]
    assert len(rows[2]) == 15


def test_page_is_accessible(seed_report: AnnualReport) -> None:
    root = lxml_html.document_fromstring(render(seed_report, "html"))
    assert root.get("lang") == "zh-CN"
    for table in root.iter("table"):
        assert table.find("caption") is not None and table.find("caption").text_content()
        assert all(th.get("scope") in ("col", "colgroup", "row", "rowgroup") for th in table.iter("th"))
        ids = {th.get("id") for th in table.iter("th")}
        for td in table.iter("td"):
            headers = td.get("headers", "").split()
            assert headers and set(headers) <= ids  # every value names its column and row headers
    value = root.xpath("//table[@class='applications']//td")[0]
    labels = [root.get_element_by_id(h).text_content() for h in value.get("headers").split()]
    assert labels == ["申请人情况", "自然人", "一、本年新收政府信息公开申请数量"]


def test_page_needs_nothing_from_outside(seed_report: AnnualReport) -> None:
    page = render(seed_report, "html")
    assert isinstance(page, str)
    root = lxml_html.document_fromstring(page)
    assert not root.xpath("//script | //link | //img | //iframe | //*[@src] | //*[@href]")
    assert "url(" not in page and "@import" not in page
    assert "@page" in page and "size: A4" in page  # prints on A4


def test_page_text_is_the_report_text(seed_report: AnnualReport) -> None:
    assert to_text(render(seed_report, "html").encode()) == render_text(seed_report)


# --- reading pages as portals publish them ------------------------------------------------------------

PAGES = {
    "word_export_gbk": portal_pages.word_export_gbk,
    "cms_split_utf8": portal_pages.cms_split_utf8,
    "layout_wrapped_gbk": portal_pages.layout_wrapped_gbk,
}


@pytest.mark.parametrize("page", PAGES)
def test_portal_page_reads_every_cell(page: str) -> None:
    result = read_bytes(PAGES[page](), source=f"{page}.html")
    assert result.kind == "html"
    assert result.report is not None
    expected = portal_pages.expected_report()
    assert result.report.cells == expected.cells
    assert (result.report.agency, result.report.year) == (expected.agency, expected.year)
    assert result.report.sections == expected.sections
    assert not [f for f in result.findings if f.severity is Severity.ERROR]


@pytest.mark.parametrize("page", PAGES)
def test_portal_page_merged_cells_expand_into_the_grid(page: str) -> None:
    lines = to_text(PAGES[page]()).split("\n")
    assert "一、本年新收政府信息公开申请数量\t\t\t80\t1\t0\t0\t0\t0\t81" in lines
    assert "\t\t2.重复申请\t5\t0\t0\t0\t0\t0\t5" in lines  # under 三、 and （五）, both merged down
    assert "\t（七）总计\t\t75\t1\t0\t0\t0\t0\t76" in lines
    assert "\t\t\t\t\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计\t结果维持\t结果纠正\t其他结果\t尚未审结\t总计" in [
        line.replace("结果 维持", "结果维持") for line in lines
    ]
    assert "2\t0\t0\t1\t3\t0\t0\t0\t0\t0\t0\t1\t0\t0\t1" in lines
    assert "行政事业性收费\t12.5\t\t" in lines


def test_split_table_reads_as_one_with_its_header_once() -> None:
    text = to_text(portal_pages.cms_split_utf8())
    assert text.count("申请人情况") == 1
    block = text[text.index("（本列数据") : text.index("四、结转下年度继续办理")]
    assert "\n\n" not in block  # one table: no blank line where the second <table> begins
    assert "\t（四）无法提供\t1.本机关不掌握相关政府信息\t20\t0\t0\t0\t0\t0\t20" in text.split("\n")


def test_gbk_page_is_decoded_from_its_declaration_or_its_bytes() -> None:
    declared = portal_pages.word_export_gbk()
    assert b"charset=gb2312" in declared
    assert "王喆" in decode_html(declared)  # 喆 is GBK, outside GB2312: read as GB18030
    undeclared = portal_pages.layout_wrapped_gbk()
    assert b"charset" not in undeclared.lower()
    assert "联系人：王喆" in to_text(undeclared)


def test_site_navigation_and_footer_are_left_out() -> None:
    text = to_text(portal_pages.cms_split_utf8())
    assert "网站标识码" not in text and "首页" not in text
    assert "var _hmt" not in to_text(portal_pages.word_export_gbk())


def test_nbsp_and_empty_cells() -> None:
    page = (
        "<html><body><p>&nbsp;&nbsp;&nbsp;&nbsp;一、总体情况&nbsp;</p>"
        "<table border=1><tr><td>信息内容</td><td>本年处理决定数量</td></tr>"
        "<tr><td>行政许可&nbsp;</td><td><p><span>&nbsp;</span></p></td></tr>"
        "<tr><td>行政强制</td><td><font><b> 1,024 </b></font></td></tr></table></body></html>"
    )
    lines = to_text(page.encode()).split("\n")
    assert lines[0] == "一、总体情况"
    assert "行政许可\t" in lines  # a blank cell stays blank, not 0
    assert "行政强制\t1,024" in lines


def test_hostile_spans_are_bounded() -> None:
    page = (
        '<table><tr><td rowspan="99999" colspan="abc">甲</td><td colspan="3;">乙</td></tr><tr><td>1</td></tr></table>'
    )
    assert to_text(page.encode()).split("\n")[:2] == ["甲\t乙\t\t", "\t1\t\t"]


def test_empty_page_is_not_a_report() -> None:
    result = read_bytes(b"<html><body></body></html>", source="empty.html")
    assert result.report is None
    assert result.findings


def test_kind_is_found_from_content_not_name(seed_report: AnnualReport) -> None:
    data = render(seed_report, "html")
    assert isinstance(data, str)
    result = read_bytes(data.encode(), source="report.txt")
    assert result.kind == "html" and result.report == seed_report
    assert re.search(r"<th scope=\"col\"", data)
