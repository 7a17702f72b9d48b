"""Office hours: facilitators schedule them, the program's participants and alumni take a seat,
attendance credits the hours ledger; nobody outside the program sees or joins them."""

import re
from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.hours.models import HoursEntry
from cohorts.reminders.services import send_reminders
from cohorts.workshops.models import OfficeHours, OfficeHoursSeat
from modules.models import WorkshopSeriesPage
from tests import factories
from tests.factories import EnrollmentFactory

pytestmark = pytest.mark.django_db

LIST = "/cohorts/office-hours/"


@pytest.fixture
def alumnus(cohort, participant):
    """A participant of a cohort that ended last week: office hours are for them too."""
    cohort.end_date = date.today() - timedelta(days=7)
    cohort.save()
    EnrollmentFactory(cohort=cohort, user=participant)
    return participant


def next_week_at(hour=16):
    return timezone.make_aware(datetime.combine(date.today() + timedelta(days=7), time(hour, 0)))


def schedule(client, leader, cohort, **fields):
    client.force_login(leader)
    data = {
        "program": cohort.program_id,
        "topic": "Your gradebook after report cards",
        "date": (date.today() + timedelta(days=7)).isoformat(),
        "start_time": "16:00",
        "minutes": 60,
        "place": "https://meet.example.org/office-hours",
        "capacity": 2,
        **fields,
    }
    return client.post(LIST, data)


def session_for(cohort, leader, **fields):
    return OfficeHours.objects.create(
        program=cohort.program,
        facilitator=leader,
        starts_at=fields.pop("starts_at", next_week_at()),
        place="Room 4",
        capacity=fields.pop("capacity", 2),
        time_zone="America/Los_Angeles",
        **fields,
    )


def test_a_facilitator_schedules_office_hours_for_their_program(client, leader, cohort):
    response = schedule(client, leader, cohort)

    assert response.status_code == 302
    session = OfficeHours.objects.get()
    assert session.topic == "Your gradebook after report cards" and session.facilitator == leader
    assert session.local_start.hour == 16
    assert "Your gradebook after report cards" in client.get(LIST).text


def test_a_facilitator_cannot_schedule_for_a_program_they_do_not_facilitate(client, leader, cohort):
    series = WorkshopSeriesPage.objects.get()
    response = schedule(client, leader, cohort, program=series.pk)
    assert response.status_code == 200 and "Select a valid choice" in response.text
    assert not OfficeHours.objects.exists()


def test_office_hours_in_the_past_are_refused_with_a_reason(client, leader, cohort):
    response = schedule(client, leader, cohort, date=(date.today() - timedelta(days=1)).isoformat())
    assert "Office hours must start in the future." in response.text
    assert not OfficeHours.objects.exists()


def test_a_participant_cannot_schedule(client, alumnus, cohort):
    client.force_login(alumnus)
    assert client.post(LIST, {"program": cohort.program_id}).status_code == 404


def test_an_alumnus_takes_a_seat_and_gets_the_calendar_entry(client, alumnus, cohort, leader):
    session = session_for(cohort, leader, topic="Grading period one")
    client.force_login(alumnus)

    client.post(f"{LIST}{session.pk}/seat/")

    page = client.get(LIST).text
    assert "You have a seat." in page
    # The time with its zone as people say it, not the database's name of the zone.
    assert re.search(r", 4:00 PM P[SD]T</time>", page) and "(America/Los_Angeles)" not in page
    ics = client.get(f"{LIST}{session.pk}/calendar.ics")
    assert ics["Content-Type"].startswith("text/calendar") and b"Grading period one" in ics.content


def test_the_last_seat_goes_once_and_a_given_back_seat_is_free_again(client, cohort, leader):
    session = session_for(cohort, leader, capacity=1)
    first, second = EnrollmentFactory(cohort=cohort).user, EnrollmentFactory(cohort=cohort).user
    client.force_login(first)
    client.post(f"{LIST}{session.pk}/seat/")
    client.force_login(second)

    response = client.post(f"{LIST}{session.pk}/seat/", follow=True)
    assert "These office hours are full." in response.text

    client.force_login(first)
    client.post(f"{LIST}{session.pk}/seat/", {"action": "give-up"})
    client.force_login(second)
    client.post(f"{LIST}{session.pk}/seat/")
    assert list(OfficeHoursSeat.objects.filter(cancelled_at=None).values_list("enrollment__user", flat=True)) == [
        second.pk
    ]


def test_another_programs_participant_neither_sees_nor_joins(client, cohort, leader, series_cohort):
    session = session_for(cohort, leader, topic="Only for Learning-Based Grading")
    outsider = EnrollmentFactory(cohort=series_cohort).user
    client.force_login(outsider)

    assert "Only for Learning-Based Grading" not in client.get(LIST).text
    response = client.post(f"{LIST}{session.pk}/seat/", follow=True)
    assert "for the participants and alumni of another program" in response.text
    assert not OfficeHoursSeat.objects.exists()
    assert client.get(f"{LIST}{session.pk}/calendar.ics").status_code == 404


def test_attendance_credits_the_hours_ledger(client, cohort, leader, alumnus):
    session = session_for(cohort, leader, starts_at=timezone.now() - timedelta(hours=2), minutes=90)
    seat = OfficeHoursSeat.objects.create(session=session, enrollment=alumnus.enrollments.get())
    client.force_login(leader)

    response = client.post(f"{LIST}{session.pk}/attendance/", {f"status-{seat.pk}": "present"})

    assert response.status_code == 302
    entry = HoursEntry.objects.get(source="office")
    assert entry.hours == 1.5 and entry.enrollment.user == alumnus


def test_partial_attendance_needs_minutes_and_nothing_is_lost(client, cohort, leader, alumnus):
    session = session_for(cohort, leader, starts_at=timezone.now() - timedelta(hours=2))
    seat = OfficeHoursSeat.objects.create(session=session, enrollment=alumnus.enrollments.get())
    client.force_login(leader)

    response = client.post(f"{LIST}{session.pk}/attendance/", {f"status-{seat.pk}": "partial"})

    assert response.status_code == 400
    assert "give the minutes attended for partial attendance" in response.text
    assert f'name="status-{seat.pk}" value="partial" checked' in response.text
    assert not HoursEntry.objects.exists()


def test_another_facilitator_cannot_take_attendance(client, cohort, leader):
    session = session_for(cohort, leader, starts_at=timezone.now() - timedelta(hours=2))
    client.force_login(factories.facilitator())
    assert client.get(f"{LIST}{session.pk}/attendance/").status_code == 404


def test_a_seat_holder_is_reminded_the_day_before_with_the_calendar_entry(cohort, leader, alumnus):
    session = session_for(cohort, leader, topic="Grading period one")
    OfficeHoursSeat.objects.create(session=session, enrollment=alumnus.enrollments.get())
    gave_up = EnrollmentFactory(cohort=cohort)
    OfficeHoursSeat.objects.create(session=session, enrollment=gave_up, cancelled_at=timezone.now())
    left = EnrollmentFactory(cohort=cohort, status="cancelled")
    OfficeHoursSeat.objects.create(session=session, enrollment=left)  # booked, then cancelled the registration
    mail.outbox.clear()

    send_reminders(session.local_start - timedelta(days=1, hours=6))

    [message] = [m for m in mail.outbox if "Tomorrow: Grading period one" in m.subject]
    assert message.to == [alumnus.email]
    assert message.attachments[0][0] == "office-hours.ics"


def test_the_office_hours_page_costs_the_same_however_many_there_are(
    client, cohort, leader, alumnus, django_assert_num_queries
):
    client.force_login(alumnus)
    client.get(LIST)
    for count in (1, 6):
        for _ in range(count):
            session_for(cohort, leader)
        with django_assert_num_queries(OFFICE_HOURS_PAGE_QUERIES):
            assert client.get(LIST).status_code == 200


# A fixed number, however many office hours there are (the sessions come with their seats taken and whether the
# person holds one in one query, the person's programs read inside it).
OFFICE_HOURS_PAGE_QUERIES = 3


def test_the_leaders_page_costs_the_same_however_many_they_lead(client, cohort, leader, django_assert_num_queries):
    client.force_login(leader)
    client.get(LIST)
    for count in (1, 6):
        for i in range(count):
            session_for(cohort, leader)
            session_for(cohort, leader, starts_at=timezone.now() - timedelta(days=i + 1))
        with django_assert_num_queries(LEADER_PAGE_QUERIES):
            assert client.get(LIST).status_code == 200


LEADER_PAGE_QUERIES = 8  # the same page, plus the programs they lead and the office hours they lead, upcoming and past


@pytest.mark.parametrize("program", ["learning-based-grading", "mastery-learning-and-grading"])
def test_the_implementation_page_of_each_program_leads_to_office_hours(client, program):
    from modules.models import NextStepsPage

    page = NextStepsPage.objects.get(url_path__contains=f"/{program}/")

    html = client.get(page.url).text

    assert '<h2 id="support-heading">Support while you put it to work</h2>' in html
    assert f'<a href="{LIST}">Office hours</a>' in html
    assert '<a href="/reminders/">choose which ones you get</a>' in html


def test_a_graduate_who_runs_a_site_cohort_still_sees_the_office_hours_she_may_join(
    client, alumnus, cohort, leader, series_cohort
):
    from django.contrib.auth.models import Group

    from pd_platform.accounts import roles

    alumnus.groups.add(Group.objects.get(name=roles.FACILITATOR))
    series_cohort.facilitators.add(alumnus)  # she runs the workshop series at her site
    session_for(cohort, leader, topic="Bring your revision")
    client.force_login(alumnus)

    card = client.get("/dashboard/").text.split('id="office-hours-heading"')[1].split("</section>")[0]

    assert "Bring your revision" in card
    assert "You have no office hours of your own scheduled." in card
    assert "Office hours: take a seat, schedule and take attendance" in card
