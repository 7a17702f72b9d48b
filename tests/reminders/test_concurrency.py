"""Two beats running the reminders at the same moment on PostgreSQL: each goes out once."""

import io
from datetime import date, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cohorts.coursework.models import Review, Revision, Submission
from cohorts.reminders.models import ReminderSent
from cohorts.reminders.services import send_reminders
from modules.models import Activity
from tests.factories import CohortFactory, EnrollmentFactory, facilitator
from tests.registration.test_concurrency import run_at_once

from .conftest import business_days_later

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def content():
    if connection.vendor != "postgresql":
        pytest.skip("concurrency is tested on PostgreSQL: set DATABASE_URL=postgres://... (.ci/run does)")
    call_command("load_content", stdout=io.StringIO())


def test_simultaneous_runs_send_each_reminder_once():
    reviewer = facilitator()
    cohort = CohortFactory(start_date=date.today() - timedelta(days=14), facilitators=[reviewer])
    targets = Activity.objects.get(key="lbg-m02-learning-targets")
    people = [EnrollmentFactory(cohort=cohort) for _ in range(6)]
    for enrollment in people:
        submission = Submission.objects.create(
            enrollment=enrollment, activity=targets, status="needs_revision", submitted_at=timezone.now()
        )
        revision = Revision.objects.create(submission=submission, number=1, source="x", body="<p>x</p>")
        Review.objects.create(revision=revision, reviewer=reviewer, rating="needs_revision", feedback="<p>y</p>")
    mail.outbox.clear()
    moment = business_days_later(3)

    errors = run_at_once(4, lambda i: send_reminders(moment))

    assert errors == []
    revision_mail = [m for m in mail.outbox if "revision of Learning Targets" in m.subject]
    assert sorted(m.to[0] for m in revision_mail) == sorted(e.user.email for e in people)
    assert ReminderSent.objects.filter(kind="revision").count() == 6
