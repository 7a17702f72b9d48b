"""Workshop sessions as iCalendar (RFC 5545), for download and for subscription."""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import Calendar, Event


def ics(sessions, name) -> bytes:
    cal = Calendar()
    cal.add("prodid", f"-//{settings.SITE_NAME}//Workshops//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    domain = settings.SITE_URL.split("//")[-1].split("/")[0] or "localhost"
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
