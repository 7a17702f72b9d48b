"""Workshop sessions as iCalendar (RFC 5545), for download and for subscription.

Times are written in the session's own time zone (``DTSTART;TZID=America/Los_Angeles:...``), so a
calendar app shows them at the local hour wherever the reader is. RFC 5545 (3.2.19) asks for a
VTIMEZONE for every TZID used: icalendar builds it from the tz database, covering the years of the
file's events, so an app that does not know the name (or knows an older rule) still places each
session at the right instant."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Workshops//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal, settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"


# The years a VTIMEZONE describes. Dates are bounded to these where people type them; a row stored
# before that is still written, at the offset of the last year described.
FIRST_YEAR, LAST_YEAR = 2000, 2100


def _finish(cal, starts) -> bytes:
    """The calendar's bytes, with one VTIMEZONE per TZID its events use."""
    years = [min(max(start.year, FIRST_YEAR), LAST_YEAR) for start in starts]
    if years:
        cal.add_missing_timezones(date(min(years), 1, 1), date(max(years) + 1, 1, 1))
    return cal.to_ical()


def office_hours_ics(sessions, name) -> bytes:
    cal, domain = _calendar(name)
    starts = []
    for session in sessions:
        starts.append(session.local_start)
        event = Event()
        event.add("uid", f"office-hours-{session.pk}@{domain}")
        event.add("summary", f"{session.topic}: {session.program.title}")
        event.add("dtstart", session.local_start)
        event.add("dtend", session.local_start + (session.ends_at - session.starts_at))
        event.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")))
        event.add("location", session.place)
        if session.cancelled_at:
            event.add("status", "CANCELLED")
        cal.add_component(event)
    return _finish(cal, starts)


def ics(sessions, name) -> bytes:
    cal, domain = _calendar(name)
    starts = []
    for session in sessions:
        tz = ZoneInfo(session.cohort.time_zone)
        starts.append(session.date)
        event = Event()
        event.add("uid", f"session-{session.pk}@{domain}")
        event.add("summary", f"{session.workshop.title}: {session.cohort.program.title}")
        event.add("dtstart", datetime.combine(session.date, session.start_time, tzinfo=tz))
        event.add("dtend", datetime.combine(session.date, session.end_time, tzinfo=tz))
        event.add("dtstamp", datetime.now(tz=ZoneInfo("UTC")))
        if session.place:
            event.add("location", session.place)
        if session.workshop.guiding_question:
            event.add("description", session.workshop.guiding_question)
        cal.add_component(event)
    return _finish(cal, starts)
