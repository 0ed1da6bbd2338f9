"""Report pages built the way government portals build them, with the cell values they hold.

Three pages of one district's 2023 report (the numbers of the issue's glued example):
- `word_export_gbk()`: Word's "save as web page" pasted into the portal, GB2312 declared (a GBK-only
  character in the text), `<o:p>`, `mso-` styles, numbers inside `<p><span>`, `&nbsp;` indents,
  the official merged header and label cells, 四 with the template's two-level header;
- `cms_split_utf8()`: a CMS article (nested `<div>`s), section 二 as one 4-column table with
  heading rows, table 三 split into two `<table>` elements whose second part repeats the header,
  labels broken with `<br>`;
- `layout_wrapped_gbk()`: GBK with no charset declared, the article inside a layout table under the
  site's navigation.
"""

from __future__ import annotations

from decimal import Decimal

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport

AGENCY, YEAR = "某区人民政府", 2023
TITLE = f"{AGENCY}{YEAR}年政府信息公开工作年度报告"
A = "applications"
ROWS = {  # table 三, the seven applicant columns
    "new": [80, 1, 0, 0, 0, 0, 81],
    "carried_in": [3, 0, 0, 0, 0, 0, 3],
    "granted": [40, 1, 0, 0, 0, 0, 41],
    "partial": [10, 0, 0, 0, 0, 0, 10],
    "unable.not_held": [20, 0, 0, 0, 0, 0, 20],
    "not_handled.repeat": [5, 0, 0, 0, 0, 0, 5],
    "total": [75, 1, 0, 0, 0, 0, 76],
    "carried_out": [8, 0, 0, 0, 0, 0, 8],
}
APPEALS = [2, 0, 0, 1, 3, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]
ART20 = {
    ("art20_1", "rules"): [0, 0, 0],
    ("art20_1", "normative_documents"): [3, 1, 25],
    ("art20_5", "licensing"): [1520],
    ("art20_6", "penalty"): [87],
    ("art20_6", "coercion"): [4],
    ("art20_8", "fees"): [Decimal("12.5")],
}
OVERALL = [
    "（一）主动公开",
    "全年主动公开政府信息120条，其中政策解读15篇。",
    "（二）依申请公开",
    "全年收到政府信息公开申请81件。",
]
PROBLEMS = ["一是公开内容不够全面。", "下一步将加强培训，联系人：王喆。"]  # 喆 is in GBK, not in GB2312
OTHER = ["本年度未收取信息处理费。"]

# table 三's label cells as the official template merges them: (label, rowspan, colspan) or None
_T3_LABELS: list[tuple[str, list[tuple[str, int, int]]]] = [
    ("new", [("一、本年新收政府信息公开申请数量", 1, 3)]),
    ("carried_in", [("二、上年结转政府信息公开申请数量", 1, 3)]),
    ("granted", [("三、本年度办理结果", 22, 1), ("（一）予以公开", 1, 2)]),
    ("partial", [("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 1, 2)]),
    ("withheld.state_secret", [("（三）不予公开", 8, 1), ("1.属于国家秘密", 1, 1)]),
    ("withheld.law_forbids", [("2.其他法律行政法规禁止公开", 1, 1)]),
    ("withheld.security_stability", [("3.危及&quot;三安全一稳定&quot;", 1, 1)]),
    ("withheld.third_party", [("4.保护第三方合法权益", 1, 1)]),
    ("withheld.internal_affairs", [("5.属于三类内部事务信息", 1, 1)]),
    ("withheld.process_info", [("6.属于四类过程性信息", 1, 1)]),
    ("withheld.enforcement_file", [("7.属于行政执法案卷", 1, 1)]),
    ("withheld.query_matter", [("8.属于行政查询事项", 1, 1)]),
    ("unable.not_held", [("（四）无法提供", 3, 1), ("1.本机关不掌握相关政府信息", 1, 1)]),
    ("unable.needs_creation", [("2.没有现成信息需要另行制作", 1, 1)]),
    ("unable.unclear_after_correction", [("3.补正后申请内容仍不明确", 1, 1)]),
    ("not_handled.petition", [("（五）不予处理", 5, 1), ("1.信访举报投诉类申请", 1, 1)]),
    ("not_handled.repeat", [("2.重复申请", 1, 1)]),
    ("not_handled.publication", [("3.要求提供公开出版物", 1, 1)]),
    ("not_handled.excessive", [("4.无正当理由大量反复申请", 1, 1)]),
    ("not_handled.confirm_or_reissue", [("5.要求行政机关确认或重新出具已获取信息", 1, 1)]),
    (
        "other.no_correction",
        [("（六）其他处理", 3, 1), ("1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", 1, 1)],
    ),
    ("other.no_payment", [("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", 1, 1)]),
    ("other.other", [("3.其他", 1, 1)]),
    ("total", [("（七）总计", 1, 2)]),
    ("carried_out", [("四、结转下年度继续办理", 1, 3)]),
]
_NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"


def _t3_header(td) -> list[str]:  # type: ignore[no-untyped-def]
    kinds = ("商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
    return [
        td(_NOTE, 3, 3) + td("申请人情况", 1, 6) + td("总计", 3, 1),
        td("自然人", 2, 1) + td("法人或其他组织", 1, 5),
        "".join(td(kind) for kind in kinds),
    ]


def expected_report() -> AnnualReport:
    report = AnnualReport.zeros(AGENCY, YEAR)
    columns = [c.key for c in report.format.table(A).columns]
    for row, values in ROWS.items():
        for column, value in zip(columns, values, strict=True):
            report.set(A, row, column, value)
    for column, value in zip([c.key for c in report.format.table("appeals").columns], APPEALS, strict=True):
        report.set("appeals", "cases", column, value)
    for (table, row), values in ART20.items():
        for column, value in zip(report.format.table(table).columns, values, strict=True):
            report.set(table, row, column.key, value)
    report.sections.update(overall="\n".join(OVERALL), problems="\n".join(PROBLEMS), other="\n".join(OTHER))
    return report


def expected_cells() -> dict[CellRef, object]:
    return dict(expected_report().cells)


def _row_values(row: str) -> list[int]:
    return ROWS.get(row, [0] * 7)


# --- Word's "save as web page", GB2312 declared ----------------------------------------------------


def _w_p(text: str, *, center: bool = False, indent: bool = False, font: str = "仿宋_GB2312") -> str:
    align = " align=center style='text-align:center'" if center else ""
    if indent:
        align = " style='text-indent:32.0pt;line-height:28.0pt'"
    return f"<p class=MsoNormal{align}><span style='font-size:16.0pt;font-family:{font}'>{text}<o:p></o:p></span></p>"


def _w_td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f" rowspan={rowspan}" if rowspan > 1 else "") + (f" colspan={colspan}" if colspan > 1 else "")
    body = text if text else "&nbsp;"
    return (
        f"<td{spans} valign=middle style='border:solid windowtext 1.0pt;mso-border-alt:solid windowtext .5pt;"
        f"padding:0cm 5.4pt 0cm 5.4pt'><p class=MsoNormal align=center style='text-align:center'>"
        f"<span lang=EN-US style='font-size:10.5pt;font-family:仿宋_GB2312'>{body}<o:p></o:p></span></p></td>"
    )


def _w_table(rows: list[str]) -> str:
    return (
        "<div align=center><table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 "
        "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt'>"
        + "".join(f"<tr style='height:20.0pt'>{r}</tr>" for r in rows)
        + "</table></div>"
    )


def _art20_rows() -> list[str]:
    """Section 二 as the template has it: four small tables, each opened by its heading row."""
    rows = [
        _w_td("第二十条第<span lang=EN-US>(</span>一<span lang=EN-US>)</span>项", colspan=4),
        _w_td("信息内容") + _w_td("本年制发件数") + _w_td("本年废止件数") + _w_td("现行有效件数"),
        _w_td("规章") + "".join(_w_td(str(v)) for v in ART20[("art20_1", "rules")]),
        _w_td("行政规范性文件") + "".join(_w_td(str(v)) for v in ART20[("art20_1", "normative_documents")]),
        _w_td("第二十条第（五）项", colspan=4),
        _w_td("信息内容") + _w_td("本年处理决定数量", colspan=3),
        _w_td("行政许可") + _w_td("1520", colspan=3),
        _w_td("第二十条第（六）项", colspan=4),
        _w_td("信息内容") + _w_td("本年处理决定数量", colspan=3),
        _w_td("行政处罚") + _w_td("87", colspan=3),
        _w_td("行政强制") + _w_td("4", colspan=3),
        _w_td("第二十条第（八）项", colspan=4),
        _w_td("信息内容") + _w_td("本年收费金额（单位：万元）", colspan=3),
        _w_td("行政事业性收费") + _w_td("12.5", colspan=3),
    ]
    return rows


def _t3_rows(td=_w_td, labels=_T3_LABELS) -> list[str]:  # type: ignore[no-untyped-def]
    return [
        "".join(td(text, rowspan, colspan) for text, rowspan, colspan in cells)
        + "".join(td(str(v)) for v in _row_values(row))
        for row, cells in labels
    ]


def _t4_rows(td=_w_td, result: str = "结果维持") -> list[str]:  # type: ignore[no-untyped-def]
    results = [result, "结果纠正", "其他结果", "尚未审结", "总计"]
    return [
        td("行政复议", 1, 5) + td("行政诉讼", 1, 10),
        "".join(td(r, 2, 1) for r in results) + td("未经复议直接起诉", 1, 5) + td("复议后起诉", 1, 5),
        "".join(td(r) for r in results * 2),
        "".join(td(str(v)) for v in APPEALS),
    ]


def word_export_gbk() -> bytes:
    body = [
        _w_p(f"<b>{AGENCY}<span lang=EN-US>2023</span>年政府信息公开工作年度报告</b>", center=True, font="小标宋"),
        "<p class=MsoNormal><span lang=EN-US>&nbsp;</span></p>",
        _w_p("一、总体情况", indent=True, font="黑体"),
        *(_w_p(p, indent=True) for p in OVERALL),
        _w_p("二、主动公开政府信息情况", indent=True, font="黑体"),
        _w_table(_art20_rows()),
        _w_p("三、收到和处理政府信息公开申请情况", indent=True, font="黑体"),
        _w_table([*_t3_header(_w_td), *_t3_rows()]),
        _w_p("四、政府信息公开行政复议、行政诉讼情况", indent=True, font="黑体"),
        _w_table(_t4_rows()),
        _w_p("五、存在的主要问题及改进情况", indent=True, font="黑体"),
        *(_w_p("&nbsp;&nbsp;" + p, indent=True) for p in PROBLEMS),
        _w_p("六、其他需要报告的事项", indent=True, font="黑体"),
        *(_w_p(p, indent=True) for p in OTHER),
    ]
    page = (
        '<html xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"\n'
        'xmlns:w="urn:schemas-microsoft-com:office:word" xmlns="http://www.w3.org/TR/REC-html40">\n'
        '<head>\n<meta http-equiv=Content-Type content="text/html; charset=gb2312">\n'
        '<meta name=Generator content="Microsoft Word 15">\n'
        '<style>\n<!-- p.MsoNormal {mso-style-parent:""; margin:0cm; font-family:宋体;} -->\n</style>\n'
        "<script>var _hmt = _hmt || [];</script>\n</head>\n"
        "<body lang=ZH-CN style='tab-interval:21.0pt;text-justify-trim:punctuation'>\n"
        "<div class=WordSection1 style='layout-grid:15.6pt'>\n" + "\n".join(body) + "\n</div>\n</body>\n</html>\n"
    )
    return page.encode("gbk")


# --- a CMS article: UTF-8, nested wrappers, table 三 split in two ---------------------------------------


def _c_td(text: str, rowspan: int = 1, colspan: int = 1) -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f'<td{spans} style="text-align:center;"><p><span style="font-size:14px;">{text}</span></p></td>'


def cms_split_utf8() -> bytes:
    t3 = _t3_rows(_c_td)
    split_at = 12  # before （四）无法提供
    t3[2] = t3[2].replace('rowspan="22"', 'rowspan="10"')  # 三、本年度办理结果 ends with the first part
    first = [*_t3_header(_c_td), *t3[:split_at]]
    second = [*_t3_header(_c_td), _c_td("", 12, 1) + t3[split_at], *t3[split_at + 1 :]]  # the group cell, empty
    table = '<table border="1" cellspacing="0" width="100%" style="border-collapse:collapse;">{}</table>'
    art20 = [r.replace("<span lang=EN-US>(</span>一<span lang=EN-US>)</span>", "（一）") for r in _art20_rows()]
    paragraphs = "".join(f'<p style="text-indent:2em;">&nbsp;&nbsp;{p}</p>' for p in OVERALL)
    page = f"""<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>{TITLE}_某区人民政府门户网站</title>
<link rel="stylesheet" href="/css/main.css"><script src="/js/jquery.js"></script></head>
<body><div class="header"><ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li></ul></div>
<div class="main"><div class="article"><div class="article-title"><h1>{TITLE}</h1></div>
<div class="article-info">发布时间：2024-01-20 来源：区政府办</div>
<div class="article-content" id="zoom"><div class="TRS_Editor">
<p style="text-align:center;"><strong>一、总体情况</strong></p>{paragraphs}
<p><strong>二、主动公开政府信息情况</strong></p>
{table.format("".join(f"<tr>{r}</tr>" for r in art20))}
<p><strong>三、收到和处理政府信息公开申请情况</strong></p>
{table.format("".join(f"<tr>{r}</tr>" for r in first))}
{table.format("".join(f"<tr>{r}</tr>" for r in second))}
<p><strong>四、政府信息公开行政复议、行政诉讼情况</strong></p>
{table.format("".join(f"<tr>{r}</tr>" for r in _t4_rows(_c_td, "结果<br>维持")))}
<p><strong>五、存在的主要问题及改进情况</strong></p>{"".join(f"<p>{p}</p>" for p in PROBLEMS)}
<p><strong>六、其他需要报告的事项</strong></p>{"".join(f"<p>{p}</p>" for p in OTHER)}
</div></div></div></div>
<div class="footer">主办：某区人民政府办公室 <span>网站标识码：5201000000</span></div>
</body></html>
"""
    return page.encode("utf-8")


# --- GBK with no charset declared, the article inside a layout table -------------------------------------


def layout_wrapped_gbk() -> bytes:
    cms = cms_split_utf8().decode("utf-8")
    article = cms[cms.index('<div class="article-title">') : cms.index('<div class="footer">')]
    page = (
        "<html><head><title>年度报告</title></head><body>"
        '<table width="100%" border="0"><tr><td>首页 &gt; 政府信息公开 &gt; 年度报告</td></tr>'
        f'<tr><td class="content">{article}</td></tr></table></body></html>'
    )
    return page.encode("gbk")
