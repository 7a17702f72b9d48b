"""Workshop sessions as iCalendar (RFC 5545), for download and for subscription."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event


def _calendar(name):
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Workshops//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    return cal, settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"


def office_hours_ics(sessions, name) -> bytes:
    cal, domain = _calendar(name)
    for session in sessions:
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
    return cal.to_ical()


def ics(sessions, name) -> bytes:
    cal, domain = _calendar(name)
    for session in sessions:
        tz = ZoneInfo(session.cohort.time_zone)
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
    return cal.to_ical()
