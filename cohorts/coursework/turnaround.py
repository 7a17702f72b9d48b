"""Feedback turnaround as people read it: the median and the 90th percentile of the time from a
revision's submission to its first review by a facilitator, and those times in words. Pure: the
durations come from ``selectors.feedback_turnaround_*``."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from math import floor
from typing import Self

WINDOW_DAYS = 90


def percentile(values: Iterable[timedelta], share: float) -> timedelta | None:
    """The ``share`` (0-1) percentile of the values, interpolated between the two nearest ranks
    (as PostgreSQL's percentile_cont and a spreadsheet's PERCENTILE do); None for no values."""
    ordered = sorted(values)
    if not ordered:
        return None
    position = share * (len(ordered) - 1)
    below = floor(position)
    above = min(below + 1, len(ordered) - 1)
    return ordered[below] + (ordered[above] - ordered[below]) * (position - below)


def in_words(duration: timedelta | None) -> str:
    """ "under an hour", "5 h", "1 day", "1 day 4 h", "12 days": to the nearest hour."""
    if duration is None:
        return ""
    if duration < timedelta(hours=1):
        return "under an hour"
    days, hours = divmod(round(duration.total_seconds() / 3600), 24)
    if not days:
        return f"{hours} h"
    return f"{days} day{'s' if days != 1 else ''}" + (f" {hours} h" if hours else "")


@dataclass(frozen=True)
class Turnaround:
    """One facilitator's or one cohort's figures over the window."""

    label: str
    reviews: int  # first reviews given in the window (n)
    median: timedelta | None
    p90: timedelta | None

    @classmethod
    def of(cls, label: str, durations: Iterable[timedelta]) -> Self:
        durations = list(durations)
        return cls(label, len(durations), percentile(durations, 0.5), percentile(durations, 0.9))

    @property
    def median_text(self) -> str:
        return in_words(self.median) if self.reviews else "no reviews yet"

    @property
    def p90_text(self) -> str:
        return in_words(self.p90) if self.reviews else "no reviews yet"
