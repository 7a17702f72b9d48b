"""Workshop sessions: pure rules for proposing dates and for what counts as attended."""

from collections.abc import Container
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db.models import TextChoices

from cohorts.registration.deadlines import is_business_day

PARTIAL_COUNTS_AS_ATTENDED = Decimal("0.75")  # of the session, for certification


class AttendanceStatus(TextChoices):
    PRESENT = "present", "Present"
    PARTIAL = "partial", "Partial"
    ABSENT = "absent", "Absent"


def counts_as_attended(status: str, minutes_attended: int, session_minutes: int) -> bool:
    if status == AttendanceStatus.PRESENT:
        return True
    return (
        status == AttendanceStatus.PARTIAL
        and session_minutes > 0
        and (Decimal(minutes_attended) / Decimal(session_minutes) >= PARTIAL_COUNTS_AS_ATTENDED)
    )


def propose_dates(first: date, count: int, weeks_apart: int, closed_days: Container[date] = ()) -> list[date]:
    """Session dates about ``weeks_apart`` weeks apart from ``first``, each moved to the next
    business day when it falls on a weekend or a closed day. The Introduction comes a week
    before Workshop 1 (no online learning lies between them)."""
    dates = []
    for i in range(count):
        offset = timedelta(weeks=0 if i == 0 else 1 + weeks_apart * (i - 1))
        day = first + offset
        while not is_business_day(day, closed_days):
            day += timedelta(days=1)
        dates.append(day)
    return dates


def end_time(start: time, duration_hours: Decimal) -> time:
    moment = datetime.combine(date(2000, 1, 1), start) + timedelta(minutes=int(Decimal(duration_hours) * 60))
    return moment.time()
