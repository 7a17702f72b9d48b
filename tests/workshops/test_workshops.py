"""Workshop cohorts: schedule, group size, attendance to hours, calendars, certification."""

from datetime import date, time
from decimal import Decimal

import pytest
from icalendar import Calendar

from cohorts.coursework.models import Submission
from cohorts.hours import rules
from cohorts.hours.models import HoursEntry
from cohorts.workshops import rules as workshop_rules
from cohorts.workshops import services as workshops
from cohorts.workshops.models import Attendance
from cohorts.workshops.selectors import group_status
from modules.models import Activity
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def test_proposed_dates_are_three_weeks_apart_and_skip_holidays():
    import holidays

    closed = frozenset(holidays.country_holidays("US", subdiv="CA", years=[2026, 2027]).keys())
    dates = workshop_rules.propose_dates(date(2026, 10, 19), 6, 3, closed)
    assert dates[0] == date(2026, 10, 19)  # Introduction
    assert dates[1] == date(2026, 10, 26)  # Workshop 1, a week later
    assert dates[2] == date(2026, 11, 16)
    # Mon 7 Dec, then Mon 28 Dec 2026; Mon 18 Jan 2027 is MLK Day: moved to Tuesday.
    assert dates[3:] == [date(2026, 12, 7), date(2026, 12, 28), date(2027, 1, 19)]


@pytest.mark.parametrize(
    "day, start, end, expected",
    [
        (date(2026, 12, 1), time(15, 45), time(17, 45), 120),  # after school
        (date(2026, 12, 1), time(14, 30), time(16, 30), 60),  # straddles the end of the day
        (date(2026, 12, 1), time(9, 0), time(11, 0), 0),  # within the contracted day
        (date(2026, 12, 5), time(9, 0), time(11, 0), 120),  # a Saturday
    ],
)
def test_minutes_outside_the_contracted_day(day, start, end, expected):
    assert rules.minutes_outside_contract(day, start, end, time(8, 0), time(15, 30)) == expected


def test_credited_hours_for_present_partial_absent_and_overrides():
    assert rules.credited_hours("present", 0, 120, 60) == (Decimal("2.00"), Decimal("1.00"))
    assert rules.credited_hours("partial", 90, 120, 120) == (Decimal("1.50"), Decimal("1.50"))
    assert rules.credited_hours("absent", 0, 120, 120) == (Decimal("0.00"), Decimal("0.00"))
    assert rules.credited_hours("present", 0, 120, 0, override=True) == (Decimal("2.00"), Decimal("2.00"))
    assert rules.credited_hours("present", 0, 120, 120, override=False) == (Decimal("2.00"), Decimal("0.00"))


def test_scheduling_creates_a_session_per_workshop_with_its_length(series_cohort):
    sessions = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))
    assert [s.workshop.number for s in sessions] == [0, 1, 2, 3, 4, 5]
    assert [s.minutes for s in sessions] == [90, 120, 120, 120, 120, 120]
    assert sessions[0].start_time == time(15, 45) and sessions[0].end_time == time(17, 15)
    # Running it again keeps what a facilitator moved.
    sessions[2].date = date(2030, 2, 20)
    sessions[2].save()
    again = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))
    assert again[2].date == date(2030, 2, 20)


def test_a_site_cohort_is_confirmed_only_with_eight_or_more(client, series_cohort, trainer):
    for _ in range(7):
        EnrollmentFactory(cohort=series_cohort)
    client.force_login(trainer)
    html = client.get(f"/cohorts/{series_cohort.pk}/sessions/").content.decode()
    assert (
        "Not confirmed yet:</strong> 7 registered; the series runs for groups of 8 or more, so 1 more is needed."
        in html
    )
    EnrollmentFactory(cohort=series_cohort)
    assert group_status(series_cohort) == (True, 8, 8)
    assert "Confirmed: 8 registered" in client.get(f"/cohorts/{series_cohort.pk}/sessions/").content.decode()


QUERIES_ATTENDANCE_PAGE = 6


def test_attendance_on_the_phone_page_credits_hours_and_completes_the_workshop(
    client, series_cohort, trainer, django_assert_num_queries
):
    riverside = factories.district("Riverside Unified", contract_start=time(8, 0), contract_end=time(15, 30))
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]  # Workshop 1, 15:45-17:45
    present, partial, absent = (
        EnrollmentFactory(cohort=series_cohort, user=factories.participant(district=riverside)) for _ in range(3)
    )
    client.force_login(trainer)
    url = f"/cohorts/sessions/{session.pk}/attendance/"
    client.get(url)  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_ATTENDANCE_PAGE):
        page = client.get(url)
    assert page.status_code == 200 and 'inputmode="numeric"' in page.content.decode()
    client.post(
        f"/cohorts/sessions/{session.pk}/attendance/",
        {
            f"status-{present.pk}": "present",
            f"status-{partial.pk}": "partial",
            f"minutes-{partial.pk}": "60",
            f"status-{absent.pk}": "absent",
        },
    )
    entries = {e.enrollment_id: e for e in HoursEntry.objects.filter(source="workshop")}
    assert (entries[present.pk].hours, entries[present.pk].hours_beyond_contract) == (Decimal("2.00"), Decimal("2.00"))
    assert entries[partial.pk].hours == Decimal("1.00")
    assert absent.pk not in entries
    attendance_activity = Activity.objects.get(key="mlg-w1-attendance")
    assert Submission.objects.get(enrollment=present, activity=attendance_activity).status == "complete"
    assert not Submission.objects.filter(enrollment=partial, activity=attendance_activity, status="complete").exists()
    for _ in range(5):
        EnrollmentFactory(cohort=series_cohort)
    with django_assert_num_queries(QUERIES_ATTENDANCE_PAGE):  # with records and more people: the same queries
        assert client.get(url).content.decode().count('class="attendance-table__row') == 8
    # Correcting the record corrects the ledger.
    workshops.record_attendance(session, present, "absent", 0, trainer)
    assert not HoursEntry.objects.filter(enrollment=present).exists()


def test_partial_without_minutes_is_refused_with_a_message(client, series_cohort, trainer):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    e = EnrollmentFactory(cohort=series_cohort)
    client.force_login(trainer)
    response = client.post(f"/cohorts/sessions/{session.pk}/attendance/", {f"status-{e.pk}": "partial"}, follow=True)
    assert "give the minutes attended" in response.content.decode()
    assert not Attendance.objects.exists()


def test_other_facilitators_and_participants_cannot_take_attendance(client, series_cohort):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[0]
    e = EnrollmentFactory(cohort=series_cohort)
    other = factories.facilitator()
    CohortFactory(facilitators=[other])
    for person in (other, e.user):
        client.force_login(person)
        assert client.get(f"/cohorts/sessions/{session.pk}/attendance/").status_code == 404
        assert (
            client.post(f"/cohorts/sessions/{session.pk}/attendance/", {f"status-{e.pk}": "present"}).status_code == 404
        )
        assert client.get(f"/cohorts/{series_cohort.pk}/sessions/").status_code == 404
    assert not Attendance.objects.exists()


def test_a_facilitator_moves_a_session(client, series_cohort, trainer):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[2]
    client.force_login(trainer)
    bad = client.post(
        f"/cohorts/sessions/{session.pk}/edit/",
        {"date": "2030-02-26", "start_time": "16:00", "end_time": "15:00", "place": "Library"},
    )
    assert "must end after it starts" in bad.content.decode()
    client.post(
        f"/cohorts/sessions/{session.pk}/edit/",
        {"date": "2030-02-26", "start_time": "16:00", "end_time": "18:00", "place": "Library"},
    )
    session.refresh_from_db()
    assert (session.date, session.place) == (date(2030, 2, 26), "Library")


def test_participants_download_and_subscribe_to_their_sessions(client, series_cohort):
    workshops.schedule_sessions(series_cohort, date(2030, 1, 14), place="Room 12")
    enrollment = EnrollmentFactory(cohort=series_cohort)
    client.force_login(enrollment.user)
    my_courses = client.get("/cohorts/my-courses/").content.decode()
    feed = __import__("re").search(r'href="(/cohorts/calendar/[^"]+)"', my_courses).group(1)
    response = client.get(f"/cohorts/enrollments/{enrollment.pk}/sessions.ics")
    assert response["Content-Type"].startswith("text/calendar")
    events = list(Calendar.from_ical(response.content).walk("VEVENT"))
    assert len(events) == 6
    first = events[0]
    assert str(first["LOCATION"]) == "Room 12"
    assert first.decoded("DTSTART").isoformat() == "2030-01-14T15:45:00-08:00"
    client.logout()
    subscribed = client.get(feed)
    assert subscribed.status_code == 200 and len(Calendar.from_ical(subscribed.content).walk("VEVENT")) == 6
    assert client.get("/cohorts/calendar/forged-token/workshops.ics").status_code == 404
    client.force_login(factories.participant())
    assert client.get(f"/cohorts/enrollments/{enrollment.pk}/sessions.ics").status_code == 404


def test_all_workshops_and_online_learning_certify_with_the_series_hours(
    series_cohort, trainer, django_capture_on_commit_callbacks
):
    from certificates.models import Certificate
    from cohorts.coursework import services as coursework

    sessions = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))
    enrollment = EnrollmentFactory(cohort=series_cohort)
    online = Activity.objects.filter(key__startswith="mlg-ol-")
    with django_capture_on_commit_callbacks(execute=True):
        for activity in online:
            submission = Submission.objects.create(enrollment=enrollment, activity=activity, status="submitted")
            from cohorts.coursework.models import Revision

            Revision.objects.create(submission=submission, number=1, source="done", body="<p>done</p>")
            coursework.review_submission(submission, trainer, "complete", "Complete.")
        for session in sessions[:-1]:
            workshops.record_attendance(session, enrollment, "present", 0, trainer)
    assert not Certificate.objects.exists()  # one workshop still to attend
    assert HoursEntry.objects.filter(enrollment=enrollment, source="online").count() == 4
    with django_capture_on_commit_callbacks(execute=True):
        workshops.record_attendance(sessions[-1], enrollment, "present", 0, trainer)
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert certificate.hours == Decimal("19.5") and certificate.course_title == "Mastery Learning and Grading"
    total = sum(HoursEntry.objects.filter(enrollment=enrollment).values_list("hours", flat=True))
    assert total == Decimal("19.50")


def test_editing_a_session_saves_its_date_times_and_room(series_cohort):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[2]
    workshops.edit_session(session, date(2030, 2, 26), time(16, 0), time(18, 0), "Library")
    session.refresh_from_db()
    assert (session.date, session.start_time, session.end_time, session.place) == (
        date(2030, 2, 26),
        time(16, 0),
        time(18, 0),
        "Library",
    )
