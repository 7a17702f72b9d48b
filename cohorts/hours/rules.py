"""Training hours: pure rules for what a session credits and how much of it is beyond contracted hours."""

from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

from cohorts.workshops.rules import AttendanceStatus


def _minutes(t: time) -> int:
    return t.hour * 60 + t.minute


def minutes_outside_contract(day: date, start: time, end: time, contract_start: time, contract_end: time) -> int:
    """Minutes of a session outside the district's contracted day (all of it on a weekend)."""
    total = _minutes(end) - _minutes(start)
    if day.weekday() >= 5:
        return total
    overlap = max(0, min(_minutes(end), _minutes(contract_end)) - max(_minutes(start), _minutes(contract_start)))
    return total - overlap


def hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / Decimal(60)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def credited_hours(
    status: str, minutes_attended: int, session_minutes: int, outside_minutes: int, override: bool | None = None
) -> tuple[Decimal, Decimal]:
    """(hours credited, hours of them beyond contract) for one attendance record.

    ``override``: the facilitator's word that the session was (True) or was not (False)
    outside contracted hours; None uses the district's contracted day.
    """
    minutes_by_status: dict[str, int] = {
        AttendanceStatus.PRESENT: session_minutes,
        AttendanceStatus.PARTIAL: min(minutes_attended, session_minutes),
    }
    attended = minutes_by_status.get(status, 0)
    beyond: float
    if override is True:
        beyond = attended
    elif override is False:
        beyond = 0
    else:
        beyond = attended * outside_minutes / session_minutes if session_minutes else 0
    return hours(attended), hours(round(beyond))
