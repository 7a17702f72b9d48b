from datetime import date

import pytest
from django.core.cache import cache

from certificates import services
from cohorts.coursework.models import Review, Revision, Submission
from cohorts.coursework.selectors import program_activities
from tests import factories
from tests.factories import CohortFactory, EnrollmentFactory


@pytest.fixture
def reviewer(db):
    return factories.facilitator(full_name="Fran Okafor")


@pytest.fixture
def cohort(reviewer):
    return CohortFactory(name="Cohort 03", start_date=date.today(), facilitators=[reviewer])


@pytest.fixture
def make_progress(reviewer):
    """An enrollment with ``complete`` of its 13 required activities rated complete."""

    def make(complete, cohort, user=None, submitted=0):
        enrollment = EnrollmentFactory(cohort=cohort, **({"user": user} if user else {}))
        for i, activity in enumerate(program_activities(cohort.program_id)):
            status = "complete" if i < complete else ("submitted" if i < complete + submitted else None)
            if status is None:
                continue
            submission = Submission.objects.create(enrollment=enrollment, activity=activity, status=status)
            revision = Revision.objects.create(submission=submission, number=1, source="work", body="<p>work</p>")
            if status == "complete":
                Review.objects.create(revision=revision, reviewer=reviewer, rating="complete", feedback="<p>ok</p>")
        return enrollment

    return make


@pytest.fixture
def certified(cohort, make_progress):
    """A teacher leader certified in Learning-Based Grading (who may ask for a site cohort)."""
    from certificates import services

    enrollment = make_progress(13, cohort)
    services.award_certificate_if_complete(enrollment.pk)
    return enrollment.user


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """Verification lookups are counted per client in the cache: each test starts uncounted."""
    cache.clear()


@pytest.fixture
def awarded(cohort, make_progress, django_capture_on_commit_callbacks):
    """A certificate awarded by the completion engine, its PDF and credential produced."""
    with django_capture_on_commit_callbacks(execute=True):
        cert = services.award_certificate_if_complete(make_progress(13, cohort).pk)
    cert.refresh_from_db()
    return cert


@pytest.fixture
def certificate(awarded):
    return awarded
