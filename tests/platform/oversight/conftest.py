"""Fixtures of the rectification tests: the demo county's agencies and people, a frozen today."""

from tests.platform.frozen_county import TODAY, at, county, dazhai, frozen_today, users

__all__ = ["TODAY", "at", "county", "dazhai", "frozen_today", "users"]
