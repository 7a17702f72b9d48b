"""The home: a to-do for each role. A participant sees per course what to do next; a
facilitator per cohort what waits; each in a fixed number of queries, and only their own."""

from datetime import date, timedelta

import pytest
from django.utils.html import escape

from certificates import services as certificate_services
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Submission
from cohorts.coursework.selectors import program_activities
from cohorts.workshops import services as workshops
from modules.models import Activity, CoursePage, WorkshopSeriesPage
from modules.outline import program_outlines
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def home(client, person):
    client.force_login(person)
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())  # the words as a reader meets them


def welcome_done(enrollment):
    Submission.objects.create(
        enrollment=enrollment, activity=Activity.objects.get(key="lbg-m00-introductions"), status="complete"
    )


def needing_revision(enrollment, facilitator, key="lbg-m02-learning-targets"):
    welcome_done(enrollment)
    activity = Activity.objects.get(key=key)
    submission = coursework.submit_revision(enrollment, activity, "I understand fractions.").submission
    coursework.review_submission(submission, facilitator, "needs_revision", "Use a measurable verb.")
    return submission


def test_a_new_participant_is_told_to_start_with_the_first_activity(client, participant):
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    html = home(client, participant)
    assert "What to do next" in html
    assert (
        f'<a href="/cohorts/enrollments/{enrollment.pk}/activities/lbg-m00-introductions/">Introductions</a> in Welcome'
        in html
    )
    assert "0 of 13 complete; 12 more needed for the certificate" in html
    assert f"finish by {enrollment.cohort.end_date:%A, %B}" in html


def test_feedback_waiting_for_a_revision_comes_first_with_its_date(client, participant, facilitator):
    enrollment = EnrollmentFactory(
        cohort=CohortFactory(start_date=date.today(), facilitators=[facilitator]), user=participant
    )
    needing_revision(enrollment, facilitator)
    html = home(client, participant)
    assert "Feedback waiting:" in html
    assert (
        f'href="/cohorts/enrollments/{enrollment.pk}/activities/lbg-m02-learning-targets/">Learning Targets</a>' in html
    )
    assert html.index("Feedback waiting:") < html.index("Next:")
    assert f"(feedback of {date.today():%B} {date.today().day})" in html


def test_four_modules_in_the_next_step_is_the_first_activity_not_done_not_an_unread_welcome_material(
    client, participant
):
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    activities = program_activities(enrollment.cohort.program_id)
    done = [a for a in activities if a.page.specific.number <= 3]  # Welcome and modules 01-03
    for activity in done:
        Submission.objects.create(enrollment=enrollment, activity=activity, status="complete")
    first = activities[len(done)]
    html = home(client, participant)
    link = f'<a href="/cohorts/enrollments/{enrollment.pk}/activities/{first.key}/">{escape(first.title)}</a> in {escape(first.page.title)}'
    assert link in html
    assert "in Welcome" not in html  # an unmarked material of the Welcome module is not "next"
    assert link in client.get("/cohorts/my-courses/").content.decode()  # My courses says the same


def test_the_next_workshop_session_and_the_certificate_when_awarded(client, participant, trainer, series_cohort):
    EnrollmentFactory(cohort=series_cohort, user=participant)
    first = workshops.schedule_sessions(series_cohort, date(2030, 1, 14), place="Room 4")[0]
    html = home(client, participant)
    assert "Your workshop series is open" not in html or "Next session:" in html
    assert f">{first.workshop.title}</a> {first.date:%A, %B} {first.date.day}" in html and "Room 4" in html

    lbg = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    for activity in program_activities(lbg.cohort.program_id):
        Submission.objects.create(enrollment=lbg, activity=activity, status="complete")
    certificate = certificate_services.award_certificate_if_complete(lbg.pk)
    certificate_services.produce_certificate(certificate.pk)
    html = home(client, participant)
    assert f'href="/certificates/{certificate.code}/download/">Download your certificate</a>' in html
    assert "you have met the completion requirement" in html
    # A graduate is offered what graduates do, and no deadline or course work.
    assert '<a href="/certificates/transcript/">Your transcript</a>' in html
    lbg_card = html[html.index(f"todo-{lbg.pk}") :]
    assert "Next deadline" not in lbg_card and "Fill in the evaluation" not in lbg_card


def test_a_course_not_yet_open_says_when_it_opens(client, participant):
    EnrollmentFactory(cohort=CohortFactory(start_date=date.today() + timedelta(days=60)), user=participant)
    html = home(client, participant)
    assert "Course access opens" in html
    assert "Next:" not in html


def test_a_participant_sees_only_their_own_courses(client, participant, facilitator):
    other = EnrollmentFactory(
        cohort=CohortFactory(start_date=date.today(), name="Cohort 77", facilitators=[facilitator])
    )
    needing_revision(other, facilitator)
    EnrollmentFactory(cohort=CohortFactory(start_date=date.today(), name="Cohort 12"), user=participant)
    html = home(client, participant)
    assert "Cohort 12" in html and "Cohort 77" not in html
    assert "Feedback waiting" not in html


def test_a_facilitator_sees_waiting_work_and_unanswered_discussions_of_their_cohorts_only(client, facilitator):
    mine = CohortFactory(start_date=date.today(), name="Cohort 21", facilitators=[facilitator])
    theirs = CohortFactory(start_date=date.today(), name="Cohort 22", facilitators=[factories.facilitator()])
    for cohort in (mine, theirs):
        for _ in range(2):
            enrollment = EnrollmentFactory(cohort=cohort)
            welcome_done(enrollment)
            coursework.submit_revision(enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "Targets")
    welcome = Activity.objects.get(key="lbg-m00-introductions")
    lonely = EnrollmentFactory(cohort=mine)
    coursework.post_to_discussion(lonely, welcome, "Hello, anyone?")
    answered = coursework.post_to_discussion(EnrollmentFactory(cohort=mine), welcome, "Hi all")
    coursework.post_to_discussion(lonely, welcome, "Welcome!", parent=answered)
    html = home(client, facilitator)
    assert "Cohort 21" in html and "Cohort 22" not in html
    # two learning targets, and the discussion post still waiting for a reply to count as complete
    assert f'href="/cohorts/review/?cohort={mine.pk}">3 submissions</a>, the oldest waiting since today' in html
    assert f'href="/cohorts/{mine.pk}/discussions/lbg-m00-introductions/">Introductions</a> (1 post)' in html


# The session, the user (with their roles, and whether they hold an invitation), their enrollments, the content's
# version (the programs' outlines from the cache), their submissions (with the date of the latest review of each
# needing a revision), their cohorts' workshop sessions, their certificates, the programs' surveys with their answers,
# the office hours of their programs (with their own seats). A course not yet open adds the closed days; an
# invitation held, its reading.
QUERIES_PARTICIPANT_HOME = 9
# 5, 1 for the workshop sessions card, 2 for the office-hours card, 1 for evaluations and check-ins, 2 for the
# community, 2 for feedback turnaround (whether they hold an invitation comes with the user)
QUERIES_FACILITATOR_HOME = 13


def test_the_participant_home_costs_the_same_with_more_courses_and_work(
    client, participant, facilitator, django_assert_num_queries
):
    from wagtail.models import Site

    series = WorkshopSeriesPage.objects.get()
    client.force_login(participant)
    client.get("/dashboard/")
    Site.get_site_root_paths()  # kept in the cache on a running site; the links to course pages read it
    program_outlines([series.pk, series.get_parent().get_children().type(CoursePage).first().pk])  # and so are these
    for round_ in range(2):
        lbg = EnrollmentFactory(
            cohort=CohortFactory(start_date=date.today(), facilitators=[facilitator]), user=participant
        )
        needing_revision(lbg, facilitator)
        cohort = CohortFactory(program=series, start_date=date.today())
        EnrollmentFactory(cohort=cohort, user=participant)
        workshops.schedule_sessions(cohort, date.today() + timedelta(days=7 + round_))
        with django_assert_num_queries(QUERIES_PARTICIPANT_HOME):
            assert client.get("/dashboard/").status_code == 200


def test_the_facilitator_home_costs_the_same_with_more_cohorts_and_work(client, facilitator, django_assert_num_queries):
    client.force_login(facilitator)
    client.get("/dashboard/")
    welcome = Activity.objects.get(key="lbg-m00-introductions")
    for _ in range(2):
        cohort = CohortFactory(start_date=date.today(), facilitators=[facilitator])
        enrollment = EnrollmentFactory(cohort=cohort)
        welcome_done(enrollment)
        coursework.submit_revision(enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "x")
        coursework.post_to_discussion(enrollment, welcome, "Hello")
        with django_assert_num_queries(QUERIES_FACILITATOR_HOME):
            assert client.get("/dashboard/").status_code == 200


def read_home(client):
    response = client.get("/dashboard/")
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_the_participant_home_costs_the_same_with_one_course_or_more_and_few_or_many_submissions(
    client, participant, facilitator, django_assert_num_queries
):
    from datetime import UTC, datetime

    from cohorts.workshops import office_hours

    lbg = EnrollmentFactory(cohort=CohortFactory(start_date=date.today(), facilitators=[facilitator]), user=participant)
    client.force_login(participant)
    read_home(client)  # the outlines and the site's root paths, as a running site keeps them
    with django_assert_num_queries(QUERIES_PARTICIPANT_HOME):  # one course, nothing submitted
        assert "0 of 13 complete" in read_home(client)
    # Office hours with a seat taken, every activity of the course complete, and a second course.
    session = office_hours.schedule_office_hours(
        facilitator, lbg.cohort.program_id, datetime(2030, 3, 4, 16, tzinfo=UTC), 60, "Room 9", 10
    )
    office_hours.do_take_seat(participant, session.pk)
    for activity in program_activities(lbg.cohort.program_id):
        Submission.objects.create(enrollment=lbg, activity=activity, status="complete")
    EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    with django_assert_num_queries(QUERIES_PARTICIPANT_HOME):
        html = read_home(client)
    assert "13 of 13 complete" in html and "you have a seat" in html


def test_a_course_not_yet_open_adds_one_query_for_its_access_date(client, participant, django_assert_num_queries):
    EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    client.force_login(participant)
    read_home(client)
    EnrollmentFactory(cohort=CohortFactory(start_date=date.today() + timedelta(days=60)), user=participant)
    with django_assert_num_queries(QUERIES_PARTICIPANT_HOME + 1):  # the office's closed days before its start
        html = read_home(client)
    assert "Course access opens" in html and "0 of 13 complete" in html
