"""Reports built by hand for the rule tests: the seed (大寨乡 2023) and small consistent changes to a report."""

from __future__ import annotations

from gongkai.law.report_format import CellRef
from gongkai.report.model import AnnualReport

APPLICATIONS = "applications"

# tests/fixtures/reports/dazhai-2023.txt, sections 一, 五 and 六 as published
DAZHAI_OVERALL = """（一）主动公开
大寨乡严格按照“公开是原则，不公开是例外”的总体要求，妥善处理公开与保密的关系，合理界定信息公开范围，凡是与群众利益相关并依法应当主动公开的事项，严格履行审批程序，全面、准确公布有关内容。本着规范、高效、便民原则，通过政府门户网站信息公开栏等渠道予以依法公开。
（二）依申请公开
2023 年，我乡未收到政府信息公开申请；未发生涉及政府信息公开申请的行政复议、行政诉讼、投诉举报案件。
（三）政府信息管理
一是加强信息公开工作的主动性、及时性，落实专人专门负责政府信息公开工作，定期对主动公开目录进行更新，通过强化责任、明确任务、完善各项信息管理制度等提高政府信息管理水平。二是贯彻落实信息公开相关政策，严格落实信息发布“三审”制度，确保公开内容真实、准确、完整。始终做好保密工作，做到“上网信息不泄密，涉密信息不上网”，确保在做好政府信息公开工作中，不发生失密泄密问题。三是加强政府信息内容检查，不定期对公开内容错敏信息进行校对、整改，并按照行政规范性文件废改立的要求及时进行动态调整。2023 年我乡未制定规范性文件，对上级已经废止的文件添加废止标识。
（四）监督保障
规范信息审核工作，严格遵循“先审查、后公开”，做好政务信息保密工作，确保信息公开及时、规范、安全。同时积极参加业务培训，规范信息发布格式，提升信息发布质量。严格贯彻落实《中华人民共和国政府信息公开条例》文件要求，建立健全政府信息公开工作考核制度、社会评议制度和责任追究制度，定期对政府信息公开工作进行考核、评议，确保政府信息公开各项工作按时按质完成。"""  # noqa: E501
DAZHAI_PROBLEMS = """2023年，我乡政府信息公开各项工作取得了一些进展，但仍存在不足之处。主要表现在公开意识不强、公开不及时、公开内容质量不高，政策解读形式不够丰富，创新工作方法不够。
针对存在的问题，下阶段我乡将做好以下工作：一是完善管理制度，压实工作责任，加强信息规范性准确性审核排查，提高信息内容质量。二是加强部门联动，将县培训内容传达到各相关站所，增强业务人员之间的协同能力和责任意识，提高信息公开工作的规范性、高效性、准确性、及时性。三是加强学习交流。不断学习其他乡镇经验做法，深入总结提炼政务公开工作创新亮点经验做法，全力促进大寨乡政务公开工作再上新台阶。"""  # noqa: E501
DAZHAI_OTHER = "无"


def dazhai_2023() -> AnnualReport:
    """The seed: 大寨乡's 2023 report, every cell 0, its text as published."""
    report = AnnualReport.zeros("大寨乡", 2023)
    report.sections.update(overall=DAZHAI_OVERALL, problems=DAZHAI_PROBLEMS, other=DAZHAI_OTHER)
    return report


def complete(report: AnnualReport) -> AnnualReport:
    """Text that covers every item the format asks for, so that a test sees only the findings it provokes."""
    report.sections.update(
        # 条例 第五十条: a government's report states 考核、社会评议、责任追究, each
        overall="（一）主动公开\n（二）依申请公开\n（三）政府信息管理\n（四）平台建设\n（五）监督保障\n考核\n社会评议\n责任追究",
        problems="公开内容不够丰富。下一步将加强培训。",
        other="本年度未收取信息处理费。",
    )
    return report


def bump(report: AnnualReport, table: str, row: str, column: str, by: int = 1) -> None:
    ref = CellRef(table, row, column)
    value = report.cells[ref]
    report.cells[ref] = (value or 0) + by


def add_requests(
    report: AnnualReport, outcome: str, n: int = 1, column: str = "natural_person", *, carried_in: bool = False
) -> None:
    """n requests from `column` (new, or carried in from last year) that end in `outcome`, tables kept consistent.

    `outcome` is an outcome row key, or "carried_out" for requests still open at the end of the year.
    """
    for col in (column, "total"):
        bump(report, APPLICATIONS, "carried_in" if carried_in else "new", col, n)
        bump(report, APPLICATIONS, outcome, col, n)
        if outcome != "carried_out":
            bump(report, APPLICATIONS, "total", col, n)


def add_appeals(report: AnnualReport, group: str, result: str = "upheld", n: int = 1) -> None:
    """n appeals (group: review, direct_suit, suit_after_review) with `result`, 总计 kept consistent."""
    bump(report, "appeals", "cases", f"{group}.{result}", n)
    bump(report, "appeals", "cases", f"{group}.total", n)
