"""Every calendar file the platform gives out (a cohort's sessions, the subscribed feed, an office
hour, and the two reminder e-mails' attachments) carries a VTIMEZONE for each TZID it uses, as
RFC 5545 (3.2.19) asks, and each event lands at the right instant when read by those VTIMEZONEs
alone. The reader is vobject (with dateutil's VTIMEZONE rules), not the library that writes them."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.core import mail

from cohorts.reminders.services import send_reminders
from cohorts.workshops import services as workshops
from cohorts.workshops.models import OfficeHours, OfficeHoursSeat
from cohorts.workshops.views import feed_url
from modules.models import WorkshopSeriesPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def instants(ics: bytes | str) -> dict[str, datetime]:
    """UID -> the UTC instant its start stands for, read through the file's own VTIMEZONEs (a
    TZID without one fails here, whatever the reader's own time-zone database knows)."""
    text = ics.decode() if isinstance(ics, bytes) else ics
    defined = {zone.tzid.value: zone.gettzinfo() for zone in getattr(vobject.readOne(text), "vtimezone_list", [])}
    raw = vobject.readOne(text, transform=False)
    found = {}
    for event in raw.vevent_list:
        for prop in (event.dtstart, event.dtend):
            tzid = prop.params.get("TZID", [None])[0]
            assert tzid is None or tzid in defined, f"TZID={tzid} has no VTIMEZONE"
        tzid = event.dtstart.params.get("TZID", [None])[0]
        wall = datetime.strptime(event.dtstart.value.rstrip("Z"), "%Y%m%dT%H%M%S")
        found[event.uid.value] = wall.replace(tzinfo=defined[tzid] if tzid else UTC).astimezone(UTC)
    return found


def session_instant(session):
    return datetime.combine(session.date, session.start_time, ZoneInfo(session.cohort.time_zone)).astimezone(UTC)


@pytest.fixture
def two_zones(series_cohort):
    """One person in two series cohorts: Los Angeles (the factory's zone), with a session moved to
    the Sunday clocks go forward, and New York, in winter."""
    los_angeles = workshops.schedule_sessions(series_cohort, date(2030, 1, 14), place="Room 12")
    los_angeles[1].date, los_angeles[1].start_time, los_angeles[1].end_time = date(2030, 3, 10), time(16), time(18)
    los_angeles[1].save()
    eastern = CohortFactory(
        program=WorkshopSeriesPage.objects.get(), start_date=date(2030, 1, 14), time_zone="America/New_York"
    )
    new_york = workshops.schedule_sessions(eastern, date(2030, 1, 14), start_time="09:00")
    person = EnrollmentFactory(cohort=series_cohort).user
    EnrollmentFactory(cohort=eastern, user=person)
    return person, los_angeles + new_york


def test_a_cohorts_sessions_and_the_feed_resolve_to_the_right_instants(client, two_zones):
    person, sessions = two_zones
    client.force_login(person)
    enrollment = person.enrollments.get(cohort=sessions[0].cohort)

    download = instants(client.get(f"/cohorts/enrollments/{enrollment.pk}/sessions.ics").content)
    feed = instants(client.get(feed_url(person)).content)

    in_la = [s for s in sessions if s.cohort_id == enrollment.cohort_id]
    assert sorted(download.values()) == sorted(session_instant(s) for s in in_la)
    assert sorted(feed.values()) == sorted(session_instant(s) for s in sessions)
    # 16:00 on the day clocks go forward is 23:00 UTC (PDT), not 00:00 the next day (PST).
    assert datetime(2030, 3, 10, 23, tzinfo=UTC) in download.values()
    assert datetime(2030, 1, 14, 14, tzinfo=UTC) in feed.values()  # 09:00 in New York in January


def test_the_session_reminders_attachment_resolves(series_cohort, participant):
    EnrollmentFactory(cohort=series_cohort, user=participant)
    [first, *_] = workshops.schedule_sessions(series_cohort, series_cohort.start_date, place="Room 4")
    mail.outbox.clear()

    send_reminders(datetime.combine(first.date - timedelta(days=1), time(10), tzinfo=ZoneInfo("America/Los_Angeles")))

    [message] = [m for m in mail.outbox if m.subject.startswith("[Grading for Learning] Tomorrow:")]
    [(filename, content, _)] = message.attachments
    assert filename == "session.ics"
    assert list(instants(content).values()) == [session_instant(first)]


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo"])
def test_an_office_hour_file_and_its_reminder_resolve(client, participant, zone):
    leader = factories.facilitator()
    cohort = CohortFactory(start_date=date.today() - timedelta(days=70), facilitators=[leader])
    enrollment = EnrollmentFactory(cohort=cohort, user=participant)
    starts = datetime.combine(date.today() + timedelta(days=7), time(16), ZoneInfo(zone)).astimezone(UTC)
    session = OfficeHours.objects.create(
        program=cohort.program,
        facilitator=leader,
        topic="Grading period one",
        starts_at=starts,
        place="Room 4",
        capacity=4,
        time_zone=zone,
    )
    OfficeHoursSeat.objects.create(session=session, enrollment=enrollment)
    client.force_login(participant)

    download = instants(client.get(f"/cohorts/office-hours/{session.pk}/calendar.ics").content)
    mail.outbox.clear()
    send_reminders(session.local_start - timedelta(days=1, hours=6))
    [message] = [m for m in mail.outbox if "Tomorrow: Grading period one" in m.subject]
    [(filename, content, _)] = message.attachments

    assert filename == "office-hours.ics"
    assert list(download.values()) == [starts] == list(instants(content).values())
