"""Remedies a reply must state (条例 第五十一条): 行政复议, 行政诉讼, and to whom.

- 行政复议 within 60 days of knowing the act (行政复议法 第二十条第一款), before the body fixed by
  第二十四条 to 第二十七条 for the kind of agency that replied.
- Since 2024-01-01 a refusal to disclose (不予公开, in whole or part) must go to 行政复议 first
  (复议前置, 行政复议法 第二十三条第一款第（四）项), and the reply must say so (同条第二款); a lawsuit then
  lies within 15 days of receiving the review decision (行政诉讼法 第四十五条; 行政复议法 第三十四条).
  Which outcomes count is a setting per outcome (`RequestSettings.review_first_outcomes`): by default
  every reply that provides no information (不予公开, 部分公开, 无法提供, 不予处理, 其他处理).
- Other replies may instead be sued directly within 6 months (行政诉讼法 第四十六条第一款).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from gongkai.calendar import HolidaySchedule
from gongkai.errors import GongkaiError
from gongkai.law.choices import LabelledChoice
from gongkai.law.deadlines import period_end
from gongkai.law.requests import (
    ADMINISTRATIVE_REVIEW,
    DEFAULT_SETTINGS,
    DIRECT_LITIGATION,
    LITIGATION_AFTER_REVIEW,
    REGULATION,
    REVIEW_LAW,
    Outcome,
    Period,
    RequestSettings,
)

__all__ = [
    "REGULATION_IN_FORCE",
    "REVIEW_FIRST_SINCE",
    "AgencyKind",
    "Remedies",
    "ReviewBody",
    "UnsupportedReplyDateError",
    "guide_remedies",
    "remedies_for",
    "requires_review_first",
    "review_body",
]

REGULATION_IN_FORCE = date(2019, 5, 15)  # 条例 第五十六条
REVIEW_FIRST_SINCE = date(2024, 1, 1)  # 行政复议法 第九十条: the 2023 revision in force


class UnsupportedReplyDateError(GongkaiError):
    """A reply date before the 2019 Regulation, whose articles gongkai's outcomes cite."""


class AgencyKind(LabelledChoice):
    """The kind of agency that replied, as far as it decides the 行政复议 body."""

    TOWNSHIP_GOVERNMENT = "township_government", "乡（镇）人民政府"
    SUBDISTRICT_OFFICE = "subdistrict_office", "街道办事处"
    COUNTY_DEPARTMENT = "county_department", "县级人民政府工作部门"
    COUNTY_GOVERNMENT = "county_government", "县级人民政府"
    MUNICIPAL_DEPARTMENT = "municipal_department", "设区的市级人民政府工作部门"
    MUNICIPAL_GOVERNMENT = "municipal_government", "设区的市级人民政府"
    PROVINCIAL_DEPARTMENT = "provincial_department", "省级人民政府工作部门"
    PROVINCIAL_GOVERNMENT = "provincial_government", "省、自治区、直辖市人民政府"
    STATE_COUNCIL_DEPARTMENT = "state_council_department", "国务院部门"
    DEPARTMENT_FIELD_OFFICE = "department_field_office", "县级以上地方人民政府工作部门的派出机构"
    VERTICALLY_MANAGED = "vertically_managed", "实行垂直领导的行政机关（海关、金融、外汇管理、税务、国家安全机关等）"


@dataclass(frozen=True)
class ReviewBody:
    """The 行政复议机关, described by its relation to the agency that replied."""

    description: str
    article: str

    @property
    def citation(self) -> str:
        return f"{REVIEW_LAW}{self.article}"


_REVIEW_BODIES: dict[AgencyKind, ReviewBody] = {
    AgencyKind.TOWNSHIP_GOVERNMENT: ReviewBody("县级人民政府（上一级人民政府）", "第二十四条第一款第（二）项"),
    AgencyKind.SUBDISTRICT_OFFICE: ReviewBody("设立该街道办事处的人民政府", "第二十四条第一款第（三）项"),
    AgencyKind.COUNTY_DEPARTMENT: ReviewBody("县级人民政府（本级人民政府）", "第二十四条第一款第（一）项"),
    AgencyKind.COUNTY_GOVERNMENT: ReviewBody("上一级人民政府", "第二十四条第一款第（二）项"),
    AgencyKind.MUNICIPAL_DEPARTMENT: ReviewBody("设区的市级人民政府（本级人民政府）", "第二十四条第一款第（一）项"),
    AgencyKind.MUNICIPAL_GOVERNMENT: ReviewBody("省、自治区人民政府（上一级人民政府）", "第二十四条第一款第（二）项"),
    AgencyKind.PROVINCIAL_DEPARTMENT: ReviewBody("省级人民政府（本级人民政府）", "第二十四条第一款第（一）项"),
    AgencyKind.PROVINCIAL_GOVERNMENT: ReviewBody("本机关（省、自治区、直辖市人民政府）", "第二十四条第二款"),
    AgencyKind.STATE_COUNCIL_DEPARTMENT: ReviewBody("本部门", "第二十五条第（一）项"),
    AgencyKind.DEPARTMENT_FIELD_OFFICE: ReviewBody("设立该派出机构的工作部门的本级人民政府", "第二十四条第四款"),
    AgencyKind.VERTICALLY_MANAGED: ReviewBody("上一级主管部门", "第二十七条"),
}


def review_body(kind: AgencyKind) -> ReviewBody:
    """The 行政复议机关 for a reply by an agency of this kind (行政复议法 第二十四条至第二十七条)."""
    return _REVIEW_BODIES[kind]


def requires_review_first(
    outcome: Outcome, reply_date: date, settings: RequestSettings = DEFAULT_SETTINGS
) -> bool:
    """Whether the reply must send the applicant to 行政复议 before any lawsuit (复议前置)."""
    if reply_date < REVIEW_FIRST_SINCE:
        return False
    return settings.review_first(outcome)


@dataclass(frozen=True)
class Remedies:
    """The remedies of one reply: periods, bodies, and whether review must come first."""

    outcome: Outcome
    reply_date: date
    review_first: bool
    review_body: ReviewBody
    review: Period = ADMINISTRATIVE_REVIEW
    direct_litigation: Period | None = DIRECT_LITIGATION  # None when review must come first
    litigation_after_review: Period = LITIGATION_AFTER_REVIEW
    complaint: str = f"{REGULATION}第五十一条"

    def text(self, *, review_body_name: str | None = None, with_complaint: bool = False) -> str:
        """The remedies paragraph of the reply letter; `review_body_name` names the body (××县人民政府)."""
        body = review_body_name or self.review_body.description
        if self.review_first or self.direct_litigation is None:
            text = (
                f"如对本答复不服，应当自收到本答复之日起{self.review}内向{body}申请行政复议"
                f"（{REVIEW_LAW}第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起"
                f"{self.litigation_after_review}内依法向人民法院提起行政诉讼。"
            )
        else:
            text = (
                f"如对本答复不服，可以自收到本答复之日起{self.review}内向{body}申请行政复议，"
                f"也可以自收到本答复之日起{self.direct_litigation}内依法向人民法院提起行政诉讼。"
            )
        if with_complaint:
            text += f"此外，还可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报（{self.complaint}）。"
        return text

    def review_due(self, known_on: date, *, schedule: HolidaySchedule | None = None) -> date:
        """The last day to apply for 行政复议, for an applicant who learnt of the reply on `known_on`."""
        return period_end(self.review, known_on, schedule=schedule)

    def litigation_due(self, known_on: date, *, schedule: HolidaySchedule | None = None) -> date | None:
        """The last day to sue directly (None when review must come first)."""
        if self.direct_litigation is None:
            return None
        return period_end(self.direct_litigation, known_on, schedule=schedule)


def remedies_for(
    outcome: Outcome,
    reply_date: date,
    agency_kind: AgencyKind,
    *,
    settings: RequestSettings = DEFAULT_SETTINGS,
) -> Remedies:
    """The remedies a reply of `outcome`, made on `reply_date` by an agency of `agency_kind`, must state."""
    if reply_date < REGULATION_IN_FORCE:
        raise UnsupportedReplyDateError(
            f"答复日期{reply_date.isoformat()}早于2019年修订的条例施行之日（2019年5月15日），不能据此生成救济途径"
        )
    first = requires_review_first(outcome, reply_date, settings)
    return Remedies(
        outcome=outcome,
        reply_date=reply_date,
        review_first=first,
        review_body=review_body(agency_kind),
        direct_litigation=None if first else DIRECT_LITIGATION,
    )


def guide_remedies(settings: RequestSettings = DEFAULT_SETTINGS) -> tuple[str, ...]:
    """The 监督和救济 paragraphs of the 公开指南 (条例 第十二条、第五十一条), with the 复议前置 the letters use."""
    from gongkai.law.requests import OUTCOMES

    first = [o for o in OUTCOMES if settings.review_first(o)]
    direct = [o for o in OUTCOMES if not settings.review_first(o)]
    paragraphs = [
        "公民、法人或者其他组织认为行政机关在政府信息公开工作中侵犯其合法权益的，可以向上一级行政机关或者"
        f"政府信息公开工作主管部门投诉、举报（{REGULATION}第五十一条）。"
    ]
    if first:
        names = _names(first, direct)
        paragraphs.append(
            f"对本机关作出的{names}的答复不服的，应当自收到答复之日起{ADMINISTRATIVE_REVIEW}内先申请行政复议"
            f"（{REVIEW_LAW}第二十三条第一款第（四）项）；对行政复议决定不服的，可以自收到行政复议决定书之日起"
            f"{LITIGATION_AFTER_REVIEW}内依法提起行政诉讼。"
        )
    if direct:
        names = _names(direct, first)
        paragraphs.append(
            f"对{names}的答复不服的，可以自收到答复之日起{ADMINISTRATIVE_REVIEW}内申请行政复议，也可以自收到答复"
            f"之日起{DIRECT_LITIGATION}内依法提起行政诉讼。"
        )
    return tuple(paragraphs)


_GUIDE_GROUPS = {  # the outcome groups of table 三 as the guide names them
    "granted": "予以公开",
    "partial": "部分公开",
    "withheld": "不予公开",
    "unable": "无法提供",
    "not_handled": "不予处理",
    "other": "其他处理",
}


def _group(result: Outcome) -> str:
    return result.table3_row.split(".")[0]


def _names(chosen: list[Outcome], others: list[Outcome]) -> str:
    """The chosen outcomes by their table 三 group, or by name where the setting splits a group."""
    split = {_group(o) for o in others}
    parts: list[str] = []
    for o in chosen:
        part = o.name if _group(o) in split else _GUIDE_GROUPS[_group(o)]
        if part not in parts:
            parts.append(part)
    return "、".join(parts)
