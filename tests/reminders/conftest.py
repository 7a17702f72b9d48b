"""A cohort two weeks in, a participant in it and its facilitator; moments in the cohort's day."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from cohorts.coursework import services as coursework
from cohorts.registration.deadlines import is_business_day
from cohorts.registration.selectors import closed_days_between
from modules.models import Activity
from tests import factories
from tests.coursework.test_coursework import complete_welcome
from tests.factories import CohortFactory, EnrollmentFactory

ZONE = ZoneInfo("America/Los_Angeles")


def business_days_later(count, at=time(10, 0), start=None):
    """A moment ``count`` business days after today (or ``start``), at ``at`` in the cohort's zone."""
    day = start or datetime.now(ZONE).date()
    closed = closed_days_between(day, day + timedelta(days=count * 3 + 10))
    while count > 0:
        day += timedelta(days=1)
        if is_business_day(day, closed):
            count -= 1
    return datetime.combine(day, at, tzinfo=ZONE)


def activity(key):
    return Activity.objects.get(key=key)


@pytest.fixture
def course_facilitator(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(course_facilitator):
    return CohortFactory(
        start_date=date.today() - timedelta(days=14),
        end_date=date.today() + timedelta(weeks=8),
        facilitators=[course_facilitator],
    )


@pytest.fixture
def enrollment(cohort, participant):
    return EnrollmentFactory(cohort=cohort, user=participant)


def targets_needing_revision(enrollment, facilitator):
    """The participant's learning targets, reviewed today: needs revision."""
    complete_welcome(enrollment)
    revision = coursework.submit_revision(
        enrollment, activity("lbg-m02-learning-targets"), "- I can understand ratios."
    )
    coursework.review_submission(revision.submission, facilitator, "needs_revision", "Which verb can you observe?")
    return revision.submission
