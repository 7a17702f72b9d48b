"""A facilitator takes a session's attendance: reached from their home, the workshop's page and the
gradebook; one compact row per person, everyone present in one click, exceptions, one save."""

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from cohorts.coursework.models import Submission
from cohorts.hours.models import HoursEntry
from cohorts.workshops import services as workshops
from cohorts.workshops.models import Attendance
from modules.models import Activity, WorkshopPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db

QUERIES_ATTENDANCE_PAGE = 6  # the session, the cohort check, the people, their records (and the session's user)
QUERIES_SERIES_GRADEBOOK = 8  # a course's (tests/coursework), and the sessions behind the attendance columns


def people(cohort, count):
    return [EnrollmentFactory(cohort=cohort) for _ in range(count)]


def test_everyone_present_with_exceptions_in_one_save_and_the_same_queries_for_9_or_30(
    client, series_cohort, trainer, django_assert_num_queries
):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]  # Workshop 1, 120 minutes
    nine = people(series_cohort, 9)
    client.force_login(trainer)
    url = f"/cohorts/sessions/{session.pk}/attendance/"
    client.get(url)  # the session's first request also refreshes the session
    with django_assert_num_queries(QUERIES_ATTENDANCE_PAGE):
        html = client.get(url).content.decode()
    # One row per person, each control labelled with the person's name; the one control for all.
    assert html.count('class="attendance-table__row') == 9
    name = nine[0].user.full_name
    assert f'for="status-{nine[0].pk}">Attendance<span class="visually-hidden"> of {name}</span>' in html
    assert "Mark everyone present</button>" in html
    assert "9 of 9 not recorded yet." in html

    # Everyone present (what the button fills in), but one was absent and one left after an hour: one POST.
    absent, early = nine[3], nine[5]
    response = client.post(
        url,
        {
            **{f"status-{e.pk}": "present" for e in nine},
            f"status-{absent.pk}": "absent",
            f"status-{early.pk}": "partial",
            f"minutes-{early.pk}": "60",
        },
        follow=True,
    )
    assert "Attendance saved for Workshop 1" in response.content.decode()
    recorded = dict(Attendance.objects.filter(session=session).values_list("enrollment_id", "status"))
    assert len(recorded) == 9
    assert (
        "Everyone's attendance is recorded: change a row if it is wrong, then save." in client.get(url).content.decode()
    )
    assert recorded[absent.pk] == "absent" and recorded[early.pk] == "partial"
    assert [e for e in nine if recorded[e.pk] == "present"] == [e for e in nine if e not in (absent, early)]
    # The follow-ups as when rows were saved one by one: hours credited, the workshop's attendance complete.
    hours = dict(HoursEntry.objects.filter(source="workshop").values_list("enrollment_id", "hours"))
    assert hours[nine[0].pk] == Decimal("2.00") and hours[early.pk] == Decimal("1.00") and absent.pk not in hours
    attended = Activity.objects.get(key="mlg-w1-attendance")
    assert Submission.objects.get(enrollment=nine[0], activity=attended).status == "complete"
    assert Submission.objects.get(enrollment=absent, activity=attended).status == "missing"

    gradebook_url = f"/cohorts/{series_cohort.pk}/gradebook/"
    client.get(gradebook_url)  # a running site: the program's outline is in the cache
    with django_assert_num_queries(QUERIES_SERIES_GRADEBOOK):
        client.get(gradebook_url)
    people(series_cohort, 21)
    with django_assert_num_queries(QUERIES_ATTENDANCE_PAGE):  # thirty people, nine recorded: the same queries
        html = client.get(url).content.decode()
    assert html.count('class="attendance-table__row') == 30 and "21 of 30 not recorded yet." in html

    # The gradebook: Workshop 1's attendance column opens this page, each cell at the person's row.
    with django_assert_num_queries(QUERIES_SERIES_GRADEBOOK):  # thirty people: the same queries
        gradebook = client.get(gradebook_url).content.decode()
    assert f'<a href="{url}">Attendance</a>' in gradebook
    assert f'<td class="cell cell--complete"><a href="{url}#person-{nine[0].pk}">' in gradebook
    assert f'<td class="cell cell--missing"><a href="{url}#person-{absent.pk}">' in gradebook
    assert f'id="person-{absent.pk}"' in html
    assert re.search(r'<th scope="colgroup" colspan="1"[^>]*>Workshop 1</th>', gradebook)


def test_a_mistake_in_one_row_saves_nothing_and_keeps_what_was_chosen(client, series_cohort, trainer):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    a, b = people(series_cohort, 2)
    client.force_login(trainer)
    html = client.post(
        f"/cohorts/sessions/{session.pk}/attendance/", {f"status-{a.pk}": "absent", f"status-{b.pk}": "partial"}
    ).content.decode()
    assert "Nothing was saved" in html and "give the minutes attended" in html
    assert re.search(rf'id="status-{a.pk}"[^>]*>.*?<option value="absent" selected>', html, re.S)
    assert not Attendance.objects.exists()


def test_only_the_cohorts_facilitators_take_its_attendance(client, series_cohort):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[0]
    e = EnrollmentFactory(cohort=series_cohort)
    url = f"/cohorts/sessions/{session.pk}/attendance/"
    assert client.get(url)["Location"].startswith("/accounts/login/")
    assert client.post(url, {f"status-{e.pk}": "present"})["Location"].startswith("/accounts/login/")
    other = factories.facilitator()
    CohortFactory(program=series_cohort.program, facilitators=[other])
    for person in (other, e.user):
        client.force_login(person)
        assert client.get(url).status_code == 404
        assert client.post(url, {f"status-{e.pk}": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_the_facilitators_home_shows_the_next_session_and_attendance_not_taken(client, series_cohort, trainer):
    today = timezone.localdate()
    sessions = workshops.schedule_sessions(series_cohort, today - timedelta(days=7))
    held, following = sessions[0], sessions[1]  # a week ago, and the next one
    EnrollmentFactory(cohort=series_cohort)
    online = CohortFactory(start_date=today, facilitators=[trainer])  # an online-only course
    client.force_login(trainer)
    html = client.get("/dashboard/").content.decode()
    assert "Workshop sessions" in html
    assert f"Attendance not taken:</span> {held.workshop.title}" in html
    assert f'href="/cohorts/sessions/{held.pk}/attendance/"' in html
    assert f'href="/cohorts/sessions/{following.pk}/attendance/"' in html
    assert ("Today:" if following.date == today else "Next session:") in html  # a week after the first
    # Attendance is taken on the day; before it, the sheet is offered as who is registered.
    assert (">Take attendance</a>" if following.date == today else ">Who is registered</a>") in html
    workshops.record_attendance(held, series_cohort.enrollments.get(), "present", 0, trainer)
    assert "Attendance not taken" not in client.get("/dashboard/").content.decode()
    # A facilitator of an online-only course sees nothing of workshops, and has no sessions page.
    only_online = factories.facilitator()
    online.facilitators.add(only_online)
    client.force_login(only_online)
    assert "Workshop sessions" not in client.get("/dashboard/").content.decode()
    assert client.get(f"/cohorts/{online.pk}/sessions/").status_code == 404
    progress = client.get("/certificates/cohorts/progress/").content.decode()
    assert "Attending workshops" not in progress and "Sessions and attendance" not in progress
    client.force_login(trainer)
    progress = client.get("/certificates/cohorts/progress/").content.decode()
    assert progress.count("Attending workshops") == 1 and progress.count("Sessions and attendance") == 1


def test_the_workshop_page_links_each_of_my_cohorts_sessions_to_its_attendance(client, series_cohort, trainer):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    page = WorkshopPage.objects.get(pk=session.workshop_id)
    second = CohortFactory(program=series_cohort.program, name="Cohort Two", facilitators=[trainer])
    other_session = workshops.schedule_sessions(second, date(2030, 1, 21))[1]
    client.force_login(trainer)
    html = client.get(page.url).content.decode()
    assert f'<a href="/cohorts/sessions/{session.pk}/attendance/">Take attendance: {series_cohort.name}</a>' in html
    assert f'<a href="/cohorts/sessions/{other_session.pk}/attendance/">Take attendance: Cohort Two</a>' in html
    # Nobody else is shown them: another cohort's facilitator, a participant, a visitor.
    stranger = factories.facilitator()
    CohortFactory(program=series_cohort.program, facilitators=[stranger])
    enrolled = EnrollmentFactory(cohort=series_cohort).user
    for person in (stranger, enrolled, None):
        client.logout()
        if person:
            client.force_login(person)
        assert "Take attendance" not in client.get(page.url).content.decode()


def test_the_workshop_page_shows_a_participant_their_own_session(client, series_cohort, django_assert_num_queries):
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[1]
    session.place = "Room 204, Riverside District Office"
    session.save()
    other = CohortFactory(program=series_cohort.program, name="Cohort Two")
    workshops.schedule_sessions(other, date(2030, 3, 4))
    page = WorkshopPage.objects.get(pk=session.workshop_id)
    enrollment = EnrollmentFactory(cohort=series_cohort)
    client.force_login(enrollment.user)
    html = client.get(page.url).content.decode()
    assert "Your session" in html
    when = f"{session.date:%A, %B} {session.date.day}, {session.date.year}, {session.start_time:%-I:%M %p} to"
    assert when in html and "Room 204, Riverside District Office" in html
    assert f'href="/cohorts/enrollments/{enrollment.pk}/sessions.ics"' in html
    assert "Cohort Two" not in html  # only their own cohort's session
    # Nobody else is told of a session: someone of no cohort, a cancelled place, a visitor.
    cancelled = EnrollmentFactory(cohort=series_cohort, status="cancelled").user
    for person in (factories.participant(), cancelled, None):
        client.logout()
        if person:
            client.force_login(person)
        assert "Your session" not in client.get(page.url).content.decode()


def test_a_session_without_a_room_yet_says_where_the_room_will_show(client, series_cohort):
    """A site cohort's trainer, not the program office, sets the room: the page promises only what happens."""
    session = workshops.schedule_sessions(series_cohort, date(2030, 1, 14))[0]
    enrollment = EnrollmentFactory(cohort=series_cohort)
    client.force_login(enrollment.user)
    html = client.get(WorkshopPage.objects.get(pk=session.workshop_id).url).content.decode()
    assert "Where: not set yet. The room shows here and in your calendar feed once your facilitator sets it." in html
    assert "program office will tell you" not in html
