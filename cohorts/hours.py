"""Training hours: pure rules for scheduling and for what counts as beyond contracted hours."""

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from .deadlines import is_business_day

PARTIAL_COUNTS_AS_ATTENDED = Decimal("0.75")  # of the session, for certification


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def minutes_outside_contract(day: date, start: time, end: time, contract_start: time, contract_end: time) -> int:
    """Minutes of a session outside the district's contracted day (all of it on a weekend)."""
    total = _minutes(end) - _minutes(start)
    if day.weekday() >= 5:
        return total
    overlap = max(0, min(_minutes(end), _minutes(contract_end)) - max(_minutes(start), _minutes(contract_start)))
    return total - overlap


def hours(minutes) -> Decimal:
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def credited_hours(status, minutes_attended, session_minutes, outside_minutes, override=None):
    """(hours credited, hours of them beyond contract) for one attendance record.

    ``override``: the facilitator's word that the session was (True) or was not (False)
    outside contracted hours; None uses the district's contracted day.
    """
    attended = {"present": session_minutes, "partial": min(minutes_attended, session_minutes)}.get(status, 0)
    if override is True:
        beyond = attended
    elif override is False:
        beyond = 0
    else:
        beyond = attended * outside_minutes / session_minutes if session_minutes else 0
    return hours(attended), hours(round(beyond))


def counts_as_attended(status, minutes_attended, session_minutes) -> bool:
    if status == "present":
        return True
    return (
        status == "partial"
        and session_minutes > 0
        and (Decimal(minutes_attended) / Decimal(session_minutes) >= PARTIAL_COUNTS_AS_ATTENDED)
    )


def propose_dates(first: date, count: int, weeks_apart: int, closed_days=()) -> list[date]:
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
