"""Public consultation on draft policies (意见征集): the period, as data with its source."""

from __future__ import annotations

# 《重大行政决策程序暂行条例》（国务院令第713号）第十五条第二款：公开征求意见的期限一般不少于30日；
# 因情况紧急等原因需要缩短期限的，公开征求意见时应当予以说明。
MIN_CONSULTATION_DAYS = 30
MIN_CONSULTATION_SOURCE = "《重大行政决策程序暂行条例》第十五条第二款"
