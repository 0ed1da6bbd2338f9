"""`gongkai holidays status` and `gongkai holidays import FILE.tsv`: the holiday calendar from the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any


def register(subparsers: Any) -> None:
    holidays = subparsers.add_parser("holidays", help="节假日安排：查看各年来源，导入国务院办公厅通知")
    commands = holidays.add_subparsers(dest="holidays_command", required=True, metavar="COMMAND")
    status = commands.add_parser("status", help="各年节假日安排的来源：chinesecalendar、已录入或暂定")
    status.set_defaults(handler=_status)
    importer = commands.add_parser(
        "import",
        help="从 TSV 导入节假日安排（任何一年未通过核对则一条也不导入）",
        description="每行：日期或区间（2027-02-05..2027-02-11）、放假/上班、文号、说明，以制表符分隔；"
        "“2027<TAB>全年<TAB>文号”一行表示该年全年已录入，须通过《全国年节及纪念日放假办法》的核对。",
    )
    importer.add_argument("file", type=Path)
    importer.set_defaults(handler=_import)


def _status(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from gongkai.applications.clock import today
    from gongkai.applications.holidays import provisional_year_ahead, year_states
    from gongkai.applications.models import HolidayYear
    from gongkai.calendar import ChineseCalendarSchedule
    from gongkai.calendar.schedule import describe_years
    from gongkai.calendar.statutory import FIRST_YEAR, LAST_YEAR

    entered = describe_years(HolidayYear.objects.values_list("year", flat=True)) or "无"
    print(f"chinesecalendar 收录：{describe_years(ChineseCalendarSchedule().known_years())}；已录入：{entered}；"
          f"其余{FIRST_YEAR}—{LAST_YEAR}年按《全国年节及纪念日放假办法》暂定推算。")
    for state in year_states(today()):
        extra = f"，{state.notice}" if state.notice else ""
        extra += f"，已录入{state.days}天" if state.days and state.source == "provisional" else ""
        print(f"{state.year}年：{state.label}{extra}")
    if (year := provisional_year_ahead(today())) is not None:
        print(f"提示：{year}年的节假日安排尚未录入，涉及{year}年的期限均为暂定日期。")
    return 0


def _import(args: argparse.Namespace) -> int:
    from gongkai.web import bootstrap

    bootstrap.setup()
    from django.core.exceptions import ValidationError
    from django.db import transaction

    from gongkai.applications.holidays import enter_notice
    from gongkai.calendar import HolidayScheduleError, load_overrides

    try:
        overrides = load_overrides(args.file)
    except OSError as exc:
        print(f"gongkai: 无法读取 {args.file}：{exc.strerror}", file=sys.stderr)
        return 2
    except HolidayScheduleError as exc:
        print(f"gongkai: {exc}", file=sys.stderr)
        return 1
    years = sorted({d.year for d in overrides.days} | set(overrides.complete_years))
    try:
        with transaction.atomic():
            for year in years:
                complete = overrides.complete_years.get(year)
                days = list(overrides.days_in_year(year))
                notice = complete.notice if complete else next((d.notice for d in days if d.notice), "")
                enter_notice(year, days, notice=notice, complete=complete is not None, actor=None)
    except ValidationError as exc:
        print(f"{args.file}：{year}年的安排未通过核对，未导入任何记录。", file=sys.stderr)
        for message in exc.messages:
            print(f"  {message}", file=sys.stderr)
        return 1
    for year in years:
        state = "全年已录入" if year in overrides.complete_years else "已录入部分日期，仍为暂定"
        print(f"{year}年：{len(overrides.days_in_year(year))}天，{state}")
    return 0
