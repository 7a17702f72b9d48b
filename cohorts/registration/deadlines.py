"""Deadlines of a cohort, computed from its start date: the rules live here and only here.

- Online registration and payment stay open until the start date (a cohort that has
  started cannot be registered for).
- Purchase orders / invoices close N business days before the start (N per course).
- Course access and enrollment information are released 2 business days before the start.
- Where a district approves PD first, the approver has N business days (N per district) and at
  most until online registration closes; an unanswered request then lapses and frees its seat.

Business days skip weekends and the closed days given (public holidays and the days the
program office closes). Every deadline is the start of that day in the cohort's time zone.
Pure functions: the caller supplies the closed days.
"""

from collections.abc import Container
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

ACCESS_OPENS_BUSINESS_DAYS = 2


def is_business_day(day: date, closed_days: Container[date] = ()) -> bool:
    return day.weekday() < 5 and day not in closed_days


def business_days_before(day: date, count: int, closed_days: Container[date] = ()) -> date:
    """The date ``count`` business days before ``day`` (``day`` itself is not counted)."""
    current = day
    remaining = count
    while remaining > 0:
        current -= timedelta(days=1)
        if is_business_day(current, closed_days):
            remaining -= 1
    return current


def approval_due(
    requested: datetime, days: int, registration_closes: datetime, time_zone: str, closed_days: Container[date] = ()
) -> datetime:
    """When an approval request lapses: the end of the ``days``-th business day after the request
    (in the cohort's time zone), and never after online registration closes."""
    day = requested.astimezone(ZoneInfo(time_zone)).date()
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day, closed_days):
            remaining -= 1
    return min(start_of_day(day + timedelta(days=1), time_zone), registration_closes)


def business_days_between(first: date, last: date, closed_days: Container[date] = ()) -> int:
    """Business days after ``first`` up to and including ``last`` (0 when ``last`` is not later):
    a thing done on Friday has waited one business day on Monday."""
    count = 0
    current = first
    while current < last:
        current += timedelta(days=1)
        if is_business_day(current, closed_days):
            count += 1
    return count


def start_of_day(day: date, time_zone: str) -> datetime:
    return datetime.combine(day, time.min, tzinfo=ZoneInfo(time_zone))


@dataclass(frozen=True)
class Deadlines:
    online_registration_closes: datetime
    purchase_order_closes: datetime
    access_opens: datetime

    def online_registration_open(self, now: datetime) -> bool:
        return now < self.online_registration_closes

    def purchase_order_open(self, now: datetime) -> bool:
        return now < self.purchase_order_closes

    def access_open(self, now: datetime) -> bool:
        return now >= self.access_opens


def compute_deadlines(
    start: date, time_zone: str, purchase_order_business_days: int, closed_days: Container[date] = ()
) -> Deadlines:
    return Deadlines(
        online_registration_closes=start_of_day(start, time_zone),
        purchase_order_closes=start_of_day(
            business_days_before(start, purchase_order_business_days, closed_days), time_zone
        ),
        access_opens=start_of_day(business_days_before(start, ACCESS_OPENS_BUSINESS_DAYS, closed_days), time_zone),
    )


def open_by_start(start: date, time_zone: str, now: datetime) -> bool:
    """Course access opens business days before the start: from the start on it is open
    whatever the closed days, so nothing needs reading to know it."""
    return now >= start_of_day(start, time_zone)


def local_text(moment: datetime, time_zone: str) -> str:
    """A deadline as people read it, in the cohort's time zone with the weekday."""
    local = moment.astimezone(ZoneInfo(time_zone))
    text = f"{local:%A, %B} {local.day}, {local.year}, {local:%-I:%M %p %Z}"
    if (local.hour, local.minute) == (0, 0):
        # "Wednesday, 12:00 AM" is read as Wednesday evening by many: a deadline at midnight says which
        # night, so nobody sends a purchase order on a day that was already closed.
        text += f" (midnight at the end of {local - timedelta(days=1):%A})"
    return text
