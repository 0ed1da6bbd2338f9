"""信息处理费 (条例 第四十二条; 《政府信息公开信息处理费管理办法》, 国办函〔2020〕109号) as data.

Both ways of charging are progressive (超额累进, 第三条): each unit costs the rate of the band it falls
in, like tax brackets. An agency picks one way per request, never both. Amounts are whole yuan.

- 按件计收 (第四条): one applicant's requests to one agency counted over a natural month (一个自然月内
  累计申请), split by 一事一申请 into the smallest reasonable units.
- 按量计收 (第五条): the pages of one request. How non-paper media convert to pages is in the part of
  第五条 not read for gongkai (UNCONFIRMED); callers pass pages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from gongkai.law.choices import LabelledChoice
from gongkai.law.requests import FEE_RULES

__all__ = [
    "PER_PAGE",
    "PER_REQUEST",
    "Band",
    "BandCharge",
    "FeeMethod",
    "FeeSchedule",
    "fee_for_pages",
    "fee_for_requests",
    "fee_per_request",
    "schedule_for",
]


class FeeMethod(LabelledChoice):
    PER_REQUEST = "per_request", "按件计收"
    PER_PAGE = "per_page", "按量计收"


@dataclass(frozen=True)
class Band:
    """Units `first`..`last` (inclusive; `last` None: no upper end) cost `rate` yuan each."""

    first: int
    last: int | None
    rate: int


@dataclass(frozen=True)
class BandCharge:
    """The part of a charge that falls in one band: for the fee notice's 依据、标准、数额."""

    band: Band
    units: int

    @property
    def amount(self) -> int:
        return self.units * self.band.rate


@dataclass(frozen=True)
class FeeSchedule:
    """A progressive schedule: closed bands, then (optionally) endless bands of `then_every` units,
    each `step` yuan per unit dearer than the one before."""

    method: FeeMethod
    unit: str  # 件 / 页
    bands: tuple[Band, ...]
    article: str
    then_every: int | None = None
    step: int = 0

    @property
    def citation(self) -> str:
        return f"{FEE_RULES}{self.article}"

    def iter_bands(self) -> Iterator[Band]:
        """The bands in order, the generated ones included (endless when `then_every` is set)."""
        yield from self.bands
        last = self.bands[-1]
        if self.then_every is None or last.last is None:
            return
        first, rate = last.last + 1, last.rate
        while True:
            rate += self.step
            yield Band(first, first + self.then_every - 1, rate)
            first += self.then_every

    def rate(self, nth: int) -> int:
        """The price of the `nth` unit (1-based)."""
        if nth < 1:
            raise ValueError(f"序号应从1开始：{nth}")
        for band in self.iter_bands():
            if band.last is None or nth <= band.last:
                return band.rate
        raise AssertionError("unreachable: the last band has no upper end")

    def breakdown(self, count: int, *, already: int = 0) -> tuple[BandCharge, ...]:
        """How units `already`+1 .. `already`+`count` fall into the bands (bands with none left out)."""
        if count < 0 or already < 0:
            raise ValueError(f"数量不能为负数：count={count}, already={already}")
        start, end = already + 1, already + count  # the units charged, inclusive
        parts: list[BandCharge] = []
        for band in self.iter_bands():
            if start > end:
                break
            top = end if band.last is None else min(end, band.last)
            if top >= start:
                parts.append(BandCharge(band, top - start + 1))
                start = top + 1
        return tuple(parts)

    def total(self, count: int, *, already: int = 0) -> int:
        """The fee in yuan for `count` units after `already` earlier ones."""
        return sum(part.amount for part in self.breakdown(count, already=already))


PER_REQUEST = FeeSchedule(  # 国办函〔2020〕109号 第四条
    FeeMethod.PER_REQUEST,
    "件",
    (
        Band(1, 10, 0),  # 10件以下（含10件）不收费
        Band(11, 30, 100),  # 11—30件（含30件）的部分 100元/件
    ),
    "第四条",
    then_every=10,  # 31件以上的部分，以10件为一档，每增加一档，收费标准提高100元/件
    step=100,
)

PER_PAGE = FeeSchedule(  # 国办函〔2020〕109号 第五条
    FeeMethod.PER_PAGE,
    "页",
    (
        Band(1, 30, 0),  # 30页以下（含30页）不收费
        Band(31, 100, 10),  # 31—100页（含100页）的部分 10元/页
        Band(101, 200, 20),  # 101—200页（含200页）的部分 20元/页
        Band(201, None, 40),  # 201页以上的部分 40元/页
    ),
    "第五条",
)


def schedule_for(method: FeeMethod) -> FeeSchedule:
    return PER_REQUEST if method is FeeMethod.PER_REQUEST else PER_PAGE


def fee_per_request(nth_in_month: int) -> int:
    """The fee in yuan for the `nth_in_month` request of one applicant to one agency in a natural month."""
    return PER_REQUEST.rate(nth_in_month)


def fee_for_requests(count_in_month: int, *, already_in_month: int = 0) -> int:
    """The fee in yuan for `count_in_month` requests, after `already_in_month` earlier ones that month.

    35 requests in a month: 10 × 0 + 20 × 100 + 5 × 200 = 3000 yuan.
    """
    return PER_REQUEST.total(count_in_month, already=already_in_month)


def fee_for_pages(pages: int) -> int:
    """The fee in yuan for one request of `pages` pages. 150 pages: 70 × 10 + 50 × 20 = 1700 yuan."""
    return PER_PAGE.total(pages)
