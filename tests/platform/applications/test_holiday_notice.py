"""Entering a year's holiday notice (issue 11 point 6): the platform administrator's page and `gongkai holidays`.

A year is marked 全年已录入 only when the 13 statutory days of 《全国年节及纪念日放假办法》 第二条 are off,
the 补假 of 第六条 is there and no working stretch exceeds six days; every entry is audit-recorded and
every date is recomputed from it."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.urls import reverse

from gongkai.applications import clock, holidays
from gongkai.applications.models import HolidayDay, HolidayYear
from gongkai.audit.models import AuditEntry
from gongkai.calendar.notice import check_notice, parse_notice
from gongkai.cli import main

pytestmark = pytest.mark.django_db

# A 2027 notice written the way the State Council writes them (the real one is not out on 2026-12-05).
NOTICE_2027 = """一、元旦：1月1日（周五）至3日（周日）放假，共3天。
二、春节：2月5日（农历除夕、周五）至12日（农历正月初七、周五）放假调休，共8天。1月31日（周日）、2月20日（周六）上班。
三、清明节：4月3日（周六）至5日（周一）放假，共3天。
四、劳动节：5月1日（周六）至5日（周三）放假调休，共5天。5月8日（周六）上班。
五、端午节：6月9日（周三）放假，共1天。
六、中秋节：9月15日（周三）放假，共1天。
七、国庆节：10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。"""
ONLY_NEW_YEAR = "一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。"
DEC5 = datetime(2026, 12, 5, 10, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_notice_sentences_are_read() -> None:
    days = parse_notice(2027, NOTICE_2027)
    work = [d.day for d in days if d.kind.value == "work"]
    assert work == [date(2027, 1, 31), date(2027, 2, 20), date(2027, 5, 8), date(2027, 9, 26), date(2027, 10, 9)]
    assert len(days) == 33 and check_notice(2027, days) == []


def test_a_half_entered_year_is_refused_with_the_missing_days_named(users) -> None:
    days = parse_notice(2027, ONLY_NEW_YEAR)
    with pytest.raises(ValidationError) as info:
        holidays.enter_notice(2027, days, notice="国办发明电〔2026〕N号", complete=True, actor=users("county_admin"))
    text = "\n".join(info.value.messages)
    assert "缺少春节的法定节假日：2月5日（周五）、2月6日（周六）、2月7日（周日）、2月8日（周一）应为放假" in text
    assert "缺少国庆节的法定节假日：10月1日（周五）、10月2日（周六）、10月3日（周日）" in text
    assert not HolidayYear.objects.filter(year=2027).exists() and not HolidayDay.objects.exists()


def test_missing_made_up_days_and_long_stretches_are_named() -> None:
    """第六条: 国庆 10月2日、3日 fall on a weekend, so two weekdays must be made up."""
    text = NOTICE_2027.replace("10月1日（周五）至7日（周四）放假调休，共7天。9月26日（周日）、10月9日（周六）上班。",
                               "10月1日（周五）至3日（周日）放假，共3天。")
    problems = check_notice(2027, parse_notice(2027, text))
    assert problems == [
        "国庆节有2天法定节假日适逢周末或与其他节日重合，应在工作日补假2天，安排中与之相连的补假只有0天（第六条）"
    ]
    stretch = check_notice(2027, parse_notice(2027, NOTICE_2027 + "\n9月25日（周六）上班。"))
    assert any("9月20日（周一）至9月30日（周四）连续上班11天" in p for p in stretch)


def test_the_administrator_previews_and_enters_the_notice(client_for, register) -> None:
    with time_machine.travel(DEC5, tick=False):
        req = register(date(2026, 12, 4))
        assert clock.dated_for(req).reply_due.provisional
        admin = client_for("county_admin")
        url = reverse("applications:holiday_notice", args=[2027])
        preview = admin.post(url, {"notice": "国办发明电〔2026〕N号", "text": ONLY_NEW_YEAR, "action": "preview"})
        page = preview.content.decode()
        assert preview.status_code == 200 and "2027年2月" in page and "缺少春节的法定节假日" in page
        refused = admin.post(url, {"notice": "国办发明电〔2026〕N号", "text": ONLY_NEW_YEAR, "complete": "on",
                                   "action": "save"})
        assert refused.status_code == 200 and not HolidayYear.objects.filter(year=2027).exists()
        saved = admin.post(url, {"notice": "国办发明电〔2026〕N号", "text": NOTICE_2027, "complete": "on",
                                 "action": "save"})
        assert saved.status_code == 302
        assert HolidayYear.objects.get(year=2027).notice == "国办发明电〔2026〕N号"
        entry = AuditEntry.objects.get(event="applications.holidays.entered")
        assert entry.actor_username == "county_admin" and "全年已录入" in entry.message
        dated = clock.dated_for(req)  # recomputed from the entered notice: no longer 暂定
        assert not dated.provisional and dated.reply_due.value == date(2027, 1, 4)


def test_only_the_platform_administrator_enters_notices(client_for, county) -> None:
    url = reverse("applications:holidays")
    assert client_for("dazhai_handler").get(url).status_code == 403
    assert client_for("dazhai_admin").get(url).status_code == 403  # an agency's 管理员, not the platform's
    assert client_for("county_admin").get(url).status_code == 200


def test_dashboards_say_once_that_next_year_is_provisional(client_for, dazhai) -> None:
    with time_machine.travel(DEC5, tick=False):
        page = client_for("dazhai_handler").get(f"/dashboard/{dazhai.pk}/").content.decode()
        assert page.count("2027年的节假日安排尚未公布或尚未录入") == 1
    with time_machine.travel(datetime(2026, 10, 20, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert "节假日安排尚未公布" not in client_for("dazhai_handler").get(f"/dashboard/{dazhai.pk}/").content.decode()


def test_the_holidays_command(tmp_path, capsys, county) -> None:
    with time_machine.travel(DEC5, tick=False):
        assert main(["holidays", "status"]) == 0
        out = capsys.readouterr().out
        assert "2026年：chinesecalendar 已收录" in out and "2027年：暂定（按放假办法推算）" in out
        half = tmp_path / "2027.tsv"
        half.write_text("2027\t全年\t国办发明电〔2026〕N号\n2027-01-01..2027-01-03\t放假\t\t元旦\n", encoding="utf-8")
        assert main(["holidays", "import", str(half)]) == 1
        assert "缺少春节的法定节假日" in capsys.readouterr().err and not HolidayDay.objects.exists()
        lines = ["2027\t全年\t国办发明电〔2026〕N号"] + [
            f"{d.day.isoformat()}\t{d.kind.label}\t\t{d.note}" for d in parse_notice(2027, NOTICE_2027)
        ]
        full = tmp_path / "full.tsv"
        full.write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert main(["holidays", "import", str(full)]) == 0
        assert "2027年：33天，全年已录入" in capsys.readouterr().out
        assert main(["holidays", "status"]) == 0
        assert "2027年：全年已录入，国办发明电〔2026〕N号" in capsys.readouterr().out


def test_the_django_admin_refuses_a_half_entered_year_too(client_for, county) -> None:
    HolidayDay.objects.create(day=date(2027, 1, 1), kind="off", note="元旦")
    page = client_for("sysadmin").post("/admin/applications/holidayyear/add/", {"year": 2027, "notice": "N"})
    assert page.status_code == 200 and "缺少春节的法定节假日" in page.content.decode()
    assert not HolidayYear.objects.exists()
