"""The disclosure app's settings, with their defaults (set them in the environment-driven settings)."""

from __future__ import annotations

from django.conf import settings


def similarity_threshold() -> float:
    """GONGKAI_CONVERSION_SIMILARITY: the bigram overlap (0–1) at which two requests count as asking for the
    same information."""
    return float(getattr(settings, "GONGKAI_CONVERSION_SIMILARITY", 0.5))


def minimum_requests() -> int:
    """GONGKAI_CONVERSION_MIN_REQUESTS: how many requests for the same information make a proposal."""
    return int(getattr(settings, "GONGKAI_CONVERSION_MIN_REQUESTS", 2))


def window_days() -> int:
    """GONGKAI_CONVERSION_WINDOW_DAYS: requests received within this many days are compared."""
    return int(getattr(settings, "GONGKAI_CONVERSION_WINDOW_DAYS", 730))


def review_months() -> int:
    """GONGKAI_WITHHELD_REVIEW_MONTHS: the interval of the periodic review of withheld information
    (条例 第十八条 says 定期; a year by default)."""
    return int(getattr(settings, "GONGKAI_WITHHELD_REVIEW_MONTHS", 12))


def reminder_days() -> int:
    """GONGKAI_WITHHELD_REMINDER_DAYS: the dashboard reminds of a review due within this many days."""
    return int(getattr(settings, "GONGKAI_WITHHELD_REMINDER_DAYS", 30))
