"""The 不晚于 bound (issue 11 point 3): rebuilt from the 放假办法's rule alone, the safe date of a period is
never later than the date on the real 2025 and 2026 notices, for every start day and every period the law
counts in working days (7: 条例 第三十条; 15: 第三十二条; 20: 第三十三条、第二十六条; 40: 第三十三条第二款)."""

from __future__ import annotations

import pytest

from benchmarks.measure_provisional_calendar import PERIODS, measure


@pytest.mark.parametrize("year", [2025, 2026])
@pytest.mark.parametrize("n", PERIODS)
def test_safe_date_is_never_later_than_the_real_one(year: int, n: int) -> None:
    row = measure(year, n)
    assert row.starts > 300
    assert row.safe_later == 0
    assert row.within_one / row.starts > 0.9  # the provisional date itself is close: measured 95–98%
