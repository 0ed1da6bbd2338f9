"""Rules on what the agency may report: 规章 only from a body with rule-making power (立法法)."""

from __future__ import annotations

import re

from gongkai.law.report_format import CellRef
from gongkai.report.findings import Finding, finding
from gongkai.report.model import AnnualReport
from gongkai.report.rules.labels import cells_list

ART20_1 = "art20_1"  # 第二十条第（一）项
RULES_ROW = "rules"  # 规章
RULEMAKERS = (  # 立法法 第九十一条、第九十三条
    "国务院各部、委员会、中国人民银行、审计署和具有行政管理职能的直属机构，"
    "省、自治区、直辖市和设区的市、自治州的人民政府"
)

# The administrative units a name is built of, outermost first: 贵州省 · 黔南布依族苗族自治州 · 某县 · 大寨乡.
# "城乡" (住房和城乡建设…) is a word, not a township.
_UNIT = re.compile(r"(.+?(?:自治区|自治州|自治县|自治旗|特别行政区|省|市|地区|盟|县|旗|区|街道|苏木|(?<!城)乡|镇))")
_BELOW_PREFECTURE = ("自治县", "自治旗", "县", "旗", "区", "街道", "苏木", "乡", "镇")  # 立法法: no 规章
_GOVERNMENT = ("人民政府", "政府", "")
_CENTRAL = ("国务院", "国家", "中国", "中华人民共和国")
_CENTRAL_ENDINGS = ("部", "总局", "总署", "署", "银行")


def can_make_rules_from_name(agency: str) -> bool | None:
    """Whether a body can make 规章, judged from its name; None where the name does not settle it.

    Conservative: False only for bodies below the prefecture (乡、镇、街道、县、区…) and for departments
    of a local government; True only for a province's or an autonomous prefecture's government.
    """
    name = re.sub(r"\s+", "", agency)
    if name.startswith(_CENTRAL) or (name.endswith(_CENTRAL_ENDINGS) and not _UNIT.match(name)):
        return None  # possibly a department of the State Council
    units: list[str] = []
    rest = name
    while match := _UNIT.match(rest):
        units.append(match.group(1))
        rest = rest[match.end() :]
    if not units:
        return None
    last = units[-1]
    if last.endswith(_BELOW_PREFECTURE) and not last.endswith("自治区"):
        return False
    if rest.startswith(("人民政府办公", "政府办公")):
        return None  # the general office of a government: may publish the government's 规章
    if rest not in _GOVERNMENT:
        return False  # a department of a local government (某市教育局, 某省财政厅)
    if last.endswith(("省", "自治区", "自治州")):
        return True
    return None  # a 市 may be a 设区的市 or a county-level city; 地区、盟 are agencies of the province


def is_government_from_name(agency: str) -> bool:
    """Whether the agency is a 人民政府 (of any level: 条例 第五十条 binds 各级人民政府), judged from its name:
    某县人民政府, 大寨乡人民政府 and a bare 大寨乡 (as a county names its townships) are; 某县人民政府办公室,
    某县财政局 and 某街道 (an office of the county government, not a government) are not."""
    name = re.sub(r"\s+", "", agency)
    units: list[str] = []
    rest = name
    while match := _UNIT.match(rest):
        units.append(match.group(1))
        rest = rest[match.end() :]
    return bool(units) and rest in _GOVERNMENT and not units[-1].endswith("街道")


def check_rulemaker(report: AnnualReport, can_make_rules: bool | None) -> list[Finding]:
    """T2.rules_not_rulemaker: 规章 counts from a body that cannot make 规章."""
    fmt = report.format
    table = fmt.table(ART20_1)
    refs = [CellRef(ART20_1, RULES_ROW, c.key) for c in table.columns]
    nonzero = [r for r in refs if report.cells[r]]
    if not nonzero:
        return []
    allowed = can_make_rules if can_make_rules is not None else can_make_rules_from_name(report.agency)
    if allowed is not False:
        return []
    return [
        finding(
            "T2.rules_not_rulemaker",
            f"{cells_list(fmt, nonzero, len(nonzero))}不为0，但{report.agency}没有规章制定权"
            f"（立法法：规章由{RULEMAKERS}制定）；本机关转载或执行的上级规章不计入",
            cells=tuple(nonzero),
            expected="0",
            found="、".join(str(report.cells[r]) for r in nonzero),
        )
    ]
