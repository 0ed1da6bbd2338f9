"""When an agency's annual report is due (条例 第四十九条).

- 县级以上人民政府部门 publish their report on the previous year by 31 January (第四十九条第一款);
- the 政府信息公开工作主管部门 of a 县级以上地方人民政府 publishes that government's report by 31 March
  (第四十九条第二款).
Townships and street offices are not named: the county may fix a local date; 31 January is the default.
"""

from __future__ import annotations

from gongkai.law.requests import REGULATION

__all__ = ["DEPARTMENT_DEADLINE", "GOVERNMENT_DEADLINE", "default_report_deadline"]

DEPARTMENT_DEADLINE = (1, 31)  # (month, day); 条例 第四十九条第一款
GOVERNMENT_DEADLINE = (3, 31)  # 条例 第四十九条第二款
CITATION = f"{REGULATION}第四十九条"


def default_report_deadline(*, local_government_above_county: bool) -> tuple[int, int]:
    """(month, day) of the year after the report's year by which the report must be published."""
    return GOVERNMENT_DEADLINE if local_government_above_county else DEPARTMENT_DEADLINE
