"""Two beats running the reminders at the same moment on PostgreSQL: each goes out once."""

from datetime import date, timedelta

from django.core import mail
from django.utils import timezone

from cohorts.coursework.models import Review, Revision, Submission
from cohorts.reminders.models import ReminderSent
from cohorts.reminders.services import send_reminders
from modules.models import Activity
from tests.concurrency import ON_POSTGRESQL, run_at_once
from tests.factories import CohortFactory, EnrollmentFactory, facilitator

from .conftest import business_days_later

pytestmark = ON_POSTGRESQL


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
