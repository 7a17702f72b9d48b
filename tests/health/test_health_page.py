"""The cohort health page: who is flagged and why, and the charts with their tables and CSV, for the
cohort's facilitators and the office only, in a fixed number of queries."""

import csv
import io
import re
from datetime import date, timedelta

import pytest
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.health.models import HealthThresholds
from cohorts.workshops import services as workshops
from modules.models import Activity, WorkshopSeriesPage
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

from .conftest import joined_days_ago, waiting_on_a_revision

pytestmark = pytest.mark.django_db

QUERIES_HEALTH_PAGE = 24


def page(client, cohort):
    response = client.get(f"/cohorts/{cohort.pk}/health/")
    assert response.status_code == 200
    return response.content.decode()


def test_each_flag_says_its_reason_and_threshold(client, cohort, course_facilitator, waiting):
    idle = joined_days_ago(EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ben Idle")), 12)
    joined_days_ago(EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Cy Fresh")), 2)
    client.force_login(course_facilitator)

    shown = page(client, cohort)

    assert "2 of 4 registered participants flagged" in shown  # Ana, Ben; not Cy (new), nor the Welcome partner
    assert "Revision waiting 7 days: Learning Targets" in shown and "(flagged after 6 days)" in shown
    assert "No activity in 12 days (nothing yet)" in shown
    assert "(flagged after 10 days without a post, submission, material or sign-in)" in shown
    assert "Cy Fresh" not in shown
    # The program sets its thresholds: a fortnight of quiet before a flag.
    HealthThresholds.objects.create(program=cohort.program, idle_days=14, revision_waiting_days=8)
    shown = page(client, cohort)
    assert "No activity in 12 days" not in shown and "Revision waiting" not in shown
    assert "0 of 4 registered participants flagged" in shown and "No one is flagged now." in shown
    # Activity clears the flag: Ben posts.
    HealthThresholds.objects.update(idle_days=10)
    assert "Ben Idle" in page(client, cohort)
    coursework.post_to_discussion(idle, Activity.objects.get(key="lbg-m00-introductions"), "Hello, I am back.")
    assert "Ben Idle" not in page(client, cohort)


def test_a_missed_workshop_is_flagged_and_attendance_charted(client):
    trainer = factories.facilitator(full_name="Terry Trainer")
    cohort = CohortFactory(
        program=WorkshopSeriesPage.objects.get(),
        start_date=date.today() - timedelta(days=60),
        end_date=date.today() + timedelta(days=60),
        facilitators=[trainer],
    )
    sessions = workshops.schedule_sessions(cohort, date.today() - timedelta(days=45))
    there, away = (
        EnrollmentFactory(cohort=cohort, user=factories.participant(full_name=name))
        for name in ("Dee Here", "Eli Away")
    )
    for enrollment, status in ((there, "present"), (away, "absent")):
        workshops.record_attendance(sessions[0], enrollment, status, 0, trainer)
        workshops.record_attendance(sessions[1], enrollment, "present", 0, trainer)
    client.force_login(trainer)

    shown = page(client, cohort)

    assert f"Missed {sessions[0].workshop.title}" in shown and "(flagged at the first missed session)" in shown
    assert "Attendance per workshop session" in shown
    assert f'<th scope="row">{sessions[0].workshop.title}</th><td class="num">1</td><td class="num">2</td>' in shown
    rows = list(csv.reader(io.StringIO(client.get(f"/cohorts/{cohort.pk}/health/?csv=attendance").content.decode())))
    assert rows[0] == ["\ufeffSession", "Attended", "Registered", "Percent"]
    assert rows[1] == [sessions[0].workshop.title, "1", "2", "50"]


def test_the_charts_carry_their_tables_and_csv(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    coursework.submit_revision(waiting, Activity.objects.get(key="lbg-m02-learning-targets"), "- I can compare ratios.")

    shown = page(client, cohort)

    for title in ("Progress over time", "Submissions waiting for feedback", "Revisions per activity"):
        assert f"{title} as a table</summary>" in shown
    assert "Attendance per workshop session" not in shown  # an online course has no sessions
    assert 'role="img" aria-labelledby="chart-progress-title"' in shown and 'viewBox="0 0 400 ' in shown
    week = timezone.localdate() - timedelta(days=timezone.localdate().weekday())
    rows = list(csv.reader(io.StringIO(client.get(f"/cohorts/{cohort.pk}/health/?csv=revisions").content.decode())))
    assert rows == [["\ufeffActivity", "Revisions asked for", "Revisions sent"], ["Learning Targets", "1", "1"]]
    waiting_rows = client.get(f"/cohorts/{cohort.pk}/health/?csv=waiting").content.decode()
    assert "Under 2 days,2" in waiting_rows  # the resubmission and the Welcome partner's post
    progress = client.get(f"/cohorts/{cohort.pk}/health/?csv=progress").content.decode()
    assert "Submissions rated complete" in progress and f"{week:%b}" in progress
    assert client.get(f"/cohorts/{cohort.pk}/health/?csv=nothing").status_code == 404


def test_only_the_cohorts_facilitators_and_the_office_see_it(client, cohort, waiting):
    url = f"/cohorts/{cohort.pk}/health/"
    for outsider in (factories.facilitator(), waiting.user, factories.content_editor()):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(url + "?csv=progress").status_code == 404
    client.logout()
    assert client.get(url).status_code == 302
    client.force_login(factories.program_admin())
    assert "Revision waiting 7 days" in page(client, cohort)


def add_people(cohort, facilitator, count):
    """People in every state the page reads: waiting on a revision, idle, posting, missing."""
    for n in range(count):
        enrollment = joined_days_ago(EnrollmentFactory(cohort=cohort), 15)
        if n % 2 == 0:
            waiting_on_a_revision(enrollment, facilitator, days_ago=6 + n)


def test_the_page_asks_the_same_number_of_queries_however_many_people(
    client, cohort, course_facilitator, django_assert_num_queries
):
    client.force_login(course_facilitator)
    add_people(cohort, course_facilitator, 2)
    page(client, cohort)  # the programs' outlines are cached from here on
    with django_assert_num_queries(QUERIES_HEALTH_PAGE):
        first = page(client, cohort)
    add_people(cohort, course_facilitator, 4)
    HealthThresholds.objects.create(program=cohort.program, idle_days=12)
    with django_assert_num_queries(QUERIES_HEALTH_PAGE):
        second = page(client, cohort)
    assert first.count('class="health-flag"') < second.count('class="health-flag"')


def test_the_facilitators_home_and_the_offices_cohort_progress_link_each_cohorts_health(
    client, cohort, course_facilitator
):
    link = f'<a href="/cohorts/{cohort.pk}/health/">'
    client.force_login(course_facilitator)
    assert (
        link + "who may need a word from you, and the cohort's charts</a>" in client.get("/dashboard/").content.decode()
    )
    client.force_login(factories.program_admin())
    assert (
        'opens from <a href="/certificates/cohorts/progress/">Cohort progress</a>'
        in client.get("/dashboard/").content.decode()
    )
    assert link + "Cohort health</a>" in client.get("/certificates/cohorts/progress/").content.decode()


def test_the_demo_cohort_has_people_flagged_for_their_reasons(client):
    from django.core.management import call_command

    from cohorts.registration.models import Cohort
    from pd_platform.accounts.models import User

    call_command("seed_demo", stdout=io.StringIO())
    cohort = Cohort.objects.get(program__slug="learning-based-grading", name="Cohort 03")
    client.force_login(User.objects.get(email="facilitator@example.org"))
    shown = page(client, cohort)
    assert re.search(r"Taylor Brooks</h3>.*?No activity in 14 days \(nothing yet\)", shown, re.S)
    assert re.search(r"Casey Nguyen</h3>.*?No activity in 12 days", shown, re.S)
    assert re.search(r"Pat Rivera</h3>.*?Revision waiting \d+ days: Learning Targets", shown, re.S)
    # The graduate met the requirement and has not filled in the evaluation.
    assert re.search(r"Gabriela Moreno</h3>.*?Evaluation not done", shown, re.S)
