"""A course cohort two weeks in with its facilitator (the reminders' fixtures), and a participant waiting on a
revision."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cohorts.coursework import services as coursework
from cohorts.coursework.models import Review
from cohorts.registration.models import Enrollment
from modules.models import Activity
from tests import factories
from tests.coursework.test_coursework import complete_welcome
from tests.factories import EnrollmentFactory
from tests.reminders.conftest import cohort, course_facilitator  # noqa: F401 (fixtures)


def joined_days_ago(enrollment, days):
    Enrollment.objects.filter(pk=enrollment.pk).update(created_at=timezone.now() - timedelta(days=days))
    enrollment.refresh_from_db()
    return enrollment


def waiting_on_a_revision(enrollment, facilitator, days_ago=7):
    """Their learning targets, rated needs revision ``days_ago`` days ago, not sent again since."""
    complete_welcome(enrollment)
    revision = coursework.submit_revision(
        enrollment, Activity.objects.get(key="lbg-m02-learning-targets"), "- I can understand ratios."
    )
    coursework.review_submission(revision.submission, facilitator, "needs_revision", "Which verb can you observe?")
    Review.objects.filter(revision=revision).update(created_at=timezone.now() - timedelta(days=days_ago))
    return revision.submission


@pytest.fixture
def waiting(cohort, course_facilitator):  # noqa: F811 (the imported fixtures)
    """A participant whose revision has waited a week (and who posted in the Welcome module then)."""
    enrollment = joined_days_ago(EnrollmentFactory(cohort=cohort, user=factories.participant(full_name="Ana Ruiz")), 20)
    waiting_on_a_revision(enrollment, course_facilitator)
    return enrollment
