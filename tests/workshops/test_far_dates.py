"""A far date (9999-12-31 23:30) or an old one (1900-01-01) is refused where a facilitator types
it, with a clear message and nothing stored; and an office-hours row stored with one before
dates were bounded leaves every page of the program answering, and its calendar file too."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from cohorts.coursework.models import FollowUp, Submission
from cohorts.registration.models import Cohort
from cohorts.workshops import services as workshops
from cohorts.workshops.models import OfficeHours, OfficeHoursSeat, WorkshopSession
from cohorts.workshops.views import feed_url
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

OFFICE_HOURS = "/cohorts/office-hours/"
HOME = "/dashboard/"
REFUSED = "Give a date between the years 2000 and 2100."


@pytest.fixture
def member(cohort, participant):
    EnrollmentFactory(cohort=cohort, user=participant)
    return participant


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01"])
def test_office_hours_on_a_far_or_old_date_are_refused_and_nothing_is_stored(client, leader, cohort, day):
    client.force_login(leader)

    response = client.post(
        OFFICE_HOURS,
        {
            "program": cohort.program_id,
            "topic": "Far away",
            "date": day,
            "start_time": "23:30",
            "minutes": 60,
            "place": "Room 4",
            "capacity": 12,
        },
    )

    assert response.status_code == 200
    assert REFUSED in response.text
    assert not OfficeHours.objects.exists()


@pytest.mark.parametrize("day", ["9999-12-31", "1900-01-01"])
def test_moving_a_session_to_a_far_or_old_date_is_refused_and_the_session_stays(client, series_cohort, trainer, day):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    client.force_login(trainer)

    response = client.post(
        f"/cohorts/sessions/{session.pk}/edit/",
        {"date": day, "start_time": "23:30", "end_time": "23:45", "place": "Library"},
    )

    assert response.status_code == 200
    assert REFUSED in response.text
    assert WorkshopSession.objects.get(pk=session.pk).date == session.date


def test_the_date_pickers_offer_the_same_years(client, leader, cohort, series_cohort, trainer):
    client.force_login(leader)
    assert 'min="2000-01-01" max="2100-12-31"' in client.get(OFFICE_HOURS).text
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    client.force_login(trainer)
    assert 'min="2000-01-01" max="2100-12-31"' in client.get(f"/cohorts/sessions/{session.pk}/edit/").text


def store_far_office_hours(cohort, leader, member, stored, zone):
    """Office hours stored before the bound, with a seat taken, as the database holds them:
    9999-12-31 23:30 UTC, or (``past 9999``) what 9999-12-31 23:30 in Los Angeles became in
    PostgreSQL, a moment Python cannot hold, written straight into the table."""
    session = OfficeHours.objects.create(
        program=cohort.program,
        facilitator=leader,
        topic="Never in this lifetime",
        starts_at=datetime(9999, 12, 31, 23, 30, tzinfo=UTC),
        place="Room 4",
        capacity=12,
        time_zone=zone,
    )
    OfficeHoursSeat.objects.create(session=session, enrollment=member.enrollments.get())
    if stored == "past 9999":
        table = connection.ops.quote_name(OfficeHours._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"UPDATE {table} SET starts_at = %s WHERE id = %s", ["10000-01-01 07:30:00", session.pk])
    return session


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Tokyo"])
@pytest.mark.parametrize("stored", ["9999-12-31 23:30", "past 9999"])
def test_far_office_hours_stored_before_the_bound_leave_every_page_answering(
    client, cohort, leader, member, stored, zone
):
    far = store_far_office_hours(cohort, leader, member, stored, zone)
    OfficeHours.objects.create(
        program=cohort.program,
        facilitator=leader,
        topic="Your gradebook after report cards",
        starts_at=timezone.make_aware(datetime.combine(date.today() + timedelta(days=7), time(16, 0))),
        place="Room 4",
        capacity=12,
        time_zone=zone,
    )

    for person in (member, leader):
        client.force_login(person)
        for page in (HOME, OFFICE_HOURS):
            response = client.get(page)
            assert response.status_code == 200, (person, page)
            # The bad row is left out; the rest of the program's office hours are there.
            assert "Never in this lifetime" not in response.text
            assert "Your gradebook after report cards" in response.text
        assert client.get(f"{OFFICE_HOURS}{far.pk}/calendar.ics").status_code == 404

    client.force_login(member)
    for action in ({}, {"action": "give-up"}):
        response = client.post(f"{OFFICE_HOURS}{far.pk}/seat/", action, follow=True)
        assert response.status_code == 200


def test_far_dates_stored_in_sessions_cohorts_and_follow_ups_leave_homes_and_calendars_answering(
    client, series_cohort, trainer
):
    """Dates alone (no time zone to cross, no duration added) are shown as they are: a session,
    a cohort's dates and a follow-up's due date stored at 9999-12-31 break no page or calendar."""
    far = date(9999, 12, 31)
    last = workshops.schedule_sessions(series_cohort, date.today() + timedelta(days=3))[-1]
    enrollment = EnrollmentFactory(cohort=series_cohort)
    person = enrollment.user
    WorkshopSession.objects.filter(pk=last.pk).update(date=far, start_time=time(23, 0), end_time=time(23, 30))
    Cohort.objects.filter(pk=series_cohort.pk).update(end_date=far, time_zone="Asia/Tokyo")
    later = EnrollmentFactory(cohort=CohortFactory(facilitators=[trainer]), user=person)
    Cohort.objects.filter(pk=later.cohort_id).update(start_date=far, end_date=far)
    follow_up = FollowUp.objects.create(
        cohort=series_cohort,
        title="Bring your gradebook",
        prompt_source="p",
        prompt="p",
        due_on=far,
        created_by=trainer,
    )
    Submission.objects.create(enrollment=enrollment, follow_up=follow_up)

    client.force_login(person)
    for page in (
        HOME,
        "/cohorts/my-courses/",
        f"/cohorts/enrollments/{enrollment.pk}/progress/",
        f"/cohorts/enrollments/{enrollment.pk}/sessions.ics",
        feed_url(person),
    ):
        assert client.get(page).status_code == 200, page
    client.force_login(trainer)
    for page in (
        HOME,
        f"/cohorts/{series_cohort.pk}/sessions/",
        f"/cohorts/{series_cohort.pk}/follow-ups/",
        "/cohorts/review/",
        feed_url(trainer),
    ):
        assert client.get(page).status_code == 200, page
