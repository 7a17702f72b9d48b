"""From a flag, one click sends that person a nudge: once, logged, and never to someone who
turned nudges off or to anyone outside the sender's cohorts."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from cohorts.coursework import follow_ups
from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review, Submission
from cohorts.health.models import Nudge
from cohorts.reminders.models import ReminderSent
from cohorts.reminders.services import do_opt_out
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory

from .conftest import joined_days_ago

pytestmark = pytest.mark.django_db

REVISION = re.compile(r"Revision waiting 7 days: .*Learning Targets")


def nudge_form(client, cohort, enrollment):
    page = client.get(f"/cohorts/{cohort.pk}/health/").content.decode()
    reason, period = re.search(
        rf'action="/cohorts/{cohort.pk}/health/nudge/{enrollment.pk}/".*?name="reason" value="(\w+)".*?name="period" value="([^"]+)"',
        page,
        re.S,
    ).groups()
    return f"/cohorts/{cohort.pk}/health/nudge/{enrollment.pk}/", {"reason": reason, "period": period}


def test_a_facilitator_nudges_once_however_often_they_click(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    page = client.get(f"/cohorts/{cohort.pk}/health/").content.decode()
    assert REVISION.search(page) and "flagged after 6 days" in page
    assert "E-mail Ana Ruiz “Your revision of" in page
    url, data = nudge_form(client, cohort, waiting)

    first = client.post(url, data, follow=True).content.decode()
    client.post(url, data)

    [message] = mail.outbox
    assert message.to == [waiting.user.email]
    assert message.subject.endswith("Your revision of Learning Targets is waiting")
    assert "Fran Okafor sent you this note" in message.body
    assert f"/cohorts/enrollments/{waiting.pk}/activities/lbg-m02-learning-targets/" in message.body
    assert "/reminders/unsubscribe/" in message.body and message.extra_headers["List-Unsubscribe"]
    assert "Ana Ruiz was sent “Your revision of Learning Targets is waiting”" in first
    assert re.search(r"Nudged on \w{3} \d+, \d{4} by Fran Okafor", first)
    nudge = Nudge.objects.get()
    assert (nudge.sent_by, nudge.reason) == (course_facilitator, "revision")
    assert ReminderSent.objects.filter(kind="nudge", recipient=waiting.user).count() == 1  # in the office's log


def test_the_office_may_nudge_too(client, cohort, waiting):
    client.force_login(factories.program_admin())
    url, data = nudge_form(client, cohort, waiting)
    client.post(url, data)
    assert len(mail.outbox) == 1


def test_someone_who_turned_nudges_off_gets_none(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    url, data = nudge_form(client, cohort, waiting)
    do_opt_out(waiting.user.pk, "nudge")

    page = client.post(url, data, follow=True).content.decode()

    assert mail.outbox == [] and not Nudge.objects.exists()
    assert "Nothing was sent: Ana Ruiz has turned off notes from facilitators." in page


def test_the_unsubscribe_link_in_a_nudge_turns_nudges_off(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    url, data = nudge_form(client, cohort, waiting)
    client.post(url, data)
    link = re.search(r"https?://\S+/reminders/unsubscribe/\S+/", mail.outbox[0].body).group()
    client.logout()
    client.post(link[link.index("/reminders/") :])
    assert waiting.user.reminder_opt_outs.filter(kind="nudge").exists()


def test_no_nudge_for_people_outside_the_senders_cohorts(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    url, data = nudge_form(client, cohort, waiting)
    other_facilitator = factories.facilitator()
    own = CohortFactory(facilitators=[other_facilitator])
    client.force_login(other_facilitator)
    assert client.post(url, data).status_code == 404
    assert client.get(f"/cohorts/{cohort.pk}/health/").status_code == 404
    # Their own cohort's number with someone of another cohort: refused as well.
    assert client.post(f"/cohorts/{own.pk}/health/nudge/{waiting.pk}/", data).status_code == 404
    client.force_login(waiting.user)
    assert client.post(url, data).status_code == 404
    assert mail.outbox == [] and not Nudge.objects.exists()


def test_a_flag_that_has_cleared_sends_nothing(client, cohort, course_facilitator, waiting):
    client.force_login(course_facilitator)
    url, _ = nudge_form(client, cohort, waiting)
    page = client.post(url, {"reason": "revision", "period": "review:999999"}, follow=True).content.decode()
    assert "That flag has cleared for Ana Ruiz: nothing was sent." in page
    assert mail.outbox == []


def test_someone_registered_in_another_cohort_cannot_be_nudged_through_this_one(client, cohort, course_facilitator):
    elsewhere = EnrollmentFactory()
    client.force_login(course_facilitator)
    response = client.post(f"/cohorts/{cohort.pk}/health/nudge/{elsewhere.pk}/", {"reason": "idle", "period": "x"})
    assert response.status_code == 404


def test_a_nudge_about_a_follow_up_revision_links_to_the_follow_up(client, cohort, course_facilitator):
    enrollment = joined_days_ago(EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Bo Lee")), 20)
    follow_up = follow_ups.do_assign_follow_up(
        course_facilitator, cohort, [enrollment.pk], title="Bring your revised gradebook", prompt_source="Bring it."
    )
    address = f"/cohorts/enrollments/{enrollment.pk}/follow-ups/{follow_up.pk}/"
    client.force_login(enrollment.user)
    client.post(address, {"source": "Here is my gradebook."})
    submission = Submission.objects.get(follow_up=follow_up)
    coursework.review_submission(submission, course_facilitator, "needs_revision", "Add the retake column.")
    Review.objects.filter(revision__submission=submission).update(created_at=timezone.now() - timedelta(days=7))

    client.force_login(course_facilitator)
    assert (
        "Revision waiting 7 days: Bring your revised gradebook"
        in client.get(f"/cohorts/{cohort.pk}/health/").content.decode()
    )
    url, data = nudge_form(client, cohort, enrollment)
    client.post(url, data)
    [message] = mail.outbox
    assert message.subject.endswith("Your revision of Bring your revised gradebook is waiting")
    assert address in message.body
