"""Working-day arithmetic: the start day is not counted (民法典 第二百零一条), holidays are skipped and
调休 weekend working days count."""

from __future__ import annotations

from datetime import date

import pytest

from gongkai.calendar import (
    UnknownHolidayYearError,
    add_working_days,
    next_working_day,
    roll_forward,
    working_days_between,
)
from gongkai.errors import GongkaiError


def test_twentieth_working_day_after_friday_2024_01_26_is_2024_02_28() -> None:
    # 国办发明电〔2023〕7号: 春节 2月10日至17日放假; 2月4日（日）、2月18日（日）上班.
    # 1/29 30 31 2/1 2/2 (5), 2/4 Sun (6), 2/5–2/9 (11), 2/18 Sun (12), 2/19–2/23 (17), 2/26 27 28 (20).
    assert add_working_days(date(2024, 1, 26), 20) == date(2024, 2, 28)


def test_start_day_is_not_counted() -> None:
    # Monday 2024-03-04: the first working day after it is Tuesday.
    assert add_working_days(date(2024, 3, 4), 1) == date(2024, 3, 5)
    assert add_working_days(date(2024, 3, 4), 0) == date(2024, 3, 4)


def test_counting_from_a_saturday_starts_on_monday() -> None:
    assert add_working_days(date(2024, 3, 9), 1) == date(2024, 3, 11)


def test_a_tiaoxiu_sunday_counts_as_a_working_day() -> None:
    # 国办发明电〔2024〕12号: 1月26日（周日）上班.
    assert next_working_day(date(2025, 1, 24)) == date(2025, 1, 26)


def test_negative_count_is_refused() -> None:
    with pytest.raises(ValueError):
        add_working_days(date(2024, 3, 4), -1)


def test_working_days_between_counts_the_half_open_interval() -> None:
    assert working_days_between(date(2024, 1, 26), date(2024, 2, 28)) == 20
    assert working_days_between(date(2024, 2, 28), date(2024, 2, 28)) == 0
    assert working_days_between(date(2024, 2, 28), date(2024, 1, 26)) == -20
    # Over the Spring Festival block only 2/18 (Sun, 上班) counts: (2/9, 2/18].
    assert working_days_between(date(2024, 2, 9), date(2024, 2, 18)) == 1


def test_roll_forward_moves_a_holiday_to_the_next_working_day() -> None:
    # 2025-10-04 lies in 国庆节、中秋节 10月1日至8日 (国办发明电〔2024〕12号).
    assert roll_forward(date(2025, 10, 4)) == date(2025, 10, 9)
    assert roll_forward(date(2025, 10, 9)) == date(2025, 10, 9)
    # 2026-02-28 is a Saturday made a working day (春节调休).
    assert roll_forward(date(2026, 2, 28)) == date(2026, 2, 28)


def test_counting_into_an_unknown_year_raises_instead_of_guessing() -> None:
    # Dec 2026: 12/11 (1), 14–18 (6), 21–25 (11), 28–31 (15); the 16th would be in 2027.
    assert add_working_days(date(2026, 12, 10), 15) == date(2026, 12, 31)
    with pytest.raises(UnknownHolidayYearError, match="2027年的法定节假日安排尚未录入"):
        add_working_days(date(2026, 12, 10), 16)


def test_unknown_year_error_is_a_project_error() -> None:
    assert issubclass(UnknownHolidayYearError, GongkaiError)


def test_a_start_in_an_unknown_year_raises() -> None:
    with pytest.raises(UnknownHolidayYearError):
        add_working_days(date(2027, 1, 5), 0)
    with pytest.raises(UnknownHolidayYearError):
        working_days_between(date(2027, 1, 5), date(2027, 1, 5))
