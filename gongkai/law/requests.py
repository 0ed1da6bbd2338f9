"""Requests for disclosure (依申请公开) as data: periods, receipt dates, applicant types, outcomes.

Source: 《中华人民共和国政府信息公开条例》 (国务院令第711号, in force 2019-05-15; "条例" below), read in
full; 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号); the outcome rows of table 三 of the annual
report (国办公开办函〔2021〕30号, keys as in `gongkai.law.report_format`). Readings of the law that no
primary text confirms are fields of `RequestSettings`, with the default we chose, not constants.
Dates are computed from these periods only by `gongkai.law.deadlines`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from types import MappingProxyType

from gongkai.errors import GongkaiError
from gongkai.law.choices import LabelledChoice

__all__ = [
    "ADMINISTRATIVE_REVIEW",
    "CONFIRMED_AFTER_ARRIVAL",
    "CORRECTION_NOTICE",
    "CO_MAKER_OPINION",
    "DEFAULT_SETTINGS",
    "DIRECT_LITIGATION",
    "EXTENSION_MAX",
    "FEE_PAYMENT",
    "FEE_RULES",
    "LITIGATION_AFTER_REVIEW",
    "LITIGATION_LAW",
    "OUTCOMES",
    "PERIODS",
    "PROACTIVE_PUBLICATION",
    "RECEIPT_RULES",
    "REGULATION",
    "REPLY",
    "REPORT_FORMAT",
    "REVIEW_LAW",
    "TABLE3_OUTCOME_ROWS",
    "THIRD_PARTY_OPINION",
    "ApplicantType",
    "DayUnit",
    "MissingReceiptEventError",
    "Outcome",
    "Period",
    "ReceiptChannel",
    "ReceiptEvent",
    "ReceiptRule",
    "RequestSettings",
    "late_confirmation",
    "outcome",
    "receipt_date",
    "receipt_rule",
]

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"
REVIEW_LAW = "《中华人民共和国行政复议法》"  # 2023年修订，2024年1月1日起施行
LITIGATION_LAW = "《中华人民共和国行政诉讼法》"
REPORT_FORMAT = "国办公开办函〔2021〕30号"


# ---------------------------------------------------------------------------------------------
# Periods


class DayUnit(LabelledChoice):
    WORKING_DAYS = "working_days", "个工作日"
    DAYS = "days", "日"  # calendar days; a last day on a holiday rolls to the next working day
    MONTHS = "months", "个月"


@dataclass(frozen=True)
class Period:
    """A statutory period: its length, unit, what it runs from, and the article that fixes it."""

    key: str
    name: str
    length: int
    unit: DayUnit
    runs_from: str  # the event the period runs from; that day itself is not counted
    law: str
    article: str

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"

    def __str__(self) -> str:
        return f"{self.length}{self.unit.label}"


CORRECTION_NOTICE = Period(  # 条例 第三十条
    "correction_notice", "补正告知期限", 7, DayUnit.WORKING_DAYS, "收到申请之日", REGULATION, "第三十条"
)
REPLY = Period(  # 条例 第三十三条第二款; from the corrected application under 第三十条
    "reply", "答复期限", 20, DayUnit.WORKING_DAYS, "收到申请之日", REGULATION, "第三十三条第二款"
)
EXTENSION_MAX = Period(  # 条例 第三十三条第二款: 经政府信息公开工作机构负责人同意并告知申请人
    "extension", "延长答复期限（最长）", 20, DayUnit.WORKING_DAYS, "原答复期限届满之日", REGULATION, "第三十三条第二款"
)
THIRD_PARTY_OPINION = Period(  # 条例 第三十二条
    "third_party_opinion", "第三方提出意见期限", 15, DayUnit.WORKING_DAYS, "收到征求意见书之日", REGULATION,
    "第三十二条",
)
CO_MAKER_OPINION = Period(  # 条例 第三十四条: 逾期未提出意见的视为同意公开
    "co_maker_opinion", "共同制作机关提出意见期限", 15, DayUnit.WORKING_DAYS, "收到征求意见书之日", REGULATION,
    "第三十四条",
)
FEE_PAYMENT = Period(  # 国办函〔2020〕109号 as restated by 四川省财政厅等 2021-01-18; national article unread
    "fee_payment", "缴纳信息处理费期限", 20, DayUnit.WORKING_DAYS, "收到收费通知之日", FEE_RULES, ""
)
PROACTIVE_PUBLICATION = Period(  # 条例 第二十六条
    "proactive_publication", "主动公开期限", 20, DayUnit.WORKING_DAYS, "政府信息形成或者变更之日", REGULATION,
    "第二十六条",
)
ADMINISTRATIVE_REVIEW = Period(  # 行政复议法 第二十条第一款
    "administrative_review", "申请行政复议期限", 60, DayUnit.DAYS, "知道或者应当知道该行政行为之日", REVIEW_LAW,
    "第二十条第一款",
)
DIRECT_LITIGATION = Period(  # 行政诉讼法 第四十六条第一款
    "direct_litigation", "直接提起行政诉讼期限", 6, DayUnit.MONTHS, "知道或者应当知道作出行政行为之日",
    LITIGATION_LAW, "第四十六条第一款",
)
LITIGATION_AFTER_REVIEW = Period(  # 行政诉讼法 第四十五条; 行政复议法 第三十四条 for 复议前置 cases
    "litigation_after_review", "复议后提起行政诉讼期限", 15, DayUnit.DAYS, "收到行政复议决定书之日",
    LITIGATION_LAW, "第四十五条",
)

PERIODS: tuple[Period, ...] = (
    CORRECTION_NOTICE,
    REPLY,
    EXTENSION_MAX,
    THIRD_PARTY_OPINION,
    CO_MAKER_OPINION,
    FEE_PAYMENT,
    PROACTIVE_PUBLICATION,
    ADMINISTRATIVE_REVIEW,
    DIRECT_LITIGATION,
    LITIGATION_AFTER_REVIEW,
)


# ---------------------------------------------------------------------------------------------
# Table 三 rows and applicant types


# The outcome rows of table 三, in the official order (国办公开办函〔2021〕30号 表三 三、本年度办理结果).
TABLE3_OUTCOME_ROWS: tuple[str, ...] = (
    "granted",
    "partial",
    "withheld.state_secret",
    "withheld.law_forbids",
    "withheld.security_stability",
    "withheld.third_party",
    "withheld.internal_affairs",
    "withheld.process_info",
    "withheld.enforcement_file",
    "withheld.query_matter",
    "unable.not_held",
    "unable.needs_creation",
    "unable.unclear_after_correction",
    "not_handled.petition",
    "not_handled.repeat",
    "not_handled.publication",
    "not_handled.excessive",
    "not_handled.confirm_or_reissue",
    "other.no_correction",
    "other.no_payment",
    "other.other",
)


class ApplicantType(LabelledChoice):
    """The applicant columns of table 三 (申请人情况: 自然人 | 法人或其他组织 ×5)."""

    NATURAL_PERSON = "natural_person", "自然人"
    COMMERCIAL = "commercial", "商业企业"
    RESEARCH = "research", "科研机构"
    PUBLIC_INTEREST = "public_interest", "社会公益组织"
    LEGAL_SERVICES = "legal_services", "法律服务机构"
    OTHER_ORG = "other_org", "其他"

    @property
    def is_organisation(self) -> bool:
        """法人或其他组织 (every type but 自然人)."""
        return self is not ApplicantType.NATURAL_PERSON


# ---------------------------------------------------------------------------------------------
# Receipt date (条例 第三十一条)


class ReceiptChannel(LabelledChoice):
    IN_PERSON = "in_person", "当面提交"
    POST = "post", "邮寄（需签收）"
    ORDINARY_MAIL = "ordinary_mail", "平常信函等无需签收的邮寄"
    ONLINE = "online", "互联网渠道"
    FAX = "fax", "传真"
    EMAIL = "email", "电子邮件"


class ReceiptEvent(LabelledChoice):
    """The event whose date is the receipt date."""

    HANDED_IN = "handed_in", "提交之日"
    SIGNED_FOR = "signed_for", "签收之日"
    CONFIRMED = "confirmed", "确认之日"  # the office with the applicant (平常信函) or both parties
    ARRIVED = "arrived", "电子邮件系统收到之日"


@dataclass(frozen=True)
class ReceiptRule:
    channel: ReceiptChannel
    event: ReceiptEvent
    rule: str
    law: str
    article: str

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"


_EMAIL_ARRIVED = ReceiptRule(  # 国办公开办函〔2015〕207号 一: still cited by agencies; predates the 2019 text
    ReceiptChannel.EMAIL,
    ReceiptEvent.ARRIVED,
    "以电子邮件系统收到申请之日为收到申请之日",
    "国办公开办函〔2015〕207号",
    "",
)
_EMAIL_CONFIRMED = ReceiptRule(  # 条例 第三十一条第（三）项 read as covering e-mail (互联网渠道)
    ReceiptChannel.EMAIL, ReceiptEvent.CONFIRMED, "以双方确认之日为收到申请之日", REGULATION, "第三十一条第（三）项"
)

RECEIPT_RULES: MappingProxyType[ReceiptChannel, ReceiptRule] = MappingProxyType(
    {
        ReceiptChannel.IN_PERSON: ReceiptRule(
            ReceiptChannel.IN_PERSON, ReceiptEvent.HANDED_IN, "以提交之日为收到申请之日", REGULATION,
            "第三十一条第（一）项",
        ),
        ReceiptChannel.POST: ReceiptRule(
            ReceiptChannel.POST, ReceiptEvent.SIGNED_FOR, "以行政机关签收之日为收到申请之日", REGULATION,
            "第三十一条第（二）项",
        ),
        ReceiptChannel.ORDINARY_MAIL: ReceiptRule(
            ReceiptChannel.ORDINARY_MAIL,
            ReceiptEvent.CONFIRMED,
            "政府信息公开工作机构应当于收到申请的当日与申请人确认，确认之日为收到申请之日",
            REGULATION,
            "第三十一条第（二）项",
        ),
        ReceiptChannel.ONLINE: ReceiptRule(
            ReceiptChannel.ONLINE, ReceiptEvent.CONFIRMED, "以双方确认之日为收到申请之日", REGULATION,
            "第三十一条第（三）项",
        ),
        ReceiptChannel.FAX: ReceiptRule(
            ReceiptChannel.FAX, ReceiptEvent.CONFIRMED, "以双方确认之日为收到申请之日", REGULATION,
            "第三十一条第（三）项",
        ),
        ReceiptChannel.EMAIL: _EMAIL_ARRIVED,
    }
)


# ---------------------------------------------------------------------------------------------
# Settings: readings not confirmed in a primary text


@dataclass(frozen=True)
class RequestSettings:
    """Readings of the law that no primary text read for gongkai confirms, with the chosen default.

    - `fee_period_pauses_reply`: the time from the fee notice to payment does not count toward the
      reply period (provincial restatements of 国办函〔2020〕109号 say so; the national article was not
      read).
    - `consultation_pause_ends_at_opinion_due`: a third party or co-maker that stays silent stops the
      pause when its 15 working days run out (条例 第三十二条、第三十四条 let the agency decide then);
      off, the pause lasts until the opinion actually arrives.
    - `email_receipt_event`: e-mail counts from its arrival (国办公开办函〔2015〕207号, the earlier and
      stricter reading) or from both parties' confirmation (条例 第三十一条第（三）项 read as covering it).
    - `already_published_row`, `not_responsible_row`, `special_law_row`: where 条例 第三十六条第（一）、
      （五）、（七）项 replies count in table 三; the format does not say (inferences of the research note).
    - `special_law_requires_review_first`: whether a 第三十六条第（七）项 reply is a 不予公开 for
      行政复议法 第二十三条第一款第（四）项 (on: the reply points to 行政复议 first, which never costs the
      applicant a remedy).
    - `review_first_outcomes`: the outcomes whose reply sends the applicant to 行政复议 before any lawsuit
      (复议前置, 行政复议法 第二十三条第一款第（四）项 since 2024-01-01). None, the default, is every outcome
      that provides no information (不予公开, 部分公开, 无法提供, 不予处理, 其他): whether 无法提供 or 不予处理
      is a "不予公开" in that article is disputed, and pointing to review first never costs the applicant
      a remedy, while the narrow reading can cost the case. A set of outcome keys narrows it.
    """

    fee_period_pauses_reply: bool = True
    consultation_pause_ends_at_opinion_due: bool = True
    email_receipt_event: ReceiptEvent = ReceiptEvent.ARRIVED
    already_published_row: str = "granted"
    not_responsible_row: str = "unable.not_held"
    special_law_row: str = "withheld.query_matter"
    special_law_requires_review_first: bool = True
    review_first_outcomes: frozenset[str] | None = None

    def __post_init__(self) -> None:
        if self.review_first_outcomes is not None:
            keys = frozenset(self.review_first_outcomes)
            object.__setattr__(self, "review_first_outcomes", keys)
            if unknown := sorted(keys - set(_BY_KEY)):
                raise ValueError(f"review_first_outcomes 中有未知的办理结果：{', '.join(unknown)}")
        for name in ("already_published_row", "not_responsible_row", "special_law_row"):
            row = getattr(self, name)
            if row not in TABLE3_OUTCOME_ROWS:
                raise ValueError(f"{name}={row!r} 不是表三的办理结果行")
        if self.email_receipt_event not in (ReceiptEvent.ARRIVED, ReceiptEvent.CONFIRMED):
            raise ValueError("email_receipt_event 只能是 ARRIVED 或 CONFIRMED")

    def review_first(self, result: Outcome) -> bool:
        """Whether a reply with this outcome must send the applicant to 行政复议 first (复议前置)."""
        if result.key == "special_law":
            return self.special_law_requires_review_first
        if self.review_first_outcomes is None:
            return not result.provides_information
        return result.key in self.review_first_outcomes


DEFAULT_SETTINGS = RequestSettings()


class MissingReceiptEventError(GongkaiError):
    """The date the receipt rule of the channel needs was not given."""


def receipt_rule(channel: ReceiptChannel, settings: RequestSettings = DEFAULT_SETTINGS) -> ReceiptRule:
    """Which event's date is the receipt date for `channel` (条例 第三十一条)."""
    if channel is ReceiptChannel.EMAIL:
        return _EMAIL_ARRIVED if settings.email_receipt_event is ReceiptEvent.ARRIVED else _EMAIL_CONFIRMED
    return RECEIPT_RULES[channel]


def receipt_date(
    channel: ReceiptChannel,
    *,
    handed_in: date | None = None,
    signed_for: date | None = None,
    confirmed: date | None = None,
    arrived: date | None = None,
    settings: RequestSettings = DEFAULT_SETTINGS,
) -> date:
    """The receipt date (收到申请之日) of an application, from the dates recorded for it."""
    rule = receipt_rule(channel, settings)
    given = {
        ReceiptEvent.HANDED_IN: handed_in,
        ReceiptEvent.SIGNED_FOR: signed_for,
        ReceiptEvent.CONFIRMED: confirmed,
        ReceiptEvent.ARRIVED: arrived,
    }[rule.event]
    if given is None:
        raise MissingReceiptEventError(
            f"{channel.label}的申请{rule.rule}（{rule.citation}），请录入{rule.event.label.removesuffix('之日')}日期"
        )
    return given


# Channels whose receipt date is a confirmation that follows the application's arrival (条例 第三十一条).
CONFIRMED_AFTER_ARRIVAL = frozenset({ReceiptChannel.ORDINARY_MAIL, ReceiptChannel.ONLINE, ReceiptChannel.FAX})


def late_confirmation(channel: ReceiptChannel, arrived: date | None, confirmed: date | None) -> str | None:
    """The notice to staff when an application was confirmed later than the day it arrived.

    The receipt date stays the confirmation day the article names (the clock runs from it), but a later
    confirmation is the office's to explain: for 平常信函 the office must confirm on the day it receives the
    letter (第三十一条第（二）项); for online and fax applications each day between arrival and 双方确认 is a
    day the applicant waited (第三十一条第（三）项).
    """
    if channel not in CONFIRMED_AFTER_ARRIVAL or arrived is None or confirmed is None or confirmed <= arrived:
        return None
    days = (confirmed - arrived).days
    rule = RECEIPT_RULES[channel]
    if channel is ReceiptChannel.ORDINARY_MAIL:
        duty = "政府信息公开工作机构应当于收到申请的当日与申请人确认"
    else:
        duty = "以双方确认之日为收到申请之日"
    return (
        f"申请于{arrived.isoformat()}到达，{confirmed.isoformat()}才确认，晚了{days}日"
        f"（{rule.citation}：{duty}）；请在办理记录中说明原因"
    )


# ---------------------------------------------------------------------------------------------
# Outcomes (条例 第三十条、第三十五条至第三十九条) and their table 三 rows


@dataclass(frozen=True)
class Outcome:
    """How a request ended: the reply type, the article it rests on, and its row in table 三.

    `refusal` marks a 不予公开 decision (in whole or part), whose reply must give reasons (第三十六条第（三）
    项). `provides_information` marks a reply that gives the applicant the information (or where to get
    it); every other reply points to 行政复议 first by default (`RequestSettings.review_first`).
    `row_setting` names the `RequestSettings` field
    that holds the row where the format leaves it open.
    """

    key: str
    name: str
    law: str
    article: str
    table3_row: str  # the default row
    refusal: bool = False
    row_setting: str | None = None
    note: str = ""
    provides_information: bool = False

    @property
    def citation(self) -> str:
        return f"{self.law}{self.article}"

    def row(self, settings: RequestSettings = DEFAULT_SETTINGS) -> str:
        """The table 三 row this outcome counts in, under `settings`."""
        if self.row_setting is None:
            return self.table3_row
        row: str = getattr(settings, self.row_setting)
        return row


_ART36_3 = "第三十六条第（三）项"

OUTCOMES: tuple[Outcome, ...] = (
    Outcome(
        "already_published", "已主动公开，告知获取方式、途径", REGULATION, "第三十六条第（一）项", "granted",
        row_setting="already_published_row", note="计入“予以公开”系推断（年报格式未区分）",
        provides_information=True,
    ),
    Outcome("granted", "予以公开", REGULATION, "第三十六条第（二）项", "granted", provides_information=True),
    Outcome(
        "partial", "部分公开（区分处理）", REGULATION, "第三十七条", "partial", refusal=True,
        note="区分处理的，只计“部分公开”，不计其他情形",
    ),
    Outcome(
        "withheld_state_secret", "不予公开：属于国家秘密", REGULATION, f"第十四条、{_ART36_3}",
        "withheld.state_secret", refusal=True,
    ),
    Outcome(
        "withheld_law_forbids", "不予公开：法律、行政法规禁止公开", REGULATION, f"第十四条、{_ART36_3}",
        "withheld.law_forbids", refusal=True,
    ),
    Outcome(
        "withheld_security_stability", "不予公开：危及国家安全、公共安全、经济安全、社会稳定", REGULATION,
        f"第十四条、{_ART36_3}", "withheld.security_stability", refusal=True,
    ),
    Outcome(
        "withheld_third_party", "不予公开：公开会损害第三方合法权益", REGULATION, f"第十五条、{_ART36_3}",
        "withheld.third_party", refusal=True,
    ),
    Outcome(
        "withheld_internal_affairs", "不予公开：内部事务信息", REGULATION, f"第十六条第一款、{_ART36_3}",
        "withheld.internal_affairs", refusal=True,
    ),
    Outcome(
        "withheld_process_info", "不予公开：过程性信息", REGULATION, f"第十六条第二款、{_ART36_3}",
        "withheld.process_info", refusal=True,
    ),
    Outcome(
        "withheld_enforcement_file", "不予公开：行政执法案卷信息", REGULATION, f"第十六条第二款、{_ART36_3}",
        "withheld.enforcement_file", refusal=True,
    ),
    Outcome(
        "special_law", "告知依照有关法律、行政法规办理（工商、不动产登记资料等）", REGULATION, "第三十六条第（七）项",
        "withheld.query_matter", row_setting="special_law_row", note="计入“属于行政查询事项”系推断",
    ),
    Outcome("not_exist", "经检索没有，告知信息不存在", REGULATION, "第三十六条第（四）项", "unable.not_held"),
    Outcome(
        "not_responsible", "不属于本机关负责公开，告知理由及负责机关", REGULATION, "第三十六条第（五）项",
        "unable.not_held", row_setting="not_responsible_row", note="计入“本机关不掌握”系推断",
    ),
    Outcome(
        "needs_creation", "需要另行制作或加工、分析，不予提供", REGULATION, "第三十八条", "unable.needs_creation"
    ),
    Outcome(
        "unclear_after_correction", "补正后申请内容仍不明确", REGULATION, "第三十条",
        "unable.unclear_after_correction",
    ),
    Outcome(
        "petition", "以申请形式进行信访、投诉、举报，不作为政府信息公开申请处理", REGULATION, "第三十九条第一款",
        "not_handled.petition",
    ),
    Outcome("repeat", "重复申请，不予重复处理", REGULATION, "第三十六条第（六）项", "not_handled.repeat"),
    Outcome(
        "publication", "要求提供公开出版物，告知获取途径", REGULATION, "第三十九条第二款", "not_handled.publication"
    ),
    Outcome(
        "excessive", "申请数量、频次明显超过合理范围且理由不合理，不予处理", REGULATION, "第三十五条",
        "not_handled.excessive",
    ),
    Outcome(
        "confirm_or_reissue", "要求行政机关确认或重新出具已获取信息", REPORT_FORMAT,
        "表三（五）5（条例无对应条款）", "not_handled.confirm_or_reissue",
    ),
    Outcome(
        "no_correction", "无正当理由逾期不补正，视为放弃申请", REGULATION, "第三十条", "other.no_correction"
    ),
    Outcome(
        "no_payment", "逾期未按收费通知缴纳信息处理费，不再处理", REGULATION, f"第四十二条；{FEE_RULES}",
        "other.no_payment",
    ),
    Outcome("withdrawn", "申请人撤回申请", REPORT_FORMAT, "表三（六）3（条例无对应条款）", "other.other"),
    Outcome("other", "其他处理", REPORT_FORMAT, "表三（六）3（条例无对应条款）", "other.other"),
)

_BY_KEY = {o.key: o for o in OUTCOMES}


def outcome(key: str) -> Outcome:
    """The outcome with this key; `KeyError` names the known keys."""
    try:
        return _BY_KEY[key]
    except KeyError:
        raise KeyError(f"未知的办理结果 {key!r}；可用：{', '.join(_BY_KEY)}") from None
