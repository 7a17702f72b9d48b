"""The status words and next step as the pages say them: every page reads ``coursework.standing``."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from cohorts.coursework.follow_ups import do_assign_follow_up
from cohorts.coursework.models import FollowUp
from cohorts.workshops import services as workshops
from modules.models import WorkshopPage
from tests.factories import CohortFactory, EnrollmentFactory

pytestmark = pytest.mark.django_db


def words(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return " ".join(response.content.decode().split())


def test_a_workshop_three_weeks_away_says_its_date_on_every_page_never_missing(client, participant, series_cohort):
    today = timezone.localdate()
    series_cohort.start_date = today - timedelta(days=7)
    series_cohort.save()
    enrollment = EnrollmentFactory(cohort=series_cohort, user=participant)
    sessions = workshops.schedule_sessions(series_cohort, today + timedelta(weeks=3))
    first = sessions[0]
    client.force_login(participant)
    when = f"Session on {first.date:%b} {first.date.day}"

    progress = words(client, f"/cohorts/enrollments/{enrollment.pk}/progress/")
    assert when in progress and "Missing" not in progress
    page = words(client, WorkshopPage.objects.get(pk=first.workshop_id).url)
    assert when in page and "Missing" not in page
    key = first.workshop.activities.get(kind="attendance").key
    activity = words(client, f"/cohorts/enrollments/{enrollment.pk}/activities/{key}/")
    assert f'Status: <span class="status status--scheduled">{when}</span>' in activity

    # The session ahead is the first thing to do: the home, My courses and the progress page say so.
    link = f"{first.workshop.title}</a> on {first.date:%A, %B} {first.date.day}"
    assert link in words(client, "/dashboard/")
    assert link in words(client, "/cohorts/my-courses/")
    assert link in progress


def test_a_follow_up_is_due_then_overdue_only_after_the_date_it_was_given(
    client, participant, facilitator, monkeypatch
):
    today = timezone.localdate()
    cohort = CohortFactory(start_date=today - timedelta(days=14), facilitators=[facilitator])
    enrollment = EnrollmentFactory(cohort=cohort, user=participant)
    due = today + timedelta(days=3)
    follow_up = do_assign_follow_up(facilitator, cohort, [enrollment.pk], "Bring your gradebook", "Bring it.", due)
    client.force_login(participant)
    url = f"/cohorts/enrollments/{enrollment.pk}/follow-ups/{follow_up.pk}/"
    assert f"Due {due:%b} {due.day}" in words(client, url)
    assert f"Due {due:%b} {due.day}" in words(client, f"/cohorts/enrollments/{enrollment.pk}/progress/")
    assert "Overdue" not in words(client, "/dashboard/")

    FollowUp.objects.filter(pk=follow_up.pk).update(due_on=today - timedelta(days=1))
    past = today - timedelta(days=1)
    assert f"Overdue (was due {past:%b} {past.day})" in words(client, url)
    assert f"overdue (was due {past:%b} {past.day})" in words(client, "/dashboard/")


def test_the_home_and_the_progress_page_give_the_same_count(client, participant):
    enrollment = EnrollmentFactory(cohort=CohortFactory(start_date=date.today()), user=participant)
    client.force_login(participant)
    sentence = "0 of 13 complete; 12 more needed for the certificate"
    home = words(client, "/dashboard/")
    assert f'Progress:</span> <a href="/cohorts/enrollments/{enrollment.pk}/progress/">{sentence}</a>' in home
    progress = words(client, f"/cohorts/enrollments/{enrollment.pk}/progress/")
    assert f"<strong>{sentence}</strong>" in progress and "You need 12 more." in progress
