"""The catalogue of report findings: every rule id, its severity and what it checks, with its source.

Rules are evaluated in gongkai.report.rules (the checks) and gongkai.report.read (what a reader
could not read); both take their ids and severities from here.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: str
    title: str
    basis: str


RULES: dict[str, RuleSpec] = {
    r.id: r
    for r in (
        # table arithmetic, derived from gongkai.law.report_format identities
        RuleSpec("T3.balance", ERROR, "第一项加第二项之和等于第三项加第四项之和", "国办公开办函〔2021〕30号 表三表头"),
        RuleSpec("T3.outcome_total", ERROR, "（七）总计等于各项办理结果之和", "表三行次"),
        RuleSpec("T3.applicant_total", ERROR, "总计等于各类申请人之和", "表三列次"),
        RuleSpec("T4.group_total", ERROR, "总计等于结果维持、结果纠正、其他结果、尚未审结之和", "表四列次"),
        RuleSpec("CELL.negative", ERROR, "数字不能为负数", "统计口径"),
        RuleSpec("CELL.not_integer", ERROR, "件数应为整数", "统计口径"),
        RuleSpec("CELL.blank", WARNING, "应填数字的单元格为空（空白不等于0）", "国办公开办函〔2021〕30号"),
        # across years
        RuleSpec("XY.carry_over", WARNING, "本年上年结转数等于上年结转下年度数", "表三 二 与上年表三 四"),
        RuleSpec("XY.in_force", WARNING, "现行有效件数等于上年现行有效件数加本年制发减本年废止", "第二十条第（一）项"),
        RuleSpec("XY.not_previous_year", WARNING, "所给上年报告不是上一年度的，未作跨年度核对", "跨年度核对"),
        RuleSpec("XY.repeated_text", WARNING, "与上年报告文字雷同", "国办公开办函〔2021〕30号（四）明确责任"),
        # text and plausibility
        RuleSpec("TXT.missing_subitem", WARNING, "文字部分缺少格式要求的内容", "条例 第五十条"),
        RuleSpec("TXT.empty_section", WARNING, "文字部分没有内容", "条例 第五十条"),
        RuleSpec(
            "TXT.government_oversight", WARNING, "人民政府的报告应写明工作考核、社会评议和责任追究情况", "条例 第五十条"
        ),
        RuleSpec("TXT.fee_mismatch", WARNING, "正文所述信息处理费与收费记录不一致", "国办函〔2020〕109号"),
        # a warning: a heading the reader does not recognise looks the same as a section left out
        RuleSpec("TXT.missing_section", WARNING, "未找到格式规定的部分", "国办公开办函〔2021〕30号"),
        RuleSpec("TXT.figure_mismatch", WARNING, "正文所述数字与表格不一致", "国办公开办函〔2021〕30号"),
        RuleSpec("TXT.other_year", WARNING, "正文提到的年份与报告年度不符", "统计期为报告年度1月1日至12月31日"),
        RuleSpec("T2.rules_not_rulemaker", WARNING, "无规章制定权的机关填报了规章", "立法法 第九十三条"),
        RuleSpec("PLAUS.no_disclosure", WARNING, "申请较多而予以公开、部分公开均为0", "合理性"),
        RuleSpec("PLAUS.appeals_exceed", WARNING, "复议诉讼数超过申请办理数", "合理性"),
        # reading
        RuleSpec("READ.format", INFO, "识别出的报告格式", "国办公开办函〔2021〕30号；〔2019〕60号"),
        RuleSpec("READ.old_format", ERROR, "2019年以前的自由格式报告，不按现行格式读取", "条例（2007） 第三十二条"),
        RuleSpec("READ.not_a_report", ERROR, "未识别为政府信息公开工作年度报告", ""),
        RuleSpec("READ.missing_table", ERROR, "未找到表格", ""),
        RuleSpec("READ.missing_row", ERROR, "表格中未找到该行", ""),
        RuleSpec("READ.row_cells", ERROR, "该行数字个数与表格列数不符，无法读取", ""),
        RuleSpec("READ.ambiguous_split", ERROR, "数字粘连，有多种拆分都符合勾稽关系，无法确定", ""),
        RuleSpec("READ.unchecked", WARNING, "未能读取的内容不参与任何勾稽关系，不影响检查结论（如表二的粘连数字）", ""),
        RuleSpec(
            "READ.merged_group", WARNING, "一组分项印为一行（如2021年格式的（六）其他处理），合计为0，按0读取", ""
        ),
        RuleSpec(
            "READ.merged_group_unknown", ERROR, "一组分项印为一行且合计不为0，各项无法得知，相关勾稽关系未核对", ""
        ),
        RuleSpec("READ.glued_split", INFO, "数字粘连，已按勾稽关系唯一拆分", ""),
        RuleSpec("READ.unreadable_value", ERROR, "无法读取的数值", ""),
        RuleSpec("READ.no_year", ERROR, "未找到报告年度", ""),
        RuleSpec("READ.no_text_layer", ERROR, "PDF没有文字层（扫描件），无法读取", ""),
        RuleSpec("READ.tool_missing", ERROR, "读取这种文件所需的工具未安装", ""),
        RuleSpec("READ.limit", ERROR, "超出处理限制（页数、时间或内存），未能完整读取", ""),
    )
}
